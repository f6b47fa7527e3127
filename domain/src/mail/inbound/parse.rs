//! Reading a received message (RFC 5322, with MIME) into what the helpdesk
//! needs of it, with mail-parser.

use mail_parser::{Address, HeaderValue, Message, MessageParser};
use sha2::{Digest, Sha256};

/// What the helpdesk reads of a received message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The Message-ID, or a hash of the bytes when there is none: a message
    /// delivered twice has the same key.
    pub key: String,
    /// The sender's address, lower case.
    pub from: String,
    pub from_name: Option<String>,
    /// Every address it was sent to (To, Cc, Delivered-To, X-Original-To),
    /// lower case.
    pub recipients: Vec<String>,
    pub subject: String,
    /// Message-IDs it answers: In-Reply-To first, then References from the
    /// newest.
    pub refs: Vec<String>,
    /// Sent by a program (an auto-responder, a list, a bounce): it is never
    /// answered automatically.
    pub automatic: bool,
    /// The body as text (HTML-only mail converted), quotes not yet cut.
    pub text: String,
}

/// The message, or `None` when it is not one (no sender address, nothing
/// that parses).
pub fn parse(raw: &[u8]) -> Option<(Incoming, Message<'_>)> {
    let message = MessageParser::default().parse(raw)?;
    let sender = message.from().and_then(Address::first)?;
    let from = sender.address()?.trim().to_lowercase();
    if !from.contains('@') {
        return None;
    }
    let from_name = sender
        .name()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let key = match message.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_owned(),
        _ => format!("sha256:{:x}", Sha256::digest(raw)),
    };
    let mut recipients: Vec<String> = [message.to(), message.cc()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address())
        .map(str::to_lowercase)
        .collect();
    for name in ["Delivered-To", "X-Original-To"] {
        for value in message.header_values(name) {
            if let Some(text) = value.as_text() {
                recipients.push(text.trim().trim_matches(['<', '>']).to_lowercase());
            }
        }
    }
    let mut refs = ids(message.in_reply_to());
    refs.extend(ids(message.references()).into_iter().rev());
    let automatic = is_automatic(&message, &from);
    let text = message
        .body_text(0)
        .map(|t| t.into_owned())
        .unwrap_or_default();
    let incoming = Incoming {
        key,
        from,
        from_name,
        recipients,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        refs,
        automatic,
        text,
    };
    Some((incoming, message))
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(id) => vec![id.to_string()],
        HeaderValue::TextList(list) => list.iter().map(|id| id.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Mail that a program sent (RFC 3834's `Auto-Submitted`, list and bulk
/// mail, bounces).
fn is_automatic(message: &Message<'_>, from: &str) -> bool {
    let header = |name: &str| {
        message
            .header_raw(name)
            .map(|v| v.trim().to_lowercase())
            .unwrap_or_default()
    };
    let auto_submitted = header("Auto-Submitted");
    let precedence = header("Precedence");
    let local = from.split('@').next().unwrap_or_default();
    (!auto_submitted.is_empty() && auto_submitted != "no")
        || ["bulk", "junk", "list"].contains(&precedence.as_str())
        || ["mailer-daemon", "postmaster"].contains(&local)
}
