//! Cases against a real database: ownership, the highlight, and the status
//! rules as the store applies them.

use std::time::Duration;

use super::*;
use crate::auth::{accounts, Person, Role, Staff};
use crate::cases::filter::{CaseFilter, Sort};
use crate::cases::listing::{list_all, list_for_requester};
use crate::cases::open::{open_case, NewCase};
use crate::cases::Origin;
use crate::db::testing::{test_db, TestDb};
use crate::validate::Subject;

struct World {
    t: TestDb,
    ana: Person,
    bob: Person,
    agent: Staff,
    /// Cases take turns through the types, so a customer's open cases
    /// never join each other as duplicates.
    opened: std::sync::atomic::AtomicUsize,
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
    let ana = mk(Role::Customer, "Ana", "ana@example.com").await;
    let bob = mk(Role::Customer, "Bob", "bob@example.com").await;
    let agent = mk(Role::Agent, "Alex", "agent@example.com")
        .await
        .staff()
        .unwrap();
    World {
        t,
        ana,
        bob,
        agent,
        opened: Default::default(),
    }
}

fn body(s: &str) -> MessageBody {
    MessageBody::parse(s).unwrap()
}

async fn open(w: &World, who: &Person, subject: &str) -> i64 {
    w.t.db.clock.advance(Duration::from_secs(60));
    let turn = w.opened.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let case_type = CaseType::BUILT_IN[turn % 4].clone();
    let new = NewCase::new(
        Subject::parse(subject).unwrap(),
        case_type,
        body("Please help"),
    );
    open_case(&w.t.db, who, &new).await.unwrap().number()
}

async fn message_count(w: &World) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&w.t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_case_gets_the_next_number_and_starts_new_from_the_web() {
    let w = world().await;
    let first = open(&w, &w.ana, "First").await;
    let second = open(&w, &w.ana, "Second").await;
    assert_eq!((first, second), (1001, 1002));
    let case = open_for_viewer(&w.t.db, &w.ana, first).await.unwrap();
    assert_eq!(case.status, CaseStatus::New);
    assert_eq!(case.origin, Origin::Web);
    assert_eq!(case.messages.len(), 1);
    assert_eq!(case.messages[0].body, "Please help");
    assert!(!case.viewer_is_staff);
}

#[tokio::test]
async fn my_cases_lists_only_mine_last_updated_first() {
    let w = world().await;
    let a1 = open(&w, &w.ana, "Ana one").await;
    open(&w, &w.bob, "Bob one").await;
    let a2 = open(&w, &w.ana, "Ana two").await;
    let mine: Vec<i64> = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(mine, [a2, a1]);
    assert_eq!(
        list_all(&w.t.db, &w.agent, &CaseFilter::default(), None)
            .await
            .unwrap()
            .rows
            .len(),
        3
    );
}

#[tokio::test]
async fn another_customers_case_reads_exactly_like_a_missing_one() {
    let w = world().await;
    let n = open(&w, &w.ana, "Private").await;
    let foreign = open_for_viewer(&w.t.db, &w.bob, n).await;
    let missing = open_for_viewer(&w.t.db, &w.bob, 999_999).await;
    assert_eq!(foreign, Err(AppError::NotFound));
    assert_eq!(foreign, missing);
    let before = message_count(&w).await;
    assert_eq!(
        reply(&w.t.db, &w.bob, n, &body("let me in")).await,
        Err(AppError::NotFound)
    );
    assert_eq!(message_count(&w).await, before);
}

#[tokio::test]
async fn a_staff_answer_moves_the_case_first_and_highlights_it_until_opened() {
    let w = world().await;
    let older = open(&w, &w.ana, "Older").await;
    let newer = open(&w, &w.ana, "Newer").await;
    w.t.db.clock.advance(Duration::from_secs(60));
    reply(&w.t.db, &w.agent, older, &body("Here is your answer"))
        .await
        .unwrap();

    let list = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap()
        .rows;
    assert_eq!((list[0].number, list[0].unread), (older, true));
    assert_eq!((list[1].number, list[1].unread), (newer, false));

    w.t.db.clock.advance(Duration::from_secs(1));
    let case = open_for_viewer(&w.t.db, &w.ana, older).await.unwrap();
    assert_eq!(case.messages.last().unwrap().body, "Here is your answer");
    assert!(case.messages.last().unwrap().from_staff);
    assert_eq!(case.status, CaseStatus::InProgress);

    // Read stays read, whatever the customer does next.
    let list = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap()
        .rows;
    assert!(!list[0].unread);
    w.t.db.clock.advance(Duration::from_secs(60));
    reply(&w.t.db, &w.ana, older, &body("Thanks!"))
        .await
        .unwrap();
    let list = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap()
        .rows;
    assert!(list.iter().all(|c| !c.unread));
}

#[tokio::test]
async fn a_customer_reply_reopens_a_case_waiting_on_them() {
    let w = world().await;
    let n = open(&w, &w.ana, "Need info").await;
    reply(&w.t.db, &w.agent, n, &body("Which account?"))
        .await
        .unwrap();
    set_status(&w.t.db, &w.agent, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    reply(&w.t.db, &w.ana, n, &body("Account 42"))
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(case.status, CaseStatus::InProgress);
}

#[tokio::test]
async fn a_closed_case_takes_no_reply_and_nothing_is_written() {
    let w = world().await;
    let n = open(&w, &w.ana, "Done").await;
    set_status(&w.t.db, &w.agent, n, CaseStatus::Closed)
        .await
        .unwrap();
    let before = message_count(&w).await;
    for who in [&w.ana, &w.agent] {
        assert_eq!(
            reply(&w.t.db, who, n, &body("one more thing")).await,
            Err(AppError::CaseClosed)
        );
    }
    assert_eq!(message_count(&w).await, before);
    assert_eq!(
        set_status(&w.t.db, &w.agent, n, CaseStatus::InProgress).await,
        Err(AppError::CaseClosed)
    );
}

#[tokio::test]
async fn only_staff_change_a_status() {
    let w = world().await;
    let n = open(&w, &w.ana, "Mine").await;
    // A customer cannot even hold the proof `set_status` asks for.
    assert_eq!(w.ana.staff().err(), Some(AppError::Forbidden));
    assert_eq!(
        set_status(&w.t.db, &w.agent, 424_242, CaseStatus::Resolved).await,
        Err(AppError::NotFound)
    );
    let case = open_for_viewer(&w.t.db, &w.agent, n).await.unwrap();
    assert_eq!(case.status, CaseStatus::New);
    assert!(case.viewer_is_staff);
}

#[tokio::test]
async fn filters_narrow_the_list() {
    let w = world().await;
    let printer = open(&w, &w.ana, "Printer jams").await;
    let invoice = open(&w, &w.ana, "Invoice 100% wrong_total").await;
    open(&w, &w.bob, "Bob's printer").await;
    reply(&w.t.db, &w.ana, printer, &body("It happens on page two"))
        .await
        .unwrap();
    set_status(&w.t.db, &w.agent, invoice, CaseStatus::Resolved)
        .await
        .unwrap();

    let numbers = |f: CaseFilter, who: &Person| {
        let (db, who) = (w.t.db.clone(), who.clone());
        async move {
            let rows = if let Ok(staff) = who.staff() {
                list_all(&db, &staff, &f, None).await
            } else {
                list_for_requester(&db, &who, &f, None).await
            };
            rows.unwrap()
                .rows
                .iter()
                .map(|c| c.number)
                .collect::<Vec<_>>()
        }
    };
    let text = |t: &str| CaseFilter {
        text: Some(t.into()),
        ..Default::default()
    };
    assert_eq!(numbers(text("PRINTER"), &w.ana).await, [printer]);
    assert_eq!(
        numbers(text("page two"), &w.ana).await,
        [printer],
        "messages count"
    );
    assert_eq!(numbers(text("100%"), &w.ana).await, [invoice]);
    assert_eq!(
        numbers(text("jams"), &w.ana).await,
        [printer],
        "a word of the subject"
    );
    assert!(
        numbers(text("prin"), &w.ana).await.is_empty(),
        "whole words only"
    );
    assert_eq!(numbers(text("wrong total"), &w.ana).await, [invoice]);
    reply(&w.t.db, &w.ana, printer, &body("La página sale en blanco"))
        .await
        .unwrap();
    assert_eq!(
        numbers(text("PAGINA blanco"), &w.ana).await,
        [printer],
        "accents and case do not matter"
    );
    // Query syntax typed by a person is only text: no error, no surprise.
    for tricky in [
        "\"",
        "printer OR",
        "NEAR(printer",
        "*",
        "jams)",
        "%_%",
        "-printer",
        "^x:y",
    ] {
        let found = numbers(text(tricky), &w.ana).await;
        assert!(found.len() <= 1, "{tricky}: {found:?}");
    }
    let resolved = CaseFilter {
        statuses: vec![CaseStatus::Resolved, CaseStatus::Closed],
        ..Default::default()
    };
    assert_eq!(numbers(resolved, &w.ana).await, [invoice]);
    let by_number = CaseFilter {
        number: Some(invoice),
        ..Default::default()
    };
    assert_eq!(numbers(by_number.clone(), &w.ana).await, [invoice]);
    assert!(
        numbers(by_number, &w.bob).await.is_empty(),
        "never another's case"
    );
    let by_requester = CaseFilter {
        requester: Some("bob@".into()),
        ..Default::default()
    };
    assert_eq!(numbers(by_requester, &w.agent).await.len(), 1);
    let created = CaseFilter {
        sort: Sort::Created,
        ..Default::default()
    };
    assert_eq!(numbers(created, &w.ana).await, [invoice, printer]);
    let future = CaseFilter {
        created_from: chrono::DateTime::from_timestamp_millis(w.t.db.now())
            .and_then(|t| t.date_naive().succ_opt()),
        ..Default::default()
    };
    assert!(numbers(future, &w.ana).await.is_empty());
}

#[tokio::test]
async fn a_long_conversation_is_read_in_pages_of_a_hundred_newest_first() {
    let w = world().await;
    let n = open(&w, &w.ana, "Long story").await;
    let staff: &Person = &w.agent;
    let receipt = crate::files::save::Placed {
        key: "receipt-key".into(),
        name: "receipt.pdf".into(),
        kind: crate::files::FileKind::Pdf,
        size: 10,
    };
    // Message 2 carries a file; 250 messages in all.
    reply_with_files(&w.t.db, staff, n, "Message 2", &[receipt], false)
        .await
        .unwrap();
    for i in 3..=250 {
        w.t.db.clock.advance(Duration::from_millis(10));
        reply(&w.t.db, staff, n, &body(&format!("Message {i}")))
            .await
            .unwrap();
    }
    let latest = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(
        (latest.page, latest.pages, latest.messages.len()),
        (1, 3, 100)
    );
    assert_eq!(latest.messages[0].body, "Message 151");
    assert_eq!(latest.messages[99].body, "Message 250");
    let oldest = open_page_for_viewer(&w.t.db, &w.ana, n, 3).await.unwrap();
    assert_eq!(oldest.messages.len(), 50);
    assert_eq!(oldest.messages[0].body, "Please help");
    assert_eq!(oldest.messages[1].attachments.len(), 1);
    // A page past the oldest gives the oldest; page 0 the latest.
    let past = open_page_for_viewer(&w.t.db, &w.ana, n, 99).await.unwrap();
    assert_eq!(
        (past.page, past.messages[0].body.as_str()),
        (3, "Please help")
    );
    let zero = open_page_for_viewer(&w.t.db, &w.ana, n, 0).await.unwrap();
    assert_eq!(zero.page, 1);
    // Files of messages on other pages stay off this one.
    let middle = open_page_for_viewer(&w.t.db, &w.ana, n, 2).await.unwrap();
    assert!(middle.messages.iter().all(|m| m.attachments.is_empty()));
}
