//! Checking an "Open a New Case" form, shared by customers and by staff
//! opening a case on a customer's behalf.

use super::record::{cc_list, phone, short_text, CaseFields, Priority, SHORT_TEXT_MAX};
use super::store::{NewCase, Opened};
use super::{CaseType, Origin};
use crate::auth::{Role, User};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Email, Field, MessageBody, Problem, Subject};

/// The form as sent.
#[derive(Debug, Clone, Default)]
pub struct OpenForm {
    pub subject: String,
    pub case_type: String,
    pub description: String,
    pub priority: String,
    pub cc: String,
    pub tax_id: String,
    pub company: String,
    pub phone: String,
}

impl OpenForm {
    pub fn check(&self, origin: Origin) -> Result<NewCase, AppError> {
        let subject = Subject::parse(&self.subject)?;
        let case_type = CaseType::parse(&self.case_type)
            .ok_or(AppError::invalid(Field::CaseType, Problem::Unknown))?;
        let description = MessageBody::parse(&self.description)?;
        let priority = match self.priority.trim() {
            "" => Priority::Normal,
            p => Priority::parse(p).ok_or(AppError::invalid(Field::Priority, Problem::Unknown))?,
        };
        let mut new = NewCase::new(subject, case_type, description);
        new.origin = origin;
        new.fields = CaseFields {
            priority,
            cc: cc_list(&self.cc)?,
            tax_id: short_text(&self.tax_id, Field::TaxId, SHORT_TEXT_MAX)?,
            company: short_text(&self.company, Field::Company, SHORT_TEXT_MAX)?,
            phone: phone(&self.phone)?,
            ..Default::default()
        };
        Ok(new)
    }
}

/// Where the browser goes after opening: the case, told when the message
/// joined an existing one.
pub fn landing(opened: Opened) -> String {
    match opened {
        Opened::New(n) => format!("/cases/{n}"),
        Opened::AddedTo(n) => format!("/cases/{n}?added=1"),
    }
}

/// Staff open cases that came by phone or email.
pub fn staff_origin(raw: &str) -> Result<Origin, AppError> {
    match Origin::parse(raw.trim()) {
        Some(o @ (Origin::Phone | Origin::Email)) => Ok(o),
        _ => Err(AppError::invalid(Field::Origin, Problem::Unknown)),
    }
}

/// The customer account with this email; an unknown one is a form error.
pub async fn find_customer(db: &Db, email: &str) -> Result<User, AppError> {
    let email = Email::parse(email)?;
    let row = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, email, name, role FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(&db.read)
    .await?;
    match row {
        Some((id, email, name, role)) if role == Role::Customer.as_str() => Ok(User {
            id,
            email,
            name,
            role: Role::Customer,
        }),
        _ => Err(AppError::invalid(Field::Email, Problem::Unknown)),
    }
}
