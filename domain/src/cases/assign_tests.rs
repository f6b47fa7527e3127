//! Assignment, departments and the kept view counts against a real
//! database (both backends, as `make test` runs them).

use std::time::Duration;

use super::*;
use crate::cases::departments;
use crate::cases::filter::{CaseFilter, Sort};
use crate::cases::listing::{list_all, list_for_requester};
use crate::cases::open::{open_case, NewCase};
use crate::cases::store::{open_for_viewer, reply, set_status};
use crate::cases::test_world::{world, World};
use crate::cases::workspace::View;
use crate::cases::{ActivityKind, CaseType};
use crate::validate::{DepartmentName, MessageBody, Subject};

async fn open(w: &World, n: usize) -> i64 {
    w.t.db.clock.advance(Duration::from_secs(60));
    let new = NewCase::new(
        Subject::parse(&format!("Case {n}")).unwrap(),
        // One type per case in turn, so open cases never join each other.
        CaseType::BUILT_IN[n % 4].clone(),
        MessageBody::parse("Please help").unwrap(),
    );
    open_case(&w.t.db, &w.ana, &new).await.unwrap().number()
}

async fn department(w: &World, name: &str) -> i64 {
    let name = DepartmentName::parse(name).unwrap();
    departments::add(&w.t.db, &w.admin, &name).await.unwrap()
}

fn body(s: &str) -> MessageBody {
    MessageBody::parse(s).unwrap()
}

/// What the rail shows for `staff`, view by view.
async fn counts(w: &World, staff: &Staff) -> Vec<(View, i64)> {
    view_counts(&w.t.db, staff)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.view, c.n))
        .collect()
}

/// The same numbers counted from the lists themselves.
async fn listed(w: &World, staff: &Staff) -> Vec<(View, i64)> {
    let mut out = Vec::new();
    for view in View::ALL {
        let filter = CaseFilter {
            view: Some(view),
            sort: Sort::LastUpdate,
            ..Default::default()
        };
        let page = list_all(&w.t.db, staff, &filter, None).await.unwrap();
        assert!(page.next.is_none(), "tests stay under one page");
        out.push((view, page.rows.len() as i64));
    }
    out
}

/// The kept queue counts equal a fresh count of the cases.
async fn assert_queues_fresh(w: &World) {
    let mut kept: Vec<(i64, i64)> =
        sqlx::query_as("SELECT assignee_id, n FROM case_queue_counts WHERE n <> 0")
            .fetch_all(&w.t.db.read)
            .await
            .unwrap();
    let mut fresh: Vec<(i64, i64)> = sqlx::query_as(&queues_from_cases())
        .fetch_all(&w.t.db.read)
        .await
        .unwrap();
    kept.sort();
    fresh.sort();
    assert_eq!(kept, fresh);
}

async fn assigned(w: &World, number: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT assignee_id FROM cases WHERE number = $1")
        .bind(number)
        .fetch_one(&w.t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn agents_take_assign_and_reassign_and_each_change_is_logged_for_staff() {
    let w = world().await;
    let n = open(&w, 0).await;
    take(&w.t.db, &w.alex, n).await.unwrap();
    assert_eq!(assigned(&w, n).await, Some(w.alex.user().id));
    assign(&w.t.db, &w.alex, n, Some(w.bea.user().id))
        .await
        .unwrap();
    assign(&w.t.db, &w.bea, n, None).await.unwrap();
    assert_eq!(assigned(&w, n).await, None);

    let staff_view = open_for_viewer(&w.t.db, &w.alex, n).await.unwrap();
    let lines: Vec<_> = staff_view
        .activity
        .iter()
        .filter_map(|e| match &e.kind {
            ActivityKind::Assigned { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        })
        .collect();
    let name = |s: &str| Some(s.to_string());
    assert_eq!(
        lines,
        [
            (None, name("Alex")),
            (name("Alex"), name("Bea")),
            (name("Bea"), None)
        ]
    );
    // Customers never read who works on their case.
    let theirs = open_for_viewer(&w.t.db, &w.ana, n).await.unwrap();
    assert!(theirs.assignment.is_none());
    assert!(!theirs
        .activity
        .iter()
        .any(|e| matches!(e.kind, ActivityKind::Assigned { .. })));
}

#[tokio::test]
async fn cases_go_only_to_staff_and_never_once_closed() {
    let w = world().await;
    let n = open(&w, 0).await;
    let before = assigned(&w, n).await;
    let refused = assign(&w.t.db, &w.alex, n, Some(w.ana.user().id)).await;
    assert_eq!(
        refused,
        Err(AppError::invalid(Field::Assignee, Problem::Unknown))
    );
    let nobody = assign(&w.t.db, &w.alex, n, Some(999_999)).await;
    assert_eq!(
        nobody,
        Err(AppError::invalid(Field::Assignee, Problem::Unknown))
    );
    assert_eq!(assigned(&w, n).await, before);
    set_status(&w.t.db, &w.alex, n, CaseStatus::Closed)
        .await
        .unwrap();
    assert_eq!(take(&w.t.db, &w.alex, n).await, Err(AppError::CaseClosed));
    assert_eq!(
        take(&w.t.db, &w.alex, 424_242).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn the_first_public_answer_assigns_an_unassigned_case() {
    let w = world().await;
    let n = open(&w, 0).await;
    reply(&w.t.db, &w.bea, n, &body("Looking into it"))
        .await
        .unwrap();
    let case = open_for_viewer(&w.t.db, &w.bea, n).await.unwrap();
    assert_eq!(case.status, CaseStatus::InProgress);
    assert_eq!(assigned(&w, n).await, Some(w.bea.user().id));
    // Another agent answering later does not take it away.
    reply(&w.t.db, &w.alex, n, &body("Adding a detail"))
        .await
        .unwrap();
    assert_eq!(assigned(&w, n).await, Some(w.bea.user().id));
    // A customer's reply assigns nobody.
    let m = open(&w, 1).await;
    reply(&w.t.db, &w.ana, m, &body("More")).await.unwrap();
    assert_eq!(assigned(&w, m).await, None);
    assert_queues_fresh(&w).await;
}

#[tokio::test]
async fn a_referred_case_needs_a_department() {
    let w = world().await;
    let finance = department(&w, "Finance").await;
    let n = open(&w, 0).await;
    let required = AppError::invalid(Field::Department, Problem::Required);
    assert_eq!(
        set_status(&w.t.db, &w.alex, n, CaseStatus::Referred).await,
        Err(required.clone())
    );
    assert_eq!(
        refer(&w.t.db, &w.alex, n, None).await,
        Err(required.clone())
    );
    assert_eq!(
        refer(&w.t.db, &w.alex, n, Some(finance + 100)).await,
        Err(AppError::invalid(Field::Department, Problem::Unknown))
    );
    let case = open_for_viewer(&w.t.db, &w.alex, n).await.unwrap();
    assert_eq!(case.status, CaseStatus::New);
    refer(&w.t.db, &w.alex, n, Some(finance)).await.unwrap();
    let case = open_for_viewer(&w.t.db, &w.alex, n).await.unwrap();
    assert_eq!(case.status, CaseStatus::Referred);
    let assignment = case.assignment.unwrap();
    assert_eq!(assignment.department, Some((finance, "Finance".into())));
    // Taking the department away from a referred case is refused.
    assert_eq!(
        set_department(&w.t.db, &w.alex, n, None).await,
        Err(required)
    );
    // The department list filters on it.
    let filter = CaseFilter {
        department: Some(finance),
        ..Default::default()
    };
    let page = list_all(&w.t.db, &w.alex, &filter, None).await.unwrap();
    assert_eq!(page.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [n]);
    assert_eq!(counts(&w, &w.alex).await, listed(&w, &w.alex).await);
}

#[tokio::test]
async fn departments_are_named_once_and_removed_only_when_unused() {
    let w = world().await;
    let tech = department(&w, "Technical").await;
    let again = departments::add(
        &w.t.db,
        &w.admin,
        &DepartmentName::parse("technical").unwrap(),
    )
    .await;
    assert_eq!(
        again,
        Err(AppError::invalid(Field::Department, Problem::Taken))
    );
    assert_eq!(
        DepartmentName::parse(" "),
        Err(AppError::invalid(Field::Department, Problem::Required))
    );
    let name = DepartmentName::parse("Tech support").unwrap();
    departments::rename(&w.t.db, &w.admin, tech, &name)
        .await
        .unwrap();
    departments::set_member(&w.t.db, &w.admin, tech, w.alex.user().id, true)
        .await
        .unwrap();
    let customer = departments::set_member(&w.t.db, &w.admin, tech, w.ana.user().id, true).await;
    assert_eq!(
        customer,
        Err(AppError::invalid(Field::Assignee, Problem::Unknown))
    );
    let dir = departments::directory(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(dir.departments.len(), 1);
    assert_eq!(dir.departments[0].name, "Tech support");
    assert_eq!(dir.departments[0].members, [w.alex.user().id]);
    assert!(dir.agents.iter().all(|a| a.id != w.ana.user().id));
    assert_eq!(dir.agents.len(), 3);

    let n = open(&w, 0).await;
    set_department(&w.t.db, &w.alex, n, Some(tech))
        .await
        .unwrap();
    assert_eq!(
        departments::remove(&w.t.db, &w.admin, tech).await,
        Err(AppError::invalid(Field::Department, Problem::NotEmpty))
    );
    set_department(&w.t.db, &w.alex, n, None).await.unwrap();
    departments::remove(&w.t.db, &w.admin, tech).await.unwrap();
    assert_eq!(
        departments::remove(&w.t.db, &w.admin, tech).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn views_list_their_cases_and_customers_never_see_the_assignee() {
    let w = world().await;
    let mine = open(&w, 0).await;
    let theirs = open(&w, 1).await;
    let nobodys = open(&w, 2).await;
    take(&w.t.db, &w.alex, mine).await.unwrap();
    take(&w.t.db, &w.bea, theirs).await.unwrap();
    let numbers =
        |rows: Vec<crate::cases::CaseSummary>| rows.iter().map(|r| r.number).collect::<Vec<_>>();
    let of = |view| CaseFilter {
        view: Some(view),
        ..Default::default()
    };
    let page = list_all(&w.t.db, &w.alex, &of(View::Mine), None)
        .await
        .unwrap();
    assert_eq!(page.rows[0].assignee.as_deref(), Some("Alex"));
    assert_eq!(numbers(page.rows), [mine]);
    let page = list_all(&w.t.db, &w.alex, &of(View::Unassigned), None)
        .await
        .unwrap();
    assert_eq!(numbers(page.rows), [nobodys]);
    let page = list_for_requester(&w.t.db, &w.ana, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 3);
    assert!(page.rows.iter().all(|r| r.assignee.is_none()));
    let expected = [
        (View::Unassigned, 1),
        (View::Mine, 1),
        (View::Open, 3),
        (View::Breached, 0),
        (View::Waiting, 0),
        (View::Referred, 0),
        (View::Resolved, 0),
        (View::Closed, 0),
        (View::Mentions, 0),
    ];
    assert_eq!(counts(&w, &w.alex).await, expected);
    assert_eq!(listed(&w, &w.alex).await, expected);
}

/// A small deterministic generator: the same changes on every run.
struct Steps(u64);

impl Steps {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % below as u64) as usize
    }
}

#[tokio::test]
async fn kept_view_counts_equal_a_fresh_count_after_random_changes() {
    let w = world().await;
    let finance = department(&w, "Finance").await;
    // Due times too, so the breached view's count is checked with the rest.
    let target = crate::cases::sla::SlaTarget {
        priority: crate::cases::record::Priority::Normal,
        first_response_ms: Some(3_600_000),
        resolution_ms: Some(20 * 3_600_000),
    };
    crate::cases::sla::set_targets(&w.t.db, &w.admin, &[target])
        .await
        .unwrap();
    let mut cases = Vec::new();
    for i in 0..8 {
        cases.push(open(&w, i).await);
    }
    let agents = [w.alex.clone(), w.bea.clone()];
    let mut steps = Steps(20261130);
    let mut done = 0;
    for _ in 0..200 {
        let n = cases[steps.next(cases.len())];
        let agent = &agents[steps.next(2)];
        w.t.db.clock.advance(Duration::from_secs(30));
        // Refusals (a closed case, a merge into itself) are part of the mix:
        // they must change no count either.
        let result = match steps.next(8) {
            0 => take(&w.t.db, agent, n).await,
            1 => assign(&w.t.db, agent, n, None).await,
            2 => reply(&w.t.db, agent, n, &body("An answer")).await,
            3 => reply(&w.t.db, &w.ana, n, &body("A question")).await,
            4 => {
                let to = CaseStatus::ALL[steps.next(CaseStatus::ALL.len())];
                set_status(&w.t.db, agent, n, to).await
            }
            5 => refer(&w.t.db, agent, n, Some(finance)).await,
            6 => {
                let into = cases[steps.next(cases.len())];
                crate::cases::merge::merge(&w.t.db, agent, n, into).await
            }
            _ => {
                cases.push(open(&w, cases.len()).await);
                Ok(())
            }
        };
        done += usize::from(result.is_ok());
    }
    // Most changes went through: the counts were really moved.
    assert!(done > 50, "{done} of 200 changes went through");
    // Automatic closes move counts too.
    w.t.db.clock.advance(Duration::from_secs(30 * 24 * 3600));
    let closed = crate::cases::lifecycle::auto_close_due(&w.t.db, &Default::default()).await;
    assert!(closed.is_ok());
    assert_queues_fresh(&w).await;
    for agent in &agents {
        assert_eq!(counts(&w, agent).await, listed(&w, agent).await);
    }
}
