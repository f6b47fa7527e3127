//! The change feed against a real database: each change reaches listeners
//! once, a late commit is not lost, and each listener hears only what its
//! actor may know.

use std::time::Duration;

use super::*;
use crate::auth::{accounts, Role};
use crate::cases::open::{open_case, NewCase};
use crate::cases::store::reply;
use crate::cases::CaseType;
use crate::db::testing::test_db;
use crate::validate::{MessageBody, Subject};

/// The next batch, or a failure after two seconds.
async fn next(rx: &mut broadcast::Receiver<Batch>) -> Batch {
    tokio::time::timeout(Duration::from_secs(2), rx.recv())
        .await
        .expect("a batch within two seconds")
        .unwrap()
}

#[tokio::test]
async fn changes_reach_listeners_and_each_actor_hears_only_their_own() {
    let t = test_db().await;
    let db = &t.db;
    let ana = accounts::register(db, Role::Customer, "Ana", "ana@example.com", "password-123")
        .await
        .unwrap();
    let bob = accounts::register(db, Role::Customer, "Bob", "bob@example.com", "password-123")
        .await
        .unwrap();
    let staff = crate::auth::testing::staff(db).await;
    let feed = Feed::start(db.clone()).await.unwrap();
    let mut rx = feed.subscribe();

    let new = NewCase::new(
        Subject::parse("Live").unwrap(),
        CaseType::TECHNICAL,
        MessageBody::parse("Hello").unwrap(),
    );
    let number = open_case(db, &ana, &new).await.unwrap().number();
    let opened = next(&mut rx).await;
    assert!(opened.iter().all(|c| c.number == number));

    reply(db, &staff, number, &MessageBody::parse("Answer").unwrap())
        .await
        .unwrap();
    let answered = next(&mut rx).await;
    let as_actor = |p: &crate::auth::Person| Actor::Person(p.clone());
    let public: Vec<_> = answered.iter().filter(|c| c.public).collect();
    assert!(!public.is_empty());
    assert!(public.iter().all(|c| c.visible_to(&as_actor(&ana))));
    assert!(answered.iter().all(|c| !c.visible_to(&as_actor(&bob))));
    assert!(answered.iter().all(|c| !c.visible_to(&Actor::Visitor)));

    // A note is staff's news only.
    crate::cases::notes::add(db, &staff, number, "Between us", &[])
        .await
        .unwrap();
    let noted = next(&mut rx).await;
    assert!(noted.iter().all(|c| !c.public));
    assert!(noted.iter().all(|c| !c.visible_to(&as_actor(&ana))));
    assert!(noted
        .iter()
        .all(|c| c.visible_to(&Actor::Person((*staff).clone()))));
}

#[tokio::test]
async fn a_change_committed_after_a_later_id_is_still_read_once() {
    let t = test_db().await;
    let db = &t.db;
    let ana = accounts::register(db, Role::Customer, "Ana", "ana@example.com", "password-123")
        .await
        .unwrap();
    let new = NewCase::new(
        Subject::parse("Order").unwrap(),
        CaseType::OTHER,
        MessageBody::parse("Hello").unwrap(),
    );
    open_case(db, &ana, &new).await.unwrap();
    let case_id: i64 = sqlx::query_scalar("SELECT id FROM cases")
        .fetch_one(&db.read)
        .await
        .unwrap();
    let last: i64 = sqlx::query_scalar("SELECT MAX(id) FROM case_changes")
        .fetch_one(&db.read)
        .await
        .unwrap();
    let insert = |id: i64| async move {
        let mut tx = db.begin_write().await.unwrap();
        sqlx::query("INSERT INTO case_changes (id, case_id, public, at) VALUES ($1, $2, TRUE, 0)")
            .bind(id)
            .bind(case_id)
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    };
    let mut reader = Reader::new(last);
    insert(last + 1).await;
    insert(last + 3).await;
    assert_eq!(reader.read(db).await.unwrap().len(), 1);
    assert!(reader.read(db).await.unwrap().is_empty());
    // Id last + 2 was taken earlier but commits now.
    insert(last + 2).await;
    assert_eq!(reader.read(db).await.unwrap().len(), 1);
    assert!(reader.read(db).await.unwrap().is_empty());
}
