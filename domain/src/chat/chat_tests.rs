//! Chats against a real database: starting one (a case at once), tokens,
//! the open/available decision, accepting, messages both ways, ending with
//! the transcript by mail, limits, and bad input that writes nothing.

use std::net::{IpAddr, Ipv4Addr};

use super::agents::{self, ChatSettings, Mode};
use super::hours::{save as save_hours, HoursForm};
use super::state::ChatState;
use super::visitor::{self, Start};
use crate::auth::Language;
use crate::cases::store::reply_with_files;
use crate::cases::test_world::{world, World};
use crate::error::AppError;
use crate::validate::{Field, Problem};

const CLIENT: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 44)));

fn start_form(name: &str, email: &str, message: &str) -> Start {
    Start {
        name: name.into(),
        email: email.into(),
        message: message.into(),
    }
}

async fn start(w: &World, name: &str, email: &str) -> (String, i64) {
    let form = start_form(name, email, "Where is my parcel?\nOrder 5521");
    visitor::start(&w.t.db, &form, Language::Es, CLIENT, None)
        .await
        .unwrap()
}

/// Opens every day, all day, so that the test clock is within hours.
async fn always_open(w: &World) {
    let mut form = HoursForm {
        time_zone: "UTC".into(),
        ..Default::default()
    };
    for day in 0..7 {
        form.opens[day] = "00:00".into();
        form.closes[day] = "24:00".into();
    }
    save_hours(&w.t.db, &w.admin, &form).await.unwrap();
}

async fn outbox(w: &World) -> Vec<(String, String)> {
    sqlx::query_as("SELECT recipient, kind FROM outbox ORDER BY id")
        .fetch_all(&w.t.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_chat_is_a_case_from_its_first_message() {
    let w = world().await;
    let (token, number) = start(&w, "Lucía", "lucia@example.com").await;
    let chat = visitor::chat_of(&w.t.db, &token).await.unwrap();
    assert_eq!((chat.number, chat.state), (number, ChatState::Waiting));
    assert_eq!(chat.visitor_email.as_deref(), Some("lucia@example.com"));
    let (origin, subject): (String, String) =
        sqlx::query_as("SELECT origin, subject FROM cases WHERE number = $1")
            .bind(number)
            .fetch_one(&w.t.db.read)
            .await
            .unwrap();
    assert_eq!(
        (origin.as_str(), subject.as_str()),
        ("chat", "Where is my parcel?")
    );
    let lines = visitor::lines(&w.t.db, &token, 0).await.unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].body, "Where is my parcel?\nOrder 5521");
    assert!(!lines[0].from_staff);
    // The number is on screen; by mail it comes when the chat ends.
    assert_eq!(outbox(&w).await, []);
}

#[tokio::test]
async fn unknown_or_forged_tokens_read_as_not_found() {
    let w = world().await;
    let (token, _) = start(&w, "Lucía", "").await;
    let forged = format!("{token}x");
    for bad in [forged.as_str(), "", "AAAA"] {
        assert_eq!(
            visitor::chat_of(&w.t.db, bad).await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            visitor::send(&w.t.db, bad, "hi").await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            visitor::lines(&w.t.db, bad, 0).await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            visitor::end(&w.t.db, bad).await.err(),
            Some(AppError::NotFound)
        );
    }
}

#[tokio::test]
async fn chat_is_offered_within_hours_when_an_agent_has_room() {
    let w = world().await;
    let now = w.t.db.now();
    // Closed (all days empty): the help form, whoever is available.
    let closed = HoursForm {
        time_zone: "UTC".into(),
        ..Default::default()
    };
    save_hours(&w.t.db, &w.admin, &closed).await.unwrap();
    agents::set_available(&w.t.db, &w.alex, true).await.unwrap();
    assert_eq!(agents::mode(&w.t.db, now).await.unwrap(), Mode::Help);

    always_open(&w).await;
    assert_eq!(agents::mode(&w.t.db, now).await.unwrap(), Mode::Chat);
    agents::set_available(&w.t.db, &w.alex, false)
        .await
        .unwrap();
    assert!(!agents::is_available(&w.t.db, &w.alex).await.unwrap());
    assert_eq!(agents::mode(&w.t.db, now).await.unwrap(), Mode::Help);

    // Alex holds the most chats allowed: no room left.
    agents::set_available(&w.t.db, &w.alex, true).await.unwrap();
    let one = ChatSettings {
        max_chats: 1,
        ..ChatSettings::default()
    };
    agents::save_settings(&w.t.db, &w.admin, one).await.unwrap();
    let (_, n) = start(&w, "Lucía", "lucia@example.com").await;
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    assert_eq!(agents::mode(&w.t.db, now).await.unwrap(), Mode::Help);
    let (_, m) = start(&w, "Marc", "marc@example.com").await;
    assert_eq!(
        agents::accept(&w.t.db, &w.alex, m).await,
        Err(AppError::invalid(Field::MaxChats, Problem::TooLong))
    );
    // Bea becomes available: room again.
    agents::set_available(&w.t.db, &w.bea, true).await.unwrap();
    assert_eq!(agents::mode(&w.t.db, now).await.unwrap(), Mode::Chat);
}

#[tokio::test]
async fn an_agent_accepts_and_both_write_in_order() {
    let w = world().await;
    let (token, n) = start(&w, "Lucía", "lucia@example.com").await;
    let waiting = super::console::open_chats(&w.t.db, &w.alex).await.unwrap();
    assert_eq!(waiting[0].number, n);
    assert_eq!(waiting[0].state, ChatState::Waiting);
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    // Bea comes second: it is Alex's.
    assert_eq!(
        agents::accept(&w.t.db, &w.bea, n).await,
        Err(AppError::invalid(Field::Chat, Problem::Taken))
    );
    let assignee: Option<i64> =
        sqlx::query_scalar("SELECT assignee_id FROM cases WHERE number = $1")
            .bind(n)
            .fetch_one(&w.t.db.read)
            .await
            .unwrap();
    assert_eq!(assignee, Some(w.alex.user().id));
    let chat = visitor::chat_of(&w.t.db, &token).await.unwrap();
    assert_eq!(
        (chat.state, chat.agent.as_deref()),
        (ChatState::Active, Some("Alex"))
    );

    reply_with_files(&w.t.db, &w.alex, n, "Let me look.", &[], false)
        .await
        .unwrap();
    crate::cases::presence::here(&w.t.db, &w.alex, n, true)
        .await
        .unwrap();
    assert!(
        visitor::chat_of(&w.t.db, &token)
            .await
            .unwrap()
            .agent_typing
    );
    crate::cases::notes::add(&w.t.db, &w.alex, n, "Customer seems upset", &[])
        .await
        .unwrap();
    let first = visitor::send(&w.t.db, &token, "Thanks!").await.unwrap();
    let lines = visitor::lines(&w.t.db, &token, 0).await.unwrap();
    let said: Vec<(&str, bool)> = lines
        .iter()
        .map(|l| (l.body.as_str(), l.from_staff))
        .collect();
    assert_eq!(
        said,
        [
            ("Where is my parcel?\nOrder 5521", false),
            ("Let me look.", true),
            ("Thanks!", false)
        ],
        "in order, and never the note"
    );
    assert_eq!(lines[1].author, "Alex");
    // Only what came after the last one seen.
    let newer = visitor::lines(&w.t.db, &token, first - 1).await.unwrap();
    assert_eq!(newer.len(), 1);
    // No mail per message.
    assert_eq!(outbox(&w).await, []);
}

#[tokio::test]
async fn ending_mails_the_transcript_and_refuses_more_messages() {
    let w = world().await;
    let (token, n) = start(&w, "Lucía", "lucia@example.com").await;
    visitor::email_transcript(&w.t.db, &token).await.unwrap();
    agents::accept(&w.t.db, &w.alex, n).await.unwrap();
    agents::end(&w.t.db, &w.alex, n).await.unwrap();
    // Twice changes nothing.
    visitor::end(&w.t.db, &token).await.unwrap();
    let mails = outbox(&w).await;
    let expected = ("lucia@example.com".to_owned(), "chat_transcript".to_owned());
    assert_eq!(mails, [expected.clone(), expected]);
    assert_eq!(
        visitor::send(&w.t.db, &token, "Hello?").await,
        Err(AppError::ChatEnded)
    );
    assert_eq!(
        agents::accept(&w.t.db, &w.bea, n).await,
        Err(AppError::ChatEnded)
    );
    assert!(super::console::open_chats(&w.t.db, &w.alex)
        .await
        .unwrap()
        .is_empty());

    // A visitor who gave a name only is mailed nothing, and asked for an
    // address when they want the transcript.
    let (token, _) = start(&w, "Marc", "").await;
    assert_eq!(
        visitor::email_transcript(&w.t.db, &token).await,
        Err(AppError::invalid(Field::Email, Problem::Required))
    );
    visitor::end(&w.t.db, &token).await.unwrap();
    assert_eq!(outbox(&w).await.len(), 2);
}

#[tokio::test]
async fn starts_are_limited_per_address_and_per_browser() {
    let w = world().await;
    let db = &w.t.db;
    let form = start_form("", "ana@example.com", "Hello");
    // An open chat's token gives that chat back, not a new one.
    let (token, n) = visitor::start(db, &form, Language::En, CLIENT, None)
        .await
        .unwrap();
    let again = visitor::start(db, &form, Language::En, CLIENT, Some(&token)).await;
    assert_eq!(again, Ok((token.clone(), n)));
    // Ended, the browser starts new ones with the same token: five an hour
    // (the first counted already).
    for i in 0..4 {
        visitor::end(db, &token).await.unwrap();
        let form = start_form("Ana", &format!("a{i}@example.com"), "Hello");
        let client = Some(IpAddr::V4(Ipv4Addr::new(198, 51, 100, i)));
        let (again, m) = visitor::start(db, &form, Language::En, client, Some(&token))
            .await
            .unwrap();
        assert_eq!(again, token);
        assert_ne!(m, n);
    }
    visitor::end(db, &token).await.unwrap();
    let form = start_form("Ana", "fresh@example.com", "Hello");
    let refused = visitor::start(db, &form, Language::En, None, Some(&token)).await;
    assert!(
        matches!(refused, Err(AppError::TooMany { .. })),
        "{refused:?}"
    );
    // Per address, whatever the browser.
    for i in 0..4 {
        let form = start_form("", "ana@example.com", "Hello");
        let client = Some(IpAddr::V4(Ipv4Addr::new(203, 0, 113, i)));
        visitor::start(db, &form, Language::En, client, None)
            .await
            .unwrap();
    }
    let refused = visitor::start(db, &form_for("ana@example.com"), Language::En, None, None).await;
    assert!(
        matches!(refused, Err(AppError::TooMany { .. })),
        "{refused:?}"
    );
}

fn form_for(email: &str) -> Start {
    start_form("", email, "Hello")
}

#[tokio::test]
async fn bad_starts_write_nothing() {
    let w = world().await;
    let cases = [
        ("", "", "Hello", Field::Email, Problem::Required),
        (
            "",
            "not-an-address",
            "Hello",
            Field::Email,
            Problem::Malformed,
        ),
        ("Ana", "", "  ", Field::Message, Problem::Required),
    ];
    for (name, email, message, field, problem) in cases {
        let form = start_form(name, email, message);
        let refused = visitor::start(&w.t.db, &form, Language::En, CLIENT, None).await;
        assert_eq!(refused, Err(AppError::invalid(field, problem)), "{email}");
    }
    let chats: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chats")
        .fetch_one(&w.t.db.read)
        .await
        .unwrap();
    assert_eq!(chats, 0);
    assert_eq!(
        agents::save_settings(
            &w.t.db,
            &w.admin,
            ChatSettings {
                max_chats: 0,
                ..Default::default()
            }
        )
        .await,
        Err(AppError::invalid(Field::MaxChats, Problem::Malformed))
    );
}
