//! Signing in and out: cookie flags, session ids, wrong passwords.

use http::{header, StatusCode};

use crate::support::{spawn_app, MINE};

#[tokio::test]
async fn sign_in_sets_an_http_only_lax_cookie_and_a_new_id_each_time() {
    let app = spawn_app().await;
    let r = app
        .call(
            "/api/auth/sign_in",
            "email=ana@example.com&password=password-123",
            None,
        )
        .await;
    let set = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(!set.contains("Secure"), "plain http: {set}");
    let again = app.sign_in("ana@example.com").await;
    assert_ne!(set.split(';').next().unwrap(), again);
}

#[tokio::test]
async fn a_wrong_password_is_a_401_with_a_clear_error() {
    let app = spawn_app().await;
    let r = app
        .call(
            "/api/auth/sign_in",
            "email=ana@example.com&password=wrong-pass",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body, "\"WrongCredentials\"");
    assert!(r.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn without_a_session_case_functions_ask_to_sign_in() {
    let app = spawn_app().await;
    let r = app.call("/api/cases/mine", MINE, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body, "\"SignInRequired\"");
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    assert_eq!(
        app.call("/api/cases/mine", MINE, Some(&ana)).await.status,
        StatusCode::OK
    );
    let out = app.call("/api/auth/sign_out", "", Some(&ana)).await;
    assert!(out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie, replayed, no longer works.
    assert_eq!(
        app.call("/api/cases/mine", MINE, Some(&ana)).await.status,
        StatusCode::UNAUTHORIZED
    );
}
