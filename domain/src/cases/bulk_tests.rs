//! Bulk actions against a real database: all or nothing, final cases
//! skipped and counted, each case logged, the limit kept.

use std::time::Duration;

use super::*;
use crate::auth::{accounts, Person, Role};
use crate::cases::open::{open_case, NewCase};
use crate::cases::store::{open_for_viewer, set_status};
use crate::cases::workspace::View;
use crate::cases::{ActivityKind, CaseType};
use crate::db::testing::{test_db, TestDb};
use crate::validate::{MessageBody, Subject};

async fn setup() -> (TestDb, Person, Staff, Vec<i64>) {
    let t = test_db().await;
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let alex = accounts::register(
        &t.db,
        Role::Agent,
        "Alex",
        "alex@example.com",
        "password-123",
    )
    .await
    .unwrap()
    .staff()
    .unwrap();
    let mut numbers = Vec::new();
    for (i, case_type) in CaseType::BUILT_IN.into_iter().enumerate() {
        t.db.clock.advance(Duration::from_secs(60));
        let new = NewCase::new(
            Subject::parse(&format!("Case {i}")).unwrap(),
            case_type,
            MessageBody::parse("Help").unwrap(),
        );
        numbers.push(open_case(&t.db, &ana, &new).await.unwrap().number());
    }
    (t, ana, alex, numbers)
}

async fn events(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM case_events")
        .fetch_one(&db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bulk_status_change_skips_final_cases_and_logs_each_one() {
    let (t, _ana, alex, numbers) = setup().await;
    let db = &t.db;
    set_status(db, &alex, numbers[3], CaseStatus::Closed)
        .await
        .unwrap();
    let result = apply(
        db,
        &alex,
        Selection::Numbers(numbers.clone()),
        BulkAction::Status(CaseStatus::AwaitingReply),
    )
    .await
    .unwrap();
    assert_eq!(
        result,
        BulkResult {
            changed: 3,
            skipped: 1
        }
    );
    for &n in &numbers[..3] {
        let case = open_for_viewer(db, &alex, n).await.unwrap();
        assert_eq!(case.status, CaseStatus::AwaitingReply);
        assert!(case.activity.iter().any(|e| matches!(
            e.kind,
            ActivityKind::Status {
                to: CaseStatus::AwaitingReply,
                ..
            }
        )));
    }
}

#[tokio::test]
async fn all_matching_cases_are_assigned_at_once() {
    let (t, _ana, alex, numbers) = setup().await;
    let db = &t.db;
    let unassigned = CaseFilter {
        view: Some(View::Unassigned),
        ..Default::default()
    };
    assert_eq!(count_matching(db, &alex, &unassigned).await.unwrap(), 4);
    let result = apply(
        db,
        &alex,
        Selection::Matching(unassigned.clone()),
        BulkAction::Assign(Some(alex.user().id)),
    )
    .await
    .unwrap();
    assert_eq!(result.changed, numbers.len());
    assert_eq!(count_matching(db, &alex, &unassigned).await.unwrap(), 0);
}

#[tokio::test]
async fn a_refused_bulk_action_changes_nothing() {
    let (t, ana, alex, numbers) = setup().await;
    let db = &t.db;
    let before = events(db).await;
    let over: Vec<i64> = (1..=BULK_MAX as i64 + 1).collect();
    let too_many = apply(
        db,
        &alex,
        Selection::Numbers(over),
        BulkAction::Assign(None),
    )
    .await;
    assert_eq!(
        too_many,
        Err(AppError::invalid(Field::Selection, Problem::TooLong))
    );
    // A customer cannot be given cases: not even the first one changes.
    let customer = apply(
        db,
        &alex,
        Selection::Numbers(numbers.clone()),
        BulkAction::Assign(Some(ana.user().id)),
    )
    .await;
    assert_eq!(
        customer,
        Err(AppError::invalid(Field::Assignee, Problem::Unknown))
    );
    // Referred needs a department each case does not have.
    let referred = apply(
        db,
        &alex,
        Selection::Numbers(numbers.clone()),
        BulkAction::Status(CaseStatus::Referred),
    )
    .await;
    assert_eq!(
        referred,
        Err(AppError::invalid(Field::Department, Problem::Required))
    );
    let closed_by_customer = apply(
        db,
        &alex,
        Selection::Numbers(numbers.clone()),
        BulkAction::Status(CaseStatus::ClosedByCustomer),
    )
    .await;
    assert!(closed_by_customer.is_err());
    assert_eq!(
        apply(
            db,
            &alex,
            Selection::Numbers(vec![]),
            BulkAction::Assign(None)
        )
        .await,
        Err(AppError::invalid(Field::Selection, Problem::Required))
    );
    assert_eq!(events(db).await, before);
}
