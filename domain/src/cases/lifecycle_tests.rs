//! The activity log, the customer's close and the automatic closes, with a
//! clock moved by hand.

use std::time::Duration;

use super::*;
use crate::auth::{accounts, Person, Role, Staff};
use crate::cases::open::{open_case, NewCase, Opened};
use crate::cases::requester::close_by_customer;
use crate::cases::store::{open_for_viewer, reply, set_status};
use crate::cases::CaseType;
use crate::db::testing::{test_db, TestDb};
use crate::validate::{MessageBody, Subject};

const HOUR: Duration = Duration::from_secs(3600);

async fn setup() -> (TestDb, Person, Staff, i64) {
    let t = test_db().await;
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
        .unwrap()
        .staff()
        .unwrap();
    let n = new_case(&t.db, &ana, "Help", CaseType::ACCOUNT).await;
    (t, ana, agent, n)
}

/// Opens a case; each open case of one customer needs its own type, or the
/// second joins the first as a duplicate.
async fn new_case(db: &Db, who: &Person, subject: &str, case_type: CaseType) -> i64 {
    let subject = Subject::parse(subject).unwrap();
    let body = MessageBody::parse("Please").unwrap();
    let new = NewCase::new(subject, case_type, body);
    match open_case(db, who, &new).await.unwrap() {
        Opened::New(n) => n,
        other => panic!("expected a new case, got {other:?}"),
    }
}

/// A status line of the log as (from, to).
fn step(e: &ActivityEntry) -> (Option<CaseStatus>, CaseStatus) {
    match e.kind {
        ActivityKind::Opened(to) => (None, to),
        ActivityKind::Status { from, to } => (Some(from), to),
        ref other => panic!("not a status change: {other:?}"),
    }
}

async fn status_of(t: &TestDb, who: &Person, n: i64) -> CaseStatus {
    open_for_viewer(&t.db, who, n).await.unwrap().status
}

#[tokio::test]
async fn the_customer_closes_an_open_case_and_it_stays_closed() {
    let (t, ana, agent, n) = setup().await;
    close_by_customer(&t.db, &ana, n).await.unwrap();
    assert_eq!(status_of(&t, &ana, n).await, CaseStatus::ClosedByCustomer);
    assert_eq!(
        close_by_customer(&t.db, &ana, n).await,
        Err(AppError::CaseClosed)
    );
    let body = MessageBody::parse("reopen?").unwrap();
    assert_eq!(
        reply(&t.db, &ana, n, &body).await,
        Err(AppError::CaseClosed)
    );
    assert_eq!(
        set_status(&t.db, &agent, n, CaseStatus::InProgress).await,
        Err(AppError::CaseClosed)
    );
}

#[tokio::test]
async fn only_the_requester_closes_and_others_see_nothing() {
    let (t, _ana, agent, n) = setup().await;
    let bob = accounts::register(
        &t.db,
        Role::Customer,
        "Bob",
        "bob@example.com",
        "password-1",
    )
    .await
    .unwrap();
    assert_eq!(
        close_by_customer(&t.db, &bob, n).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        close_by_customer(&t.db, &agent, n).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(status_of(&t, &agent, n).await, CaseStatus::New);
}

#[tokio::test]
async fn every_status_change_is_logged_with_who_and_when() {
    let (t, ana, agent, n) = setup().await;
    let opened_at = t.db.now();
    t.db.clock.advance(HOUR);
    reply(&t.db, &agent, n, &MessageBody::parse("On it").unwrap())
        .await
        .unwrap();
    set_status(&t.db, &agent, n, CaseStatus::Resolved)
        .await
        .unwrap();
    t.db.clock.advance(HOUR);
    close_by_customer(&t.db, &ana, n).await.unwrap();

    let log = open_for_viewer(&t.db, &ana, n).await.unwrap().activity;
    let steps: Vec<_> = log
        .iter()
        .map(|e| (e.actor.as_deref(), step(e).0, step(e).1))
        .collect();
    assert_eq!(
        steps,
        [
            (Some("Ana"), None, CaseStatus::New),
            (Some("Alex"), Some(CaseStatus::New), CaseStatus::InProgress),
            (
                Some("Alex"),
                Some(CaseStatus::InProgress),
                CaseStatus::Resolved
            ),
            (
                Some("Ana"),
                Some(CaseStatus::Resolved),
                CaseStatus::ClosedByCustomer
            ),
        ]
    );
    assert_eq!(log[0].at, opened_at);
    assert_eq!(log[3].at, opened_at + 2 * 3_600_000);
}

#[tokio::test]
async fn waiting_cases_close_after_their_time_and_only_once() {
    let (t, ana, agent, n) = setup().await;
    let limits = AutoClose::default();
    set_status(&t.db, &agent, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();

    t.db.clock.advance(47 * HOUR);
    assert_eq!(auto_close_due(&t.db, &limits).await.unwrap(), 0);
    assert_eq!(status_of(&t, &ana, n).await, CaseStatus::AwaitingReply);

    t.db.clock.advance(HOUR);
    assert_eq!(auto_close_due(&t.db, &limits).await.unwrap(), 1);
    assert_eq!(status_of(&t, &ana, n).await, CaseStatus::Closed);
    assert_eq!(
        auto_close_due(&t.db, &limits).await.unwrap(),
        0,
        "never twice"
    );

    let last = open_for_viewer(&t.db, &ana, n)
        .await
        .unwrap()
        .activity
        .pop()
        .unwrap();
    assert_eq!(
        (last.actor.clone(), step(&last).1),
        (None, CaseStatus::Closed),
        "the system closed it"
    );
}

#[tokio::test]
async fn a_customer_answer_stops_the_clock() {
    let (t, ana, agent, n) = setup().await;
    let limits = AutoClose::default();
    reply(
        &t.db,
        &agent,
        n,
        &MessageBody::parse("Did that work?").unwrap(),
    )
    .await
    .unwrap();
    set_status(&t.db, &agent, n, CaseStatus::Resolved)
        .await
        .unwrap();
    t.db.clock.advance(40 * HOUR);
    reply(&t.db, &ana, n, &MessageBody::parse("Not quite").unwrap())
        .await
        .unwrap();
    t.db.clock.advance(40 * HOUR);
    assert_eq!(auto_close_due(&t.db, &limits).await.unwrap(), 0);
    assert_eq!(status_of(&t, &ana, n).await, CaseStatus::InProgress);
}

#[tokio::test]
async fn each_waiting_status_has_its_own_limit() {
    let (t, ana, agent, _) = setup().await;
    let mut numbers = Vec::new();
    for (status, case_type) in [
        (CaseStatus::AwaitingConfirmation, CaseType::TECHNICAL),
        (CaseStatus::Resolved, CaseType::FINANCE),
        (CaseStatus::AwaitingApproval, CaseType::OTHER),
    ] {
        let n = new_case(&t.db, &ana, "Another", case_type).await;
        set_status(&t.db, &agent, n, status).await.unwrap();
        numbers.push(n);
    }
    t.db.clock.advance(24 * HOUR);
    assert_eq!(
        auto_close_due(&t.db, &AutoClose::default()).await.unwrap(),
        1
    );
    assert_eq!(status_of(&t, &ana, numbers[0]).await, CaseStatus::Closed);
    t.db.clock.advance(24 * HOUR);
    assert_eq!(
        auto_close_due(&t.db, &AutoClose::default()).await.unwrap(),
        1
    );
    assert_eq!(status_of(&t, &ana, numbers[1]).await, CaseStatus::Closed);
    // Awaiting approval has no automatic close.
    assert_eq!(
        status_of(&t, &ana, numbers[2]).await,
        CaseStatus::AwaitingApproval
    );
}

#[tokio::test]
async fn a_stopped_server_catches_up_after_a_restart() {
    let clock = crate::db::Clock::fixed(1_795_000_000_000);
    let t = crate::db::testing::test_db_with(clock.clone()).await;
    let db = t.db.clone();
    let ana = accounts::register(&db, Role::Customer, "Ana", "ana@example.com", "password-1")
        .await
        .unwrap();
    let agent = accounts::register(&db, Role::Agent, "Alex", "alex@example.com", "password-1")
        .await
        .unwrap()
        .staff()
        .unwrap();
    let n = new_case(&db, &ana, "Restart", CaseType::ACCOUNT).await;
    set_status(&db, &agent, n, CaseStatus::Resolved)
        .await
        .unwrap();
    db.close().await;

    // Three days pass with the server down.
    clock.advance(72 * HOUR);
    let db = Db::connect(&t.url, clock).await.unwrap();
    assert_eq!(auto_close_due(&db, &AutoClose::default()).await.unwrap(), 1);
    assert_eq!(
        open_for_viewer(&db, &ana, n).await.unwrap().status,
        CaseStatus::Closed
    );
}
