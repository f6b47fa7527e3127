//! Which case a received mail answers: one of our Message-IDs in
//! In-Reply-To/References, else a `[#1042]` token in the subject, else a
//! signed per-case reply address (`helpdesk+1042-<signature>@...`).

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use super::parse::Incoming;
use crate::db::{Db, Tx};
use crate::error::AppError;

/// Hex digits of the signature in a reply address (48 bits).
const SIGNATURE_LEN: usize = 12;

/// The server's key for reply addresses, made once and kept in the
/// database, so every server of a site signs alike.
#[derive(Clone)]
pub struct ReplyKey(Vec<u8>);

impl std::fmt::Debug for ReplyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplyKey(..)")
    }
}

impl ReplyKey {
    /// The stored key, made on first use.
    pub async fn load(db: &Db) -> Result<Self, AppError> {
        const NAME: &str = "reply_address_key";
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let fresh: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut tx = db.begin_write().await?;
        // Of two servers starting at once, the first insert wins.
        sqlx::query(
            "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(NAME)
        .bind(&fresh)
        .execute(&mut *tx)
        .await?;
        let stored: String = sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
            .bind(NAME)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Self(stored.into_bytes()))
    }

    fn mac(&self, number: i64) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key");
        mac.update(format!("reply:{number}").as_bytes());
        mac
    }

    /// The reply address of case `number` on `mailbox` (the helpdesk's own
    /// address): `local+number-signature@domain`.
    pub fn address(&self, mailbox: &str, number: i64) -> Option<String> {
        let (local, domain) = mailbox.rsplit_once('@')?;
        let sig: String = self.mac(number).finalize().into_bytes()[..SIGNATURE_LEN / 2]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Some(format!("{local}+{number}-{sig}@{domain}"))
    }

    /// The case number of a reply address of `mailbox` whose signature
    /// holds; `None` for any other address.
    pub fn number_in(&self, mailbox: &str, address: &str) -> Option<i64> {
        let (local, domain) = mailbox.rsplit_once('@')?;
        let (their_local, their_domain) = address.rsplit_once('@')?;
        if !their_domain.eq_ignore_ascii_case(domain) {
            return None;
        }
        let tag = their_local
            .to_lowercase()
            .strip_prefix(&format!("{}+", local.to_lowercase()))?
            .to_owned();
        let (number, sig) = tag.split_once('-')?;
        let number: i64 = number.parse().ok()?;
        if sig.len() != SIGNATURE_LEN || !sig.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let bytes: Vec<u8> = (0..sig.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&sig[i..i + 2], 16).ok())
            .collect();
        self.mac(number)
            .verify_truncated_left(&bytes)
            .ok()
            .map(|()| number)
    }
}

/// Whether `address` is the helpdesk's own: its mailbox or one of its
/// reply addresses (mail from there would answer itself forever).
pub fn is_own(mailbox: &str, address: &str) -> bool {
    let Some((local, domain)) = mailbox
        .to_lowercase()
        .rsplit_once('@')
        .map(|(l, d)| (l.to_owned(), d.to_owned()))
    else {
        return false;
    };
    let Some((their_local, their_domain)) = address.rsplit_once('@') else {
        return false;
    };
    their_domain == domain
        && (their_local == local || their_local.starts_with(&format!("{local}+")))
}

/// The `[#1042]` token of a subject.
pub fn subject_number(subject: &str) -> Option<i64> {
    let mut rest = subject;
    while let Some(at) = rest.find("[#") {
        rest = &rest[at + 2..];
        if let Some((digits, _)) = rest.split_once(']') {
            if !digits.is_empty()
                && digits.len() <= 12
                && digits.bytes().all(|b| b.is_ascii_digit())
            {
                return digits.parse().ok();
            }
        }
    }
    None
}

/// The number of the case `mail` answers, if any.
pub async fn find_case(
    tx: &mut Tx,
    mail: &Incoming,
    key: &ReplyKey,
    mailbox: &str,
) -> Result<Option<i64>, AppError> {
    for id in &mail.refs {
        let local = id.split('@').next().unwrap_or_default();
        let found: Option<i64> = if local.starts_with("hd.") {
            sqlx::query_scalar(
                "SELECT c.number FROM outbox o JOIN cases c ON c.id = o.case_id \
                 WHERE o.message_key = $1",
            )
            .bind(local)
            .fetch_optional(&mut **tx)
            .await?
        } else if let Some(n) = local
            .strip_prefix("case-")
            .and_then(|n| n.parse::<i64>().ok())
        {
            existing(tx, n).await?
        } else {
            // A reply to an earlier mail of the same conversation.
            sqlx::query_scalar(
                "SELECT c.number FROM inbound_mails im JOIN cases c ON c.id = im.case_id \
                 WHERE im.mail_key = $1",
            )
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    if let Some(n) = subject_number(&mail.subject) {
        if let Some(n) = existing(tx, n).await? {
            return Ok(Some(n));
        }
    }
    for address in &mail.recipients {
        if let Some(n) = key.number_in(mailbox, address) {
            if let Some(n) = existing(tx, n).await? {
                return Ok(Some(n));
            }
        }
    }
    Ok(None)
}

/// `number` if a case has it.
async fn existing(tx: &mut Tx, number: i64) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT number FROM cases WHERE number = $1")
            .bind(number)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_addresses_verify_only_their_own_number() {
        let key = ReplyKey(b"k".repeat(32));
        let addr = key.address("helpdesk@example.com", 1042).unwrap();
        assert!(
            addr.starts_with("helpdesk+1042-") && addr.ends_with("@example.com"),
            "{addr}"
        );
        assert_eq!(key.number_in("helpdesk@example.com", &addr), Some(1042));
        assert_eq!(
            key.number_in("helpdesk@example.com", &addr.to_uppercase()),
            Some(1042)
        );
        let forged = addr.replace("+1042-", "+1043-");
        assert_eq!(key.number_in("helpdesk@example.com", &forged), None);
        let other_key = ReplyKey(b"x".repeat(32));
        assert_eq!(other_key.number_in("helpdesk@example.com", &addr), None);
        assert_eq!(
            key.number_in("helpdesk@example.com", "helpdesk@example.com"),
            None
        );
        assert_eq!(
            key.number_in("helpdesk@example.com", "helpdesk+1042-zz@example.com"),
            None
        );
    }

    #[test]
    fn subject_tokens() {
        assert_eq!(subject_number("Re: [#1042] New reply: Invoice"), Some(1042));
        assert_eq!(subject_number("RE: RE: [#abc] [#77]"), Some(77));
        assert_eq!(subject_number("Invoice #1042"), None);
        assert_eq!(subject_number("[#]"), None);
    }

    #[test]
    fn own_addresses() {
        assert!(is_own("Helpdesk@example.com", "helpdesk@example.com"));
        assert!(is_own(
            "helpdesk@example.com",
            "helpdesk+1042-abc@example.com"
        ));
        assert!(!is_own("helpdesk@example.com", "helpdesk2@example.com"));
        assert!(!is_own("helpdesk@example.com", "helpdesk@example.org"));
    }
}
