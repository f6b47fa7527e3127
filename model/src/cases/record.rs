//! The fields of a case beyond its conversation (PRODUCT.md §3.2, §3.3), and
//! who may change which: the customer edits tax ID, company, phone and CC;
//! staff edit everything.

use serde::{Deserialize, Serialize};

use super::CaseType;
use crate::error::AppError;
use crate::validate::{Email, Field, Problem, Subject};

/// Longest tax ID, company, country, brand or product.
pub const SHORT_TEXT_MAX: usize = 100;
pub const PHONE_MAX: usize = 30;
/// Most addresses in a case's CC.
pub const CC_MAX: usize = 10;

crate::text_enum! {
    #[derive(Default)]
    pub enum Priority {
        Low = "low",
        #[default]
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
}

/// The editable fields of a case, as shown and as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFields {
    pub priority: Priority,
    pub tax_id: String,
    pub company: String,
    pub phone: String,
    pub country: String,
    pub brand: String,
    pub product: String,
    pub cc: Vec<String>,
}

/// Trimmed optional text of at most `max` characters, no control characters.
pub fn short_text(raw: &str, field: Field, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong));
    }
    if text.chars().any(char::is_control) {
        return Err(AppError::invalid(field, Problem::Malformed));
    }
    Ok(text.to_owned())
}

/// A phone number as people write it: digits, spaces, `+ - ( ) .`.
pub fn phone(raw: &str) -> Result<String, AppError> {
    let text = short_text(raw, Field::Phone, PHONE_MAX)?;
    let ok = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if ok {
        Ok(text)
    } else {
        Err(AppError::invalid(Field::Phone, Problem::Malformed))
    }
}

/// CC addresses separated by commas, semicolons or new lines; each must be
/// a valid address. Duplicates collapse; order is kept.
pub fn cc_list(raw: &str) -> Result<Vec<String>, AppError> {
    let too_long = || AppError::invalid(Field::Cc, Problem::TooLong);
    // Capped before parsing: room for CC_MAX full addresses and separators.
    if raw.len() > CC_MAX * (crate::validate::EMAIL_MAX + 4) {
        return Err(too_long());
    }
    let mut out: Vec<String> = Vec::new();
    for part in raw.split([',', ';', '\n']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let email =
            Email::parse(part).map_err(|_| AppError::invalid(Field::Cc, Problem::Malformed))?;
        if !out.iter().any(|e| e == email.as_str()) {
            if out.len() == CC_MAX {
                return Err(too_long());
            }
            out.push(email.as_str().to_owned());
        }
    }
    Ok(out)
}

/// "Open a New Case" as the form sends it; missing fields are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenForm {
    pub subject: String,
    pub case_type: String,
    pub description: String,
    pub priority: String,
    pub cc: String,
    pub tax_id: String,
    pub company: String,
    pub phone: String,
    pub country: String,
    pub brand: String,
    pub product: String,
}

/// An edit of a case as sent by a form: `None` leaves a field alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEdit {
    pub subject: Option<String>,
    pub case_type: Option<String>,
    pub priority: Option<String>,
    pub tax_id: Option<String>,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub country: Option<String>,
    pub brand: Option<String>,
    pub product: Option<String>,
    pub cc: Option<String>,
}

/// A checked edit, ready for the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedEdit {
    pub subject: Option<Subject>,
    pub case_type: Option<CaseType>,
    pub priority: Option<Priority>,
    pub tax_id: Option<String>,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub country: Option<String>,
    pub brand: Option<String>,
    pub product: Option<String>,
    pub cc: Option<Vec<String>>,
}

impl CaseEdit {
    /// Checks every value, and that a customer touches only the fields a
    /// customer may edit: anything else is refused, even when a hand-made
    /// request sends it.
    pub fn check(&self, by_staff: bool) -> Result<CheckedEdit, AppError> {
        let staff_only = [
            &self.subject,
            &self.case_type,
            &self.priority,
            &self.country,
            &self.brand,
            &self.product,
        ];
        if !by_staff && staff_only.iter().any(|f| f.is_some()) {
            return Err(AppError::Forbidden);
        }
        let text = |v: &Option<String>, field| {
            v.as_deref()
                .map(|v| short_text(v, field, SHORT_TEXT_MAX))
                .transpose()
        };
        let unknown = |f| AppError::invalid(f, Problem::Unknown);
        Ok(CheckedEdit {
            subject: self.subject.as_deref().map(Subject::parse).transpose()?,
            case_type: self
                .case_type
                .as_deref()
                .map(|t| CaseType::parse(t).ok_or(unknown(Field::CaseType)))
                .transpose()?,
            priority: self
                .priority
                .as_deref()
                .map(|p| Priority::parse(p).ok_or(unknown(Field::Priority)))
                .transpose()?,
            tax_id: text(&self.tax_id, Field::TaxId)?,
            company: text(&self.company, Field::Company)?,
            phone: self.phone.as_deref().map(phone).transpose()?,
            country: text(&self.country, Field::Country)?,
            brand: text(&self.brand, Field::Brand)?,
            product: text(&self.product, Field::Product)?,
            cc: self.cc.as_deref().map(cc_list).transpose()?,
        })
    }
}

/// The fields the activity log names, as stored in it.
pub const LOGGED_FIELDS: [(Field, &str); 10] = [
    (Field::Subject, "subject"),
    (Field::CaseType, "case_type"),
    (Field::Priority, "priority"),
    (Field::TaxId, "tax_id"),
    (Field::Company, "company"),
    (Field::Phone, "phone"),
    (Field::Country, "country"),
    (Field::Brand, "brand"),
    (Field::Product, "product"),
    (Field::Cc, "cc"),
];

pub fn field_key(field: Field) -> &'static str {
    LOGGED_FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("other", |(_, k)| k)
}

pub fn field_from_key(key: &str) -> Option<Field> {
    LOGGED_FIELDS
        .iter()
        .find(|(_, k)| *k == key)
        .map(|(f, _)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn customers_may_not_touch_staff_fields() {
        for edit in [
            CaseEdit {
                country: Some("ES".into()),
                ..Default::default()
            },
            CaseEdit {
                brand: Some("X".into()),
                ..Default::default()
            },
            CaseEdit {
                product: Some("Y".into()),
                ..Default::default()
            },
            CaseEdit {
                priority: Some("urgent".into()),
                ..Default::default()
            },
            CaseEdit {
                subject: Some("New".into()),
                ..Default::default()
            },
            CaseEdit {
                case_type: Some("finance".into()),
                ..Default::default()
            },
        ] {
            assert_eq!(edit.check(false), Err(AppError::Forbidden), "{edit:?}");
            assert!(edit.check(true).is_ok(), "{edit:?}");
        }
        let own = CaseEdit {
            tax_id: Some(" B123 ".into()),
            company: Some("Acme".into()),
            phone: Some("+34 600 000 000".into()),
            cc: Some("a@example.com; B@example.com, a@example.com".into()),
            ..Default::default()
        };
        let checked = own.check(false).unwrap();
        assert_eq!(checked.tax_id.as_deref(), Some("B123"));
        assert_eq!(
            checked.cc,
            Some(vec![
                "a@example.com".to_string(),
                "b@example.com".to_string()
            ])
        );
    }

    #[test]
    fn bad_values_are_refused() {
        assert_eq!(
            cc_list("a@example.com, not-an-address"),
            Err(AppError::invalid(Field::Cc, Problem::Malformed))
        );
        let many = (0..=CC_MAX)
            .map(|i| format!("p{i}@example.com"))
            .collect::<Vec<_>>();
        assert_eq!(
            cc_list(&many.join(",")),
            Err(AppError::invalid(Field::Cc, Problem::TooLong))
        );
        // Refused by its length before a single address is parsed.
        assert_eq!(
            cc_list(&"a@example.com,".repeat(100_000)),
            Err(AppError::invalid(Field::Cc, Problem::TooLong))
        );
        assert_eq!(
            phone("call me"),
            Err(AppError::invalid(Field::Phone, Problem::Malformed))
        );
        assert_eq!(
            short_text(
                &"x".repeat(SHORT_TEXT_MAX + 1),
                Field::Company,
                SHORT_TEXT_MAX
            ),
            Err(AppError::invalid(Field::Company, Problem::TooLong))
        );
        let edit = CaseEdit {
            priority: Some("asap".into()),
            ..Default::default()
        };
        assert_eq!(
            edit.check(true),
            Err(AppError::invalid(Field::Priority, Problem::Unknown))
        );
    }
}
