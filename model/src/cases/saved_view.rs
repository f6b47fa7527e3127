//! An agent's saved views of the staff list: a name and the list's filters,
//! kept as the URL query the list reads, so a saved view is a plain link.

use serde::{Deserialize, Serialize};

use super::filter::{CaseFilter, CaseQuery};
use crate::error::AppError;
use crate::validate::{bounded_text, Field, Problem};

pub const VIEW_NAME_MAX: usize = crate::validate::NAME_MAX;
/// Views one agent may keep.
pub const SAVED_VIEWS_MAX: usize = 30;
/// A saved view's count stops here ("1000+"): it is counted when the rail
/// loads, not kept, so it must stay cheap whatever the filters.
pub const SAVED_VIEW_COUNT_CAP: i64 = 1000;
/// The longest query string taken (checked before it is parsed).
const QUERY_MAX: usize = 2_000;

/// A saved view as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    /// The list's URL query, without the page cursor (`view=mine&sort=sla`).
    pub query: String,
    /// Cases it lists, up to [`SAVED_VIEW_COUNT_CAP`].
    pub n: i64,
}

/// A view as submitted: a checked name and filters the list accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedViewDraft {
    pub name: String,
    /// The filters in a canonical order.
    pub query: String,
}

impl SavedViewDraft {
    pub fn parse(name: &str, query: &str) -> Result<Self, AppError> {
        let name = bounded_text(name, Field::Name, VIEW_NAME_MAX)?;
        if query.len() > QUERY_MAX {
            return Err(AppError::invalid(Field::View, Problem::TooLong));
        }
        let q = CaseQuery::from_query_string(query).first_page();
        // A view of everything is the plain list.
        if q.is_empty() {
            return Err(AppError::invalid(Field::View, Problem::Required));
        }
        CaseFilter::parse(&q)?;
        Ok(Self {
            name,
            query: q.to_query_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_keeps_known_filters_in_one_order_without_the_page() {
        let d = SavedViewDraft::parse(
            " Urgent mine ",
            "?sort=sla&view=mine&after=5.3&x=1&status=new",
        )
        .unwrap();
        assert_eq!(d.name, "Urgent mine");
        assert_eq!(d.query, "status=new&sort=sla&view=mine");
        let again = SavedViewDraft::parse("b", &d.query).unwrap();
        assert_eq!(again.query, d.query);
    }

    #[test]
    fn bad_views_are_refused() {
        let err = |f, p| Err(AppError::invalid(f, p));
        assert_eq!(
            SavedViewDraft::parse("", "view=mine"),
            err(Field::Name, Problem::Required)
        );
        assert_eq!(
            SavedViewDraft::parse(&"n".repeat(VIEW_NAME_MAX + 1), "view=mine"),
            err(Field::Name, Problem::TooLong)
        );
        assert_eq!(
            SavedViewDraft::parse("a", "after=1.2"),
            err(Field::View, Problem::Required)
        );
        assert_eq!(
            SavedViewDraft::parse("a", "view=nope"),
            err(Field::View, Problem::Unknown)
        );
        assert_eq!(
            SavedViewDraft::parse("a", &format!("q={}", "x".repeat(QUERY_MAX))),
            err(Field::View, Problem::TooLong)
        );
        assert_eq!(
            SavedViewDraft::parse("a", "sort=sideways"),
            err(Field::Sort, Problem::Unknown)
        );
    }
}
