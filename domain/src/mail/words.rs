//! The words of mails, from `domain/locales/<language>.json` (the pages'
//! words are the app's; mails are composed here, on the server only).

use std::sync::OnceLock;

use serde_json::Value;

use crate::auth::Language;

fn source(lang: Language) -> &'static str {
    match lang {
        Language::En => include_str!("../../locales/en.json"),
        Language::Es => include_str!("../../locales/es.json"),
        Language::Fr => include_str!("../../locales/fr.json"),
    }
}

fn table(lang: Language) -> &'static Value {
    static TABLES: OnceLock<Vec<Value>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        Language::ALL
            .iter()
            .map(|&l| serde_json::from_str(source(l)).expect("mail locale files are valid JSON"))
            .collect()
    });
    &tables[Language::ALL.iter().position(|&l| l == lang).unwrap_or(0)]
}

fn lookup(lang: Language, key: &str) -> Option<&'static str> {
    key.split('.')
        .try_fold(table(lang), |v, part| v.get(part))?
        .as_str()
}

/// The text at `key` (`"case_opened.subject"`) in `lang`, its
/// `{{ name }}` placeholders filled from `args`. English stands in for a
/// missing key (a test keeps the three files in step).
pub fn t(lang: Language, key: &str, args: &[(&str, &str)]) -> String {
    let raw = lookup(lang, key)
        .or_else(|| lookup(Language::En, key))
        .unwrap_or(key);
    let mut out = raw.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{{ {name} }}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    keys(v, &format!("{prefix}{k}."), out);
                }
            }
            _ => out.push(prefix.trim_end_matches('.').to_owned()),
        }
    }

    #[test]
    fn the_three_languages_have_the_same_keys() {
        let mut english = Vec::new();
        keys(table(Language::En), "", &mut english);
        assert!(english.len() > 20);
        for lang in [Language::Es, Language::Fr] {
            let mut other = Vec::new();
            keys(table(lang), "", &mut other);
            assert_eq!(other, english, "{lang:?}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let s = t(
            Language::Es,
            "case_opened.subject",
            &[("number", "1042"), ("subject", "Factura")],
        );
        assert!(s.contains("1042") && !s.contains("{{"), "{s}");
        assert_eq!(t(Language::Fr, "no.such.key", &[]), "no.such.key");
    }
}
