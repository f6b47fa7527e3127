//! A test app: the real router on a fresh database with three accounts,
//! and one method per kind of request.

use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

use app::state::{AppState, Settings};
use domain::auth::{accounts, Admin, Role};
use domain::db::{Clock, Db};

/// One part of a multipart form: field, file name (for a file), bytes.
pub type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

/// The smallest PNG: one pixel.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82";

/// A list request with no filter set.
pub const MINE: &str = "query[sort]=";

pub struct TestApp {
    router: Router,
    pub db: Db,
    pub files: domain::files::store::Files,
    _db: domain::db::testing::TestDb,
    /// Cases take turns through the types, so a customer's open cases never
    /// join each other as duplicates.
    opened: std::sync::atomic::AtomicUsize,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

pub async fn spawn_app() -> TestApp {
    let t = domain::db::testing::test_db_with(Clock::system()).await;
    let db = t.db.clone();
    let files = domain::files::store::Files::local(&t.dir.path().join("files")).unwrap();
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("helpdesk").build(),
        db: db.clone(),
        settings: Settings::default(),
        files: files.clone(),
        live: domain::cases::changes::Feed::start(db.clone())
            .await
            .unwrap(),
    };
    for (role, name, email) in [
        (Role::Customer, "Ana", "ana@example.com"),
        (Role::Customer, "Bob", "bob@example.com"),
        (Role::Agent, "Alex", "agent@example.com"),
        (Role::Admin, "Ada", "admin@example.com"),
    ] {
        accounts::register(&db, role, name, email, "password-123")
            .await
            .unwrap();
    }
    TestApp {
        router: server::router(state),
        db,
        files,
        _db: t,
        opened: Default::default(),
    }
}

impl TestApp {
    /// The admin account, signed in as the services see it.
    pub async fn admin(&self) -> Admin {
        let person = accounts::authenticate(&self.db, "admin@example.com", "password-123");
        person.await.unwrap().staff().unwrap().admin().unwrap()
    }

    pub async fn call(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let (status, headers, bytes) = self.send_bytes(req).await;
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn send_bytes(
        &self,
        mut req: Request<Body>,
    ) -> (StatusCode, http::HeaderMap, Vec<u8>) {
        // As a browser on the developer's machine sends it, unless the test
        // says otherwise.
        if !req.headers().contains_key(header::HOST) {
            let host = http::HeaderValue::from_static("127.0.0.1:3000");
            req.headers_mut().insert(header::HOST, host);
        }
        // A request that never answers fails the test instead of hanging
        // the run.
        let res = tokio::time::timeout(REQUEST_LIMIT, self.router.clone().oneshot(req))
            .await
            .expect("the app answered within the limit")
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        // A live-update stream never ends: its answer is its head.
        let stream = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/event-stream"));
        if stream {
            return (status, headers, Vec::new());
        }
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, headers, bytes.to_vec())
    }

    /// A multipart post: `(field, Some(file name) or None, bytes)`.
    pub async fn upload(
        &self,
        path: &str,
        parts: &[Part<'_>],
        cookie: Option<&str>,
        accept: &str,
    ) -> Reply {
        let boundary = "----helpdesk-test";
        let mut body = Vec::new();
        for (field, file, bytes) in parts {
            let disposition = match file {
                Some(name) => format!("form-data; name=\"{field}\"; filename=\"{name}\""),
                None => format!("form-data; name=\"{field}\""),
            };
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut req = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::ACCEPT, accept);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// A plain GET with the cookie: status, headers and raw bytes.
    pub async fn get(
        &self,
        path: &str,
        cookie: Option<&str>,
    ) -> (StatusCode, http::HeaderMap, Vec<u8>) {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send_bytes(req.body(Body::empty()).unwrap()).await
    }

    /// Signs in and returns the `name=value` cookie to send back.
    pub async fn sign_in(&self, email: &str) -> String {
        let r = self
            .call(
                "/api/auth/sign_in",
                &format!("email={email}&password=password-123"),
                None,
            )
            .await;
        let set = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
        set.split(';').next().unwrap().to_owned()
    }

    pub async fn open_case(&self, cookie: &str, subject: &str) -> i64 {
        let types = ["technical", "finance", "account", "other"];
        let turn = self
            .opened
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let case_type = types[turn % types.len()];
        let r = self
            .call(
                "/api/cases/open",
                &format!("subject={subject}&case_type={case_type}&description=Help"),
                Some(cookie),
            )
            .await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{}",
            r.body
        );
        r.body.parse().expect("case number")
    }
}

impl TestApp {
    /// The router, to serve on a real socket.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    pub async fn page(&self, path: &str, cookie: Option<&str>, language: &str) -> Reply {
        let mut req = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, language);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }
}
