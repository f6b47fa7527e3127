//! Case types (PRODUCT.md §3.1): what a case is about. Admins define them,
//! each with a label in the three languages; a case keeps its type's key,
//! so a type taken out of use still names the cases that have it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::auth::Language;
use crate::error::AppError;
use crate::validate::{bounded_text, Field, Problem};

/// A case type's key, as stored with each case and used in URLs: 1 to
/// [`KEY_MAX`] lowercase letters, digits and underscores.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseType(Cow<'static, str>);

pub const KEY_MAX: usize = 40;
pub const LABEL_MAX: usize = 60;
/// Most case types, so every form's select stays short.
pub const CASE_TYPES_MAX: usize = 50;

impl CaseType {
    /// The types every helpdesk starts with.
    pub const TECHNICAL: CaseType = CaseType(Cow::Borrowed("technical"));
    pub const FINANCE: CaseType = CaseType(Cow::Borrowed("finance"));
    pub const ACCOUNT: CaseType = CaseType(Cow::Borrowed("account"));
    /// Cases that arrive without a choice (mail) have this one, so it is
    /// never taken out of use.
    pub const OTHER: CaseType = CaseType(Cow::Borrowed("other"));
    pub const BUILT_IN: [CaseType; 4] =
        [Self::TECHNICAL, Self::FINANCE, Self::ACCOUNT, Self::OTHER];

    /// A well-formed key (whether such a type exists is the server's
    /// question).
    pub fn parse(text: &str) -> Option<Self> {
        let ok = !text.is_empty()
            && text.len() <= KEY_MAX
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then(|| CaseType(Cow::Owned(text.to_string())))
    }

    /// A key made from a label: "Returns & refunds" → `returns_refunds`.
    pub fn from_label(label: &str) -> Self {
        let mut key = String::new();
        for c in label.chars().flat_map(char::to_lowercase) {
            let c = match c {
                'á' | 'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'î' | 'ï' => 'i',
                'ó' | 'ô' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ñ' => 'n',
                'ç' => 'c',
                c => c,
            };
            if c.is_ascii_alphanumeric() {
                key.push(c);
            } else if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        }
        key.truncate(KEY_MAX - 4);
        let key = key.trim_end_matches('_');
        CaseType(Cow::Owned(
            if key.is_empty() { "type" } else { key }.to_string(),
        ))
    }

    /// This key with a number after it, for when the plain one is taken.
    pub fn numbered(&self, n: u32) -> Self {
        CaseType(Cow::Owned(format!("{}_{n}", self.0)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A case type with its labels (English, Spanish, French).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTypeInfo {
    pub key: CaseType,
    pub labels: [String; 3],
    /// Offered for new cases; one out of use still names its cases.
    pub active: bool,
}

impl CaseTypeInfo {
    pub fn label(&self, lang: Language) -> &str {
        match lang {
            Language::En => &self.labels[0],
            Language::Es => &self.labels[1],
            Language::Fr => &self.labels[2],
        }
    }
}

/// `key`'s label in `lang` among `types`; the key itself if none has it.
pub fn label_of<'a>(types: &'a [CaseTypeInfo], key: &'a CaseType, lang: Language) -> &'a str {
    types
        .iter()
        .find(|t| &t.key == key)
        .map_or(key.as_str(), |t| t.label(lang))
}

/// A type's three labels as typed in the form, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTypeDraft {
    pub labels: [String; 3],
}

impl CaseTypeDraft {
    pub fn parse(labels: [&str; 3]) -> Result<Self, AppError> {
        let fields = [Field::LabelEn, Field::LabelEs, Field::LabelFr];
        let mut checked: [String; 3] = Default::default();
        for ((out, raw), field) in checked.iter_mut().zip(labels).zip(fields) {
            *out = bounded_text(raw, field, LABEL_MAX)?;
            if out.contains('\n') {
                return Err(AppError::invalid(field, Problem::Malformed));
            }
        }
        Ok(Self { labels: checked })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_lowercase_words() {
        assert_eq!(CaseType::parse("finance"), Some(CaseType::FINANCE));
        assert_eq!(CaseType::parse("returns_2").unwrap().as_str(), "returns_2");
        for bad in ["", "Finance", "a-b", "a b", "é", &"a".repeat(KEY_MAX + 1)] {
            assert_eq!(CaseType::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_key_is_made_from_a_label() {
        let key = |l: &str| CaseType::from_label(l).as_str().to_string();
        assert_eq!(key("Returns & refunds"), "returns_refunds");
        assert_eq!(key("Facturación"), "facturacion");
        assert_eq!(key("  ¿?  "), "type");
        assert_eq!(key("配送"), "type");
        let long = key(&"word ".repeat(40));
        assert!(long.len() <= KEY_MAX - 4 && !long.ends_with('_'));
        assert!(CaseType::parse(&long).is_some());
        assert_eq!(CaseType::FINANCE.numbered(2).as_str(), "finance_2");
    }

    #[test]
    fn labels_are_required_and_one_line() {
        let ok = CaseTypeDraft::parse(["Returns", "Devoluciones", "Retours"]).unwrap();
        assert_eq!(ok.labels[1], "Devoluciones");
        assert!(CaseTypeDraft::parse(["Returns", "", "Retours"]).is_err());
        assert!(CaseTypeDraft::parse(["Returns", "a\nb", "Retours"]).is_err());
        let long = "x".repeat(LABEL_MAX + 1);
        assert!(CaseTypeDraft::parse([&long, "a", "b"]).is_err());
    }

    #[test]
    fn a_label_falls_back_to_the_key() {
        let types = vec![CaseTypeInfo {
            key: CaseType::FINANCE,
            labels: ["Finance".into(), "Finanzas".into(), "Finances".into()],
            active: true,
        }];
        assert_eq!(
            label_of(&types, &CaseType::FINANCE, Language::Es),
            "Finanzas"
        );
        assert_eq!(label_of(&types, &CaseType::OTHER, Language::Es), "other");
    }
}
