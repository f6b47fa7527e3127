//! `GET /events` through the real router: a change reaches the staff's
//! and the owner's streams within a second, never another customer's, and
//! an internal note reaches staff only.

use std::time::Duration;

use axum::body::Body;
use futures::StreamExt;
use http::{header, Request, StatusCode};
use tower::ServiceExt;

use crate::support::spawn_app;

type Frames =
    std::pin::Pin<Box<dyn futures::Stream<Item = Result<bytes::Bytes, axum::Error>> + Send>>;

async fn listen(app: &crate::support::TestApp, cookie: &str) -> Frames {
    let req = Request::get("/events")
        .header(header::COOKIE, cookie)
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let res = app.router().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let kind = res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(kind.starts_with("text/event-stream"), "{kind}");
    Box::pin(res.into_body().into_data_stream())
}

/// The next `changes` event's data within `wait`, skipping the rest
/// (the opening `ready`, keep-alive comments).
async fn next_change(frames: &mut Frames, wait: Duration) -> Option<String> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let frame = tokio::time::timeout_at(deadline, frames.next())
            .await
            .ok()??;
        let text = String::from_utf8(frame.unwrap().to_vec()).unwrap();
        if let Some(rest) = text.split("event: changes\n").nth(1) {
            let data = rest.lines().next().unwrap_or_default();
            return Some(data.trim_start_matches("data: ").to_owned());
        }
    }
}

#[tokio::test]
async fn a_change_reaches_staff_and_the_owner_and_nobody_else() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana%40example.com").await;
    let bob = app.sign_in("bob%40example.com").await;
    let agent = app.sign_in("agent%40example.com").await;
    let number = app.open_case(&ana, "Live").await;
    // The feed hands out the opening before anyone below listens.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut staff = listen(&app, &agent).await;
    let mut owner = listen(&app, &ana).await;
    let mut other = listen(&app, &bob).await;
    let visitor = app.get("/events", None).await;
    assert_eq!(visitor.0, StatusCode::UNAUTHORIZED);

    let r = app
        .call(
            "/api/cases/reply",
            &format!("number={number}&body=Hello"),
            Some(&agent),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let expected = format!("[{number}]");
    let second = Duration::from_secs(1);
    assert_eq!(
        next_change(&mut staff, second).await.as_deref(),
        Some(&*expected)
    );
    assert_eq!(
        next_change(&mut owner, second).await.as_deref(),
        Some(&*expected)
    );
    assert_eq!(
        next_change(&mut other, Duration::from_millis(300)).await,
        None
    );

    // An internal note: staff hear of it, the owner does not.
    let r = app
        .upload(
            &format!("/upload/cases/{number}"),
            &[("body", None, b"Between us"), ("note", None, b"1")],
            Some(&agent),
            "application/json",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        next_change(&mut staff, second).await.as_deref(),
        Some(&*expected)
    );
    assert_eq!(
        next_change(&mut owner, Duration::from_millis(300)).await,
        None
    );
}
