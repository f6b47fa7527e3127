//! Departments cases are referred to (Technical, Finance, Account in the
//! seeds) and the agents in each: admins manage them; staff read them
//! with the agents cases can be given to.

use super::workspace::{Agent, Department, Directory};
use crate::auth::{Admin, Staff};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{DepartmentName, Field, Problem};

/// Every staff account and every department with its members, by name.
pub async fn directory(db: &Db, _staff: &Staff) -> Result<Directory, AppError> {
    let agents = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT id, name, email FROM users \
         WHERE role IN ('agent', 'admin') AND deactivated_at IS NULL ORDER BY name, id",
    )
    .fetch_all(&db.read)
    .await?
    .into_iter()
    .map(|(id, name, email)| Agent { id, name, email })
    .collect();
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM departments ORDER BY name")
        .fetch_all(&db.read)
        .await?;
    let members: Vec<(i64, i64)> =
        sqlx::query_as("SELECT department_id, user_id FROM department_members")
            .fetch_all(&db.read)
            .await?;
    let departments = rows
        .into_iter()
        .map(|(id, name)| Department {
            id,
            members: members.iter().filter(|m| m.0 == id).map(|m| m.1).collect(),
            name,
        })
        .collect();
    Ok(Directory {
        agents,
        departments,
    })
}

/// A department name not in use by another department (letter case aside).
async fn checked_name(tx: &mut Tx, name: &DepartmentName, except: i64) -> Result<String, AppError> {
    let name = name.as_str().to_owned();
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM departments WHERE LOWER(name) = LOWER($1) AND id <> $2")
            .bind(&name)
            .bind(except)
            .fetch_optional(&mut **tx)
            .await?;
    if taken.is_some() {
        return Err(AppError::invalid(Field::Department, Problem::Taken));
    }
    Ok(name)
}

/// Adds a department; its id.
pub async fn add(db: &Db, _admin: &Admin, name: &DepartmentName) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let name = checked_name(&mut tx, name, 0).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO departments (name, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(name)
    .bind(db.now())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn rename(
    db: &Db,
    _admin: &Admin,
    id: i64,
    name: &DepartmentName,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let name = checked_name(&mut tx, name, id).await?;
    let done = sqlx::query("UPDATE departments SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a department no case belongs to (those keep their history:
/// move them elsewhere first).
pub async fn remove(db: &Db, _admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let used: Option<i64> =
        sqlx::query_scalar("SELECT id FROM cases WHERE department_id = $1 LIMIT 1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    if used.is_some() {
        return Err(AppError::invalid(Field::Department, Problem::NotEmpty));
    }
    let done = sqlx::query("DELETE FROM departments WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Puts staff member `user` in department `id` (`member` false: takes them
/// out). Only agents and admins can be members.
pub async fn set_member(
    db: &Db,
    _admin: &Admin,
    id: i64,
    user: i64,
    member: bool,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM departments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    exists.ok_or(AppError::NotFound)?;
    if member {
        let staff: Option<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE id = $1 AND role IN ('agent', 'admin')")
                .bind(user)
                .fetch_optional(&mut *tx)
                .await?;
        staff.ok_or(AppError::invalid(Field::Assignee, Problem::Unknown))?;
        sqlx::query(
            "INSERT INTO department_members (department_id, user_id) VALUES ($1, $2) \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM department_members WHERE department_id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
