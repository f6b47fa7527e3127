//! Canned responses against a real database: who sees and writes which,
//! the case's language, placeholders, and refusals that write nothing.

use super::*;
use crate::cases::open::{open_case, NewCase};
use crate::cases::test_world::{world, World};
use crate::cases::CaseType;
use crate::validate::{MessageBody, Subject};

fn draft(title: &str, shared: bool) -> CannedDraft {
    CannedDraft::parse(
        title,
        shared,
        [
            "Hello {{customer.name}}, case {{case.number}}. {{agent.name}} {{unknown}}",
            "Hola {{ customer.name }}, caso {{case.number}}.",
            "Bonjour {{customer.name}}, dossier {{case.number}}.",
        ],
    )
    .unwrap()
}

async fn count(w: &World) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM canned_responses")
        .fetch_one(&w.t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn each_sees_the_shared_responses_and_their_own() {
    let w = world().await;
    let shared = save(&w.t.db, &w.admin, None, &draft("Refund", true))
        .await
        .unwrap();
    let mine = save(&w.t.db, &w.alex, None, &draft("alex: greeting", false))
        .await
        .unwrap();
    save(&w.t.db, &w.bea, None, &draft("Bea's", false))
        .await
        .unwrap();
    let titles = |list: Vec<Canned>| list.into_iter().map(|c| c.title).collect::<Vec<_>>();
    assert_eq!(
        titles(list(&w.t.db, &w.alex).await.unwrap()),
        ["alex: greeting", "Refund"]
    );
    assert_eq!(
        titles(list(&w.t.db, &w.bea).await.unwrap()),
        ["Bea's", "Refund"]
    );

    // Another agent's response is "not found", to read, change or remove.
    let n = open(&w).await;
    let other = draft("Taken over", false);
    assert_eq!(
        fill_for_case(&w.t.db, &w.bea, n, mine).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        save(&w.t.db, &w.bea, Some(mine), &other).await,
        Err(AppError::NotFound)
    );
    assert_eq!(remove(&w.t.db, &w.bea, mine).await, Err(AppError::NotFound));
    // Shared ones are the admins' to write.
    assert_eq!(
        save(&w.t.db, &w.alex, None, &draft("Mine for all", true)).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        save(&w.t.db, &w.alex, Some(shared), &other).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        remove(&w.t.db, &w.alex, shared).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(count(&w).await, 3, "refusals wrote nothing");

    save(&w.t.db, &w.alex, Some(mine), &draft("alex: renamed", false))
        .await
        .unwrap();
    remove(&w.t.db, &w.alex, mine).await.unwrap();
    remove(&w.t.db, &w.admin, shared).await.unwrap();
    assert_eq!(count(&w).await, 1);
}

async fn open(w: &World) -> i64 {
    let new = NewCase::new(
        Subject::parse("My invoice").unwrap(),
        CaseType::FINANCE,
        MessageBody::parse("Please").unwrap(),
    );
    open_case(&w.t.db, &w.ana, &new).await.unwrap().number()
}

#[tokio::test]
async fn inserting_fills_placeholders_in_the_case_language() {
    let w = world().await;
    let id = save(&w.t.db, &w.admin, None, &draft("Greeting", true))
        .await
        .unwrap();
    let n = open(&w).await;
    assert_eq!(
        fill_for_case(&w.t.db, &w.alex, n, id).await.unwrap(),
        format!("Hello Ana, case {n}. Alex {{{{unknown}}}}")
    );
    // A case written in Spanish gets the Spanish text.
    let mut tx = w.t.db.begin_write().await.unwrap();
    sqlx::query("UPDATE cases SET language = 'es' WHERE number = $1")
        .bind(n)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        fill_for_case(&w.t.db, &w.alex, n, id).await.unwrap(),
        format!("Hola Ana, caso {n}.")
    );
    // No such case, no such response: not found.
    assert_eq!(
        fill_for_case(&w.t.db, &w.alex, 999_999, id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        fill_for_case(&w.t.db, &w.alex, n, id + 100).await,
        Err(AppError::NotFound)
    );
}
