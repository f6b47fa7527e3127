//! Saved views against a real database: each agent's own, counted as the
//! list would show them, replaced by name, refused past the limit.

use super::*;
use crate::cases::assign::take;
use crate::cases::open::{open_case, NewCase};
use crate::cases::test_world::{world, World};
use crate::cases::CaseType;
use crate::validate::{MessageBody, Subject};

/// A case of `case_type` (one per type: a second would join the first).
async fn open(w: &World, case_type: CaseType) -> i64 {
    let new = NewCase::new(
        Subject::parse("Help").unwrap(),
        case_type,
        MessageBody::parse("Please").unwrap(),
    );
    open_case(&w.t.db, &w.ana, &new).await.unwrap().number()
}

fn draft(name: &str, query: &str) -> SavedViewDraft {
    SavedViewDraft::parse(name, query).unwrap()
}

fn counts(views: &[SavedView]) -> Vec<(&str, i64)> {
    views.iter().map(|v| (v.name.as_str(), v.n)).collect()
}

#[tokio::test]
async fn an_agents_views_are_their_own_and_count_what_they_list() {
    let w = world().await;
    let db = &w.t.db;
    let first = open(&w, CaseType::FINANCE).await;
    let second = open(&w, CaseType::ACCOUNT).await;
    open(&w, CaseType::TECHNICAL).await;
    take(db, &w.alex, first).await.unwrap();

    let mine = save(db, &w.alex, &draft("Mine", "view=mine"))
        .await
        .unwrap();
    save(db, &w.alex, &draft("open by age", "view=open&sort=created"))
        .await
        .unwrap();
    let views = list(db, &w.alex, "").await.unwrap();
    assert_eq!(counts(&views), [("Mine", 1), ("open by age", 3)]);
    assert_eq!(views[0].query, "view=mine");
    // Another agent sees none of them, and cannot remove one.
    assert!(list(db, &w.bea, "").await.unwrap().is_empty());
    assert_eq!(remove(db, &w.bea, mine).await, Err(AppError::NotFound));
    assert_eq!(remove(db, &w.alex, 9_999).await, Err(AppError::NotFound));

    // Counts follow the cases; saving under the same name replaces.
    take(db, &w.alex, second).await.unwrap();
    let again = save(db, &w.alex, &draft("Mine", "view=mine&type=technical"))
        .await
        .unwrap();
    assert_eq!(again, mine);
    let views = list(db, &w.alex, "").await.unwrap();
    assert_eq!(counts(&views), [("Mine", 0), ("open by age", 3)]);

    remove(db, &w.alex, mine).await.unwrap();
    assert_eq!(
        counts(&list(db, &w.alex, "").await.unwrap()),
        [("open by age", 3)]
    );
}

#[tokio::test]
async fn past_the_limit_nothing_is_saved() {
    let w = world().await;
    let db = &w.t.db;
    for i in 0..SAVED_VIEWS_MAX {
        save(db, &w.alex, &draft(&format!("v{i}"), "view=open"))
            .await
            .unwrap();
    }
    assert_eq!(
        save(db, &w.alex, &draft("one more", "view=open")).await,
        Err(AppError::invalid(Field::View, Problem::TooLong))
    );
    // Replacing one still works at the limit.
    save(db, &w.alex, &draft("v0", "view=closed"))
        .await
        .unwrap();
    let views = list(db, &w.alex, "").await.unwrap();
    assert_eq!(views.len(), SAVED_VIEWS_MAX);
    assert!(views.iter().all(|v| v.name != "one more"));
}
