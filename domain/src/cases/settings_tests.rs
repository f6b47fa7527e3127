//! The settings page against a real database: types admins add, relabel
//! and take out of use (cases keep theirs), and close waits that the
//! automatic closes follow.

use std::time::Duration;

use super::*;
use crate::cases::edit::update;
use crate::cases::lifecycle::auto_close_due;
use crate::cases::open::{open_case, NewCase};
use crate::cases::record::CaseEdit;
use crate::cases::store::{open_for_viewer, set_status};
use crate::cases::test_world::{world, World};
use crate::cases::CaseStatus;
use crate::validate::{MessageBody, Subject};

fn draft(en: &str, es: &str, fr: &str) -> CaseTypeDraft {
    CaseTypeDraft::parse([en, es, fr]).unwrap()
}

async fn open(w: &World, case_type: &CaseType) -> Result<i64, AppError> {
    let new = NewCase::new(
        Subject::parse("Help").unwrap(),
        case_type.clone(),
        MessageBody::parse("Please").unwrap(),
    );
    Ok(open_case(&w.t.db, &w.ana, &new).await?.number())
}

async fn case_count(w: &World) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&w.t.db.read)
        .await
        .unwrap()
}

fn keys(types: &[CaseTypeInfo]) -> Vec<(&str, bool)> {
    types.iter().map(|t| (t.key.as_str(), t.active)).collect()
}

#[tokio::test]
async fn admins_define_types_and_cases_keep_theirs() {
    let w = world().await;
    let db = &w.t.db;
    let initial = all(db).await.unwrap();
    assert_eq!(
        keys(&initial),
        [
            ("technical", true),
            ("finance", true),
            ("account", true),
            ("other", true)
        ]
    );
    assert_eq!(initial[0].labels, ["Technical", "Técnico", "Technique"]);

    let returns = add(
        db,
        &w.admin,
        &draft("Returns & refunds", "Devoluciones", "Retours"),
    )
    .await
    .unwrap();
    assert_eq!(returns.as_str(), "returns_refunds");
    // The same English label twice is refused; another gets its own key.
    assert_eq!(
        add(db, &w.admin, &draft("returns & REFUNDS", "a", "b")).await,
        Err(AppError::invalid(Field::LabelEn, Problem::Taken))
    );
    let second = add(db, &w.admin, &draft("Returns, refunds", "a", "b"))
        .await
        .unwrap();
    assert_eq!(second.as_str(), "returns_refunds_2");

    let n = open(&w, &returns).await.unwrap();
    relabel(
        db,
        &w.admin,
        &returns,
        &draft("Returns", "Devoluciones", "Retours"),
    )
    .await
    .unwrap();
    set_active(db, &w.admin, &returns, false).await.unwrap();
    let types = all(db).await.unwrap();
    let kept = types.iter().find(|t| t.key == returns).unwrap();
    assert_eq!((kept.labels[0].as_str(), kept.active), ("Returns", false));
    assert_eq!(keys(&types).last(), Some(&("returns_refunds", false)));

    // Out of use: no new case has it, cases that have it keep it.
    let before = case_count(&w).await;
    let unknown = AppError::invalid(Field::CaseType, Problem::Unknown);
    let refused = Err(unknown.clone());
    assert_eq!(open(&w, &returns).await, refused);
    assert_eq!(open(&w, &CaseType::parse("nosuch").unwrap()).await, refused);
    assert_eq!(case_count(&w).await, before, "nothing written");
    let staff = w.alex.clone();
    let detail = open_for_viewer(db, &staff, n).await.unwrap();
    assert_eq!(detail.case_type, returns);

    // An edit may leave it, not choose it again.
    let edit = |t: &str| {
        CaseEdit {
            case_type: Some(t.into()),
            ..Default::default()
        }
        .check(true)
        .unwrap()
    };
    update(db, &staff, n, &edit("returns_refunds"))
        .await
        .unwrap();
    update(db, &staff, n, &edit("finance")).await.unwrap();
    assert_eq!(
        update(db, &staff, n, &edit("returns_refunds")).await,
        Err(unknown)
    );
    set_active(db, &w.admin, &returns, true).await.unwrap();
    update(db, &staff, n, &edit("returns_refunds"))
        .await
        .unwrap();
    assert_eq!(
        open_for_viewer(db, &staff, n).await.unwrap().case_type,
        returns
    );
}

#[tokio::test]
async fn other_stays_offered_and_unknown_types_are_not_found() {
    let w = world().await;
    let db = &w.t.db;
    assert_eq!(
        set_active(db, &w.admin, &CaseType::OTHER, false).await,
        Err(AppError::Forbidden)
    );
    let ghost = CaseType::parse("ghost").unwrap();
    assert_eq!(
        set_active(db, &w.admin, &ghost, false).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        relabel(db, &w.admin, &ghost, &draft("Ghost", "a", "b")).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        relabel(
            db,
            &w.admin,
            &CaseType::FINANCE,
            &draft("technical", "a", "b")
        )
        .await,
        Err(AppError::invalid(Field::LabelEn, Problem::Taken))
    );
    for i in all(db).await.unwrap().len()..CASE_TYPES_MAX {
        add(db, &w.admin, &draft(&format!("Type {i}"), "a", "b"))
            .await
            .unwrap();
    }
    assert_eq!(
        add(db, &w.admin, &draft("One too many", "a", "b")).await,
        Err(AppError::invalid(Field::CaseType, Problem::TooLong))
    );
    assert_eq!(all(db).await.unwrap().len(), CASE_TYPES_MAX);
}

#[tokio::test]
async fn the_automatic_closes_follow_the_waits_admins_set() {
    let w = world().await;
    let db = &w.t.db;
    let defaults = AutoClose::default();
    assert_eq!(close_times(db, &defaults).await.unwrap(), defaults);

    let n = open(&w, &CaseType::FINANCE).await.unwrap();
    set_status(db, &w.alex, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    let times = CloseTimes::parse("2", "3", "4").unwrap();
    set_close_times(db, &w.admin, &times).await.unwrap();
    let now = close_times(db, &defaults).await.unwrap();
    assert_eq!(now.awaiting_reply, Duration::from_secs(2 * 3600));
    assert_eq!(now.resolved, Duration::from_secs(4 * 3600));

    db.clock.advance(Duration::from_secs(2 * 3600 - 1));
    assert_eq!(auto_close_due(db, &now).await.unwrap(), 0);
    db.clock.advance(Duration::from_secs(1));
    assert_eq!(auto_close_due(db, &now).await.unwrap(), 1);
}
