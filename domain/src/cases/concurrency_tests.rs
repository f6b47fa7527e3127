//! Several writers at once, as with several servers on one PostgreSQL
//! database (on SQLite, two handles on one file): case numbers and the
//! automatic closes. Also: staff services refuse customers.

use std::collections::HashSet;
use std::time::Duration;

use crate::auth::{accounts, Person, Role, Staff};
use crate::cases::filter::CaseFilter;
use crate::cases::lifecycle::{auto_close_due, status_counts, AutoClose};
use crate::cases::listing::list_all;
use crate::cases::open::{open_case_for, NewCase, Opened};
use crate::cases::store::{open_for_viewer, reply, set_status};
use crate::cases::{ActivityKind, CaseDetail, CaseStatus, CaseType};
use crate::db::testing::{test_db, TestDb};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

async fn people(t: &TestDb) -> (Person, Staff) {
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-1",
    )
    .await
    .unwrap();
    let agent = accounts::register(&t.db, Role::Agent, "Alex", "alex@example.com", "password-1")
        .await
        .unwrap();
    (ana, agent.staff().unwrap())
}

/// How many status changes in the case's log match `which(from, to)`.
fn status_lines(case: &CaseDetail, which: impl Fn(CaseStatus, CaseStatus) -> bool) -> usize {
    case.activity
        .iter()
        .filter(|e| matches!(e.kind, ActivityKind::Status { from, to } if which(from, to)))
        .count()
}

/// A second handle on the same database, with pools of its own.
async fn second_server(t: &TestDb) -> Db {
    Db::connect(&t.url, t.db.clock.clone()).await.unwrap()
}

fn new_case(i: usize) -> NewCase {
    NewCase::new(
        Subject::parse(&format!("Phone call {i}")).unwrap(),
        CaseType::ACCOUNT,
        MessageBody::parse("Called about the invoice").unwrap(),
    )
}

#[tokio::test]
async fn a_hundred_cases_opened_at_once_get_a_hundred_numbers() {
    let t = test_db().await;
    let (ana, agent) = people(&t).await;
    let other = second_server(&t).await;
    // Staff open them for the customer: no case joins another.
    let opened = futures::future::join_all((0..100).map(|i| {
        let db = if i % 2 == 0 {
            t.db.clone()
        } else {
            other.clone()
        };
        let (ana, agent) = (ana.clone(), agent.clone());
        tokio::spawn(async move { open_case_for(&db, &agent, &ana.email, &new_case(i)).await })
    }))
    .await;
    let numbers: HashSet<i64> = opened
        .into_iter()
        .map(|r| match r.unwrap().unwrap() {
            Opened::New(n) => n,
            other => panic!("expected a new case, got {other:?}"),
        })
        .collect();
    assert_eq!(numbers.len(), 100);
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT number) FROM cases")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(stored, 100);
    assert_eq!(
        (numbers.iter().min(), numbers.iter().max()),
        (Some(&1001), Some(&1100))
    );
    other.close().await;
}

#[tokio::test]
async fn a_due_close_with_two_workers_running_happens_once() {
    let t = test_db().await;
    let (ana, agent) = people(&t).await;
    let other = second_server(&t).await;
    let mut numbers = Vec::new();
    for i in 0..20 {
        let Opened::New(n) = open_case_for(&t.db, &agent, &ana.email, &new_case(i))
            .await
            .unwrap()
        else {
            panic!("expected a new case");
        };
        set_status(&t.db, &agent, n, CaseStatus::Resolved)
            .await
            .unwrap();
        numbers.push(n);
    }
    t.db.clock.advance(Duration::from_secs(72 * 3600));
    let limits = AutoClose::default();
    let (a, b) = tokio::join!(
        auto_close_due(&t.db, &limits),
        auto_close_due(&other, &limits)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        20,
        "every case closed by one worker"
    );
    for n in numbers {
        let case = open_for_viewer(&t.db, &agent, n).await.unwrap();
        assert_eq!(case.status, CaseStatus::Closed);
        let closes = status_lines(&case, |_, to| to == CaseStatus::Closed);
        assert_eq!(closes, 1, "case {n} has one close in its log");
    }
    let counts = status_counts(&t.db, &agent).await.unwrap();
    assert!(counts.contains(&(CaseStatus::Closed, 20)));
    other.close().await;
}

#[tokio::test]
async fn staff_services_need_proof_of_staff() {
    // `list_all(&db, &customer, ..)` does not compile (see the
    // `compile_fail` example in `auth::actor`); the proof itself is refused.
    let t = test_db().await;
    let (ana, agent) = people(&t).await;
    assert_eq!(ana.staff().err(), Some(AppError::Forbidden));
    assert_eq!(agent.admin().err(), Some(AppError::Forbidden));
    let all = list_all(&t.db, &agent, &CaseFilter::default(), None).await;
    assert_eq!(all.map(|p| p.rows.len()), Ok(0));
    assert!(status_counts(&t.db, &agent).await.is_ok());
}

#[tokio::test]
async fn replies_at_once_to_one_case_move_its_status_once() {
    // Each reply reads the status, then changes it: without the row lock on
    // PostgreSQL two replies could both log the same change.
    let t = test_db().await;
    let (ana, agent) = people(&t).await;
    let other = second_server(&t).await;
    let Opened::New(n) = open_case_for(&t.db, &agent, &ana.email, &new_case(0))
        .await
        .unwrap()
    else {
        panic!("expected a new case");
    };
    set_status(&t.db, &agent, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    let body = MessageBody::parse("Here is the information you asked for").unwrap();
    let replies = futures::future::join_all((0..20).map(|i| {
        let db = if i % 2 == 0 {
            t.db.clone()
        } else {
            other.clone()
        };
        let (ana, body) = (ana.clone(), body.clone());
        tokio::spawn(async move { reply(&db, &ana, n, &body).await })
    }))
    .await;
    assert!(replies.into_iter().all(|r| r.unwrap().is_ok()));
    // No staff reply yet: the rules hand the case back as new.
    let after = crate::cases::rules::status_after_reply(CaseStatus::AwaitingReply, false, false);
    let after = after.unwrap();
    let case = open_for_viewer(&t.db, &agent, n).await.unwrap();
    assert_eq!(case.status, after);
    assert_eq!(case.messages.len(), 21);
    let changes = status_lines(&case, |from, _| from == CaseStatus::AwaitingReply);
    assert_eq!(changes, 1, "one status change in the log");
    let counts = status_counts(&t.db, &agent).await.unwrap();
    assert!(counts.contains(&(after, 1)));
    assert!(counts.contains(&(CaseStatus::AwaitingReply, 0)));
    other.close().await;
}
