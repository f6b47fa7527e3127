//! Decoding article rows, shared by the store and the search engines.

use super::{ArticleKind, ArticleSummary};
use crate::error::AppError;

pub(super) type SummaryRow = (i64, String, String, String, String, i64);

pub(super) fn summary(
    (id, locale, title, kind, summary, updated_at): SummaryRow,
) -> Result<ArticleSummary, AppError> {
    Ok(ArticleSummary {
        id,
        locale,
        title,
        kind: parse_kind(&kind)?,
        summary,
        updated_at,
    })
}

pub(super) fn parse_kind(raw: &str) -> Result<ArticleKind, AppError> {
    ArticleKind::parse(raw).ok_or_else(|| {
        tracing::error!(%raw, "unknown article kind");
        AppError::Internal
    })
}
