//! Mail against a real database and a real SMTP server (maildev).

use std::time::Duration;

use super::compose::Site;
use super::outbox::{self, MAX_ATTEMPTS};
use super::send::{run_once, Sender};
use super::testing::{free_port, Maildev};
use crate::auth::{accounts, Language, Person, Role};
use crate::cases::open::{open_case, NewCase};
use crate::cases::record::CaseFields;
use crate::cases::store::{open_for_viewer, reply, reply_with_files};
use crate::cases::{lifecycle, listing, requester, self_help, CaseStatus, CaseType};
use crate::db::testing::{test_db, TestDb};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

fn site() -> Site {
    Site {
        public_url: "http://help.example.com".into(),
    }
}

fn sender(url: &str) -> Sender {
    Sender::new(url, "Help Center <help@example.com>", site()).unwrap()
}

async fn person(db: &Db, role: Role, name: &str, email: &str) -> Person {
    accounts::register(db, role, name, email, "password-123")
        .await
        .unwrap()
}

fn new_case(subject: &str, cc: &[&str]) -> NewCase {
    let mut new = NewCase::new(
        Subject::parse(subject).unwrap(),
        CaseType::ACCOUNT,
        MessageBody::parse("My invoice is wrong").unwrap(),
    );
    new.fields = CaseFields {
        cc: cc.iter().map(|s| s.to_string()).collect(),
        ..CaseFields::default()
    };
    new.language = Language::Es;
    new
}

/// (recipient, kind, status) of every mail, oldest first.
async fn outbox_rows(db: &Db) -> Vec<(String, String, String)> {
    sqlx::query_as("SELECT recipient, kind, status FROM outbox ORDER BY id")
        .fetch_all(&db.read)
        .await
        .unwrap()
}

/// A string of the newest mail of `kind`.
async fn token_in_last(db: &Db, kind: &str, field: &str) -> String {
    let params = super::testing::last_params(db, kind).await;
    params[field].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_new_case_and_a_staff_reply_reach_requester_and_cc_in_their_languages() {
    let t = test_db().await;
    let mail = Maildev::start().await;
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let agent = person(&t.db, Role::Agent, "Alex", "alex@example.com").await;
    let n = open_case(&t.db, &ana, &new_case("Factura", &["cc@example.com"]))
        .await
        .unwrap()
        .number();
    // Ana's account is in English; the CC has none, so the case's Spanish.
    reply(&t.db, &ana, n, &MessageBody::parse("More detail").unwrap())
        .await
        .unwrap();
    reply(
        &t.db,
        &agent,
        n,
        &MessageBody::parse("We fixed it").unwrap(),
    )
    .await
    .unwrap();
    reply_with_files(&t.db, &agent, n, "Not by mail", &[], false)
        .await
        .unwrap();
    let rows = outbox_rows(&t.db).await;
    let kinds: Vec<(&str, &str)> = rows
        .iter()
        .map(|(to, kind, _)| (to.as_str(), kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("ana@example.com", "case_opened"),
            ("cc@example.com", "case_opened"),
            ("ana@example.com", "staff_reply"),
            ("cc@example.com", "staff_reply"),
        ]
    );
    let s = sender(&mail.smtp_url());
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 4);
    let got = mail.wait_for(4).await;
    assert_eq!(got.len(), 4);
    let find = |to: &str, needle: &str| {
        got.iter().any(|m| {
            m["to"][0]["address"] == to
                && m["subject"].as_str().unwrap_or("").contains(needle)
                && m["text"].as_str().unwrap_or("").contains(&format!("{n}"))
        })
    };
    assert!(find("ana@example.com", "We received your case"), "{got:?}");
    assert!(find("cc@example.com", "Hemos recibido su caso"), "{got:?}");
    let reply_mail = got
        .iter()
        .find(|m| {
            m["to"][0]["address"] == "cc@example.com"
                && m["text"].as_str().unwrap().contains("We fixed it")
        })
        .expect("the staff reply's text");
    assert!(reply_mail["html"].as_str().unwrap().contains("We fixed it"));
    assert_eq!(reply_mail["headers"]["auto-submitted"], "auto-generated");
    assert!(outbox_rows(&t.db).await.iter().all(|r| r.2 == "sent"));
    // Nothing is due any more.
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 0);
}

#[tokio::test]
async fn the_outbox_retries_after_the_smtp_server_was_down_with_the_same_message_id() {
    let t = test_db().await;
    let port = free_port();
    let s = sender(&format!("smtp://127.0.0.1:{port}"));
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    open_case(&t.db, &ana, &new_case("Down", &[]))
        .await
        .unwrap();
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 1);
    let (status, attempts, error): (String, i64, Option<String>) =
        sqlx::query_as("SELECT status, attempts, last_error FROM outbox")
            .fetch_one(&t.db.read)
            .await
            .unwrap();
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.is_some());
    // Not due again before the back-off has passed.
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 0);
    let mail = Maildev::start_on(port).await;
    t.db.clock.advance(Duration::from_secs(31));
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 1);
    let got = mail.wait_for(1).await;
    assert_eq!(got.len(), 1);
    let key: String = sqlx::query_scalar("SELECT message_key FROM outbox")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(
        got[0]["headers"]["message-id"],
        format!("<{key}@example.com>")
    );
    assert_eq!(outbox_rows(&t.db).await[0].2, "sent");
}

#[tokio::test]
async fn a_mail_that_keeps_failing_is_marked_failed_and_listed_for_admins() {
    let t = test_db().await;
    let s = sender(&format!("smtp://127.0.0.1:{}", free_port()));
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let admin = crate::auth::testing::admin(&t.db).await;
    open_case(&t.db, &ana, &new_case("Never", &[]))
        .await
        .unwrap();
    for _ in 0..MAX_ATTEMPTS {
        assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 1);
        t.db.clock.advance(Duration::from_secs(7 * 60 * 60));
    }
    assert_eq!(run_once(&t.db, &s, 50).await.unwrap(), 0);
    let listed = outbox::list(&t.db, &admin, &site(), None, 50)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, model::mail::MailStatus::Failed);
    assert_eq!(listed[0].attempts, MAX_ATTEMPTS);
    assert!(listed[0].subject.contains("Never"));
    assert!(listed[0].case_number.is_some());
}

#[tokio::test]
async fn sign_up_verifies_by_a_single_use_link_and_only_then_opens_cc_cases() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let n = open_case(&t.db, &ana, &new_case("Shared", &["carla@example.com"]))
        .await
        .unwrap()
        .number();
    accounts::sign_up(
        &t.db,
        "Carla",
        "carla@example.com",
        "password-123",
        Language::Fr,
    )
    .await
    .unwrap();
    let carla = accounts::authenticate(&t.db, "carla@example.com", "password-123")
        .await
        .unwrap();
    assert!(!carla.verified);
    // Signed up with a CC'd address, but not proven hers: nothing to see.
    assert_eq!(
        open_for_viewer(&t.db, &carla, n).await.err(),
        Some(AppError::NotFound)
    );
    let all = crate::cases::filter::CaseFilter::default();
    let page = listing::list_for_requester(&t.db, &carla, &all, None)
        .await
        .unwrap();
    assert!(page.rows.is_empty());
    let token = token_in_last(&t.db, "verify_address", "token").await;
    // Offered for another purpose, the link does nothing and stays good.
    assert_eq!(
        accounts::reset_password(&t.db, &token, "password-456")
            .await
            .err(),
        Some(AppError::LinkInvalid)
    );
    let verified = accounts::verify_address(&t.db, &token).await.unwrap();
    assert!(verified.verified);
    assert_eq!(
        accounts::verify_address(&t.db, &token).await.err(),
        Some(AppError::LinkInvalid)
    );
    assert!(open_for_viewer(&t.db, &verified, n).await.is_ok());
    let page = listing::list_for_requester(&t.db, &verified, &all, None)
        .await
        .unwrap();
    assert_eq!(page.rows.len(), 1);
}

#[tokio::test]
async fn sign_up_with_a_registered_address_answers_alike_and_mails_its_owner() {
    let t = test_db().await;
    person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let before = crate::auth::store::count_users(&t.db).await.unwrap();
    accounts::sign_up(
        &t.db,
        "Mallory",
        "ANA@example.com",
        "password-999",
        Language::En,
    )
    .await
    .unwrap();
    assert_eq!(
        crate::auth::store::count_users(&t.db).await.unwrap(),
        before
    );
    let rows = outbox_rows(&t.db).await;
    assert_eq!(
        rows,
        [(
            "ana@example.com".into(),
            "already_registered".into(),
            "queued".into()
        )]
    );
    // The old password still works; the new one does not.
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "password-123")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_reset_link_sets_a_password_once_within_an_hour_and_ends_every_session() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let session = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    accounts::request_password_reset(&t.db, "nobody@example.com")
        .await
        .unwrap();
    assert!(outbox_rows(&t.db).await.is_empty());
    accounts::request_password_reset(&t.db, "ana@example.com")
        .await
        .unwrap();
    let token = token_in_last(&t.db, "password_reset", "token").await;
    accounts::check_reset_link(&t.db, &token).await.unwrap();
    accounts::reset_password(&t.db, &token, "new-password-1")
        .await
        .unwrap();
    assert_eq!(
        accounts::actor_for_session(&t.db, &session).await.unwrap(),
        crate::auth::Actor::Visitor
    );
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "new-password-1")
            .await
            .is_ok()
    );
    assert_eq!(
        accounts::reset_password(&t.db, &token, "other-password")
            .await
            .err(),
        Some(AppError::LinkInvalid)
    );
    // An expired link does nothing.
    accounts::request_password_reset(&t.db, "ana@example.com")
        .await
        .unwrap();
    let late = token_in_last(&t.db, "password_reset", "token").await;
    t.db.clock.advance(Duration::from_secs(61 * 60));
    assert_eq!(
        accounts::reset_password(&t.db, &late, "other-password")
            .await
            .err(),
        Some(AppError::LinkInvalid)
    );
    assert_eq!(
        accounts::check_reset_link(&t.db, "not-a-token").await.err(),
        Some(AppError::LinkInvalid)
    );
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "new-password-1")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_self_help_mail_links_answer_once() {
    let t = test_db().await;
    let admin = crate::auth::testing::admin(&t.db).await;
    self_help::add(
        &t.db,
        &admin,
        CaseType::ACCOUNT,
        &Subject::parse("Reset your password").unwrap(),
        &MessageBody::parse("Use the link on the sign-in page.").unwrap(),
    )
    .await
    .unwrap();
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let n = open_case(&t.db, &ana, &new_case("Locked out", &[]))
        .await
        .unwrap()
        .number();
    let yes = token_in_last(&t.db, "self_help", "yes").await;
    let no = token_in_last(&t.db, "self_help", "no").await;
    assert_eq!(
        requester::confirm_by_link(&t.db, &yes).await.unwrap(),
        (n, true)
    );
    let detail = open_for_viewer(&t.db, &ana, n).await.unwrap();
    assert_eq!(detail.status, CaseStatus::ClosedByCustomer);
    assert_eq!(
        requester::confirm_by_link(&t.db, &yes).await.err(),
        Some(AppError::LinkInvalid)
    );
    assert_eq!(
        requester::confirm_by_link(&t.db, &no).await.err(),
        Some(AppError::LinkInvalid)
    );
}

#[tokio::test]
async fn a_reminder_goes_out_a_day_before_an_automatic_close_once_per_wait() {
    let t: TestDb = test_db().await;
    let ana = person(&t.db, Role::Customer, "Ana", "ana@example.com").await;
    let agent = person(&t.db, Role::Agent, "Alex", "alex@example.com").await;
    let n = open_case(&t.db, &ana, &new_case("Waiting", &[]))
        .await
        .unwrap()
        .number();
    let staff = agent.staff().unwrap();
    crate::cases::store::set_status(&t.db, &staff, n, CaseStatus::AwaitingReply)
        .await
        .unwrap();
    let limits = lifecycle::AutoClose::default();
    t.db.clock.advance(Duration::from_secs(23 * 60 * 60));
    assert_eq!(lifecycle::remind_due(&t.db, &limits).await.unwrap(), 0);
    t.db.clock.advance(Duration::from_secs(2 * 60 * 60));
    assert_eq!(lifecycle::remind_due(&t.db, &limits).await.unwrap(), 1);
    assert_eq!(lifecycle::remind_due(&t.db, &limits).await.unwrap(), 0);
    let kinds: Vec<String> = outbox_rows(&t.db).await.into_iter().map(|r| r.1).collect();
    assert_eq!(kinds, ["case_opened", "close_reminder"]);
}
