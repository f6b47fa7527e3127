//! The WHERE of a case list: who sees which cases, and every filter, as
//! bound values behind fixed SQL fragments.

use super::{like_pattern, sort_key, ROW_JOINS, SUMMARY_COLUMNS};
use crate::auth::User;
use crate::cases::filter::CaseFilter;
use crate::cases::sla::CLOCK_COLUMNS;
use crate::cases::text_search::{self, TextPlan};
use crate::cases::workspace::View;
use crate::cases::CaseStatus;
use crate::db::{Backend, Sql};
use model::time::{day_start, UTC};

/// How a list query is built: the text search's plan, and the time the
/// breached view compares due times with.
#[derive(Clone, Copy)]
pub(super) struct Plan {
    pub(super) backend: Backend,
    pub(super) text: TextPlan,
    pub(super) now: i64,
}

/// Which cases a query reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    All,
    /// The viewer's own and those they are copied on.
    OwnOrCc,
    Own,
    Cc,
}

/// What a filtered SELECT returns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Select {
    /// Whole list rows.
    Rows,
    /// Only the id and the sort key: a page is chosen on the cases table
    /// alone, and joined to the rest once it is known.
    Keys,
}

/// Appends the filtered SELECT to `q`, with `statuses` in place of the
/// filter's own (so a list can ask for one status at a time).
pub(super) fn push_filtered(
    q: &mut Sql,
    viewer: &User,
    scope: Scope,
    f: &CaseFilter,
    statuses: &[CaseStatus],
    plan: Plan,
    select: Select,
) {
    match select {
        Select::Rows => {
            q.push(format!(
                "SELECT {SUMMARY_COLUMNS} {CLOCK_COLUMNS} FROM cases c {ROW_JOINS}"
            ));
            q.bind(viewer.id);
        }
        Select::Keys => {
            // The id and the sort key only: an index in list order holds
            // both, so PostgreSQL need not read the table.
            q.push(format!(
                "SELECT c.id, c.{} FROM cases c",
                sort_key(f.sort).0
            ));
            // The requester filter reads their address and name.
            if f.requester.is_some() {
                q.push(" JOIN users u ON u.id = c.requester_id");
            }
        }
    }
    q.push(" WHERE 1 = 1");
    // A visitor following one case by a mailed link sees that case alone.
    if let Some(n) = viewer.following {
        q.push(" AND c.number = ").bind(n);
    }
    match scope {
        Scope::All => push_staff_filters(q, viewer, f, plan.now),
        Scope::OwnOrCc => {
            q.push(" AND (c.requester_id = ")
                .bind(viewer.id)
                .push(" OR c.id IN (SELECT case_id FROM case_cc WHERE email = ")
                .bind(viewer.email.clone())
                .push("))");
        }
        Scope::Own => {
            q.push(" AND c.requester_id = ").bind(viewer.id);
        }
        Scope::Cc => {
            q.push(" AND c.id IN (SELECT case_id FROM case_cc WHERE email = ")
                .bind(viewer.email.clone())
                .push(")");
        }
    }
    if !statuses.is_empty() {
        q.push(" AND c.status IN (")
            .bind_list(statuses.iter().map(|s| s.as_str()))
            .push(")");
    }
    if let Some(t) = &f.case_type {
        q.push(" AND c.case_type = ").bind(t.as_str().to_owned());
    }
    // Days start at midnight where the person filtering lives.
    let zone = if f.zone.is_empty() {
        UTC
    } else {
        f.zone.as_str()
    };
    if let Some(from) = f.created_from {
        q.push(" AND c.created_at >= ").bind(day_start(from, zone));
    }
    if let Some(to) = f.created_to.and_then(|d| d.succ_opt()) {
        q.push(" AND c.created_at < ").bind(day_start(to, zone));
    }
    if let Some(n) = f.number {
        q.push(" AND c.number = ").bind(n);
    }
    if let Some(text) = &f.text {
        match text_search::words(plan.backend, text) {
            Some(m) => text_search::push_match(q, plan.backend, plan.text, m),
            None => {
                q.push(" AND 1 = 0");
            }
        }
    }
    if let Some(who) = &f.requester {
        let pattern = like_pattern(who);
        q.push(" AND (LOWER(u.email) LIKE ")
            .bind(pattern.clone())
            .push(r" ESCAPE '\' OR LOWER(u.name) LIKE ")
            .bind(pattern)
            .push(r" ESCAPE '\')");
    }
}

/// The filters only staff lists have: the view's assignee, the department.
fn push_staff_filters(q: &mut Sql, viewer: &User, f: &CaseFilter, now: i64) {
    match f.view {
        Some(View::Breached) => {
            q.push(" AND c.sla_due < ").bind(now);
        }
        Some(View::Mine) => {
            q.push(" AND c.assignee_id = ").bind(viewer.id);
        }
        Some(View::Unassigned) => {
            q.push(" AND c.assignee_id IS NULL");
        }
        Some(View::Mentions) => {
            q.push(" AND c.id IN (SELECT case_id FROM note_mentions WHERE user_id = ")
                .bind(viewer.id)
                .push(")");
        }
        _ => {}
    }
    if let Some(d) = f.department {
        q.push(" AND c.department_id = ").bind(d);
    }
}
