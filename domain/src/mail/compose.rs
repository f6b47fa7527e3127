//! What each mail says: a [`Notice`] (stored as JSON in the outbox) turned
//! into a subject, a plain-text part and an HTML part, in one language.

use serde::{Deserialize, Serialize};

use super::words::t;
use crate::auth::Language;

/// Why a mail is sent, with what it needs to say. Stored in the outbox, so
/// a mail composed on a later attempt reads the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A new case, with its number.
    CaseOpened {
        number: i64,
        subject: String,
    },
    /// A public staff reply: its text and the names of its files.
    StaffReply {
        number: i64,
        subject: String,
        agent: String,
        body: String,
        files: Vec<String>,
    },
    /// The case closes by itself at `closes_at` unless the customer answers.
    CloseReminder {
        number: i64,
        subject: String,
        closes_at: i64,
        /// The requester's zone (IANA), to write the time in; else UTC.
        #[serde(default)]
        zone: Option<String>,
    },
    /// Self-help answers, with the two one-click links.
    SelfHelp {
        number: i64,
        subject: String,
        body: String,
        yes: String,
        no: String,
    },
    VerifyAddress {
        name: String,
        token: String,
    },
    /// Someone signed up with an address that already has an account.
    AlreadyRegistered {
        name: String,
    },
    PasswordReset {
        name: String,
        token: String,
    },
    /// A link that confirms a new address for an account.
    ChangeEmail {
        name: String,
        token: String,
    },
    /// A chat's conversation (who wrote, what), asked for by the visitor
    /// or sent when it ends; its case number with it.
    ChatTranscript {
        number: i64,
        lines: Vec<(String, String)>,
    },
    /// A link that opens one case without an account.
    FollowCase {
        number: i64,
        subject: String,
        token: String,
    },
}

impl Notice {
    /// The outbox's `kind` column (the JSON's tag).
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::CaseOpened { .. } => "case_opened",
            Notice::StaffReply { .. } => "staff_reply",
            Notice::CloseReminder { .. } => "close_reminder",
            Notice::SelfHelp { .. } => "self_help",
            Notice::VerifyAddress { .. } => "verify_address",
            Notice::AlreadyRegistered { .. } => "already_registered",
            Notice::PasswordReset { .. } => "password_reset",
            Notice::ChangeEmail { .. } => "change_email",
            Notice::FollowCase { .. } => "follow_case",
            Notice::ChatTranscript { .. } => "chat_transcript",
        }
    }

    /// The case a mail is about, for threading replies.
    pub fn case_number(&self) -> Option<i64> {
        match self {
            Notice::CaseOpened { number, .. }
            | Notice::StaffReply { number, .. }
            | Notice::CloseReminder { number, .. }
            | Notice::SelfHelp { number, .. }
            | Notice::FollowCase { number, .. }
            | Notice::ChatTranscript { number, .. } => Some(*number),
            _ => None,
        }
    }
}

/// Where links in mails point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The address people reach the helpdesk at, without a trailing slash.
    pub public_url: String,
}

impl Site {
    pub(crate) fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// A composed mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One piece of a mail's body.
enum Block {
    Para(String),
    /// Text as written by a person: kept with its line breaks.
    Quote(String),
    List(Vec<String>),
    Button(String, String),
}

pub fn compose(notice: &Notice, lang: Language, site: &Site) -> Composed {
    let w = |key: &str, args: &[(&str, &str)]| t(lang, key, args);
    let para = |key: &str, args: &[(&str, &str)]| Block::Para(w(key, args));
    let case_link = |n: i64| {
        Block::Button(
            w("common.view_case", &[]),
            site.link(&format!("/cases/{n}")),
        )
    };
    let (subject, blocks) = match notice {
        Notice::CaseOpened { number, subject } => {
            let n = number.to_string();
            let a = [("number", n.as_str()), ("subject", subject.as_str())];
            (
                w("case_opened.subject", &a),
                vec![
                    para("case_opened.intro", &a),
                    para("case_opened.next", &a),
                    case_link(*number),
                ],
            )
        }
        Notice::ChatTranscript { number, lines } => {
            let n = number.to_string();
            let a = [("number", n.as_str())];
            let mut blocks = vec![para("chat_transcript.intro", &a)];
            for (who, text) in lines {
                blocks.push(Block::Para(format!("{who}:")));
                blocks.push(Block::Quote(text.clone()));
            }
            blocks.push(case_link(*number));
            (w("chat_transcript.subject", &a), blocks)
        }
        Notice::StaffReply {
            number,
            subject,
            agent,
            body,
            files,
        } => {
            let n = number.to_string();
            let a = [
                ("number", n.as_str()),
                ("subject", subject.as_str()),
                ("agent", agent.as_str()),
            ];
            let mut blocks = vec![para("staff_reply.intro", &a), Block::Quote(body.clone())];
            if !files.is_empty() {
                blocks.push(para("staff_reply.files", &a));
                blocks.push(Block::List(files.clone()));
            }
            blocks.push(case_link(*number));
            (w("staff_reply.subject", &a), blocks)
        }
        Notice::CloseReminder {
            number,
            subject,
            closes_at,
            zone,
        } => {
            let n = number.to_string();
            let when = local_time(*closes_at, zone.as_deref(), lang);
            let a = [
                ("number", n.as_str()),
                ("subject", subject.as_str()),
                ("when", when.as_str()),
            ];
            (
                w("close_reminder.subject", &a),
                vec![para("close_reminder.intro", &a), case_link(*number)],
            )
        }
        Notice::SelfHelp {
            number,
            subject,
            body,
            yes,
            no,
        } => {
            let n = number.to_string();
            let a = [("number", n.as_str()), ("subject", subject.as_str())];
            (
                w("self_help.subject", &a),
                vec![
                    para("self_help.intro", &a),
                    Block::Quote(body.clone()),
                    para("self_help.question", &a),
                    Block::Button(w("self_help.yes", &a), site.link(&format!("/mail/{yes}"))),
                    Block::Button(w("self_help.no", &a), site.link(&format!("/mail/{no}"))),
                ],
            )
        }
        Notice::VerifyAddress { name, token } => {
            let a = [("name", name.as_str())];
            (
                w("verify_address.subject", &a),
                vec![
                    para("common.greeting", &a),
                    para("verify_address.intro", &a),
                    Block::Button(
                        w("verify_address.button", &a),
                        site.link(&format!("/mail/{token}")),
                    ),
                    para("verify_address.ignore", &a),
                ],
            )
        }
        Notice::AlreadyRegistered { name } => {
            let a = [("name", name.as_str())];
            (
                w("already_registered.subject", &a),
                vec![
                    para("common.greeting", &a),
                    para("already_registered.intro", &a),
                    Block::Button(w("already_registered.sign_in", &a), site.link("/signin")),
                    Block::Button(w("already_registered.forgot", &a), site.link("/forgot")),
                    para("already_registered.ignore", &a),
                ],
            )
        }
        Notice::ChangeEmail { name, token } => {
            let a = [("name", name.as_str())];
            (
                w("change_email.subject", &a),
                vec![
                    para("common.greeting", &a),
                    para("change_email.intro", &a),
                    Block::Button(
                        w("change_email.button", &a),
                        site.link(&format!("/mail/{token}")),
                    ),
                    para("change_email.ignore", &a),
                ],
            )
        }
        Notice::FollowCase {
            number,
            subject,
            token,
        } => {
            let n = number.to_string();
            let a = [("number", n.as_str()), ("subject", subject.as_str())];
            (
                w("follow_case.subject", &a),
                vec![
                    para("follow_case.intro", &a),
                    Block::Button(
                        w("follow_case.button", &a),
                        site.link(&format!("/mail/{token}")),
                    ),
                    para("follow_case.ignore", &a),
                ],
            )
        }
        Notice::PasswordReset { name, token } => {
            let a = [("name", name.as_str())];
            (
                w("password_reset.subject", &a),
                vec![
                    para("common.greeting", &a),
                    para("password_reset.intro", &a),
                    Block::Button(
                        w("password_reset.button", &a),
                        site.link(&format!("/mail/{token}")),
                    ),
                    para("password_reset.ignore", &a),
                ],
            )
        }
    };
    let footer = w("common.footer", &[]);
    Composed {
        text: text_part(&blocks, &footer),
        html: html_part(lang, &subject, &blocks, &footer),
        subject,
    }
}

/// `ms` as the reader reads a time: their zone (named after it) and their
/// language's pattern.
fn local_time(ms: i64, zone: Option<&str>, lang: Language) -> String {
    let zone = zone.unwrap_or(crate::time::UTC);
    let (pattern, months) = (t(lang, "time.pattern", &[]), t(lang, "time.months", &[]));
    let (am, pm) = (t(lang, "time.am", &[]), t(lang, "time.pm", &[]));
    let words = crate::time::Words {
        pattern: &pattern,
        months: &months,
        am: &am,
        pm: &pm,
    };
    let text =
        crate::time::local(ms, zone).map_or_else(String::new, |l| crate::time::fill(&l, &words));
    format!("{text} ({zone})")
}

fn text_part(blocks: &[Block], footer: &str) -> String {
    let mut parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(s) | Block::Quote(s) => s.clone(),
            Block::List(items) => items
                .iter()
                .map(|i| format!("- {i}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Button(label, url) => format!("{label}: {url}"),
        })
        .collect();
    parts.push(format!("-- \n{footer}"));
    parts.join("\n\n") + "\n"
}

fn html_part(lang: Language, subject: &str, blocks: &[Block], footer: &str) -> String {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Para(s) => body.push_str(&format!("<p>{}</p>\n", escape(s))),
            Block::Quote(s) => body.push_str(&format!(
                "<blockquote style=\"margin:1em 0;padding:0 1em;border-left:3px solid #ccc;white-space:pre-wrap\">{}</blockquote>\n",
                escape(s)
            )),
            Block::List(items) => {
                body.push_str("<ul>\n");
                for i in items {
                    body.push_str(&format!("<li>{}</li>\n", escape(i)));
                }
                body.push_str("</ul>\n");
            }
            Block::Button(label, url) => body.push_str(&format!(
                "<p><a href=\"{}\" style=\"display:inline-block;padding:.5em 1em;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px\">{}</a></p>\n",
                escape(url),
                escape(label)
            )),
        }
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body style=\"font-family:sans-serif;line-height:1.5\">\n{body}<hr><p style=\"color:#555;font-size:.9em\">{}</p>\n</body></html>\n",
        lang.as_str(),
        escape(subject),
        escape(footer)
    )
}

/// Text into HTML: the five characters markup gives a meaning to.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "compose_tests.rs"]
mod tests;
