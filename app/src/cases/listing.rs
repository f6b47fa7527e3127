//! SQL for case lists: the customer's, the staff's, filtered and sorted;
//! the same query feeds the CSV export.

use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::filter::{CaseFilter, Sort};
use super::store::decode;
use super::{CaseStatus, CaseSummary, CaseType, Origin};
use crate::auth::User;
use crate::db::Db;
use crate::error::AppError;

/// Longest list page; paging comes with the million-case work.
pub const PAGE_SIZE: i64 = 100;
#[derive(FromRow)]
pub(super) struct SummaryRow {
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
    c.number, c.subject, c.case_type, c.status, c.origin, c.created_at, c.updated_at,
    (c.last_staff_reply_at IS NOT NULL
        AND (v.seen_at IS NULL OR v.seen_at < c.last_staff_reply_at)) AS unread,
    u.email AS requester
"#;

/// The customer's own cases that match `filter`.
pub async fn list_for_requester(
    db: &Db,
    user: &User,
    filter: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    list(db, user, true, filter).await
}

/// Every case that matches `filter`, for the staff workspace.
pub async fn list_all(
    db: &Db,
    staff: &User,
    filter: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    list(db, staff, false, filter).await
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
/// sorted, without a limit. Every value is bound; only fixed SQL fragments
/// are pushed as text.
pub(super) fn filtered_query(
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> QueryBuilder<'static, Sqlite> {
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        r#"
        SELECT {SUMMARY_COLUMNS}
        FROM cases c
        JOIN users u ON u.id = c.requester_id
        LEFT JOIN case_views v ON v.case_id = c.id AND v.user_id = "#
    ));
    q.push_bind(viewer.id);
    q.push(" WHERE 1 = 1");
    if own_only {
        q.push(" AND c.requester_id = ").push_bind(viewer.id);
    }
    if !f.statuses.is_empty() {
        q.push(" AND c.status IN (");
        let mut list = q.separated(", ");
        for s in &f.statuses {
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
        let pattern = like_pattern(text);
        q.push(" AND (LOWER(c.subject) LIKE ")
            .push_bind(pattern.clone())
            .push(
                r" ESCAPE '\' OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND LOWER(m.body) LIKE ",
            )
            .push_bind(pattern)
            .push(r" ESCAPE '\'))");
    }
    if let Some(who) = &f.requester {
        let pattern = like_pattern(who);
        q.push(" AND (LOWER(u.email) LIKE ")
            .push_bind(pattern.clone())
            .push(r" ESCAPE '\' OR LOWER(u.name) LIKE ")
            .push_bind(pattern)
            .push(r" ESCAPE '\')");
    }
    q.push(match f.sort {
        Sort::LastUpdate => " ORDER BY c.updated_at DESC, c.id DESC",
        Sort::Created => " ORDER BY c.created_at DESC, c.id DESC",
    });
    q
}

/// One page of cases as `viewer` sees them, filtered.
async fn list(
    db: &Db,
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    let mut q = filtered_query(viewer, own_only, f);
    q.push(" LIMIT ").push_bind(PAGE_SIZE);
    let rows = q.build_query_as::<SummaryRow>().fetch_all(&db.read).await?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
}
