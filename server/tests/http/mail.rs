//! Mail over HTTP: sign-up and its link, password reset, self-help links,
//! the reply's "Also send by email", and the admins' outbox.

use http::{header, StatusCode};

use super::support::spawn_app;

/// A string of the newest mail of `kind`.
async fn token(db: &domain::db::Db, kind: &str, field: &str) -> String {
    let params = domain::mail::testing::last_params(db, kind).await;
    params[field].as_str().unwrap().to_owned()
}

fn location(headers: &http::HeaderMap) -> &str {
    headers[header::LOCATION].to_str().unwrap()
}

fn session_cookie(headers: &http::HeaderMap) -> String {
    let set = headers[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn sign_up_answers_alike_and_the_mailed_link_verifies_and_signs_in() {
    let app = spawn_app().await;
    let new = app
        .call(
            "/api/auth/sign_up",
            "name=Carla&email=carla@example.com&password=password-123",
            None,
        )
        .await;
    let taken = app
        .call(
            "/api/auth/sign_up",
            "name=Mallory&email=ana@example.com&password=password-999",
            None,
        )
        .await;
    assert_eq!(new.status, taken.status);
    assert_eq!(new.body, taken.body);
    assert!(new.headers.get(header::SET_COOKIE).is_none());
    assert!(taken.headers.get(header::SET_COOKIE).is_none());
    let kinds: Vec<(String, String)> =
        sqlx::query_as("SELECT recipient, kind FROM outbox ORDER BY id")
            .fetch_all(&app.db.read)
            .await
            .unwrap();
    assert_eq!(
        kinds,
        [
            ("carla@example.com".into(), "verify_address".into()),
            ("ana@example.com".into(), "already_registered".into()),
        ]
    );
    let t = token(&app.db, "verify_address", "token").await;
    let (status, headers, _) = app.get(&format!("/mail/{t}"), None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), "/link?m=verified");
    let cookie = session_cookie(&headers);
    let me = app.call("/api/auth/me", "", Some(&cookie)).await;
    assert!(me.body.contains("carla@example.com"), "{}", me.body);
    assert!(me.body.contains("\"verified\":true"), "{}", me.body);
    // Used once.
    let (_, headers, _) = app.get(&format!("/mail/{t}"), None).await;
    assert_eq!(location(&headers), "/link?m=invalid");
    let (_, headers, _) = app.get("/mail/%3Cscript%3E", None).await;
    assert_eq!(location(&headers), "/link?m=invalid");
}

#[tokio::test]
async fn a_reset_link_sets_the_password_and_signs_out_other_sessions() {
    let app = spawn_app().await;
    let old = app.sign_in("ana@example.com").await;
    for email in ["ana@example.com", "nobody@example.com"] {
        let r = app
            .call("/api/auth/forgot", &format!("email={email}"), None)
            .await;
        assert!(r.status.is_success(), "{}", r.body);
    }
    let t = token(&app.db, "password_reset", "token").await;
    let (_, headers, _) = app.get(&format!("/mail/{t}"), None).await;
    assert_eq!(location(&headers), format!("/reset?token={t}"));
    let r = app
        .call(
            "/api/auth/reset",
            &format!("token={t}&password=short"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .call(
            "/api/auth/reset",
            &format!("token={t}&password=brand-new-pass"),
            None,
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let fresh = session_cookie(&r.headers);
    let me = app.call("/api/auth/me", "", Some(&fresh)).await;
    assert!(me.body.contains("ana@example.com"));
    let me = app.call("/api/auth/me", "", Some(&old)).await;
    assert_eq!(me.body, "null");
    let again = app
        .call(
            "/api/auth/reset",
            &format!("token={t}&password=other-pass-1"),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_staff_reply_goes_by_email_only_when_asked_and_admins_see_the_outbox() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let admin = app.sign_in("admin@example.com").await;
    let n = app.open_case(&ana, "Invoice").await;
    let path = format!("/upload/cases/{n}");
    let json = "application/json";
    let r = app
        .upload(&path, &[("body", None, b"Not mailed")], Some(&agent), json)
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = app
        .upload(
            &path,
            &[("body", None, b"Mailed"), ("email", None, b"1")],
            Some(&agent),
            json,
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    // A customer cannot send mail by ticking the box.
    let r = app
        .upload(
            &path,
            &[("body", None, b"Me too"), ("email", None, b"1")],
            Some(&ana),
            json,
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let kinds: Vec<String> = sqlx::query_scalar("SELECT kind FROM outbox ORDER BY id")
        .fetch_all(&app.db.read)
        .await
        .unwrap();
    assert_eq!(kinds, ["case_opened", "staff_reply"]);
    let body = token(&app.db, "staff_reply", "body").await;
    assert_eq!(body, "Mailed");

    let refused = app.call("/api/mail/outbox", "", Some(&agent)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let listed = app.call("/api/mail/outbox", "", Some(&admin)).await;
    assert!(listed.status.is_success());
    assert!(listed.body.contains("New reply"), "{}", listed.body);
    let queued = app
        .call("/api/mail/outbox", "status=sent", Some(&admin))
        .await;
    assert_eq!(queued.body, "[]");
}

#[tokio::test]
async fn a_received_mail_original_is_for_staff_and_internal_notes_never_reach_customers() {
    use domain::mail::inbound::{receive, Outcome};
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Card").await;
    let intake = domain::mail::testing::intake(&app.db, app.files.clone()).await;
    let raw = format!(
        "From: mallory@evil.example\r\nSubject: Re: [#{n}]\r\nMessage-ID: <m1@evil.example>\r\n\r\nSecret-stranger-words\r\n"
    );
    let outcome = receive(&app.db, &intake, raw.as_bytes()).await.unwrap();
    assert_eq!(outcome, Outcome::Note(n));
    let id: i64 = sqlx::query_scalar("SELECT id FROM inbound_mails")
        .fetch_one(&app.db.read)
        .await
        .unwrap();

    // The customer's case page and its data hold no trace of the note.
    let page = app.page(&format!("/cases/{n}"), Some(&ana), "en").await;
    assert!(!page.body.contains("Secret-stranger-words"));
    let (status, _, _) = app.get(&format!("/files/mail/{id}"), Some(&ana)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, headers, _) = app.get(&format!("/files/mail/{id}"), None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location(&headers).starts_with("/signin"));

    let agent = app.sign_in("agent@example.com").await;
    let page = app.page(&format!("/cases/{n}"), Some(&agent), "en").await;
    assert!(page.body.contains("Secret-stranger-words"));
    assert!(page.body.contains("Unknown sender"));
    let (status, headers, body) = app.get(&format!("/files/mail/{id}"), Some(&agent)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "message/rfc822");
    assert_eq!(body, raw.as_bytes());
    let (status, _, _) = app.get("/files/mail/99999", Some(&agent)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
