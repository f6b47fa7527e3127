//! SQL for case lists: the customer's, the staff's, filtered and sorted;
//! the same query feeds the CSV export.

use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::filter::{CaseFilter, Cursor, Sort};
use super::store::decode;
use super::{CasePage, CaseStatus, CaseSummary, CaseType, Origin};
use crate::auth::User;
use crate::db::Db;
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
    pub(super) unread: bool,
    pub(super) requester: String,
}

impl SummaryRow {
    fn into_summary(self) -> Result<CaseSummary, AppError> {
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
        })
    }
}

/// The columns of a list row, as seen by the person `$1`.
const SUMMARY_COLUMNS: &str = r#"
    c.id, c.number, c.subject, c.case_type, c.status, c.origin, c.created_at, c.updated_at,
    (c.last_staff_reply_at IS NOT NULL
        AND (v.seen_at IS NULL OR v.seen_at < c.last_staff_reply_at)) AS unread,
    u.email AS requester
"#;

/// The cases the customer sees (their own and those they are CC'd on)
/// that match `filter`, one page from `after`.
pub async fn list_for_requester(
    db: &Db,
    user: &User,
    filter: &CaseFilter,
    after: Option<Cursor>,
) -> Result<CasePage, AppError> {
    list(db, user, true, filter, after).await
}

/// Every case that matches `filter`, for the staff workspace.
pub async fn list_all(
    db: &Db,
    staff: &User,
    filter: &CaseFilter,
    after: Option<Cursor>,
) -> Result<CasePage, AppError> {
    list(db, staff, false, filter, after).await
}

/// A little upkeep of the text index: merges some of its segments, so a
/// lookup reads few of them. Bounded work, run with the periodic tasks.
pub async fn tidy_text_index(db: &Db) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO case_text (case_text, rank) VALUES ('merge', 200)")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The user's words as an FTS5 query: each word quoted (so `NEAR`, `OR`,
/// `*`, quotes and brackets are just text); all words must appear. Whole
/// words, not prefixes: FTS5 reads a prefix's whole doclist on every lookup,
/// which the case-by-case plan cannot afford at a million cases.
/// `None` when nothing searchable is left.
pub(super) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// `%text%` for LIKE, with the user's own `%`, `_` and `\` taken literally.
fn like_pattern(text: &str) -> String {
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
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> QueryBuilder<'static, Sqlite> {
    let mut q = QueryBuilder::<Sqlite>::new("");
    let scope = if own_only { Scope::OwnOrCc } else { Scope::All };
    push_filtered(&mut q, viewer, scope, f, &f.statuses, TextPlan::MatchSet);
    q
}

/// Which cases a query reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    All,
    /// The viewer's own and those they are copied on.
    OwnOrCc,
    Own,
    Cc,
}

/// How the text filter meets the list. A set of matching cases is best when
/// few cases match; when many do, walking the list in order and checking
/// each case finds a page sooner than collecting every match.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextPlan {
    MatchSet,
    PerCase,
}

/// Above this many matching cases, the staff list checks case by case.
const MATCH_SET_MAX: i64 = 20_000;

async fn text_plan(db: &Db, own_only: bool, f: &CaseFilter) -> Result<TextPlan, AppError> {
    // A customer's own cases are few: checking each is always cheap.
    let Some(m) = f.text.as_deref().and_then(fts_query) else {
        return Ok(TextPlan::MatchSet);
    };
    if own_only {
        return Ok(TextPlan::PerCase);
    }
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT rowid FROM case_text WHERE case_text MATCH $1 LIMIT $2)",
    )
    .bind(m)
    .bind(MATCH_SET_MAX + 1)
    .fetch_one(&db.read)
    .await?;
    Ok(if n > MATCH_SET_MAX {
        TextPlan::PerCase
    } else {
        TextPlan::MatchSet
    })
}

/// Appends the filtered SELECT to `q`, with `statuses` in place of the
/// filter's own (so a list can ask for one status at a time).
fn push_filtered(
    q: &mut QueryBuilder<'static, Sqlite>,
    viewer: &User,
    scope: Scope,
    f: &CaseFilter,
    statuses: &[CaseStatus],
    plan: TextPlan,
) {
    q.push(format!(
        r#"
        SELECT {SUMMARY_COLUMNS}
        FROM cases c
        JOIN users u ON u.id = c.requester_id
        LEFT JOIN case_views v ON v.case_id = c.id AND v.user_id = "#
    ));
    q.push_bind(viewer.id);
    q.push(" WHERE 1 = 1");
    match scope {
        Scope::All => {}
        Scope::OwnOrCc => {
            q.push(" AND (c.requester_id = ")
                .push_bind(viewer.id)
                .push(" OR c.id IN (SELECT case_id FROM case_cc WHERE email = ")
                .push_bind(viewer.email.clone())
                .push("))");
        }
        Scope::Own => {
            q.push(" AND c.requester_id = ").push_bind(viewer.id);
        }
        Scope::Cc => {
            q.push(" AND c.id IN (SELECT case_id FROM case_cc WHERE email = ")
                .push_bind(viewer.email.clone())
                .push(")");
        }
    }
    if !statuses.is_empty() {
        q.push(" AND c.status IN (");
        let mut list = q.separated(", ");
        for s in statuses {
            list.push_bind(s.as_str());
        }
        q.push(")");
    }
    if let Some(t) = f.case_type {
        q.push(" AND c.case_type = ").push_bind(t.as_str());
    }
    if let Some(from) = f.created_from {
        q.push(" AND c.created_at >= ").push_bind(from);
    }
    if let Some(before) = f.created_before {
        q.push(" AND c.created_at < ").push_bind(before);
    }
    if let Some(n) = f.number {
        q.push(" AND c.number = ").push_bind(n);
    }
    if let Some(text) = &f.text {
        match fts_query(text) {
            Some(m) if plan == TextPlan::PerCase => {
                q.push(" AND EXISTS (SELECT 1 FROM case_text WHERE case_text MATCH ")
                    .push_bind(m)
                    .push(" AND rowid = c.id)");
            }
            Some(m) => {
                q.push(" AND c.id IN (SELECT rowid FROM case_text WHERE case_text MATCH ")
                    .push_bind(m)
                    .push(")");
            }
            None => {
                q.push(" AND 1 = 0");
            }
        }
    }
    if let Some(who) = &f.requester {
        let pattern = like_pattern(who);
        q.push(" AND (LOWER(u.email) LIKE ")
            .push_bind(pattern.clone())
            .push(r" ESCAPE '\' OR LOWER(u.name) LIKE ")
            .push_bind(pattern)
            .push(r" ESCAPE '\')");
    }
}

/// `prefix` names the table (`c.`) inside a query, nothing outside a union.
fn order_by(q: &mut QueryBuilder<'static, Sqlite>, sort: Sort, prefix: &str) {
    q.push(match sort {
        Sort::LastUpdate => format!(" ORDER BY {prefix}updated_at DESC, {prefix}id DESC"),
        Sort::Created => format!(" ORDER BY {prefix}created_at DESC, {prefix}id DESC"),
    });
}

/// Only rows after the cursor, in the list's order.
fn push_after(q: &mut QueryBuilder<'static, Sqlite>, sort: Sort, after: Option<Cursor>) {
    if let Some(c) = after {
        let column = match sort {
            Sort::LastUpdate => "c.updated_at",
            Sort::Created => "c.created_at",
        };
        q.push(format!(" AND ({column} < "))
            .push_bind(c.key)
            .push(format!(" OR ({column} = "))
            .push_bind(c.key)
            .push(" AND c.id < ")
            .push_bind(c.id)
            .push("))");
    }
}

/// The whole filtered list in order, for the export.
pub(super) fn export_query(
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> QueryBuilder<'static, Sqlite> {
    let mut q = filtered_query(viewer, own_only, f);
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
    let plan = text_plan(db, own_only, f).await?;
    // Each branch is a seek on an index in list order, merged: an OR or an
    // IN would sort every matching case first.
    let branches: Vec<(Scope, &[CaseStatus])> = if own_only {
        vec![(Scope::Own, &f.statuses), (Scope::Cc, &f.statuses)]
    } else if f.statuses.is_empty() {
        vec![(Scope::All, &[])]
    } else {
        f.statuses
            .iter()
            .map(|s| (Scope::All, std::slice::from_ref(s)))
            .collect()
    };
    let mut q = QueryBuilder::<Sqlite>::new("");
    for (i, (scope, statuses)) in branches.into_iter().enumerate() {
        if i > 0 {
            // UNION, not UNION ALL: a requester may also be in their own CC.
            q.push(" UNION ");
        }
        q.push("SELECT * FROM (");
        push_filtered(&mut q, viewer, scope, f, statuses, plan);
        push_after(&mut q, f.sort, after);
        order_by(&mut q, f.sort, "c.");
        q.push(" LIMIT ").push_bind(PAGE_SIZE + 1).push(")");
    }
    order_by(&mut q, f.sort, "");
    q.push(" LIMIT ").push_bind(PAGE_SIZE + 1);
    let mut rows = q.build_query_as::<SummaryRow>().fetch_all(&db.read).await?;
    let more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = more.then(|| rows.last()).flatten().map(|r| {
        let key = match f.sort {
            Sort::LastUpdate => r.updated_at,
            Sort::Created => r.created_at,
        };
        Cursor { key, id: r.id }.encode()
    });
    let rows = rows
        .into_iter()
        .map(SummaryRow::into_summary)
        .collect::<Result<_, _>>()?;
    Ok(CasePage { rows, next })
}
