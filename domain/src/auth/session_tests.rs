//! Sessions: the idle end and "Sign out everywhere", on the backend the
//! environment picks.

use std::time::Duration;

use super::{accounts, Actor, Role};
use crate::db::testing::test_db_with;
use crate::db::Clock;

const HOUR: Duration = Duration::from_secs(3600);

/// Whether `token`'s session still signs someone in.
async fn signed_in(db: &crate::db::Db, token: &str) -> bool {
    let actor = accounts::actor_for_session(db, token).await.unwrap();
    matches!(actor, Actor::Person(_))
}

#[tokio::test]
async fn a_session_unused_for_three_days_ends_and_one_in_use_lives_on() {
    let clock = Clock::fixed(1_795_000_000_000);
    let t = test_db_with(clock.clone()).await;
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-1",
    )
    .await
    .unwrap();
    let used = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let idle = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    // Used every day for ten days: still signed in.
    for _ in 0..10 {
        clock.advance(24 * HOUR);
        assert!(signed_in(&t.db, &used).await);
    }
    // Left ten days: ended long ago.
    assert!(!signed_in(&t.db, &idle).await);
    // The boundary: just under three days idle is still in, over is out.
    clock.advance(72 * HOUR - Duration::from_millis(1));
    assert!(signed_in(&t.db, &used).await);
    clock.advance(72 * HOUR + Duration::from_millis(1));
    assert!(!signed_in(&t.db, &used).await);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session_of_the_account_only() {
    let t = test_db_with(Clock::fixed(1_795_000_000_000)).await;
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-1",
    )
    .await
    .unwrap();
    let bob = accounts::register(
        &t.db,
        Role::Customer,
        "Bob",
        "bob@example.com",
        "password-1",
    )
    .await
    .unwrap();
    let here = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let phone = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let bobs = accounts::start_session(&t.db, &bob, None, 30)
        .await
        .unwrap();
    accounts::end_all_sessions(&t.db, &ana).await.unwrap();
    for token in [here, phone] {
        assert!(!signed_in(&t.db, &token).await);
    }
    assert!(signed_in(&t.db, &bobs).await);
}
