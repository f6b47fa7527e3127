//! Several writers at once, as with several servers on one PostgreSQL
//! database (on SQLite, two handles on one file): case numbers and the
//! automatic closes. Also: staff services refuse customers.

use std::collections::HashSet;
use std::time::Duration;

use crate::auth::{accounts, Role, User};
use crate::cases::filter::CaseFilter;
use crate::cases::lifecycle::{auto_close_due, status_counts, AutoClose};
use crate::cases::listing::list_all;
use crate::cases::open::{open_case, NewCase, Opened};
use crate::cases::store::{open_for_viewer, set_status};
use crate::cases::{ActivityKind, CaseStatus, CaseType};
use crate::db::testing::{test_db, TestDb};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

async fn people(t: &TestDb) -> (User, User) {
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
    (ana, agent)
}

/// A second handle on the same database, with pools of its own.
async fn second_server(t: &TestDb) -> Db {
    Db::connect(&t.url, t.db.clock.clone()).await.unwrap()
}

fn new_case(i: usize) -> NewCase {
    NewCase::new(
        Subject::parse(&format!("Phone call {i}")).unwrap(),
        CaseType::Account,
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
        tokio::spawn(async move { open_case(&db, &agent, &ana, &new_case(i)).await })
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
        let Opened::New(n) = open_case(&t.db, &agent, &ana, &new_case(i)).await.unwrap() else {
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
        let closes = case
            .activity
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    ActivityKind::Status {
                        to: CaseStatus::Closed,
                        ..
                    }
                )
            })
            .count();
        assert_eq!(closes, 1, "case {n} has one close in its log");
    }
    let counts = status_counts(&t.db, &agent).await.unwrap();
    assert!(counts.contains(&(CaseStatus::Closed, 20)));
    other.close().await;
}

#[tokio::test]
async fn staff_services_refuse_a_customer() {
    let t = test_db().await;
    let (ana, _) = people(&t).await;
    let all = list_all(&t.db, &ana, &CaseFilter::default(), None).await;
    assert_eq!(all.map(drop), Err(AppError::Forbidden));
    assert_eq!(
        status_counts(&t.db, &ana).await.map(drop),
        Err(AppError::Forbidden)
    );
}
