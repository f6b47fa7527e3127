//! SQL and checks for staff writing articles: what the editor loads, and
//! saving an article with its related articles in one transaction.

use super::rows::summary;
use super::store::{self, Draft};
use super::structure::exists;
use super::{ArticleEdit, EditorOptions, StaffArticle, RELATED_MAX, TAGS_MAX};
use crate::auth::Staff;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, MessageBody, Problem, Subject, MESSAGE_MAX};

/// Rows in the staff list and related-article choices: the latest edited.
const LISTED: i64 = 500;
pub const LOCALES: [&str; 3] = ["en", "es", "fr"];

type StaffRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
);

pub async fn staff_list(db: &Db, _staff: &Staff) -> Result<Vec<StaffArticle>, AppError> {
    let rows = sqlx::query_as::<_, StaffRow>(
        r#"
        SELECT a.id, a.locale, a.title, a.kind, a.summary, a.updated_at, a.status,
               c.country, f.product
        FROM articles a
        LEFT JOIN help_folders f ON f.id = a.folder_id
        LEFT JOIN help_collections c ON c.id = f.collection_id
        ORDER BY a.updated_at DESC, a.id DESC LIMIT $1
        "#,
    )
    .bind(LISTED)
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .map(
            |(id, locale, title, kind, text, updated, status, country, product)| {
                Ok(StaffArticle {
                    article: summary((id, locale, title, kind, text, updated))?,
                    published: status == "published",
                    country,
                    product,
                })
            },
        )
        .collect()
}

pub async fn choices(db: &Db, _staff: &Staff) -> Result<EditorOptions, AppError> {
    let folders = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT f.id, c.country, f.product FROM help_folders f \
         JOIN help_collections c ON c.id = f.collection_id \
         ORDER BY c.position, c.country, f.position, f.product",
    )
    .fetch_all(&db.read)
    .await?;
    let articles = sqlx::query_as::<_, (i64, String, String)>(
        "SELECT id, locale, title FROM articles ORDER BY updated_at DESC, id DESC LIMIT $1",
    )
    .bind(LISTED)
    .fetch_all(&db.read)
    .await?;
    Ok(EditorOptions { folders, articles })
}

type EditRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
);

pub async fn for_edit(db: &Db, _staff: &Staff, id: i64) -> Result<ArticleEdit, AppError> {
    let (id, locale, title, body, kind, status, tags, folder) = sqlx::query_as::<_, EditRow>(
        "SELECT id, locale, title, body, kind, status, tags, folder_id FROM articles WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)?;
    let related = sqlx::query_scalar(
        "SELECT related_id FROM article_related WHERE article_id = $1 ORDER BY related_id",
    )
    .bind(id)
    .fetch_all(&db.read)
    .await?;
    Ok(ArticleEdit {
        id,
        locale,
        title,
        body,
        kind: super::rows::parse_kind(&kind)?,
        published: status == "published",
        tags,
        folder,
        related,
    })
}

/// What the author sent, checked: a clear error for the first bad field.
/// The article body as it would be published: rendered and sanitized by
/// the same code as saving.
pub fn preview(_staff: &Staff, body: &str) -> Result<String, AppError> {
    if body.chars().count() > MESSAGE_MAX {
        return Err(AppError::invalid(Field::Message, Problem::TooLong));
    }
    Ok(super::markdown::render(body))
}

pub fn check(edit: &ArticleEdit) -> Result<(Draft, Vec<i64>), AppError> {
    let title = Subject::parse(&edit.title)?;
    let body = MessageBody::parse(&edit.body)?;
    if !LOCALES.contains(&edit.locale.as_str()) {
        return Err(AppError::invalid(Field::Language, Problem::Unknown));
    }
    if edit.tags.chars().count() > TAGS_MAX {
        return Err(AppError::invalid(Field::Tags, Problem::TooLong));
    }
    if edit.tags.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::Tags, Problem::Malformed));
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in edit.tags.split([',', ' ']).filter(|t| !t.is_empty()) {
        let tag = tag.to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let mut related = edit.related.clone();
    related.sort_unstable();
    related.dedup();
    related.retain(|&r| r != edit.id);
    if related.len() > RELATED_MAX {
        return Err(AppError::invalid(Field::Related, Problem::TooLong));
    }
    let draft = Draft {
        locale: edit.locale.clone(),
        title: title.as_str().to_owned(),
        body: body.as_str().to_owned(),
        kind: edit.kind,
        published: edit.published,
        tags,
        folder: edit.folder,
    };
    Ok((draft, related))
}

/// Saves `edit` (id 0 is a new article) with its related articles, all or
/// nothing, and answers its id.
pub async fn save(db: &Db, _staff: &Staff, edit: &ArticleEdit) -> Result<i64, AppError> {
    let (draft, related) = check(edit)?;
    let mut tx = db.begin_write().await?;
    if let Some(folder) = draft.folder {
        if !exists(&mut tx, "help_folders", folder).await? {
            return Err(AppError::invalid(Field::Folder, Problem::Unknown));
        }
    }
    for &other in &related {
        if !exists(&mut tx, "articles", other).await? {
            return Err(AppError::invalid(Field::Related, Problem::Unknown));
        }
    }
    let now = db.now();
    let id = if edit.id == 0 {
        store::insert_in(&mut tx, &draft, now).await?
    } else {
        store::update_in(&mut tx, edit.id, &draft, now).await?;
        edit.id
    };
    super::structure::set_related(&mut tx, id, &related).await?;
    tx.commit().await?;
    Ok(id)
}

/// Deletes an article; its votes and links go with it.
pub async fn delete(db: &Db, _staff: &Staff, id: i64) -> Result<(), AppError> {
    super::structure::delete_row(db, "articles", id).await
}
