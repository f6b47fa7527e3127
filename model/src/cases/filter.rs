//! List filters (PRODUCT.md §3.1): kept in the URL query so a reload or a
//! shared link keeps them, and checked on the server like any other input.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::workspace::View;
use super::{CaseStatus, CaseType};
use crate::error::AppError;
use crate::validate::{Field, Problem};

pub const SEARCH_MAX: usize = 200;

/// The filters as the URL carries them: raw text, parsed on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseQuery {
    pub status: Vec<String>,
    pub case_type: String,
    pub from: String,
    pub to: String,
    pub q: String,
    pub number: String,
    pub requester: String,
    pub sort: String,
    /// A view of the staff rail (`mine`, `unassigned`, ...).
    pub view: String,
    /// A department's id (staff lists).
    pub department: String,
    /// Where the page starts: the cursor of the previous page's last row.
    pub after: String,
}

impl CaseQuery {
    /// From the pairs of a query string, as a plain HTTP handler gets them.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut q = Self::default();
        for (k, v) in pairs {
            let v = v.clone();
            match k.as_str() {
                "status" => q.status.push(v),
                "type" => q.case_type = v,
                "from" => q.from = v,
                "to" => q.to = v,
                "q" => q.q = v,
                "number" => q.number = v,
                "requester" => q.requester = v,
                "sort" => q.sort = v,
                "view" => q.view = v,
                "department" => q.department = v,
                "after" => q.after = v,
                _ => {}
            }
        }
        q
    }

    /// From a URL's query string (with or without its `?`).
    pub fn from_query_string(raw: &str) -> Self {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(raw.trim_start_matches('?').as_bytes())
                .into_owned()
                .collect();
        Self::from_pairs(&pairs)
    }

    /// The filters as a query string, in one fixed order, empty ones left
    /// out: [`CaseQuery::from_query_string`] reads it back.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for s in &self.status {
            out.append_pair("status", s);
        }
        for (key, value) in [
            ("type", &self.case_type),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
            ("number", &self.number),
            ("requester", &self.requester),
            ("sort", &self.sort),
            ("view", &self.view),
            ("department", &self.department),
            ("after", &self.after),
        ] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        out.finish()
    }

    /// No filter chosen (the page cursor does not count).
    pub fn is_empty(&self) -> bool {
        Self {
            after: String::new(),
            ..self.clone()
        } == Self::default()
    }

    /// The same filters from the first page on.
    pub fn first_page(&self) -> Self {
        Self {
            after: String::new(),
            ..self.clone()
        }
    }
}

/// Keyset paging: the sort value and id of the last row shown, so the next
/// page is a seek on an index, however deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn parse(raw: &str) -> Result<Option<Self>, AppError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        let bad = || AppError::invalid(Field::Number, Problem::Malformed);
        let (key, id) = raw.split_once('.').ok_or_else(bad)?;
        Ok(Some(Self {
            key: key.parse().map_err(|_| bad())?,
            id: id.parse().map_err(|_| bad())?,
        }))
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.key, self.id)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    LastUpdate,
    Created,
    /// The next service-level due time, soonest (or most overdue) first.
    SlaDue,
}

/// Checked filters, ready for the query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub statuses: Vec<CaseStatus>,
    pub case_type: Option<CaseType>,
    /// Created on or after this day, in [`CaseFilter::zone`].
    pub created_from: Option<NaiveDate>,
    /// Created on or before this day (it counts whole), in the same zone.
    pub created_to: Option<NaiveDate>,
    /// The IANA zone the person filtering reads dates in (empty: UTC).
    pub zone: String,
    pub text: Option<String>,
    pub number: Option<i64>,
    pub requester: Option<String>,
    pub sort: Sort,
    /// Staff lists: a view of the rail (its statuses and assignee).
    pub view: Option<View>,
    pub department: Option<i64>,
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// A `YYYY-MM-DD` date.
fn day(s: &str, field: Field) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, Problem::Malformed))
}

impl CaseFilter {
    pub fn parse(q: &CaseQuery) -> Result<Self, AppError> {
        let unknown = |f| AppError::invalid(f, Problem::Unknown);
        // Each status once: the list query has one branch per status.
        let mut statuses: Vec<CaseStatus> = Vec::new();
        for raw in &q.status {
            let s = CaseStatus::parse(raw).ok_or(unknown(Field::Status))?;
            if !statuses.contains(&s) {
                statuses.push(s);
            }
        }
        let case_type = non_empty(&q.case_type)
            .map(|t| CaseType::parse(t).ok_or(unknown(Field::CaseType)))
            .transpose()?;
        let created_from = non_empty(&q.from)
            .map(|d| day(d, Field::Date))
            .transpose()?;
        let created_to = non_empty(&q.to).map(|d| day(d, Field::Date)).transpose()?;
        let text = non_empty(&q.q).map(str::to_owned);
        if text
            .as_ref()
            .is_some_and(|t| t.chars().count() > SEARCH_MAX)
        {
            return Err(AppError::invalid(Field::Search, Problem::TooLong));
        }
        let number = non_empty(&q.number)
            .map(|n| {
                n.trim_start_matches('#')
                    .parse::<i64>()
                    .map_err(|_| AppError::invalid(Field::Number, Problem::Malformed))
            })
            .transpose()?;
        let requester = non_empty(&q.requester).map(str::to_owned);
        if requester
            .as_ref()
            .is_some_and(|t| t.chars().count() > SEARCH_MAX)
        {
            return Err(AppError::invalid(Field::Search, Problem::TooLong));
        }
        let view = non_empty(&q.view)
            .map(|v| View::parse(v).ok_or(unknown(Field::View)))
            .transpose()?;
        let sort = match q.sort.as_str() {
            // The breached list shows the most overdue first.
            "" if view == Some(View::Breached) => Sort::SlaDue,
            "" | "updated" => Sort::LastUpdate,
            "created" => Sort::Created,
            "sla" => Sort::SlaDue,
            _ => return Err(unknown(Field::Sort)),
        };
        let department = non_empty(&q.department)
            .map(|d| d.parse::<i64>().map_err(|_| unknown(Field::Department)))
            .transpose()?;
        Ok(Self {
            statuses,
            case_type,
            created_from,
            created_to,
            zone: String::new(),
            text,
            number,
            requester,
            sort,
            view,
            department,
        })
    }

    /// The order a customer's list or export keeps: due times are for
    /// staff.
    pub fn for_customer(&self) -> Self {
        let sort = match self.sort {
            Sort::SlaDue => Sort::LastUpdate,
            other => other,
        };
        Self {
            sort,
            ..self.clone()
        }
    }

    /// The statuses to list: the view's, narrowed by those chosen (none in
    /// common lists nothing, which `None` says).
    pub fn effective_statuses(&self) -> Option<Vec<CaseStatus>> {
        let Some(view) = self.view else {
            return Some(self.statuses.clone());
        };
        let of_view = view.statuses();
        if of_view.is_empty() {
            return Some(self.statuses.clone());
        }
        if self.statuses.is_empty() {
            return Some(of_view.to_vec());
        }
        let both: Vec<CaseStatus> = self
            .statuses
            .iter()
            .copied()
            .filter(|s| of_view.contains(s))
            .collect();
        (!both.is_empty()).then_some(both)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(f: impl FnOnce(&mut CaseQuery)) -> CaseQuery {
        let mut q = CaseQuery::default();
        f(&mut q);
        q
    }

    #[test]
    fn an_empty_query_filters_nothing() {
        assert_eq!(
            CaseFilter::parse(&CaseQuery::default()),
            Ok(CaseFilter::default())
        );
    }

    #[test]
    fn every_filter_is_parsed() {
        let f = CaseFilter::parse(&query(|q| {
            q.status = vec!["new".into(), "resolved".into()];
            q.case_type = "finance".into();
            q.from = "2026-11-01".into();
            q.to = "2026-11-02".into();
            q.q = " invoice ".into();
            q.number = "#1001".into();
            q.sort = "created".into();
        }))
        .unwrap();
        assert_eq!(f.statuses, [CaseStatus::New, CaseStatus::Resolved]);
        let repeated = CaseFilter::parse(&query(|q| q.status = vec!["new".into(); 1000])).unwrap();
        assert_eq!(repeated.statuses, [CaseStatus::New]);
        assert_eq!(f.case_type, Some(CaseType::FINANCE));
        assert_eq!(f.created_from, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(f.created_to, NaiveDate::from_ymd_opt(2026, 11, 2));
        assert_eq!(f.text.as_deref(), Some("invoice"));
        assert_eq!(f.number, Some(1001));
        assert_eq!(f.sort, Sort::Created);
    }

    #[test]
    fn a_view_narrows_the_chosen_statuses() {
        let f = |view: &str, statuses: &[&str]| {
            CaseFilter::parse(&query(|q| {
                q.view = view.into();
                q.status = statuses.iter().map(|s| s.to_string()).collect();
            }))
            .unwrap()
            .effective_statuses()
        };
        assert_eq!(f("", &["new"]), Some(vec![CaseStatus::New]));
        assert_eq!(f("referred", &[]), Some(vec![CaseStatus::Referred]));
        assert_eq!(f("mine", &["new", "resolved"]), Some(vec![CaseStatus::New]));
        assert_eq!(f("closed", &["new"]), None);
        assert_eq!(f("mentions", &["new"]), Some(vec![CaseStatus::New]));
        assert_eq!(f("mentions", &[]), Some(vec![]));
    }

    #[test]
    fn unknown_values_and_long_text_are_refused() {
        let bad = [
            (
                query(|q| q.status = vec!["open".into()]),
                Field::Status,
                Problem::Unknown,
            ),
            (
                query(|q| q.case_type = "Games!".into()),
                Field::CaseType,
                Problem::Unknown,
            ),
            (
                query(|q| q.from = "yesterday".into()),
                Field::Date,
                Problem::Malformed,
            ),
            (
                query(|q| q.number = "12a".into()),
                Field::Number,
                Problem::Malformed,
            ),
            (
                query(|q| q.sort = "random".into()),
                Field::Sort,
                Problem::Unknown,
            ),
            (
                query(|q| q.q = "x".repeat(SEARCH_MAX + 1)),
                Field::Search,
                Problem::TooLong,
            ),
            (
                query(|q| q.view = "everything".into()),
                Field::View,
                Problem::Unknown,
            ),
            (
                query(|q| q.department = "sales".into()),
                Field::Department,
                Problem::Unknown,
            ),
        ];
        for (q, field, problem) in bad {
            assert_eq!(
                CaseFilter::parse(&q),
                Err(AppError::invalid(field, problem)),
                "{q:?}"
            );
        }
    }
}
