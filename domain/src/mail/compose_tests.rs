//! What mails say, in each language.

use super::*;

fn site() -> Site {
    Site {
        public_url: "https://help.example.com/".into(),
    }
}

#[test]
fn a_staff_reply_carries_its_text_and_files_in_both_parts_escaped_in_html() {
    let notice = Notice::StaffReply {
        number: 1042,
        subject: "Refund".into(),
        agent: "Alex".into(),
        body: "Hello <b>Ana</b>\nline two".into(),
        files: vec!["invoice.pdf".into()],
    };
    let m = compose(&notice, Language::En, &site());
    assert!(m.subject.contains("1042"), "{}", m.subject);
    assert!(m.text.contains("Hello <b>Ana</b>\nline two"));
    assert!(m.text.contains("- invoice.pdf"));
    assert!(m.text.contains("https://help.example.com/cases/1042"));
    assert!(m.html.contains("Hello &lt;b&gt;Ana&lt;/b&gt;"));
    assert!(!m.html.contains("<b>Ana"));
    assert!(m.html.contains("<li>invoice.pdf</li>"));
}

#[test]
fn each_language_has_its_own_words() {
    let notice = Notice::CaseOpened {
        number: 7,
        subject: "x".into(),
    };
    let subjects: Vec<String> = Language::ALL
        .iter()
        .map(|&l| compose(&notice, l, &site()).subject)
        .collect();
    assert_ne!(subjects[0], subjects[1]);
    assert_ne!(subjects[1], subjects[2]);
    for lang in Language::ALL {
        let m = compose(&notice, lang, &site());
        assert!(m.html.contains(&format!("lang=\"{}\"", lang.as_str())));
        assert!(!m.text.contains("{{") && !m.html.contains("{{"));
    }
}

#[test]
fn links_carry_the_token() {
    let notice = Notice::PasswordReset {
        name: "Ana".into(),
        token: "abc".into(),
    };
    let m = compose(&notice, Language::Fr, &site());
    assert!(m.text.contains("https://help.example.com/mail/abc"));
}

#[test]
fn the_close_reminder_tells_the_time_in_the_requesters_zone_and_language() {
    // 2026-11-23 20:05 UTC.
    let notice = |zone: Option<&str>| Notice::CloseReminder {
        number: 7,
        subject: "x".into(),
        closes_at: 1_795_464_300_000,
        zone: zone.map(str::to_owned),
    };
    let es = compose(&notice(Some("America/Mexico_City")), Language::Es, &site());
    assert!(
        es.text.contains("23 nov 2026, 14:05 (America/Mexico_City)"),
        "{}",
        es.text
    );
    let fr = compose(&notice(Some("Europe/Paris")), Language::Fr, &site());
    assert!(
        fr.text.contains("23 nov. 2026 21:05 (Europe/Paris)"),
        "{}",
        fr.text
    );
    let en = compose(&notice(None), Language::En, &site());
    assert!(
        en.text.contains("Nov 23, 2026, 8:05 PM (UTC)"),
        "{}",
        en.text
    );
}
