//! Checking an "Open a New Case" form, shared by customers and by staff
//! opening a case on a customer's behalf.

use super::record::{cc_list, phone, short_text, CaseFields, Priority, SHORT_TEXT_MAX};
use super::store::{NewCase, Opened};
use super::{CaseType, Origin};
use crate::auth::{Role, User};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Email, Field, MessageBody, Problem, Subject};

pub use super::record::OpenForm;

impl OpenForm {
    /// The checked case. Country, brand and product are for staff to set.
    pub fn check(&self, origin: Origin, by_staff: bool) -> Result<NewCase, AppError> {
        let staff_only = [&self.country, &self.brand, &self.product];
        if !by_staff && staff_only.iter().any(|f| !f.trim().is_empty()) {
            return Err(AppError::Forbidden);
        }
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
            country: short_text(&self.country, Field::Country, SHORT_TEXT_MAX)?,
            brand: short_text(&self.brand, Field::Brand, SHORT_TEXT_MAX)?,
            product: short_text(&self.product, Field::Product, SHORT_TEXT_MAX)?,
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
