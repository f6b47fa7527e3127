//! "Was this article helpful?": one vote per person and article (a later
//! vote replaces the earlier one), a comment only with "No".

use super::{Feedback, COMMENT_MAX};
use crate::auth::Staff;
use crate::db::{Db, Flag};
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// Votes by visitors (no account) from one client address per hour: a
/// script clearing its cookie cannot stuff the counts.
pub const VISITOR_VOTES_PER_HOUR: i64 = 30;

/// [`vote`] as the web sends it: visitors' votes are limited per client
/// address.
pub async fn vote_from(
    db: &Db,
    article: i64,
    voter: &str,
    helpful: bool,
    comment: &str,
    client: Option<std::net::IpAddr>,
) -> Result<(), AppError> {
    use crate::auth::throttle;
    if let (true, Some(client)) = (voter.starts_with("visitor:"), client) {
        let rule = throttle::VISITOR_VOTES.at_most(VISITOR_VOTES_PER_HOUR);
        throttle::take(db, rule, &crate::auth::gate::subject(client)).await?;
    }
    vote(db, article, voter, helpful, comment).await
}

/// Records `voter`'s vote on a published article.
pub async fn vote(
    db: &Db,
    article: i64,
    voter: &str,
    helpful: bool,
    comment: &str,
) -> Result<(), AppError> {
    let comment = if helpful { "" } else { comment.trim() };
    if comment.chars().count() > COMMENT_MAX {
        return Err(AppError::invalid(Field::Message, Problem::TooLong));
    }
    let mut tx = db.begin_write().await?;
    let published: Option<String> = sqlx::query_scalar("SELECT status FROM articles WHERE id = $1")
        .bind(article)
        .fetch_optional(&mut *tx)
        .await?;
    if published.as_deref() != Some("published") {
        return Err(AppError::NotFound);
    }
    sqlx::query(
        r#"
        INSERT INTO article_votes (article_id, voter, helpful, comment, created_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (article_id, voter)
        DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment,
                      created_at = excluded.created_at
        "#,
    )
    .bind(article)
    .bind(voter)
    .bind(helpful)
    .bind(comment)
    .bind(db.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `voter`'s vote on `article`, if any.
pub async fn vote_of(db: &Db, article: i64, voter: &str) -> Result<Option<bool>, AppError> {
    let vote: Option<Flag> = sqlx::query_scalar(
        "SELECT CASE WHEN helpful THEN 1 ELSE 0 END FROM article_votes \
         WHERE article_id = $1 AND voter = $2",
    )
    .bind(article)
    .bind(voter)
    .fetch_optional(&db.read)
    .await?;
    Ok(vote.map(bool::from))
}

/// The counts and comments staff review.
pub async fn feedback(db: &Db, _staff: &Staff, article: i64) -> Result<Feedback, AppError> {
    let (yes, no): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN helpful THEN 1 ELSE 0 END), 0), \
                COALESCE(SUM(CASE WHEN helpful THEN 0 ELSE 1 END), 0) \
         FROM article_votes WHERE article_id = $1",
    )
    .bind(article)
    .fetch_one(&db.read)
    .await?;
    let comments = sqlx::query_as(
        "SELECT comment, created_at FROM article_votes \
         WHERE article_id = $1 AND comment <> '' ORDER BY created_at DESC LIMIT 100",
    )
    .bind(article)
    .fetch_all(&db.read)
    .await?;
    Ok(Feedback { yes, no, comments })
}
