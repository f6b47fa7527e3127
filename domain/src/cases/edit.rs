//! Editing a case's fields (PRODUCT.md §3.2): the customer edits tax ID,
//! company, phone and CC; staff edit everything. Each change is logged.

use super::lifecycle::log_event;
use super::record::CheckedEdit;
use super::store::{cc_of, locked_case, set_cc};
use super::ActivityKind;
use crate::auth::Person;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::Field;

/// Applies `edit` to case `number` as `user`, all or nothing. Unchanged
/// values write nothing.
pub async fn update(
    db: &Db,
    person: &Person,
    number: i64,
    edit: &CheckedEdit,
) -> Result<(), AppError> {
    let (user, staff) = (person.user(), person.is_staff());
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, user, number).await?;
    if !staff {
        let staff_only = edit.subject.is_some()
            || edit.case_type.is_some()
            || edit.priority.is_some()
            || edit.country.is_some()
            || edit.brand.is_some()
            || edit.product.is_some();
        if case.requester_id != user.id || staff_only {
            return Err(AppError::Forbidden);
        }
        if case.status()?.is_final() {
            return Err(AppError::CaseClosed);
        }
    }
    let old = case.fields()?;
    if let Some(t) = edit
        .case_type
        .as_ref()
        .filter(|t| t.as_str() != case.case_type)
    {
        super::settings::check_offered(&mut tx, t).await?;
    }
    let mut changes: Vec<(Field, &'static str, String, String)> = Vec::new();
    let mut text = |field, column, old: &str, new: &Option<String>| {
        if let Some(new) = new.as_ref().filter(|n| n.as_str() != old) {
            changes.push((field, column, old.to_owned(), new.clone()));
        }
    };
    text(
        Field::Subject,
        "subject",
        case.subject(),
        &edit.subject.as_ref().map(|s| s.as_str().to_owned()),
    );
    text(
        Field::CaseType,
        "case_type",
        case.case_type()?.as_str(),
        &edit.case_type.as_ref().map(|t| t.as_str().to_owned()),
    );
    text(
        Field::Priority,
        "priority",
        old.priority.as_str(),
        &edit.priority.map(|p| p.as_str().to_owned()),
    );
    text(Field::TaxId, "tax_id", &old.tax_id, &edit.tax_id);
    text(Field::Company, "company", &old.company, &edit.company);
    text(Field::Phone, "phone", &old.phone, &edit.phone);
    text(Field::Country, "country", &old.country, &edit.country);
    text(Field::Brand, "brand", &old.brand, &edit.brand);
    text(Field::Product, "product", &old.product, &edit.product);

    for (field, column, old, new) in &changes {
        // `column` comes from the fixed list above, never from input.
        sqlx::query(&format!("UPDATE cases SET {column} = $1 WHERE id = $2"))
            .bind(new)
            .bind(case.id)
            .execute(&mut *tx)
            .await?;
        let kind = ActivityKind::Field {
            field: *field,
            old: old.clone(),
            new: new.clone(),
        };
        log_event(&mut tx, case.id, Some(user.id), &kind, now).await?;
    }
    let mut changed = !changes.is_empty();
    if let Some(cc) = &edit.cc {
        let old_cc = cc_of(&mut *tx, case.id).await?;
        if *cc != old_cc {
            set_cc(&mut tx, case.id, cc).await?;
            let kind = ActivityKind::Field {
                field: Field::Cc,
                old: old_cc.join(", "),
                new: cc.join(", "),
            };
            log_event(&mut tx, case.id, Some(user.id), &kind, now).await?;
            changed = true;
        }
    }
    if changed {
        super::store::touch(&mut tx, case.id, false, now).await?;
    }
    tx.commit().await?;
    Ok(())
}
