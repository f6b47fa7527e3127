//! The holes a security review found, shut: guessing passwords, forged
//! cross-site writes, session cookies, HTTPS, slow clients.

use std::time::Duration;

use axum::body::Body;
use http::{header, Request, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{spawn_app, TestApp, MINE};

async fn sign_in_with(app: &TestApp, password: &str) -> crate::support::Reply {
    let form = format!("email=ana@example.com&password={password}");
    app.call("/api/auth/sign_in", &form, None).await
}

#[tokio::test]
async fn guessing_a_password_is_stopped_with_a_429_and_when_to_come_back() {
    let app = spawn_app().await;
    for _ in 0..5 {
        let r = sign_in_with(&app, "wrong-pass").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = sign_in_with(&app, "password-123").await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let wait: u64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((800..=900).contains(&wait), "{wait}");
    assert!(r.body.contains("TooMany"), "{}", r.body);
    assert!(r.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn behind_a_local_proxy_each_client_is_counted_by_its_forwarded_address() {
    use axum::extract::ConnectInfo;
    let app = spawn_app().await;
    let forgot = |peer: [u8; 4], forwarded: &'static str| {
        let mut req = Request::post("/api/auth/forgot")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", forwarded)
            .body(Body::from("email=nobody@example.com"))
            .unwrap();
        let addr = std::net::SocketAddr::from((peer, 40000));
        req.extensions_mut().insert(ConnectInfo(addr));
        req
    };
    let proxy = [127, 0, 0, 1];
    // The client's own claim comes first; the proxy appends the address.
    for _ in 0..10 {
        let r = app.send(forgot(proxy, "10.0.0.1, 198.51.100.1")).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{}",
            r.body
        );
    }
    let r = app.send(forgot(proxy, "10.0.0.2, 198.51.100.1")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not held back.
    let r = app.send(forgot(proxy, "198.51.100.2")).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    // A client that connects directly cannot pose as another.
    let r = app.send(forgot([203, 0, 113, 9], "198.51.100.2")).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    let r = app.send(forgot([203, 0, 113, 9], "198.51.100.1")).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
}

fn post(path: &str, cookie: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookie);
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    req.body(Body::from("subject=Forged&case_type=other&description=Hi"))
        .unwrap()
}

#[tokio::test]
async fn server_function_input_is_capped_before_it_is_read() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let huge = format!(
        "subject=S&case_type=other&description={}",
        "x".repeat(2 << 20)
    );
    let r = app.call("/api/cases/open", &huge, Some(&ana)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A NUL, which PostgreSQL cannot store, however it is written.
    let nul = "subject=S%00&case_type=other&description=D";
    let r = app.call("/api/cases/open", nul, Some(&ana)).await;
    assert_eq!(
        (r.status, r.body.as_str()),
        (StatusCode::BAD_REQUEST, "\"BadRequest\"")
    );
    let parts: &[crate::support::Part] = &[
        ("subject", None, b"S\0"),
        ("case_type", None, b"other"),
        ("description", None, b"D"),
    ];
    let r = app
        .upload("/upload/cases", parts, Some(&ana), "application/json")
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let list = app.call("/api/cases/mine", MINE, Some(&ana)).await;
    assert!(list.body.contains("\"rows\":[]"), "{}", list.body);
}

#[tokio::test]
async fn a_write_sent_by_another_sites_page_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let forged = [
        vec![("origin", "https://evil.example")],
        vec![("sec-fetch-site", "cross-site")],
        vec![
            ("sec-fetch-site", "same-site"),
            ("origin", "https://x.127.0.0.1:3000"),
        ],
        vec![("origin", "null")],
    ];
    for headers in forged {
        let r = app.send(post("/api/cases/open", &ana, &headers)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        let r = app.send(post("/upload/cases", &ana, &headers)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
    }
    let list = app.call("/api/cases/mine", MINE, Some(&ana)).await;
    assert!(!list.body.contains("Forged"), "{}", list.body);
    // The site's own pages, and clients that are not browsers, may write.
    let own = [
        ("origin", "http://127.0.0.1:3000"),
        ("sec-fetch-site", "same-origin"),
    ];
    let r = app.send(post("/api/cases/open", &ana, &own)).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    // Reads from anywhere still work (links from mails, other sites).
    let req = Request::get("/").header("sec-fetch-site", "cross-site");
    let r = app.send(req.body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn the_session_cookie_is_secure_and_host_only_except_on_plain_loopback_http() {
    let app = spawn_app().await;
    let sign_in = |host: &'static str, proto: Option<&'static str>| {
        let mut req = Request::post("/api/auth/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, host);
        if let Some(p) = proto {
            req = req.header("x-forwarded-proto", p);
        }
        req.body(Body::from("email=ana@example.com&password=password-123"))
            .unwrap()
    };
    let cookie_of = |r: &crate::support::Reply| {
        r.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .find(|c| c.contains("hd_session"))
            .unwrap()
    };
    for host in ["help.example.com", "192.168.1.20:3000"] {
        let r = app.send(sign_in(host, None)).await;
        let set = cookie_of(&r);
        assert!(set.starts_with("__Host-hd_session="), "{set}");
        assert!(set.contains("; Secure") && set.contains("Path=/"), "{set}");
        assert!(!set.contains("Domain"), "{set}");
        // It signs in.
        let cookie = set.split(';').next().unwrap();
        let mine = app.call("/api/cases/mine", MINE, Some(cookie)).await;
        assert_eq!(mine.status, StatusCode::OK);
        assert!(r.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    }
    for host in ["127.0.0.1:3000", "localhost:3000", "[::1]:3000"] {
        let set = cookie_of(&app.send(sign_in(host, None)).await);
        assert!(set.starts_with("hd_session="), "{set}");
        assert!(!set.contains("Secure"), "{set}");
    }
    // Behind an HTTPS proxy on the same machine: Secure, and HSTS.
    let r = app.send(sign_in("127.0.0.1:3000", Some("https"))).await;
    assert!(cookie_of(&r).starts_with("__Host-hd_session="));
    assert_eq!(
        r.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn sign_out_everywhere_ends_the_other_browsers_sessions() {
    let app = spawn_app().await;
    let laptop = app.sign_in("ana@example.com").await;
    let phone = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let r = app
        .call("/api/auth/sign_out_everywhere", "", Some(&laptop))
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.body
    );
    for cookie in [&laptop, &phone] {
        let mine = app.call("/api/cases/mine", MINE, Some(cookie)).await;
        assert_eq!(mine.status, StatusCode::UNAUTHORIZED);
    }
    let mine = app.call("/api/cases/mine", MINE, Some(&bob)).await;
    assert_eq!(mine.status, StatusCode::OK);
    // A visitor has nothing to end.
    let r = app.call("/api/auth/sign_out_everywhere", "", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

/// The app on a real socket, with short limits for slow clients.
async fn listening(app: &TestApp) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let limits = server::listen::Timeouts {
        headers: Duration::from_millis(500),
        body_idle: Duration::from_millis(500),
        drain: Duration::from_secs(1),
    };
    let router = app.router();
    tokio::spawn(server::listen::serve(
        listener,
        router,
        limits,
        std::future::pending(),
    ));
    addr
}

/// Everything the server sends until it closes the connection, or `None`
/// if it is still open after `wait`.
async fn until_closed(stream: &mut tokio::net::TcpStream, wait: Duration) -> Option<String> {
    let mut got = Vec::new();
    let read = tokio::time::timeout(wait, stream.read_to_end(&mut got)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test]
async fn a_client_too_slow_with_its_headers_or_its_body_is_let_go() {
    let app = spawn_app().await;
    let addr = listening(&app).await;
    // Headers that never end.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1")
        .await
        .unwrap();
    let closed = until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed.is_some(), "the connection is still held");
    // A body that stops halfway.
    let ana = app.sign_in("ana@example.com").await;
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/cases/open HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {ana}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nsubject=Slow"
    );
    slow.write_all(head.as_bytes()).await.unwrap();
    let answer = until_closed(&mut slow, Duration::from_secs(5))
        .await
        .expect("the connection is still held");
    assert!(!answer.contains(" 500 "), "{answer}");
    // The server still answers others.
    let mut quick = tokio::net::TcpStream::connect(addr).await.unwrap();
    quick
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let answer = until_closed(&mut quick, Duration::from_secs(10))
        .await
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn pages_run_only_the_scripts_that_carry_their_nonce() {
    let app = spawn_app().await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let r = app.page("/", None, "en").await;
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("a nonce in the policy")
            .to_owned();
        assert!(nonce.len() >= 22, "{nonce}");
        for part in [
            "'strict-dynamic'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(part), "{csp}");
        }
        // Every script with something to run carries it (leptos_i18n
        // leaves an empty placeholder).
        let tags: Vec<&str> = r.body.split("<script").skip(1).collect();
        assert!(tags.len() > 1, "{}", r.body);
        for tag in tags.into_iter().filter(|t| !t.starts_with("></script>")) {
            let open = tag.split('>').next().unwrap();
            assert!(
                open.contains(&format!("nonce=\"{nonce}\"")),
                "<script{open}>"
            );
        }
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a new nonce for every response");
}
