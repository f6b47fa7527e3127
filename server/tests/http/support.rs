//! A test app: the real router on a fresh database with three accounts,
//! and one method per kind of request.

use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

use app::auth::{accounts, Role};
use app::db::{Clock, Db};
use app::state::{AppState, Settings};

/// A list request with no filter set.
pub const MINE: &str = "query[sort]=";

pub struct TestApp {
    router: Router,
    pub db: Db,
    _dir: tempfile::TempDir,
    /// Cases take turns through the types, so a customer's open cases never
    /// join each other as duplicates.
    opened: std::sync::atomic::AtomicUsize,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db"), Clock::system())
        .await
        .unwrap();
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("helpdesk").build(),
        db: db.clone(),
        settings: Settings::default(),
    };
    for (role, name, email) in [
        (Role::Customer, "Ana", "ana@example.com"),
        (Role::Customer, "Bob", "bob@example.com"),
        (Role::Agent, "Alex", "agent@example.com"),
    ] {
        accounts::register(&db, role, name, email, "password-123")
            .await
            .unwrap();
    }
    TestApp {
        router: server::router(state),
        db,
        _dir: dir,
        opened: Default::default(),
    }
}

impl TestApp {
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
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
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
