//! Internal notes against a real database: the customer never reads one on
//! any path, and a mention reaches the agent named.

use std::time::Duration;

use super::*;
use crate::auth::{accounts, Person, Role};
use crate::cases::assign::view_counts;
use crate::cases::filter::CaseFilter;
use crate::cases::listing::{list_all, list_for_requester};
use crate::cases::open::{open_case, NewCase};
use crate::cases::store::open_for_viewer;
use crate::cases::workspace::View;
use crate::cases::{CaseStatus, CaseType};
use crate::db::testing::test_db;
use crate::validate::{MessageBody, Subject};

#[test]
fn handles_are_the_words_after_an_at_sign_but_not_in_addresses() {
    assert_eq!(
        handles("@Alex please look, and @bea.lopez too; ana@example.com wrote. @alex!"),
        ["alex", "bea.lopez"]
    );
    assert!(handles("no mention @ all").is_empty());
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&db.read).await.unwrap()
}

#[tokio::test]
async fn a_note_reaches_staff_and_the_agent_it_mentions_but_never_the_customer() {
    let t = test_db().await;
    let db = &t.db;
    let reg = |role, name: &'static str, email: &'static str| async move {
        accounts::register(db, role, name, email, "password-123")
            .await
            .unwrap()
    };
    let ana: Person = reg(Role::Customer, "Ana", "ana@example.com").await;
    let alex = reg(Role::Agent, "Alex Agent", "alex@example.com")
        .await
        .staff()
        .unwrap();
    let bea = reg(Role::Agent, "Bea", "bea@example.com")
        .await
        .staff()
        .unwrap();
    let new = NewCase::new(
        Subject::parse("Card blocked").unwrap(),
        CaseType::FINANCE,
        MessageBody::parse("My card does not work").unwrap(),
    );
    let number = open_case(db, &ana, &new).await.unwrap().number();
    let outbox = count(db, "SELECT COUNT(*) FROM outbox").await;
    db.clock.advance(Duration::from_secs(60));

    add(db, &bea, number, "Fraud suspected, @alex please check", &[])
        .await
        .unwrap();

    // Staff read it as a note; nothing moved, nothing was mailed.
    let staff_view = open_for_viewer(db, &bea, number).await.unwrap();
    let note = staff_view.messages.last().unwrap();
    assert!(note.internal && note.body.contains("Fraud"));
    assert_eq!(staff_view.status, CaseStatus::New);
    assert_eq!(count(db, "SELECT COUNT(*) FROM outbox").await, outbox);
    let assignee: Option<i64> = sqlx::query_scalar("SELECT assignee_id FROM cases")
        .fetch_one(&db.read)
        .await
        .unwrap();
    assert_eq!(assignee, None);

    // The customer: not on the case page, not highlighted, not found by search.
    let theirs = open_for_viewer(db, &ana, number).await.unwrap();
    assert!(theirs.messages.iter().all(|m| !m.body.contains("Fraud")));
    let mine = list_for_requester(db, &ana, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert!(!mine.rows[0].unread);
    let search = CaseFilter {
        text: Some("fraud".into()),
        ..Default::default()
    };
    let found = list_for_requester(db, &ana, &search, None).await.unwrap();
    assert!(found.rows.is_empty());

    // Alex sees the mention until he opens the case; Bea was not mentioned.
    let mentions = |counts: Vec<crate::cases::workspace::ViewCount>| {
        counts
            .into_iter()
            .find(|c| c.view == View::Mentions)
            .unwrap()
            .n
    };
    assert_eq!(mentions(view_counts(db, &alex).await.unwrap()), 1);
    assert_eq!(mentions(view_counts(db, &bea).await.unwrap()), 0);
    let view = CaseFilter {
        view: Some(View::Mentions),
        ..Default::default()
    };
    let listed = list_all(db, &alex, &view, None).await.unwrap();
    assert_eq!(listed.rows.len(), 1);
    assert!(list_all(db, &bea, &view, None)
        .await
        .unwrap()
        .rows
        .is_empty());
    open_for_viewer(db, &alex, number).await.unwrap();
    assert_eq!(mentions(view_counts(db, &alex).await.unwrap()), 0);
    assert_eq!(
        list_all(db, &alex, &view, None).await.unwrap().rows.len(),
        1
    );
}

#[tokio::test]
async fn no_note_on_a_closed_case_or_one_that_does_not_exist() {
    let t = test_db().await;
    let db = &t.db;
    let staff = crate::auth::testing::staff(db).await;
    assert_eq!(
        add(db, &staff, 99_999, "Hello", &[]).await,
        Err(AppError::NotFound)
    );
    let ana = accounts::register(db, Role::Customer, "Ana", "ana@example.com", "password-123")
        .await
        .unwrap();
    let new = NewCase::new(
        Subject::parse("Old").unwrap(),
        CaseType::OTHER,
        MessageBody::parse("Old question").unwrap(),
    );
    let number = open_case(db, &ana, &new).await.unwrap().number();
    crate::cases::store::set_status(db, &staff, number, CaseStatus::Closed)
        .await
        .unwrap();
    let messages = count(db, "SELECT COUNT(*) FROM messages").await;
    assert_eq!(
        add(db, &staff, number, "Too late", &[]).await,
        Err(AppError::CaseClosed)
    );
    assert_eq!(count(db, "SELECT COUNT(*) FROM messages").await, messages);
}
