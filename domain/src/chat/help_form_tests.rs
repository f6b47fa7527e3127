//! The help form against a real database: the case it opens, the mail with
//! its number, what it never does (join or reveal someone's case), its
//! limits, and bad input that writes nothing.

use std::net::{IpAddr, Ipv4Addr};

use super::help_form::submit;
use crate::auth::{accounts, Language, Role};
use crate::cases::open::{open_case, NewCase};
use crate::cases::CaseType;
use crate::db::testing::{test_db, TestDb};
use crate::error::AppError;
use crate::files::store::Files;
use crate::files::upload::{stage_bytes, Form, Staged};
use crate::files::UploadLimits;
use crate::validate::{Field, MessageBody, Problem, Subject};

const CLIENT: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 9)));

fn form(name: &str, email: &str, message: &str, files: Vec<Staged>) -> Form {
    Form {
        fields: vec![
            ("name".into(), name.into()),
            ("email".into(), email.into()),
            ("message".into(), message.into()),
        ],
        files,
    }
}

async fn staged(files: &Files, name: &str) -> Staged {
    stage_bytes(files, UploadLimits::default(), (0, 0), name, b"order 5521")
        .await
        .unwrap()
}

async fn count(t: &TestDb, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_visitor_leaves_a_message_and_gets_a_case_number_by_mail() {
    let t = test_db().await;
    let files = Files::local(t.dir.path()).unwrap();
    let note = staged(&files, "order.csv").await;
    let text = "My parcel never arrived\nOrder 5521, sent on Monday.";
    let n = submit(
        &t.db,
        &files,
        form("Lucía", "lucia@example.com", text, vec![note]),
        Language::Es,
        CLIENT,
    )
    .await
    .unwrap();
    let (subject, origin, email, name, language): (String, String, String, String, String) =
        sqlx::query_as(
            "SELECT c.subject, c.origin, u.email, u.name, c.language FROM cases c \
             JOIN users u ON u.id = c.requester_id WHERE c.number = $1",
        )
        .bind(n)
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(
        (
            subject.as_str(),
            origin.as_str(),
            email.as_str(),
            name.as_str()
        ),
        (
            "My parcel never arrived",
            "help_form",
            "lucia@example.com",
            "Lucía"
        )
    );
    assert_eq!(language, "es");
    assert_eq!(count(&t, "attachments").await, 1);
    let mails: Vec<(String, String)> =
        sqlx::query_as("SELECT recipient, kind FROM outbox ORDER BY id")
            .fetch_all(&t.db.read)
            .await
            .unwrap();
    assert_eq!(
        mails,
        [("lucia@example.com".to_owned(), "case_opened".to_owned())]
    );
    // The address became a contact: nobody can sign in as it until its
    // owner signs up.
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE email = $1")
        .bind("lucia@example.com")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(hash, "");
}

#[tokio::test]
async fn a_help_form_never_joins_or_renames_someone_elses_account() {
    let t = test_db().await;
    let files = Files::local(t.dir.path()).unwrap();
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let new = NewCase::new(
        Subject::parse("Invoice").unwrap(),
        CaseType::OTHER,
        MessageBody::parse("Wrong amount").unwrap(),
    );
    let hers = open_case(&t.db, &ana, &new).await.unwrap().number();
    let n = submit(
        &t.db,
        &files,
        form("Mallory", "ANA@example.com", "Wrong amount", vec![]),
        Language::En,
        CLIENT,
    )
    .await
    .unwrap();
    assert_ne!(n, hers, "a case of its own, not Ana's active one");
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM users WHERE role = 'customer'")
        .fetch_all(&t.db.read)
        .await
        .unwrap();
    assert_eq!(names, ["Ana"]);
    let messages: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.number = $1",
    )
    .bind(hers)
    .fetch_one(&t.db.read)
    .await
    .unwrap();
    assert_eq!(messages, 1);
}

#[tokio::test]
async fn bad_input_writes_nothing() {
    let t = test_db().await;
    let files = Files::local(t.dir.path()).unwrap();
    let cases = [
        ("", "Hello", Field::Email, Problem::Required),
        ("not-an-address", "Hello", Field::Email, Problem::Malformed),
        ("ana@example.com", "   ", Field::Message, Problem::Required),
    ];
    for (email, message, field, problem) in cases {
        let file = staged(&files, "note.csv").await;
        let path = file.path.clone();
        let refused = submit(
            &t.db,
            &files,
            form("", email, message, vec![file]),
            Language::En,
            CLIENT,
        )
        .await;
        assert_eq!(refused, Err(AppError::invalid(field, problem)), "{email}");
        assert!(!path.exists(), "the staged file is removed");
    }
    for table in ["cases", "users", "outbox", "attachments", "auth_attempts"] {
        assert_eq!(count(&t, table).await, 0, "{table}");
    }
}

#[tokio::test]
async fn forms_are_limited_per_email_and_per_client_address() {
    let t = test_db().await;
    let files = Files::local(t.dir.path()).unwrap();
    let send = |email: String, client: Option<IpAddr>| {
        let (db, files) = (t.db.clone(), files.clone());
        async move {
            submit(
                &db,
                &files,
                form("", &email, "Hello", vec![]),
                Language::En,
                client,
            )
            .await
        }
    };
    // Five forms for one address from five clients; the sixth waits.
    for i in 0..5 {
        let client = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, i)));
        send("ana@example.com".into(), client).await.unwrap();
    }
    let other = Some(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 1)));
    let refused = send("ana@example.com".into(), other).await;
    assert!(
        matches!(refused, Err(AppError::TooMany { .. })),
        "{refused:?}"
    );
    // One client: ten mail forms an hour, whatever the addresses.
    for i in 0..10 {
        send(format!("p{i}@example.com"), other).await.unwrap();
    }
    let refused = send("last@example.com".into(), other).await;
    assert!(
        matches!(refused, Err(AppError::TooMany { .. })),
        "{refused:?}"
    );
    assert_eq!(count(&t, "cases").await, 15);
}
