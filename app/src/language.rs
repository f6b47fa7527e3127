//! The language a request is in, for what the server writes outside a page
//! (mails, the case's language): the language switch's cookie (the one
//! leptos_i18n keeps), else the browser's first supported language, else
//! English.

use domain::auth::Language;
use http::HeaderMap;
use leptos::prelude::use_context;

/// The cookie leptos_i18n keeps the chosen language in.
const LOCALE_COOKIE: &str = "i18n_pref_locale";

/// The language of the request being served.
pub fn request_language() -> Language {
    use_context::<http::request::Parts>().map_or(Language::En, |p| language_in(&p.headers))
}

/// Makes `lang` the language of the next pages (a signed-in person's own).
pub fn set_cookie(lang: Language) {
    crate::auth::session::set_cookie(cookie(lang));
}

/// The `Set-Cookie` value that makes `lang` the language of the next pages.
pub fn cookie(lang: Language) -> String {
    format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.as_str()
    )
}

pub fn language_in(headers: &HeaderMap) -> Language {
    if let Some(lang) =
        crate::auth::session::cookie(headers, LOCALE_COOKIE).and_then(|c| Language::from_tag(&c))
    {
        return lang;
    }
    headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(',')
                .filter_map(|tag| Language::from_tag(tag.split(';').next().unwrap_or("")))
                .next()
        })
        .unwrap_or(Language::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_switch_wins_then_the_browser_then_english() {
        let both = headers(&[
            ("cookie", "a=b; i18n_pref_locale=fr"),
            ("accept-language", "es-MX,es;q=0.9"),
        ]);
        assert_eq!(language_in(&both), Language::Fr);
        let browser = headers(&[("accept-language", "de-DE, es;q=0.8, en;q=0.5")]);
        assert_eq!(language_in(&browser), Language::Es);
        assert_eq!(language_in(&headers(&[])), Language::En);
    }
}
