//! Receiving mail against a real database (each backend): threading by
//! each key, who may reply, loops, limits, attachments, contacts.

use super::*;
use crate::auth::{accounts, Person, Role};
use crate::cases::open::open_case;
use crate::cases::store::{open_for_viewer, reply, set_status};
use crate::cases::{CaseDetail, CaseStatus};
use crate::db::testing::{test_db, TestDb};
use crate::validate::MessageBody;

struct World {
    t: TestDb,
    intake: Intake,
    _dir: tempfile::TempDir,
    ana: Person,
    agent: Person,
}

async fn world() -> World {
    let t = test_db().await;
    let dir = tempfile::tempdir().unwrap();
    let files = Files::local(dir.path()).unwrap();
    let intake = crate::mail::testing::intake(&t.db, files).await;
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let agent = accounts::register(
        &t.db,
        Role::Agent,
        "Alex",
        "alex@example.com",
        "password-123",
    )
    .await
    .unwrap();
    World {
        t,
        intake,
        _dir: dir,
        ana,
        agent,
    }
}

impl World {
    async fn receive(&self, raw: &str) -> Result<Outcome, Refused> {
        receive(&self.t.db, &self.intake, raw.as_bytes()).await
    }

    /// Ana's case, answered by the agent and waiting on her reply.
    async fn waiting_case(&self, cc: &[&str]) -> i64 {
        let mut new = NewCase::new(
            Subject::parse("Invoice").unwrap(),
            CaseType::FINANCE,
            MessageBody::parse("My invoice is wrong").unwrap(),
        );
        new.fields.cc = cc.iter().map(|s| s.to_string()).collect();
        let n = open_case(&self.t.db, &self.ana, &new)
            .await
            .unwrap()
            .number();
        let answer = MessageBody::parse("Which invoice?").unwrap();
        reply(&self.t.db, &self.agent, n, &answer).await.unwrap();
        let staff = self.agent.staff().unwrap();
        set_status(&self.t.db, &staff, n, CaseStatus::AwaitingReply)
            .await
            .unwrap();
        n
    }

    async fn case(&self, viewer: &Person, n: i64) -> CaseDetail {
        open_for_viewer(&self.t.db, viewer, n).await.unwrap()
    }

    async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.t.db.read)
            .await
            .unwrap()
    }
}

/// A plain-text mail.
fn mail(from: &str, subject: &str, headers: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: help@example.com\r\nSubject: {subject}\r\n\
         Message-ID: <{}@mail.example.org>\r\n{headers}\r\n{body}\r\n",
        crate::files::store::new_key()
    )
}

const QUOTED: &str = "It is invoice 77.\r\n\r\nOn Mon, 23 Nov 2026 at 10:00, Help Center <help@example.com> wrote:\r\n> Which invoice?\r\n";

#[tokio::test]
async fn a_reply_threads_by_our_message_id_and_hands_the_case_back_to_staff() {
    let w = world().await;
    let n = w.waiting_case(&[]).await;
    let key: String = sqlx::query_scalar(
        "SELECT message_key FROM outbox WHERE kind = 'staff_reply' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&w.t.db.read)
    .await
    .unwrap();
    let headers = format!("In-Reply-To: <{key}@example.com>\r\n");
    let raw = mail("Ana <ana@example.com>", "Re: your case", &headers, QUOTED);
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Reply(n));
    let case = w.case(&w.ana, n).await;
    assert_eq!(case.status, CaseStatus::InProgress);
    let last = case.messages.last().unwrap();
    assert_eq!(last.body, "It is invoice 77.");
    assert!(!last.internal && !last.from_staff);
    assert_eq!(last.mail, None, "where it came from is for staff");
    // Staff can fetch the original, quotes included.
    let staff_view = w.case(&w.agent, n).await;
    let id = staff_view.messages.last().unwrap().mail.expect("the mail");
    let staff = w.agent.staff().unwrap();
    let (key, size) = original(&w.t.db, &staff, id).await.unwrap();
    assert_eq!(size as usize, raw.len());
    let mut stored = Vec::new();
    use tokio::io::AsyncReadExt;
    w.intake
        .files
        .store
        .get(&key)
        .await
        .unwrap()
        .read_to_end(&mut stored)
        .await
        .unwrap();
    assert_eq!(stored, raw.as_bytes());

    // The same message again (an MTA retry) changes nothing.
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Duplicate);
    assert_eq!(w.case(&w.ana, n).await.messages.len(), case.messages.len());
}

#[tokio::test]
async fn a_reply_threads_by_subject_token_and_by_signed_reply_address() {
    let w = world().await;
    let n = w.waiting_case(&[]).await;
    let raw = mail(
        "ana@example.com",
        &format!("RE: [#{n}] New reply"),
        "",
        "By subject",
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Reply(n));

    let to = w.intake.key.address("help@example.com", n).unwrap();
    let raw = mail(
        "ana@example.com",
        "no token",
        &format!("Cc: {to}\r\n"),
        "By address",
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Reply(n));
    let bodies: Vec<String> = w
        .case(&w.ana, n)
        .await
        .messages
        .into_iter()
        .map(|m| m.body)
        .collect();
    assert!(
        bodies.ends_with(&["By subject".to_owned(), "By address".to_owned()]),
        "{bodies:?}"
    );

    // A forged signature threads nothing: a new case.
    let forged = to.replace(&format!("+{n}-"), &format!("+{}-", n + 1));
    let raw = mail(
        "ana@example.com",
        "forged",
        &format!("Cc: {forged}\r\n"),
        "Forged",
    );
    assert!(matches!(w.receive(&raw).await.unwrap(), Outcome::Opened(m) if m != n));
}

#[tokio::test]
async fn a_cc_reply_counts_and_a_stranger_becomes_an_internal_note() {
    let w = world().await;
    let n = w.waiting_case(&["carla@example.com"]).await;
    let raw = mail(
        "Carla <carla@example.com>",
        &format!("[#{n}]"),
        "",
        "From Carla",
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Reply(n));

    let raw = mail(
        "mallory@evil.example",
        &format!("Re: [#{n}]"),
        "",
        "Send me the data",
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Note(n));
    let theirs = w.case(&w.ana, n).await;
    assert!(theirs.messages.iter().all(|m| m.body != "Send me the data"));
    let staff = w.case(&w.agent, n).await;
    let note = staff
        .messages
        .iter()
        .find(|m| m.body == "Send me the data")
        .unwrap();
    assert!(note.internal && note.mail.is_some());
    // The note moved no status and is not in the customer's search.
    assert_eq!(staff.status, CaseStatus::InProgress);
    let hits = w
        .count("SELECT COUNT(*) FROM messages WHERE internal AND body = 'Send me the data'")
        .await;
    assert_eq!(hits, 1);
}

#[tokio::test]
async fn mail_matching_no_case_opens_one_for_a_contact_who_can_claim_it_by_signing_up() {
    let w = world().await;
    let raw = mail(
        "Bea <bea@example.com>",
        "Card blocked",
        "",
        "My card was blocked.\r\n-- \r\nBea",
    );
    let Outcome::Opened(n) = w.receive(&raw).await.unwrap() else {
        panic!("a new case");
    };
    let origin: String = sqlx::query_scalar("SELECT origin FROM cases WHERE number = $1")
        .bind(n)
        .fetch_one(&w.t.db.read)
        .await
        .unwrap();
    assert_eq!(origin, "email");
    let confirmations = w
        .count("SELECT COUNT(*) FROM outbox WHERE kind = 'case_opened' AND recipient = 'bea@example.com'")
        .await;
    assert_eq!(confirmations, 1);
    // Nobody can sign in as the contact.
    assert!(accounts::authenticate(&w.t.db, "bea@example.com", "")
        .await
        .is_err());

    // Signing up with the address sends a link; only the link claims it.
    accounts::sign_up(
        &w.t.db,
        "Beatriz",
        "bea@example.com",
        "bea-password",
        crate::auth::Language::Es,
    )
    .await
    .unwrap();
    assert!(
        accounts::authenticate(&w.t.db, "bea@example.com", "bea-password")
            .await
            .is_err()
    );
    let token = crate::mail::testing::last_params(&w.t.db, "verify_address").await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let bea = accounts::verify_address(&w.t.db, &token).await.unwrap();
    assert_eq!(bea.name, "Beatriz");
    assert!(bea.verified);
    let case = w.case(&bea, n).await;
    assert_eq!(case.messages[0].body, "My card was blocked.");
    accounts::authenticate(&w.t.db, "bea@example.com", "bea-password")
        .await
        .unwrap();
    // The link works once.
    assert!(accounts::verify_address(&w.t.db, &token).await.is_err());
}

#[tokio::test]
async fn automatic_mail_is_never_answered_and_our_own_mail_is_ignored() {
    let w = world().await;
    let n = w.waiting_case(&[]).await;
    let before = w.count("SELECT COUNT(*) FROM outbox").await;
    let cases = w.count("SELECT COUNT(*) FROM cases").await;
    for headers in [
        "Auto-Submitted: auto-replied\r\n",
        "Precedence: bulk\r\n",
        "Precedence: list\r\n",
    ] {
        let raw = mail("ana@example.com", "Out of office", headers, "I am away");
        assert_eq!(
            w.receive(&raw).await.unwrap(),
            Outcome::Ignored,
            "{headers}"
        );
    }
    let bounce = mail(
        "MAILER-DAEMON@mail.example.org",
        "Undelivered",
        "",
        "550 no such user",
    );
    assert_eq!(w.receive(&bounce).await.unwrap(), Outcome::Ignored);
    let own = mail("help@example.com", "loop", "", "from ourselves");
    assert_eq!(w.receive(&own).await.unwrap(), Outcome::Ignored);
    // An auto-reply on a case reaches staff as a note and moves nothing.
    let raw = mail(
        "ana@example.com",
        &format!("[#{n}] Out of office"),
        "Auto-Submitted: auto-replied\r\n",
        "Away",
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Note(n));
    assert_eq!(w.case(&w.agent, n).await.status, CaseStatus::AwaitingReply);
    assert_eq!(
        w.count("SELECT COUNT(*) FROM outbox").await,
        before,
        "no mail answers"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM cases").await, cases);
}

#[tokio::test]
async fn a_reply_to_a_closed_case_opens_a_new_one_that_links_back() {
    let w = world().await;
    let n = w.waiting_case(&[]).await;
    crate::cases::requester::close_by_customer(&w.t.db, &w.ana, n)
        .await
        .unwrap();
    let raw = mail(
        "ana@example.com",
        &format!("Re: [#{n}] Invoice"),
        "",
        "One more thing",
    );
    let Outcome::Opened(m) = w.receive(&raw).await.unwrap() else {
        panic!("a new case");
    };
    assert_ne!(m, n);
    let case = w.case(&w.ana, m).await;
    let first = &case.messages[0].body;
    assert!(
        first.contains(&format!("http://help.example.com/cases/{n}")),
        "{first}"
    );
    assert!(first.ends_with("One more thing"));
    assert_eq!(w.case(&w.ana, n).await.status, CaseStatus::ClosedByCustomer);
}

#[tokio::test]
async fn attachments_pass_the_upload_checks_and_refused_ones_are_noted_for_staff() {
    let w = world().await;
    let n = w.waiting_case(&[]).await;
    let raw = format!(
        "From: ana@example.com\r\nTo: help@example.com\r\nSubject: [#{n}] files\r\n\
         Message-ID: <files@mail.example.org>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain\r\n\r\nHere they are\r\n\
         --b\r\nContent-Type: application/pdf; name=invoice.pdf\r\n\
         Content-Disposition: attachment; filename=invoice.pdf\r\n\r\n\
         %PDF-1.4\r\n1 0 obj <<>> endobj\r\n%%EOF\r\n\
         --b\r\nContent-Type: application/octet-stream; name=run.exe\r\n\
         Content-Disposition: attachment; filename=run.exe\r\n\r\nMZ\x01\x02\r\n\
         --b--\r\n"
    );
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Reply(n));
    let theirs = w.case(&w.ana, n).await;
    let reply = theirs
        .messages
        .iter()
        .find(|m| m.body == "Here they are")
        .unwrap();
    let names: Vec<&str> = reply.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["invoice.pdf"]);
    assert!(theirs.messages.iter().all(|m| !m.internal));
    let staff = w.case(&w.agent, n).await;
    let note = staff.messages.iter().find(|m| m.internal).expect("a note");
    assert!(note.body.contains("run.exe"), "{}", note.body);
}

#[tokio::test]
async fn oversized_malformed_and_too_frequent_mail_is_refused() {
    let mut w = world().await;
    w.intake.max_bytes = 1000;
    let big = mail("ana@example.com", "big", "", &"x".repeat(2000));
    assert!(matches!(
        w.receive(&big).await,
        Err(Refused::TooLarge(1000))
    ));
    assert!(matches!(
        w.receive("not a mail at all").await,
        Err(Refused::Malformed)
    ));
    assert!(matches!(
        w.receive("From: nobody\r\nSubject: x\r\n\r\nbody").await,
        Err(Refused::Malformed)
    ));
    assert_eq!(w.count("SELECT COUNT(*) FROM inbound_mails").await, 0);

    w.intake.per_hour = 2;
    for _ in 0..2 {
        let raw = mail("spam@example.net", "hi", "", "buy");
        assert!(matches!(w.receive(&raw).await.unwrap(), Outcome::Opened(_)));
    }
    let raw = mail("spam@example.net", "hi", "", "buy");
    assert_eq!(w.receive(&raw).await.unwrap(), Outcome::Throttled);
    let opened = w
        .count("SELECT COUNT(*) FROM cases c JOIN users u ON u.id = c.requester_id WHERE u.email = 'spam@example.net'")
        .await;
    assert_eq!(
        opened, 1,
        "the second mail joined the first case of its type"
    );
}
