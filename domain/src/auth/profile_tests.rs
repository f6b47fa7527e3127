//! Profiles, photos and following a case by a mailed link, on the backend
//! the environment picks.

use super::{accounts, follow, photo, profile, Actor, Language, Person, Profile, Role};
use crate::cases::filter::CaseFilter;
use crate::cases::open::{open_case, NewCase};
use crate::cases::record::CaseFields;
use crate::cases::store::{open_for_viewer, reply};
use crate::cases::{listing, CaseType};
use crate::db::testing::test_db;
use crate::db::Db;
use crate::error::AppError;
use crate::mail::testing::last_params;
use crate::validate::{Field, MessageBody, Problem, Subject};

async fn person(db: &Db, role: Role, email: &str) -> Person {
    accounts::register(db, role, "Ana", email, "password-123")
        .await
        .unwrap()
}

/// A case of type `ty` (a customer has one open case per type).
async fn case(db: &Db, p: &Person, subject: &str, cc: &[&str], ty: CaseType) -> i64 {
    let mut new = NewCase::new(
        Subject::parse(subject).unwrap(),
        ty,
        MessageBody::parse("Hello").unwrap(),
    );
    new.fields = CaseFields {
        cc: cc.iter().map(|s| s.to_string()).collect(),
        ..CaseFields::default()
    };
    open_case(db, p, &new).await.unwrap().number()
}

fn form(zone: &str, phone: &str) -> Profile {
    Profile {
        name: "Ana Díaz".into(),
        job_title: "Accountant".into(),
        phone: phone.into(),
        language: "es".into(),
        time_zone: zone.into(),
        ..Default::default()
    }
}

/// The link token of the newest mail of `kind`.
async fn last_token(db: &Db, kind: &str) -> String {
    last_params(db, kind).await["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The person a session token stands for now.
async fn who(db: &Db, token: &str) -> Option<super::User> {
    accounts::actor_for_session(db, token)
        .await
        .unwrap()
        .user()
        .cloned()
}

#[tokio::test]
async fn the_profile_is_checked_then_saved_and_the_session_carries_zone_and_language() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    let bad_zone = profile::update(&t.db, &ana, &form("Mars/Olympus", "")).await;
    assert_eq!(
        bad_zone,
        Err(AppError::invalid(Field::TimeZone, Problem::Unknown))
    );
    let letters = profile::update(&t.db, &ana, &form("", "55 12 ab")).await;
    assert_eq!(
        letters,
        Err(AppError::invalid(Field::Phone, Problem::Malformed))
    );
    let mut long = form("", "");
    long.job_title = "x".repeat(101);
    let too_long = profile::update(&t.db, &ana, &long).await;
    assert_eq!(
        too_long,
        Err(AppError::invalid(Field::JobTitle, Problem::TooLong))
    );
    assert_eq!(profile::get(&t.db, &ana).await.unwrap().job_title, "");

    profile::update(
        &t.db,
        &ana,
        &form("America/Mexico_City", "+52 55 1234 5678"),
    )
    .await
    .unwrap();
    let saved = profile::get(&t.db, &ana).await.unwrap();
    assert_eq!(
        (
            saved.name.as_str(),
            saved.time_zone.as_str(),
            saved.language.as_str()
        ),
        ("Ana Díaz", "America/Mexico_City", "es")
    );
    let token = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let user = who(&t.db, &token).await.unwrap();
    assert_eq!(user.time_zone.as_deref(), Some("America/Mexico_City"));
    assert_eq!(user.language, Language::Es);
    // Empty: the browser's zone again.
    profile::update(&t.db, &ana, &form(" ", "")).await.unwrap();
    assert_eq!(who(&t.db, &token).await.unwrap().time_zone, None);
}

#[tokio::test]
async fn the_language_switch_is_kept_for_a_signed_in_person_only() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    profile::choose_language(&t.db, &Actor::Visitor, Language::Fr)
        .await
        .unwrap();
    assert_eq!(profile::get(&t.db, &ana).await.unwrap().language, "en");
    profile::choose_language(&t.db, &Actor::Person(ana.clone()), Language::Fr)
        .await
        .unwrap();
    assert_eq!(profile::get(&t.db, &ana).await.unwrap().language, "fr");
}

#[tokio::test]
async fn a_password_change_asks_for_the_current_one_and_ends_the_other_sessions() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    let here = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let there = accounts::start_session(&t.db, &ana, None, 30)
        .await
        .unwrap();
    let wrong = profile::change_password(&t.db, &ana, "not-it", "new-password-1", &here).await;
    assert_eq!(
        wrong,
        Err(AppError::invalid(
            Field::CurrentPassword,
            Problem::Malformed
        ))
    );
    assert!(who(&t.db, &there).await.is_some(), "nothing changed");
    let short = profile::change_password(&t.db, &ana, "password-123", "short", &here).await;
    assert_eq!(
        short,
        Err(AppError::invalid(Field::Password, Problem::PasswordLength))
    );

    profile::change_password(&t.db, &ana, "password-123", "new-password-1", &here)
        .await
        .unwrap();
    assert!(who(&t.db, &here).await.is_some(), "this session stays");
    assert!(who(&t.db, &there).await.is_none(), "the other one ended");
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "new-password-1")
            .await
            .is_ok()
    );
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "password-123")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_new_address_takes_effect_when_its_link_is_followed() {
    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    person(&t.db, Role::Customer, "taken@example.com").await;
    let same = profile::change_email(&t.db, &ana, "ANA@example.com").await;
    assert_eq!(same, Err(AppError::invalid(Field::Email, Problem::Taken)));
    // A registered address: the same answer, and no mail.
    profile::change_email(&t.db, &ana, "taken@example.com")
        .await
        .unwrap();
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'change_email'")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(mails, 0);

    profile::change_email(&t.db, &ana, "ana.new@example.com")
        .await
        .unwrap();
    let to: String = sqlx::query_scalar("SELECT recipient FROM outbox WHERE kind = 'change_email'")
        .fetch_one(&t.db.read)
        .await
        .unwrap();
    assert_eq!(to, "ana.new@example.com");
    assert!(
        accounts::authenticate(&t.db, "ana@example.com", "password-123")
            .await
            .is_ok()
    );
    let token = last_token(&t.db, "change_email").await;
    let changed = profile::confirm_email(&t.db, &token).await.unwrap();
    assert_eq!(changed.email, "ana.new@example.com");
    assert!(changed.verified);
    assert!(
        accounts::authenticate(&t.db, "ana.new@example.com", "password-123")
            .await
            .is_ok()
    );
    assert_eq!(
        profile::confirm_email(&t.db, &token).await.err(),
        Some(AppError::LinkInvalid)
    );
}

#[tokio::test]
async fn a_follow_link_opens_that_case_alone_once() {
    let t = test_db().await;
    let agent = person(&t.db, Role::Agent, "agent@example.com").await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    let mine = case(
        &t.db,
        &ana,
        "Invoice",
        &["boss@example.com", "agent@example.com"],
        CaseType::FINANCE,
    )
    .await;
    let other = case(&t.db, &ana, "Printer jam", &[], CaseType::TECHNICAL).await;

    // Wrong pairs: the same answer, no mail.
    follow::request(&t.db, &mine.to_string(), "eve@example.com", Language::En)
        .await
        .unwrap();
    follow::request(&t.db, "99999", "ana@example.com", Language::En)
        .await
        .unwrap();
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE kind = 'follow_case'")
            .fetch_one(&t.db.read)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0);
    let malformed = follow::request(&t.db, "12a", "ana@example.com", Language::En).await;
    assert_eq!(
        malformed,
        Err(AppError::invalid(Field::Number, Problem::Malformed))
    );

    // A CC'd address without an account gets a link too.
    follow::request(&t.db, &format!("#{mine}"), "Boss@Example.com", Language::Fr)
        .await
        .unwrap();
    assert_eq!(count().await, 1);
    let token = last_token(&t.db, "follow_case").await;
    let following = follow::open(&t.db, &token, None).await.unwrap();
    assert_eq!(following.number, mine);
    let Actor::Person(boss) = accounts::actor_for_session(&t.db, &following.token)
        .await
        .unwrap()
    else {
        panic!("a session");
    };
    assert_eq!(boss.following, Some(mine));
    open_for_viewer(&t.db, &boss, mine).await.unwrap();
    reply(
        &t.db,
        &boss,
        mine,
        &MessageBody::parse("Any news?").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        open_for_viewer(&t.db, &boss, other).await.err(),
        Some(AppError::NotFound)
    );
    assert_eq!(
        follow::open(&t.db, &token, None).await.err(),
        Some(AppError::LinkInvalid),
        "single use"
    );

    // The requester's own link: still that case alone, and never staff.
    follow::request(&t.db, &mine.to_string(), "ana@example.com", Language::En)
        .await
        .unwrap();
    let token = last_token(&t.db, "follow_case").await;
    let session = follow::open(&t.db, &token, None).await.unwrap().token;
    let actor = accounts::actor_for_session(&t.db, &session).await.unwrap();
    let ana_following = actor.person().unwrap().clone();
    let listed = listing::list_for_requester(&t.db, &ana_following, &CaseFilter::default(), None)
        .await
        .unwrap();
    assert_eq!(
        listed.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        [mine]
    );
    assert_eq!(
        profile::get(&t.db, &ana_following).await.err(),
        Some(AppError::Forbidden)
    );
    let new = NewCase::new(
        Subject::parse("More").unwrap(),
        CaseType::ACCOUNT,
        MessageBody::parse("x").unwrap(),
    );
    assert_eq!(
        open_case(&t.db, &ana_following, &new).await.err(),
        Some(AppError::Forbidden)
    );

    // A CC'd agent's address follows as a customer, not as staff.
    follow::request(&t.db, &mine.to_string(), "agent@example.com", Language::En)
        .await
        .unwrap();
    let token = last_token(&t.db, "follow_case").await;
    let session = follow::open(&t.db, &token, None).await.unwrap().token;
    let actor = accounts::actor_for_session(&t.db, &session).await.unwrap();
    assert_eq!(actor.user().map(|u| u.id), Some(agent.id));
    assert_eq!(actor.staff().err(), Some(AppError::Forbidden));
}

#[tokio::test]
async fn photos_are_re_encoded_squares_seen_by_the_owner_and_staff() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(300, 200, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let square = photo::square(&png).expect("a photo");
    let back = image::load_from_memory(&square).unwrap();
    assert_eq!((back.width(), back.height()), (photo::SIDE, photo::SIDE));
    assert!(photo::square(b"not a picture").is_none());

    let t = test_db().await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    let bob = person(&t.db, Role::Customer, "bob@example.com").await;
    let agent = person(&t.db, Role::Agent, "agent@example.com").await;
    let files = crate::files::store::Files::local(t.dir.path()).unwrap();
    let stage = |name: &str, bytes: Vec<u8>| {
        let path = files.staging.join(format!("{name}.upload"));
        std::fs::write(&path, bytes).unwrap();
        crate::files::upload::Staged {
            path,
            name: name.to_owned(),
            kind: crate::files::FileKind::from_name(name).unwrap(),
            size: 1,
        }
    };
    let form = |s| crate::files::upload::Form {
        fields: Vec::new(),
        files: vec![s],
    };
    let pdf = photo::set(&t.db, &files, &ana, form(stage("cv.pdf", b"%PDF".to_vec()))).await;
    assert!(matches!(pdf, Err(AppError::File { .. })));
    photo::set(&t.db, &files, &ana, form(stage("me.png", png)))
        .await
        .unwrap();
    let visitor = Actor::Visitor;
    let of = |p: &Person| Actor::Person(p.clone());
    assert!(photo::get(&t.db, &files, &of(&ana), ana.id).await.is_ok());
    assert!(photo::get(&t.db, &files, &of(&agent), ana.id).await.is_ok());
    for stranger in [of(&bob), visitor] {
        assert_eq!(
            photo::get(&t.db, &files, &stranger, ana.id).await.err(),
            Some(AppError::NotFound)
        );
    }
}

#[tokio::test]
async fn date_filters_are_read_in_the_zone_of_the_person_filtering() {
    use crate::db::Clock;
    // 2026-11-23 03:00 UTC is still the 22nd in Mexico City.
    let t = crate::db::testing::test_db_with(Clock::fixed(1_795_402_800_000)).await;
    let ana = person(&t.db, Role::Customer, "ana@example.com").await;
    let n = case(&t.db, &ana, "Late", &[], CaseType::OTHER).await;
    let day = |zone: &str| CaseFilter {
        created_from: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
        created_to: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
        zone: zone.into(),
        ..Default::default()
    };
    let found = |f: CaseFilter| {
        let (db, ana) = (&t.db, &ana);
        async move {
            listing::list_for_requester(db, ana, &f, None)
                .await
                .unwrap()
                .rows
                .iter()
                .map(|r| r.number)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found(day("America/Mexico_City")).await, [n]);
    assert!(found(day("UTC")).await.is_empty());
    assert!(found(day("")).await.is_empty());
}
