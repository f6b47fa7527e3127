//! SQL for what admins arrange: collections (one per country), folders
//! (one per product within a collection), the banner, and which articles
//! are related.

use super::{Banner, BannerRow, CollectionAdmin, FolderAdmin};
use crate::auth::Admin;
use crate::db::{Db, Flag, Tx};
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The folder of `product` in the collection of `country`, both made if
/// missing (demo data and the benchmark's generator).
pub async fn place(db: &Db, country: &str, product: &str) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO help_collections (country) VALUES ($1) ON CONFLICT (country) DO NOTHING",
    )
    .bind(country)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO help_folders (collection_id, product) \
         SELECT id, $2 FROM help_collections WHERE country = $1 \
         ON CONFLICT (collection_id, product) DO NOTHING",
    )
    .bind(country)
    .bind(product)
    .execute(&mut *tx)
    .await?;
    let id = sqlx::query_scalar(
        "SELECT f.id FROM help_folders f JOIN help_collections c ON c.id = f.collection_id \
         WHERE c.country = $1 AND f.product = $2",
    )
    .bind(country)
    .bind(product)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Every collection with its folders and how many articles each holds.
pub async fn collections(db: &Db, _admin: &Admin) -> Result<Vec<CollectionAdmin>, AppError> {
    let rows = sqlx::query_as::<_, (i64, String, Option<i64>, Option<String>, i64)>(
        r#"
        SELECT c.id, c.country, f.id, f.product,
               (SELECT COUNT(*) FROM articles a WHERE a.folder_id = f.id)
        FROM help_collections c LEFT JOIN help_folders f ON f.collection_id = c.id
        ORDER BY c.position, c.country, f.position, f.product
        "#,
    )
    .fetch_all(&db.read)
    .await?;
    let mut list: Vec<CollectionAdmin> = Vec::new();
    for (id, country, folder, product, articles) in rows {
        if list.last().is_none_or(|c| c.id != id) {
            list.push(CollectionAdmin {
                id,
                country,
                folders: Vec::new(),
            });
        }
        if let (Some(folder), Some(product), Some(last)) = (folder, product, list.last_mut()) {
            last.folders.push(FolderAdmin {
                id: folder,
                product,
                articles,
            });
        }
    }
    Ok(list)
}

pub async fn add_collection(db: &Db, _admin: &Admin, country: &str) -> Result<i64, AppError> {
    if !super::COUNTRIES.contains(&country) {
        return Err(AppError::invalid(Field::Country, Problem::Unknown));
    }
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO help_collections (country) VALUES ($1) \
         ON CONFLICT (country) DO NOTHING RETURNING id",
    )
    .bind(country)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(AppError::invalid(Field::Country, Problem::Taken))?;
    tx.commit().await?;
    Ok(id)
}

pub async fn add_folder(
    db: &Db,
    _admin: &Admin,
    collection: i64,
    product: &str,
) -> Result<i64, AppError> {
    let product = product_name(product)?;
    let mut tx = db.begin_write().await?;
    found(&mut tx, "help_collections", collection).await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO help_folders (collection_id, product) VALUES ($1, $2) \
         ON CONFLICT (collection_id, product) DO NOTHING RETURNING id",
    )
    .bind(collection)
    .bind(&product)
    .fetch_optional(&mut *tx)
    .await?;
    let id = id.ok_or(AppError::invalid(Field::Product, Problem::Taken))?;
    tx.commit().await?;
    Ok(id)
}

/// Renames a folder; its articles stay in it.
pub async fn rename_folder(
    db: &Db,
    _admin: &Admin,
    id: i64,
    product: &str,
) -> Result<(), AppError> {
    let product = product_name(product)?;
    let mut tx = db.begin_write().await?;
    let collection: i64 =
        sqlx::query_scalar("SELECT collection_id FROM help_folders WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    let Flag(taken) = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM help_folders \
         WHERE collection_id = $1 AND product = $2 AND id <> $3)",
    )
    .bind(collection)
    .bind(&product)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if taken {
        return Err(AppError::invalid(Field::Product, Problem::Taken));
    }
    sqlx::query("UPDATE help_folders SET product = $1 WHERE id = $2")
        .bind(&product)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes an empty folder; one that still holds articles is refused, so
/// no article is lost or silently moved.
pub async fn remove_folder(db: &Db, _admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    found(&mut tx, "help_folders", id).await?;
    let Flag(used) =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM articles WHERE folder_id = $1)")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if used {
        return Err(AppError::invalid(Field::Folder, Problem::NotEmpty));
    }
    sqlx::query("DELETE FROM help_folders WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a collection that has no folders left.
pub async fn remove_collection(db: &Db, _admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    found(&mut tx, "help_collections", id).await?;
    let Flag(used) =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM help_folders WHERE collection_id = $1)")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if used {
        return Err(AppError::invalid(Field::Country, Problem::NotEmpty));
    }
    sqlx::query("DELETE FROM help_collections WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether row `id` of `table` (a name written in this module's callers,
/// never user input) exists.
pub(super) async fn exists(tx: &mut Tx, table: &str, id: i64) -> Result<bool, AppError> {
    let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = $1)");
    let Flag(found) = sqlx::query_scalar(&sql)
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(found)
}

/// Not found unless row `id` of `table` exists.
async fn found(tx: &mut Tx, table: &str, id: i64) -> Result<(), AppError> {
    match exists(tx, table, id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound),
    }
}

/// Makes `related` the articles related to `id`, both ways; others lose
/// their link to it.
pub async fn set_related(tx: &mut Tx, id: i64, related: &[i64]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM article_related WHERE article_id = $1 OR related_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    for &other in related.iter().filter(|&&other| other != id) {
        for (a, b) in [(id, other), (other, id)] {
            sqlx::query(
                "INSERT INTO article_related (article_id, related_id) \
                 SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM articles WHERE id = $2) \
                 ON CONFLICT (article_id, related_id) DO NOTHING",
            )
            .bind(a)
            .bind(b)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

pub async fn add_banner(db: &Db, _admin: &Admin, banner: &Banner) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let id = sqlx::query_scalar(
        "INSERT INTO help_banners (kind, severity, message, starts_at, ends_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&banner.kind)
    .bind(&banner.severity)
    .bind(&banner.message)
    .bind(banner.starts_at)
    .bind(banner.ends_at)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove_banner(db: &Db, _admin: &Admin, id: i64) -> Result<(), AppError> {
    delete_row(db, "help_banners", id).await
}

/// Deletes row `id` of `table` (a name written in this module's callers);
/// not found if there is none.
pub(super) async fn delete_row(db: &Db, table: &str, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let sql = format!("DELETE FROM {table} WHERE id = $1");
    let done = sqlx::query(&sql).bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

type BannerColumns = (i64, String, String, String, i64, i64);

fn banner_row((id, kind, severity, message, starts_at, ends_at): BannerColumns) -> BannerRow {
    BannerRow {
        id,
        banner: Banner {
            kind,
            severity,
            message,
            starts_at,
            ends_at,
        },
    }
}

/// Banners not yet over, soonest first, for the admin page.
pub async fn banners(db: &Db, _admin: &Admin) -> Result<Vec<BannerRow>, AppError> {
    let rows = sqlx::query_as::<_, BannerColumns>(
        "SELECT id, kind, severity, message, starts_at, ends_at FROM help_banners \
         WHERE ends_at > $1 ORDER BY starts_at, id",
    )
    .bind(db.now())
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(banner_row).collect())
}

/// The banner to show now: inside its window; the latest to start wins.
pub async fn active_banner(db: &Db) -> Result<Option<Banner>, AppError> {
    let row = sqlx::query_as::<_, BannerColumns>(
        r#"
        SELECT id, kind, severity, message, starts_at, ends_at FROM help_banners
        WHERE starts_at <= $1 AND $1 < ends_at
        ORDER BY starts_at DESC, id DESC LIMIT 1
        "#,
    )
    .bind(db.now())
    .fetch_optional(&db.read)
    .await?;
    Ok(row.map(|r| banner_row(r).banner))
}

/// A banner from the admin form: known kind and severity, a message, and
/// a window (`datetime-local` values, read in the admin's `zone`) that
/// ends after it starts.
pub fn check_banner(
    kind: &str,
    severity: &str,
    message: &str,
    starts: &str,
    ends: &str,
    zone: &str,
) -> Result<Banner, AppError> {
    use super::{BANNER_KINDS, SEVERITIES};
    if !BANNER_KINDS.contains(&kind) || !SEVERITIES.contains(&severity) {
        return Err(AppError::invalid(Field::Status, Problem::Unknown));
    }
    let message = message.trim();
    if message.is_empty() {
        return Err(AppError::invalid(Field::BannerText, Problem::Required));
    }
    if message.chars().count() > super::BANNER_MAX {
        return Err(AppError::invalid(Field::BannerText, Problem::TooLong));
    }
    if message.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::BannerText, Problem::Malformed));
    }
    let (starts_at, ends_at) = (local_minute(starts, zone)?, local_minute(ends, zone)?);
    if ends_at <= starts_at {
        return Err(AppError::invalid(Field::Window, Problem::Malformed));
    }
    Ok(Banner {
        kind: kind.to_owned(),
        severity: severity.to_owned(),
        message: message.to_owned(),
        starts_at,
        ends_at,
    })
}

/// `2026-11-23T08:30` (seconds allowed) in `zone`, as milliseconds.
fn local_minute(raw: &str, zone: &str) -> Result<i64, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid(Field::Window, Problem::Required));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(raw, f).ok())
        .map(|t| crate::time::instant(t, zone))
        .ok_or(AppError::invalid(Field::Window, Problem::Malformed))
}

/// Whether there is a collection for `country`.
pub async fn has_collection(db: &Db, country: &str) -> Result<bool, AppError> {
    let Flag(found) =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM help_collections WHERE country = $1)")
            .bind(country)
            .fetch_one(&db.read)
            .await?;
    Ok(found)
}

/// The country and product of folder `id`.
pub async fn folder_place(db: &Db, id: i64) -> Result<(String, String), AppError> {
    sqlx::query_as(
        "SELECT c.country, f.product FROM help_folders f \
         JOIN help_collections c ON c.id = f.collection_id WHERE f.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)
}

/// A folder's product name: trimmed, 1 to 100 characters, no control
/// characters.
fn product_name(raw: &str) -> Result<String, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::invalid(Field::Product, Problem::Required));
    }
    if name.chars().count() > crate::cases::record::SHORT_TEXT_MAX {
        return Err(AppError::invalid(Field::Product, Problem::TooLong));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::Product, Problem::Malformed));
    }
    Ok(name.to_owned())
}
