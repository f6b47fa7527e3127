//! Service-level due times against a real database, on a clock moved by
//! hand: targets, the pause while waiting on the customer, the breached
//! view and its count, the SLA order, what customers never see.

use std::time::Duration;

use super::*;
use crate::cases::edit;
use crate::cases::filter::{CaseFilter, Sort};
use crate::cases::listing::{list_all, list_for_requester};
use crate::cases::open::{open_case, NewCase};
use crate::cases::record::CaseEdit;
use crate::cases::store::{open_for_viewer, reply, set_status};
use crate::cases::test_world::{world, World};
use crate::cases::{CaseStatus, CaseType};
use crate::validate::{MessageBody, Subject};

const MINUTE: Duration = Duration::from_secs(60);
const HOUR_MS: i64 = 3_600_000;

impl World {
    async fn target(&self, priority: Priority, first_h: Option<i64>, resolution_h: Option<i64>) {
        let t = SlaTarget {
            priority,
            first_response_ms: first_h.map(|h| h * HOUR_MS),
            resolution_ms: resolution_h.map(|h| h * HOUR_MS),
        };
        set_targets(&self.t.db, &self.admin, &[t]).await.unwrap();
    }

    /// A case of type number `n` (one per type, so none joins another).
    async fn open(&self, n: usize) -> i64 {
        let new = NewCase::new(
            Subject::parse(&format!("Case {n}")).unwrap(),
            CaseType::BUILT_IN[n % 4].clone(),
            MessageBody::parse("Please help").unwrap(),
        );
        open_case(&self.t.db, &self.ana, &new)
            .await
            .unwrap()
            .number()
    }

    fn wait(&self, minutes: u32) {
        self.t.db.clock.advance(MINUTE * minutes);
    }

    /// The clock a staff member sees on the case page.
    async fn clock(&self, n: i64) -> Option<SlaClock> {
        open_for_viewer(&self.t.db, &self.alex, n)
            .await
            .unwrap()
            .sla
    }

    async fn stored(&self, n: i64) -> (Option<i64>, Option<i64>, i64) {
        sqlx::query_as(
            "SELECT first_response_at, resolved_at, sla_paused_ms FROM cases WHERE number = $1",
        )
        .bind(n)
        .fetch_one(&self.t.db.read)
        .await
        .unwrap()
    }

    async fn listed(&self, view: Option<View>, sort: Sort) -> Vec<i64> {
        let f = CaseFilter {
            view,
            sort,
            ..Default::default()
        };
        let page = list_all(&self.t.db, &self.alex, &f, None).await.unwrap();
        page.rows.iter().map(|r| r.number).collect()
    }

    async fn breached_count(&self) -> i64 {
        let counts = crate::cases::assign::view_counts(&self.t.db, &self.alex)
            .await
            .unwrap();
        counts
            .into_iter()
            .find(|c| c.view == View::Breached)
            .unwrap()
            .n
    }
}

fn left(clock: Option<SlaClock>) -> Option<i64> {
    clock.and_then(|c| c.left_ms)
}

#[tokio::test]
async fn due_times_pause_while_waiting_on_the_customer() {
    let w = world().await;
    w.target(Priority::Normal, Some(1), Some(8)).await;
    let n = w.open(0).await;
    let c = w.clock(n).await.unwrap();
    assert_eq!((c.left_ms, c.first_response), (Some(HOUR_MS), true));

    // The first answer meets the first target: the resolution is next.
    w.wait(30);
    reply(&w.t.db, &w.alex, n, &MessageBody::parse("On it").unwrap())
        .await
        .unwrap();
    let answered_at = w.t.db.now();
    let c = w.clock(n).await.unwrap();
    assert_eq!(
        (c.left_ms, c.first_response),
        (Some(7 * HOUR_MS + HOUR_MS / 2), false)
    );

    // Two hours waiting on the customer do not count.
    set_status(&w.t.db, &w.alex, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    w.wait(120);
    let paused = w.clock(n).await.unwrap();
    assert_eq!(paused.left_ms, None, "the clock stands still");
    assert!(w
        .listed(Some(View::Breached), Sort::SlaDue)
        .await
        .is_empty());
    reply(&w.t.db, &w.ana, n, &MessageBody::parse("Here").unwrap())
        .await
        .unwrap();
    assert_eq!(left(w.clock(n).await), Some(7 * HOUR_MS + HOUR_MS / 2));
    // A second answer is not a first one.
    w.wait(10);
    reply(&w.t.db, &w.alex, n, &MessageBody::parse("Again").unwrap())
        .await
        .unwrap();
    let (first, resolved, paused_ms) = w.stored(n).await;
    assert_eq!(first, Some(answered_at));
    assert_eq!(resolved, None);
    assert_eq!(paused_ms, 2 * HOUR_MS);

    // Resolving stops the clock and records when; reopening clears it.
    set_status(&w.t.db, &w.alex, n, CaseStatus::Resolved)
        .await
        .unwrap();
    assert_eq!(w.clock(n).await, None);
    assert_eq!(w.stored(n).await.1, Some(w.t.db.now()));
    set_status(&w.t.db, &w.alex, n, CaseStatus::InProgress)
        .await
        .unwrap();
    assert_eq!(w.stored(n).await.1, None);
    assert!(w.clock(n).await.is_some());
}

#[tokio::test]
async fn the_breached_view_lists_and_counts_overdue_open_cases() {
    let w = world().await;
    w.target(Priority::Normal, Some(1), None).await;
    w.target(Priority::High, Some(3), None).await;
    let late = w.open(0).await;
    w.wait(10);
    let later = w.open(1).await;
    let high = w.open(2).await;
    let edit = CaseEdit {
        priority: Some("high".into()),
        ..Default::default()
    };
    edit::update(&w.t.db, &w.alex, high, &edit.check(true).unwrap())
        .await
        .unwrap();
    let waiting = w.open(3).await;
    set_status(&w.t.db, &w.alex, waiting, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    assert_eq!(w.breached_count().await, 0);

    w.wait(55);
    // Past its hour; the second (ten minutes younger) not yet; the high
    // one has three.
    assert_eq!(w.listed(Some(View::Breached), Sort::SlaDue).await, [late]);
    w.wait(10);
    assert_eq!(
        w.listed(Some(View::Breached), Sort::SlaDue).await,
        [late, later],
        "the most overdue first"
    );
    assert_eq!(w.breached_count().await, 2);
    let c = w.clock(late).await.unwrap();
    assert_eq!(c.state(), SlaState::Breached);
    assert_eq!(c.left_ms, Some(-15 * 60_000));
    // Every open case sorted by due time: those without one come last.
    assert_eq!(
        w.listed(Some(View::Open), Sort::SlaDue).await,
        [late, later, high, waiting]
    );

    // An answer meets the target: no longer breached.
    reply(
        &w.t.db,
        &w.alex,
        late,
        &MessageBody::parse("Sorry").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(w.listed(Some(View::Breached), Sort::SlaDue).await, [later]);
    assert_eq!(w.breached_count().await, 1);

    // A longer target moves the open cases' due times at once.
    w.target(Priority::Normal, Some(2), None).await;
    assert!(w
        .listed(Some(View::Breached), Sort::SlaDue)
        .await
        .is_empty());
    assert_eq!(w.breached_count().await, 0);
    assert_eq!(left(w.clock(later).await), Some(55 * 60_000));
}

#[tokio::test]
async fn paging_by_due_time_walks_every_case_once() {
    let w = world().await;
    w.target(Priority::Normal, Some(1), Some(5)).await;
    let mut made = Vec::new();
    for i in 0..4 {
        made.push(w.open(i).await);
        w.wait(1);
    }
    let f = CaseFilter {
        sort: Sort::SlaDue,
        ..Default::default()
    };
    let first = list_all(&w.t.db, &w.alex, &f, None).await.unwrap();
    let numbers: Vec<i64> = first.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, made, "soonest due first");
    // A cursor from the middle continues after it.
    let cursor = crate::cases::filter::Cursor {
        key: w.t.db.now() - 3 * 60_000 + HOUR_MS,
        id: 1,
    };
    let rest = list_all(&w.t.db, &w.alex, &f, Some(cursor)).await.unwrap();
    let rest: Vec<i64> = rest.rows.iter().map(|r| r.number).collect();
    assert_eq!(rest, made[1..]);
}

#[tokio::test]
async fn customers_never_see_due_times() {
    let w = world().await;
    w.target(Priority::Normal, Some(1), None).await;
    let n = w.open(0).await;
    w.wait(90);
    let f = CaseFilter {
        sort: Sort::SlaDue,
        ..Default::default()
    };
    let mine = list_for_requester(&w.t.db, &w.ana, &f, None).await.unwrap();
    assert_eq!(mine.rows.len(), 1);
    assert_eq!(mine.rows[0].sla, None);
    let page = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert_eq!(page.sla, None);
    // Staff do.
    let staff = list_all(&w.t.db, &w.alex, &f, None).await.unwrap();
    assert_eq!(
        staff.rows[0].sla.map(|c| c.state()),
        Some(SlaState::Breached)
    );
}

#[tokio::test]
async fn targets_read_back_per_priority() {
    let w = world().await;
    w.target(Priority::Urgent, Some(1), Some(4)).await;
    let all = targets(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(all.len(), Priority::ALL.len());
    let urgent = all.iter().find(|t| t.priority == Priority::Urgent).unwrap();
    assert_eq!(urgent.first_response_ms, Some(HOUR_MS));
    assert_eq!(urgent.resolution_ms, Some(4 * HOUR_MS));
    let low = all.iter().find(|t| t.priority == Priority::Low).unwrap();
    assert_eq!((low.first_response_ms, low.resolution_ms), (None, None));
    // Clearing a target clears it.
    w.target(Priority::Urgent, None, None).await;
    let all = targets(&w.t.db, &w.alex).await.unwrap();
    assert!(all.iter().all(|t| t.first_response_ms.is_none()));
}
