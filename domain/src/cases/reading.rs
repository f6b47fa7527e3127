//! Reading a case with its conversation, as one viewer may see it: staff
//! see internal notes and where a message came from; photos only where
//! the viewer may see them.

use sqlx::FromRow;

use super::lifecycle::activity;
use super::store::{cc_of, decode, visible_case};
use super::{CaseDetail, Message, Origin, MESSAGES_PER_PAGE};
use crate::auth::{Person, User};
use crate::db::{Db, Flag};
use crate::error::AppError;

/// The case and the latest page of its conversation; records that
/// `viewer` has now read it. Not found unless `viewer` may see case
/// `number`.
pub async fn open_for_viewer(
    db: &Db,
    viewer: &Person,
    number: i64,
) -> Result<CaseDetail, AppError> {
    open_page_for_viewer(db, viewer, number, 1).await
}

/// [`open_for_viewer`] with page `page` of the conversation (1: the latest
/// messages; a page past the oldest gives the oldest).
pub async fn open_page_for_viewer(
    db: &Db,
    viewer: &Person,
    number: i64,
    page: u32,
) -> Result<CaseDetail, AppError> {
    let viewer = viewer.user();
    let case = visible_case(&db.read, viewer, number).await?;
    let staff = viewer.role.is_staff();
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages m WHERE m.case_id = $1 AND ($2 OR NOT m.internal)",
    )
    .bind(case.id)
    .bind(staff)
    .fetch_one(&db.read)
    .await?;
    let per_page = i64::from(MESSAGES_PER_PAGE);
    let pages = u32::try_from(((total + per_page - 1) / per_page).max(1)).unwrap_or(u32::MAX);
    let page = page.clamp(1, pages);
    let mut files = super::attachments::of_case(&db.read, case.id, staff)
        .await?
        .into_iter()
        .peekable();
    // Internal notes, and where a message came by mail, are for staff only.
    let messages = sqlx::query_as::<_, MessageRow>(
        r#"
        SELECT m.id, u.name AS author, CASE WHEN m.from_staff THEN 1 ELSE 0 END AS from_staff,
               u.id AS author_id, u.photo_at, u.role AS author_role,
               m.body, m.created_at, CASE WHEN m.internal THEN 1 ELSE 0 END AS internal,
               CASE WHEN $2 THEN
                   (SELECT MIN(im.id) FROM inbound_mails im WHERE im.message_id = m.id)
               END AS mail
        FROM messages m
        LEFT JOIN users u ON u.id = m.author_id
        WHERE m.case_id = $1 AND ($2 OR NOT m.internal)
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT $3 OFFSET $4
        "#,
    )
    .bind(case.id)
    .bind(staff)
    .bind(per_page)
    .bind(i64::from(page - 1) * per_page)
    .fetch_all(&db.read)
    .await?
    .into_iter()
    .rev()
    .map(|m| Message {
        photo: photo_of(viewer, &m),
        author: m.author,
        from_staff: m.from_staff,
        body: m.body,
        created_at: m.created_at,
        attachments: files_of(&mut files, m.id),
        internal: m.internal,
        mail: m.mail,
    })
    .collect();
    let activity = activity(db, case.id, staff).await?;
    let assignment = staff.then(|| case.assignment());
    let sla = staff
        .then(|| super::sla::clock(case.sla_due, case.sla_paused, case.sla_first, db.now()))
        .flatten();
    let mut fields = case.fields()?;
    fields.cc = cc_of(&db.read, case.id).await?;
    mark_seen(db, case.id, viewer.id, staff).await?;
    let requester = match staff {
        true => Some(crate::auth::profile::requester(&db.read, case.requester_id).await?),
        false => None,
    };
    Ok(CaseDetail {
        number: case.number,
        case_type: case.case_type()?,
        fields,
        duplicate_of: case.duplicate_of,
        status: case.status()?,
        origin: decode(Origin::parse(&case.origin), "origin", &case.origin)?,
        subject: case.subject,
        created_at: case.created_at,
        updated_at: case.updated_at,
        requester_name: case.requester_name,
        requester_email: case.requester_email,
        messages,
        page,
        pages,
        activity,
        viewer_is_staff: viewer.role.is_staff(),
        viewer_is_requester: case.requester_id == viewer.id,
        requester,
        assignment,
        sla,
    })
}

#[derive(FromRow)]
struct MessageRow {
    id: i64,
    author: Option<String>,
    #[sqlx(try_from = "Flag")]
    from_staff: bool,
    body: String,
    created_at: i64,
    #[sqlx(try_from = "Flag")]
    internal: bool,
    mail: Option<i64>,
    author_id: Option<i64>,
    photo_at: Option<i64>,
    author_role: Option<String>,
}

/// A message author's photo, if `viewer` may see it.
fn photo_of(viewer: &User, m: &MessageRow) -> Option<String> {
    let (id, version) = (m.author_id?, m.photo_at?);
    let of_staff = m.author_role.as_deref().and_then(crate::auth::Role::parse);
    crate::auth::photo::visible(viewer, id, of_staff.is_some_and(|r| r.is_staff()))
        .then(|| crate::auth::photo_url(id, version))
}

/// The attachments of message `id`. Messages and attachments are both
/// read in id order, and a message's files come after the message; those
/// of messages on other pages are passed over.
fn files_of(
    files: &mut std::iter::Peekable<impl Iterator<Item = (i64, crate::files::Attachment)>>,
    id: i64,
) -> Vec<crate::files::Attachment> {
    while files.next_if(|(m, _)| *m < id).is_some() {}
    let mut mine = Vec::new();
    while let Some((_, file)) = files.next_if(|(m, _)| *m == id) {
        mine.push(file);
    }
    mine
}

async fn mark_seen(db: &Db, case_id: i64, user_id: i64, staff: bool) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    if staff {
        super::notes::mentions_seen(&mut tx, case_id, user_id, db.now()).await?;
    }
    sqlx::query(
        r#"
        INSERT INTO case_views (case_id, user_id, seen_at)
        VALUES ($1, $2, $3)
        ON CONFLICT (case_id, user_id) DO UPDATE SET seen_at = excluded.seen_at
        "#,
    )
    .bind(case_id)
    .bind(user_id)
    .bind(db.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
