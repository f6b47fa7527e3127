//! SQL for help articles.

use super::{Article, ArticleSummary};
use crate::db::Db;
use crate::error::AppError;

pub async fn list(db: &Db) -> Result<Vec<ArticleSummary>, AppError> {
    let rows = sqlx::query_as::<_, (i64, String, String)>(
        r#"
        SELECT id, locale, title
        FROM articles
        ORDER BY locale, title
        "#,
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, locale, title)| ArticleSummary { id, locale, title })
        .collect())
}

pub async fn get(db: &Db, id: i64) -> Result<Article, AppError> {
    let row = sqlx::query_as::<_, (i64, String, String, String, i64)>(
        r#"
        SELECT id, locale, title, body, updated_at
        FROM articles
        WHERE id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(&db.read)
    .await?;
    row.map(|(id, locale, title, body, updated_at)| Article {
        id,
        locale,
        title,
        body,
        updated_at,
    })
    .ok_or(AppError::NotFound)
}

pub async fn insert(db: &Db, locale: &str, title: &str, body: &str) -> Result<i64, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let id = sqlx::query_scalar(
        r#"
        INSERT INTO articles (locale, title, body, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $4)
        RETURNING id
        "#,
    )
    .bind(locale)
    .bind(title)
    .bind(body)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}
