//! SQL for case lists: the customer's, the staff's, filtered and sorted;
//! the same query feeds the CSV export.

use sqlx::FromRow;

mod conditions;

use conditions::{push_filtered, Plan, Scope, Select};

use super::filter::{CaseFilter, Cursor, Sort};
use super::sla::CLOCK_COLUMNS;
use super::store::decode;
use super::text_search::{self, TextPlan};
use super::{CasePage, CaseStatus, CaseSummary, CaseType, Origin};
use crate::auth::{Person, Staff, User};
use crate::db::{Backend, Db, Flag, Sql};
use crate::error::AppError;

/// Rows per list page.
pub const PAGE_SIZE: i64 = 50;

#[derive(FromRow)]
pub(super) struct SummaryRow {
    pub(super) id: i64,
    pub(super) number: i64,
    pub(super) subject: String,
    pub(super) case_type: String,
    pub(super) status: String,
    pub(super) origin: String,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    #[sqlx(try_from = "Flag")]
    pub(super) unread: bool,
    pub(super) requester: String,
    pub(super) assignee: Option<String>,
    pub(super) department: Option<String>,
    pub(super) sla_due: i64,
    #[sqlx(try_from = "Flag")]
    pub(super) sla_paused: bool,
    #[sqlx(try_from = "Flag")]
    pub(super) sla_first: bool,
}

impl SummaryRow {
    fn into_summary(self, now: i64) -> Result<CaseSummary, AppError> {
        Ok(CaseSummary {
            number: self.number,
            case_type: decode(CaseType::parse(&self.case_type), "type", &self.case_type)?,
            status: decode(CaseStatus::parse(&self.status), "status", &self.status)?,
            origin: decode(Origin::parse(&self.origin), "origin", &self.origin)?,
            subject: self.subject,
            created_at: self.created_at,
            updated_at: self.updated_at,
            unread: self.unread,
            requester: self.requester,
            assignee: self.assignee,
            sla: super::sla::clock(self.sla_due, self.sla_paused, self.sla_first, now),
        })
    }
}

/// The columns of a list row, as seen by the person `$1`.
const SUMMARY_COLUMNS: &str = r#"
    c.id, c.number, c.subject, c.case_type, c.status, c.origin, c.created_at, c.updated_at,
    (c.last_staff_reply_at IS NOT NULL
        AND (v.seen_at IS NULL OR v.seen_at < c.last_staff_reply_at)) AS unread,
    u.email AS requester, a.name AS assignee, d.name AS department,
"#;

/// The joins that fill a row's columns, for the person bound next.
const ROW_JOINS: &str = r#"
    JOIN users u ON u.id = c.requester_id
    LEFT JOIN users a ON a.id = c.assignee_id
    LEFT JOIN departments d ON d.id = c.department_id
    LEFT JOIN case_views v ON v.case_id = c.id AND v.user_id = "#;

/// The cases the customer sees (their own and those they are CC'd on)
/// that match `filter`, one page from `after`.
pub async fn list_for_requester(
    db: &Db,
    person: &Person,
    filter: &CaseFilter,
    after: Option<Cursor>,
) -> Result<CasePage, AppError> {
    list(db, person.user(), true, filter, after).await
}

/// Every case that matches `filter`, for the staff workspace.
pub async fn list_all(
    db: &Db,
    staff: &Staff,
    filter: &CaseFilter,
    after: Option<Cursor>,
) -> Result<CasePage, AppError> {
    list(db, staff.user(), false, filter, after).await
}

/// A chat not yet ended: the staff's list shows these first.
const OPEN_CHAT: &str = "c.id IN (SELECT case_id FROM chats WHERE state <> 'ended')";

/// The chats not ended that filter `f` lets through, oldest first: they
/// head the staff's first page, and the list proper leaves them out.
fn open_chats(plan: Plan, viewer: &User, f: &CaseFilter) -> Sql {
    let mut q = filtered_query((plan.backend, plan.now), viewer, false, f);
    q.push(format!(
        " AND {OPEN_CHAT} ORDER BY c.created_at, c.id LIMIT 200"
    ));
    q
}

/// `%text%` for LIKE, with the user's own `%`, `_` and `\` taken literally.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The cases `viewer` sees (only their own with `own_only`), filtered and
/// unsorted, without a limit. Every value is bound; only fixed SQL fragments
/// are pushed as text.
pub(super) fn filtered_query(
    at: (Backend, i64),
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> Sql {
    let mut q = Sql::default();
    push_filtered_query(&mut q, at, viewer, own_only, f);
    q
}

fn push_filtered_query(
    q: &mut Sql,
    (backend, now): (Backend, i64),
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) {
    // CC counts only for an address its owner has confirmed.
    let scope = match (own_only, viewer.verified) {
        (false, _) => Scope::All,
        (true, true) => Scope::OwnOrCc,
        (true, false) => Scope::Own,
    };
    let plan = Plan {
        backend,
        text: TextPlan::MatchSet,
        now,
    };
    match f.effective_statuses() {
        Some(statuses) => push_filtered(q, viewer, scope, f, &statuses, plan, Select::Rows),
        None => {
            push_filtered(q, viewer, scope, f, &[], plan, Select::Rows);
            q.push(" AND 1 = 0");
        }
    }
}

/// The column a list is sorted by, and whether the greatest comes first
/// (last update and creation list the newest first; due times the soonest).
fn sort_key(sort: Sort) -> (&'static str, bool) {
    match sort {
        Sort::LastUpdate => ("updated_at", true),
        Sort::Created => ("created_at", true),
        Sort::SlaDue => ("sla_due", false),
    }
}

/// `prefix` names the table (`c.`) inside a query, nothing outside a union.
fn order_by(q: &mut Sql, sort: Sort, prefix: &str) {
    let (column, desc) = sort_key(sort);
    let dir = if desc { " DESC" } else { "" };
    q.push(format!(" ORDER BY {prefix}{column}{dir}, {prefix}id{dir}"));
}

/// Only rows after the cursor, in the list's order.
fn push_after(q: &mut Sql, sort: Sort, after: Option<Cursor>) {
    if let Some(c) = after {
        let (column, desc) = sort_key(sort);
        let past = if desc { "<" } else { ">" };
        q.push(format!(" AND (c.{column} {past} "))
            .bind(c.key)
            .push(format!(" OR (c.{column} = "))
            .bind(c.key)
            .push(format!(" AND c.id {past} "))
            .bind(c.id)
            .push("))");
    }
}

/// The numbers of up to `limit` cases `filter` matches, for a bulk action.
pub(super) async fn filtered_numbers(
    db: &Db,
    viewer: &User,
    f: &CaseFilter,
    limit: usize,
) -> Result<Vec<i64>, AppError> {
    let mut q = filtered_query((db.backend(), db.now()), viewer, false, f);
    q.push(" LIMIT ").bind(limit as i64);
    let rows: Vec<SummaryRow> = q.fetch_all(&db.read).await?;
    Ok(rows.into_iter().map(|r| r.number).collect())
}

/// How many cases a staff list with filter `f` holds, counted up to `cap`
/// (a saved view's count, a bulk action's "all N matching").
pub(super) async fn filtered_count(
    db: &Db,
    viewer: &User,
    f: &CaseFilter,
    cap: i64,
) -> Result<i64, AppError> {
    let mut q = Sql::new("SELECT COUNT(*) FROM (");
    push_filtered_query(&mut q, (db.backend(), db.now()), viewer, false, f);
    q.push(" LIMIT ").bind(cap).push(") AS capped");
    let n: Vec<i64> = q.fetch_scalars(&db.read).await?;
    Ok(n.first().copied().unwrap_or(0))
}

/// The whole filtered list in order, for the export.
pub(super) fn export_query(
    at: (Backend, i64),
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> Sql {
    let mut q = filtered_query(at, viewer, own_only, f);
    order_by(&mut q, f.sort, "c.");
    q
}

/// One page of cases as `viewer` sees them, filtered, starting after
/// `after`; the next page's cursor when there are more.
async fn list(
    db: &Db,
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
    after: Option<Cursor>,
) -> Result<CasePage, AppError> {
    let now = db.now();
    let plan = Plan {
        backend: db.backend(),
        text: text_search::plan(db, own_only, f).await?,
        now,
    };
    let customer_filter;
    let f = if own_only {
        customer_filter = f.for_customer();
        &customer_filter
    } else {
        f
    };
    // A view and chosen statuses with nothing in common list nothing.
    let Some(statuses) = f.effective_statuses() else {
        return Ok(CasePage {
            rows: Vec::new(),
            next: None,
            now,
        });
    };
    // Each branch is a seek on an index in list order, merged: an OR or an
    // IN would sort every matching case first.
    let branches: Vec<(Scope, &[CaseStatus])> = if own_only && !viewer.verified {
        vec![(Scope::Own, &statuses)]
    } else if own_only {
        vec![(Scope::Own, &statuses), (Scope::Cc, &statuses)]
    } else if statuses.is_empty() {
        vec![(Scope::All, &[])]
    } else {
        statuses
            .iter()
            .map(|s| (Scope::All, std::slice::from_ref(s)))
            .collect()
    };
    // PostgreSQL would join each branch's rows before the merge keeps 51:
    // it merges ids and sort keys, read from the indexes alone, and joins
    // the page once. SQLite reads whole rows in the branches as cheaply,
    // and its bundled planner scanned every case for the joined form.
    let select = match plan.backend {
        Backend::Postgres => Select::Keys,
        Backend::Sqlite => Select::Rows,
    };
    let mut q = match select {
        Select::Keys => Sql::new(format!("SELECT {SUMMARY_COLUMNS} {CLOCK_COLUMNS} FROM (")),
        Select::Rows => Sql::default(),
    };
    for (i, (scope, statuses)) in branches.into_iter().enumerate() {
        if i > 0 {
            // UNION, not UNION ALL: a requester may also be in their own CC.
            q.push(" UNION ");
        }
        q.push("SELECT * FROM (");
        push_filtered(&mut q, viewer, scope, f, statuses, plan, select);
        if !own_only {
            q.push(format!(" AND NOT {OPEN_CHAT}"));
        }
        push_after(&mut q, f.sort, after);
        order_by(&mut q, f.sort, "c.");
        // PostgreSQL wants a name for each derived table.
        q.push(" LIMIT ")
            .bind(PAGE_SIZE + 1)
            .push(format!(") AS branch{i}"));
    }
    order_by(&mut q, f.sort, "");
    q.push(" LIMIT ").bind(PAGE_SIZE + 1);
    if select == Select::Keys {
        q.push(format!(
            ") AS page JOIN cases c ON c.id = page.id {ROW_JOINS}"
        ))
        .bind(viewer.id);
        order_by(&mut q, f.sort, "c.");
    }
    let mut rows: Vec<SummaryRow> = q.fetch_all(&db.read).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let cursor = rows
        .last()
        .map(|r| (r.id, r.updated_at, r.created_at, r.sla_due));
    if !own_only && after.is_none() {
        let mut chats = open_chats(plan, viewer, f).fetch_all(&db.read).await?;
        chats.append(&mut rows);
        rows = chats;
    }
    let next = more
        .then_some(cursor)
        .flatten()
        .map(|(id, updated, created, due)| {
            let key = match f.sort {
                Sort::LastUpdate => updated,
                Sort::Created => created,
                Sort::SlaDue => due,
            };
            Cursor { key, id }.encode()
        });
    let rows = rows
        .into_iter()
        .map(|r| r.into_summary(now))
        .map(|r| {
            // Who works on a case, and its due times, are for staff to see.
            r.map(|mut c| {
                if own_only {
                    c.assignee = None;
                    c.sla = None;
                }
                c
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(CasePage { rows, next, now })
}
