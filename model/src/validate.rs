//! Input rules shared by the browser and the server ("parse, don't validate").
//!
//! The server always applies them again: nothing the browser sends is trusted.

use crate::error::AppError;
pub use crate::field::{Field, Problem};

pub const SUBJECT_MAX: usize = 200;
pub const MESSAGE_MAX: usize = 20_000;
pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Trimmed text of 1 to `max` characters.
pub(crate) fn bounded_text(raw: &str, field: Field, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if chars(text) > max {
        return Err(AppError::invalid(field, Problem::TooLong));
    }
    // Never meant, and not storable in PostgreSQL.
    if text.contains('\0') {
        return Err(AppError::invalid(field, Problem::Malformed));
    }
    Ok(text.to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject(String);

impl Subject {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        bounded_text(raw, Field::Subject, SUBJECT_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageBody(String);

impl MessageBody {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        bounded_text(raw, Field::Message, MESSAGE_MAX).map(Self)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = bounded_text(raw, Field::Name, NAME_MAX)?;
        if name.chars().any(char::is_control) {
            return Err(AppError::invalid(Field::Name, Problem::Malformed));
        }
        Ok(Self(name))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A department's name: one line of 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentName(String);

impl DepartmentName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let max = crate::cases::workspace::DEPARTMENT_NAME_MAX;
        let name = bounded_text(raw, Field::Department, max)?;
        if name.chars().any(char::is_control) {
            return Err(AppError::invalid(Field::Department, Problem::Malformed));
        }
        Ok(Self(name))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed and lower-cased so one person has one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = bounded_text(raw, Field::Email, EMAIL_MAX)?.to_lowercase();
        let malformed = || AppError::invalid(Field::Email, Problem::Malformed);
        let (local, domain) = email.split_once('@').ok_or_else(malformed)?;
        let labels_ok = domain
            .split('.')
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        let ok = !local.is_empty()
            && chars(local) <= 64
            && domain.contains('.')
            && labels_ok
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@')
            && !local.contains(['<', '>', '(', ')', ',', ';', ':', '\\', '"', '[', ']']);
        if ok {
            Ok(Self(email))
        } else {
            Err(malformed())
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: 8 to 128 characters, kept as typed (spaces count).
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let n = chars(raw);
        if n == 0 {
            return Err(AppError::invalid(Field::Password, Problem::Required));
        }
        if !(PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
            return Err(AppError::invalid(Field::Password, Problem::PasswordLength));
        }
        Ok(Self(raw.to_owned()))
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_trimmed_and_bounded() {
        assert_eq!(Subject::parse("  Hello ").unwrap().as_str(), "Hello");
        assert_eq!(
            Subject::parse("   "),
            Err(AppError::invalid(Field::Subject, Problem::Required))
        );
        assert!(Subject::parse(&"é".repeat(SUBJECT_MAX)).is_ok());
        assert_eq!(
            Subject::parse("a\0b"),
            Err(AppError::invalid(Field::Subject, Problem::Malformed))
        );
        assert_eq!(
            Subject::parse(&"a".repeat(SUBJECT_MAX + 1)),
            Err(AppError::invalid(Field::Subject, Problem::TooLong))
        );
    }

    #[test]
    fn message_over_twenty_thousand_characters_is_refused() {
        assert!(MessageBody::parse(&"a".repeat(MESSAGE_MAX)).is_ok());
        assert_eq!(
            MessageBody::parse(&"a".repeat(MESSAGE_MAX + 1)),
            Err(AppError::invalid(Field::Message, Problem::TooLong))
        );
        assert_eq!(
            MessageBody::parse(""),
            Err(AppError::invalid(Field::Message, Problem::Required))
        );
    }

    #[test]
    fn emails_are_lowercased_and_malformed_ones_refused() {
        assert_eq!(
            Email::parse(" Ana@Example.COM ").unwrap().as_str(),
            "ana@example.com"
        );
        for bad in [
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "a na@example.com",
            "ana@exa..mple.com",
            "<ana>@example.com",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(AppError::invalid(Field::Email, Problem::Malformed)),
                "{bad}"
            );
        }
    }

    #[test]
    fn passwords_must_be_eight_to_128_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"p".repeat(128)).is_ok());
        assert_eq!(
            Password::parse(&"p".repeat(129)).unwrap_err(),
            AppError::invalid(Field::Password, Problem::PasswordLength)
        );
    }
}
