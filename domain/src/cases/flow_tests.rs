//! The rest of the case rules against a real database: self-help answers,
//! duplicates and merges, field-edit rights, CC, paging and the kept counts.

use std::time::Duration;

use crate::auth::{accounts, Admin, Person, Role, Staff};
use crate::cases::edit::update;
use crate::cases::filter::{CaseFilter, Cursor};
use crate::cases::lifecycle::status_counts;
use crate::cases::listing::{list_all, list_for_requester, PAGE_SIZE};
use crate::cases::merge::merge;
use crate::cases::open::{open_case, open_case_for, NewCase, Opened};
use crate::cases::record::CaseEdit;
use crate::cases::store::{open_for_viewer, reply, reply_with_files, set_status};
use crate::cases::{requester, self_help};
use crate::cases::{ActivityKind, CaseStatus, CaseType, Origin};
use crate::db::testing::{test_db, TestDb};
use crate::error::AppError;
use crate::validate::{Field, MessageBody, Problem, Subject};

struct World {
    t: TestDb,
    ana: Person,
    bob: Person,
    agent: Staff,
    admin: Admin,
}

async fn world() -> World {
    let t = test_db().await;
    let mk = |role, name: &'static str, email: &'static str| {
        let db = t.db.clone();
        async move {
            accounts::register(&db, role, name, email, "password-123")
                .await
                .unwrap()
        }
    };
    World {
        ana: mk(Role::Customer, "Ana", "ana@example.com").await,
        bob: mk(Role::Customer, "Bob", "bob@example.com").await,
        agent: mk(Role::Agent, "Alex", "agent@example.com")
            .await
            .staff()
            .unwrap(),
        admin: mk(Role::Admin, "Ada", "admin@example.com")
            .await
            .staff()
            .and_then(|s| s.admin())
            .unwrap(),
        t,
    }
}

fn body(s: &str) -> MessageBody {
    MessageBody::parse(s).unwrap()
}

fn new_case(subject: &str, case_type: CaseType, text: &str) -> NewCase {
    NewCase::new(Subject::parse(subject).unwrap(), case_type, body(text))
}

async fn open(w: &World, who: &Person, subject: &str, case_type: CaseType) -> Opened {
    w.t.db.clock.advance(Duration::from_secs(60));
    open_case(&w.t.db, who, &new_case(subject, case_type, "Please help"))
        .await
        .unwrap()
}

async fn rows(w: &World, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&w.t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_self_help_answer_waits_for_yes_or_no() {
    let w = world().await;
    let title = Subject::parse("Reset your password").unwrap();
    let text = body("Use the link on the sign-in page.");
    assert_eq!(
        w.agent.admin().err(),
        Some(AppError::Forbidden),
        "only admins configure answers"
    );
    self_help::add(&w.t.db, &w.admin, CaseType::ACCOUNT, &title, &text)
        .await
        .unwrap();

    let yes = open(&w, &w.ana, "Cannot sign in", CaseType::ACCOUNT)
        .await
        .number();
    let case = open_for_viewer(&w.t.db, &w.ana, yes).await.unwrap();
    assert_eq!(case.status, CaseStatus::AwaitingConfirmation);
    assert_eq!(case.messages.len(), 2);
    assert_eq!(case.messages[1].author, None, "written by the system");
    assert!(case.messages[1].body.contains("Reset your password"));
    assert_eq!(
        requester::confirm(&w.t.db, &w.bob, yes, true).await,
        Err(AppError::NotFound)
    );
    requester::confirm(&w.t.db, &w.ana, yes, true)
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.ana, yes).await.unwrap();
    assert_eq!(case.status, CaseStatus::ClosedByCustomer);
    assert_eq!(
        requester::confirm(&w.t.db, &w.ana, yes, false).await,
        Err(AppError::CaseClosed)
    );

    let no = open(&w, &w.ana, "Still cannot sign in", CaseType::ACCOUNT)
        .await
        .number();
    requester::confirm(&w.t.db, &w.ana, no, false)
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.ana, no).await.unwrap();
    assert_eq!(case.status, CaseStatus::New, "back in the queue");
    assert_eq!(
        requester::confirm(&w.t.db, &w.ana, no, true).await,
        Err(AppError::invalid(Field::Status, Problem::Unknown)),
        "only while awaiting confirmation"
    );

    let other = open(&w, &w.ana, "Printer", CaseType::TECHNICAL)
        .await
        .number();
    let case = open_for_viewer(&w.t.db, &w.ana, other).await.unwrap();
    assert_eq!(
        case.status,
        CaseStatus::New,
        "types without answers get none"
    );
}

#[tokio::test]
async fn a_second_case_of_a_type_joins_the_active_one() {
    let w = world().await;
    let first = open(&w, &w.ana, "Invoice missing", CaseType::FINANCE).await;
    assert!(matches!(first, Opened::New(_)));
    let n = first.number();
    set_status(&w.t.db, &w.agent, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    let second = open(&w, &w.ana, "Invoice still missing", CaseType::FINANCE).await;
    assert_eq!(second, Opened::AddedTo(n));
    let case = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(case.messages.len(), 2);
    assert!(case.messages[1].body.starts_with("Invoice still missing"));
    assert_eq!(
        case.status,
        CaseStatus::New,
        "a customer message reopens it"
    );
    assert_eq!(rows(&w, "cases").await, 1);

    // Another type, another customer, or a closed case: a new case.
    assert!(matches!(
        open(&w, &w.ana, "Login", CaseType::ACCOUNT).await,
        Opened::New(_)
    ));
    assert!(matches!(
        open(&w, &w.bob, "Invoice", CaseType::FINANCE).await,
        Opened::New(_)
    ));
    set_status(&w.t.db, &w.agent, n, CaseStatus::Closed)
        .await
        .unwrap();
    assert!(matches!(
        open(&w, &w.ana, "Invoice again", CaseType::FINANCE).await,
        Opened::New(_)
    ));
}

#[tokio::test]
async fn staff_merge_a_case_into_another() {
    let w = world().await;
    let b = open(&w, &w.ana, "Card declined", CaseType::FINANCE)
        .await
        .number();
    let a = open(&w, &w.bob, "Payment refused", CaseType::FINANCE)
        .await
        .number();
    w.t.db.clock.advance(Duration::from_secs(60));
    let receipt = crate::files::save::Placed {
        key: "receipt-key".into(),
        name: "receipt.pdf".into(),
        kind: crate::files::FileKind::Pdf,
        size: 10,
    };
    reply_with_files(
        &w.t.db,
        &w.bob,
        a,
        "Second try failed too",
        &[receipt],
        true,
    )
    .await
    .unwrap();

    assert_eq!(w.ana.staff().err(), Some(AppError::Forbidden));
    assert_eq!(
        merge(&w.t.db, &w.agent, a, a).await,
        Err(AppError::invalid(Field::MergeTarget, Problem::Malformed))
    );
    assert_eq!(
        merge(&w.t.db, &w.agent, a, 9999).await,
        Err(AppError::invalid(Field::MergeTarget, Problem::Unknown))
    );
    merge(&w.t.db, &w.agent, a, b).await.unwrap();

    let source = open_for_viewer(&w.t.db, &w.bob, a).await.unwrap();
    assert_eq!(source.status, CaseStatus::Duplicate);
    assert_eq!(source.duplicate_of, Some(b));
    assert!(source
        .activity
        .iter()
        .any(|e| e.kind == ActivityKind::MergedInto(b)));
    assert_eq!(
        reply(&w.t.db, &w.bob, a, &body("hello")).await,
        Err(AppError::CaseClosed),
        "a duplicate is final"
    );

    let target = open_for_viewer(&w.t.db, &w.agent, b).await.unwrap();
    let files: Vec<_> = target
        .messages
        .iter()
        .flat_map(|m| {
            m.attachments
                .iter()
                .map(|f| (m.body.as_str(), f.name.as_str()))
        })
        .collect();
    assert_eq!(
        files,
        [("Second try failed too", "receipt.pdf")],
        "files follow their message"
    );
    let bodies: Vec<_> = target.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(
        bodies,
        ["Please help", "Please help", "Second try failed too"]
    );
    let times: Vec<_> = target.messages.iter().map(|m| m.created_at).collect();
    assert!(times.windows(2).all(|p| p[0] <= p[1]), "in time order");
    assert_eq!(
        target.fields.cc,
        ["bob@example.com"],
        "A's requester follows B"
    );
    assert!(target
        .activity
        .iter()
        .any(|e| e.kind == ActivityKind::MergedFrom(a)));
    // Bob, now in CC, sees B and may answer there.
    reply(&w.t.db, &w.bob, b, &body("Thanks")).await.unwrap();

    assert_eq!(
        merge(&w.t.db, &w.agent, a, b).await,
        Err(AppError::CaseClosed),
        "never twice"
    );
}

#[tokio::test]
async fn customers_edit_only_their_own_fields() {
    let w = world().await;
    let n = open(&w, &w.ana, "Billing address", CaseType::FINANCE)
        .await
        .number();
    let own = CaseEdit {
        tax_id: Some("B12345678".into()),
        company: Some("Acme SL".into()),
        phone: Some("+34 600 000 000".into()),
        cc: Some("boss@example.com".into()),
        ..Default::default()
    };
    update(&w.t.db, &w.ana, n, &own.check(false).unwrap())
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(case.fields.tax_id, "B12345678");
    assert_eq!(case.fields.cc, ["boss@example.com"]);
    let edits = case
        .activity
        .iter()
        .filter(|e| matches!(e.kind, ActivityKind::Field { .. }))
        .count();
    assert_eq!(edits, 4, "each change is logged");

    // A hand-made request for a staff-only field changes nothing.
    let events = rows(&w, "case_events").await;
    let sneaky = crate::cases::record::CheckedEdit {
        country: Some("FR".into()),
        tax_id: Some("X".into()),
        ..Default::default()
    };
    assert_eq!(
        update(&w.t.db, &w.ana, n, &sneaky).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        update(&w.t.db, &w.bob, n, &sneaky).await,
        Err(AppError::NotFound)
    );
    assert_eq!(rows(&w, "case_events").await, events);
    let case = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(
        (case.fields.country.as_str(), case.fields.tax_id.as_str()),
        ("", "B12345678")
    );

    // Staff change anything.
    let all = CaseEdit {
        subject: Some("Billing address change".into()),
        case_type: Some("account".into()),
        priority: Some("urgent".into()),
        country: Some("ES".into()),
        brand: Some("Acme".into()),
        product: Some("Trading".into()),
        ..Default::default()
    };
    update(&w.t.db, &w.agent, n, &all.check(true).unwrap())
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.agent, n).await.unwrap();
    assert_eq!(case.subject, "Billing address change");
    assert_eq!(case.case_type, CaseType::ACCOUNT);
    assert_eq!(case.fields.country, "ES");
}

#[tokio::test]
async fn people_in_cc_see_the_case_once_they_have_an_account() {
    let w = world().await;
    let mut new = new_case("Shared issue", CaseType::TECHNICAL, "See CC");
    new.fields.cc = vec!["carla@example.com".into()];
    let n = open_case(&w.t.db, &w.ana, &new).await.unwrap().number();
    assert_eq!(
        open_for_viewer(&w.t.db, &w.bob, n).await.map(|_| ()),
        Err(AppError::NotFound)
    );
    let carla = accounts::register(
        &w.t.db,
        Role::Customer,
        "Carla",
        "carla@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let mine = list_for_requester(&w.t.db, &carla, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(mine.rows.iter().map(|c| c.number).collect::<Vec<_>>(), [n]);
    reply(&w.t.db, &carla, n, &body("Same here")).await.unwrap();
    let case = open_for_viewer(&w.t.db, &carla, n).await.unwrap();
    assert!(!case.viewer_is_requester, "only the requester closes it");
}

#[tokio::test]
async fn staff_open_a_case_for_a_customer_and_pages_follow_a_cursor() {
    let w = world().await;
    let total = PAGE_SIZE as usize + 5;
    for i in 0..total {
        let mut new = new_case(&format!("Phone call {i}"), CaseType::OTHER, "Called us");
        new.origin = Origin::Phone;
        let opened = open_case_for(&w.t.db, &w.agent, &w.ana.email, &new)
            .await
            .unwrap();
        assert!(matches!(opened, Opened::New(_)), "staff cases never merge");
    }
    let first = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(first.rows.len(), PAGE_SIZE as usize);
    assert_eq!(first.rows[0].origin, Origin::Phone);
    let after = Cursor::parse(first.next.as_deref().unwrap()).unwrap();
    let second = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), after)
        .await
        .unwrap();
    assert_eq!(second.rows.len(), 5);
    assert_eq!(second.next, None);
    let mut seen: Vec<i64> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|c| c.number)
        .collect();
    seen.dedup();
    assert_eq!(seen.len(), total, "no row twice, none missed");
    assert!(Cursor::parse("nonsense").is_err());
}

#[tokio::test]
async fn status_counts_are_kept_in_step() {
    let w = world().await;
    let a = open(&w, &w.ana, "One", CaseType::TECHNICAL).await.number();
    let b = open(&w, &w.ana, "Two", CaseType::FINANCE).await.number();
    open(&w, &w.bob, "Three", CaseType::TECHNICAL).await;
    set_status(&w.t.db, &w.agent, a, CaseStatus::Resolved)
        .await
        .unwrap();
    merge(&w.t.db, &w.agent, b, a).await.unwrap();
    let counted: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM cases GROUP BY status")
            .fetch_all(&w.t.db.read)
            .await
            .unwrap();
    let kept = status_counts(&w.t.db, &w.agent).await.unwrap();
    for (status, n) in kept {
        let real = counted
            .iter()
            .find(|(s, _)| s == status.as_str())
            .map_or(0, |c| c.1);
        assert_eq!(n, real, "{status:?}");
    }
    let all = list_all(&w.t.db, &w.agent, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(all.rows.len(), 3);
}
