//! Polling a real Dovecot mailbox.

use super::*;
use crate::db::testing::test_db;
use crate::mail::testing::dovecot::Dovecot;

async fn intake(db: &Db, dir: &std::path::Path) -> Intake {
    let files = crate::files::store::Files::local(dir).unwrap();
    crate::mail::testing::intake(db, files).await
}

fn mail(n: usize) -> String {
    format!(
        "From: Iris <iris@example.com>\r\nTo: help@example.com\r\nSubject: By IMAP {n}\r\n\
         Message-ID: <imap-{n}@example.com>\r\n\r\nMessage number {n}\r\n"
    )
}

async fn cases(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT subject FROM cases ORDER BY number")
        .fetch_all(&db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn each_message_is_handled_once_across_polls_and_restarts() {
    let t = test_db().await;
    let dir = tempfile::tempdir().unwrap();
    let intake = intake(&t.db, dir.path()).await;
    let imap = Dovecot::start().await;
    let mailbox = MailboxUrl::parse(&imap.url()).unwrap();

    imap.deliver(mail(1).as_bytes()).await;
    let polled = poll_once(&t.db, &intake, &mailbox).await.unwrap();
    assert_eq!(
        polled,
        Polled {
            handled: 1,
            refused: 0
        }
    );
    assert_eq!(cases(&t.db).await, ["By IMAP 1"]);
    assert_eq!(imap.seen().await, 1);
    // Nothing new: nothing done.
    assert_eq!(
        poll_once(&t.db, &intake, &mailbox).await.unwrap(),
        Polled::default()
    );

    // A crash after the case was written but before the UID was stored:
    // the message is read again and recognised.
    imap.deliver(mail(2).as_bytes()).await;
    poll_once(&t.db, &intake, &mailbox).await.unwrap();
    let mut tx = t.db.begin_write().await.unwrap();
    sqlx::query("UPDATE imap_state SET last_uid = 0")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    imap.deliver(b"not a mail at all").await;
    let again = poll_once(&t.db, &intake, &mailbox).await.unwrap();
    assert_eq!(
        again,
        Polled {
            handled: 2,
            refused: 1
        }
    );
    let got = cases(&t.db).await;
    assert_eq!(
        got.len(),
        1,
        "message 2 joined Iris's open case of its type: {got:?}"
    );
    let messages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(messages, 2, "each message once");
    assert_eq!(
        poll_once(&t.db, &intake, &mailbox).await.unwrap(),
        Polled::default()
    );
}

#[tokio::test]
async fn a_wrong_password_is_an_error_and_changes_nothing() {
    let t = test_db().await;
    let dir = tempfile::tempdir().unwrap();
    let intake = intake(&t.db, dir.path()).await;
    let imap = Dovecot::start().await;
    let url = imap.url().replace("imap-secret", "wrong");
    let err = poll_once(&t.db, &intake, &MailboxUrl::parse(&url).unwrap()).await;
    assert!(matches!(err, Err(PollError::Imap(_))), "{err:?}");
    assert!(cases(&t.db).await.is_empty());
}

#[test]
fn mailbox_urls() {
    let m =
        MailboxUrl::parse("imaps://help%40example.com:p%3Ass@mail.example.com/Support").unwrap();
    assert_eq!(
        m.name(),
        "imaps://help@example.com@mail.example.com:993/Support"
    );
    assert_eq!(m.password, "p:ss");
    let m = MailboxUrl::parse("imap://u:p@127.0.0.1:1143").unwrap();
    assert_eq!((m.port, m.folder.as_str(), m.tls), (1143, "INBOX", false));
    assert!(MailboxUrl::parse("http://u:p@host/").is_err());
    assert!(MailboxUrl::parse("imaps://host/INBOX").is_err());
}
