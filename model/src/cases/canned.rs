//! Canned responses (PRODUCT.md §8): reusable answers staff insert into a
//! reply, each in the three languages, with placeholders such as
//! `{{customer.name}}` filled from the case when inserted.

use serde::{Deserialize, Serialize};

use crate::auth::Language;
use crate::error::AppError;
#[cfg(test)]
use crate::validate::Problem;
use crate::validate::{bounded_text, Field, MESSAGE_MAX};

pub const TITLE_MAX: usize = 120;

/// The placeholders a response may use, as typed between `{{` and `}}`.
pub const PLACEHOLDERS: [&str; 6] = [
    "customer.name",
    "customer.email",
    "case.number",
    "case.subject",
    "agent.name",
    "agent.email",
];

/// A canned response as staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Canned {
    pub id: i64,
    pub title: String,
    /// Everyone's (kept by admins), or the viewer's own.
    pub shared: bool,
    /// English, Spanish, French.
    pub bodies: [String; 3],
}

/// A response as typed in the form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedDraft {
    pub title: String,
    pub shared: bool,
    pub bodies: [String; 3],
}

impl CannedDraft {
    pub fn parse(title: &str, shared: bool, bodies: [&str; 3]) -> Result<Self, AppError> {
        let title = bounded_text(title, Field::Title, TITLE_MAX)?;
        let fields = [Field::BodyEn, Field::BodyEs, Field::BodyFr];
        let mut checked_bodies: [String; 3] = Default::default();
        for ((out, raw), field) in checked_bodies.iter_mut().zip(bodies).zip(fields) {
            *out = bounded_text(raw, field, MESSAGE_MAX)?;
        }
        Ok(Self {
            title,
            shared,
            bodies: checked_bodies,
        })
    }
}

/// The body in `lang`.
pub fn body_in(bodies: &[String; 3], lang: Language) -> &str {
    match lang {
        Language::En => &bodies[0],
        Language::Es => &bodies[1],
        Language::Fr => &bodies[2],
    }
}

/// `template` with each known `{{ name }}` (spaces inside allowed) replaced
/// by its value; anything else stays as typed.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let known = after.find("}}").and_then(|end| {
            let name = after[..end].trim();
            let value = values.iter().find(|(k, _)| *k == name)?;
            Some((end, &value.1))
        });
        match known {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_placeholders_are_filled_and_others_left_as_typed() {
        let values = [
            ("customer.name", "Ana".to_string()),
            ("case.number", "1001".to_string()),
        ];
        assert_eq!(
            fill(
                "Hi {{customer.name}}, case {{ case.number }}: {{agent.nick}} {{",
                &values
            ),
            "Hi Ana, case 1001: {{agent.nick}} {{"
        );
        assert_eq!(fill("no placeholders", &values), "no placeholders");
        assert_eq!(
            fill("{{customer.name}}{{customer.name}}", &values),
            "AnaAna"
        );
        assert_eq!(fill("ñ {{ customer.name }} ü", &values), "ñ Ana ü");
    }

    #[test]
    fn drafts_need_a_title_and_three_bodies_within_the_limits() {
        let ok = CannedDraft::parse(" Refund ", true, ["a", "b", "c"]).unwrap();
        assert_eq!(ok.title, "Refund");
        let bad = [
            (
                CannedDraft::parse("", false, ["a", "b", "c"]),
                Field::Title,
                Problem::Required,
            ),
            (
                CannedDraft::parse(&"t".repeat(TITLE_MAX + 1), false, ["a", "b", "c"]),
                Field::Title,
                Problem::TooLong,
            ),
            (
                CannedDraft::parse("t", false, ["a", " ", "c"]),
                Field::BodyEs,
                Problem::Required,
            ),
            (
                CannedDraft::parse("t", false, ["a", "b", &"x".repeat(MESSAGE_MAX + 1)]),
                Field::BodyFr,
                Problem::TooLong,
            ),
        ];
        for (got, field, problem) in bad {
            assert_eq!(got, Err(AppError::invalid(field, problem)));
        }
    }
}
