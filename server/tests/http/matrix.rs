//! The access matrix: every server function, HTTP route and page, asked by
//! each kind of person, against the real router. `matrix_table.rs` says what
//! each one gets; an entry point with no line there fails the test, so a new
//! one cannot ship without deciding who may use it.

use std::collections::BTreeSet;

use axum::body::Body;
use http::{header, Method, Request, StatusCode};

use crate::matrix_table::{Row, ROWS};
use crate::support::{spawn_app, TestApp};
use crate::world::World;

/// Who asks, in the order of the table's columns.
pub const ASKERS: [&str; 6] = ["visitor", "other customer", "owner", "cc", "agent", "admin"];

#[tokio::test]
async fn every_entry_point_answers_each_person_as_the_table_says() {
    let app = spawn_app().await;
    let world = World::new(&app).await;

    let mut wrong = Vec::new();
    for row in ROWS {
        for (column, expected) in row.expect.iter().enumerate() {
            let fixtures = world.fixtures(row.path(), row.body).await;
            let cookie = world.session(column).await;
            let before = world.stored().await;
            let (method, path) = row.request(&fixtures);
            let body = fixtures.fill(row.body);
            let got = send(&app, method, &path, &body, cookie.as_deref()).await;
            if got.0.as_u16() != *expected {
                wrong.push(format!(
                    "{} as {}: expected {expected}, got {} {}",
                    row.target,
                    ASKERS[column],
                    got.0.as_u16(),
                    got.1.chars().take(120).collect::<String>()
                ));
            }
            assert_ne!(got.0, StatusCode::INTERNAL_SERVER_ERROR, "{}", row.target);
            // A refusal changes nothing.
            if got.0.is_client_error() && world.stored().await != before {
                wrong.push(format!(
                    "{} as {}: refused but wrote",
                    row.target, ASKERS[column]
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Every server function, HTTP route and page has its line.
#[tokio::test]
async fn the_table_has_a_line_for_every_entry_point() {
    let listed: BTreeSet<String> = ROWS.iter().map(|r| r.key()).collect();
    let mut entries = BTreeSet::new();
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        entries.insert(format!("{method} {path}"));
    }
    for e in server::endpoints() {
        entries.insert(format!("{} {}", e.method, e.path));
    }
    for route in server::route_list() {
        entries.insert(format!("GET {}", route.path()));
    }
    let missing: Vec<_> = entries.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&entries).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "without a line: {missing:#?}\nlines for nothing: {stale:#?}"
    );
}

impl Row {
    /// `METHOD /path` as the router lists it.
    fn key(&self) -> String {
        let (method, path) = self.target.split_once(' ').unwrap();
        format!("{method} {path}")
    }

    /// The path asked, placeholders unfilled.
    fn path(&self) -> &'static str {
        match self.at {
            "" => self.target.split_once(' ').unwrap().1,
            at => at,
        }
    }

    fn request(&self, fixtures: &crate::world::Fixtures) -> (Method, String) {
        let method = self.target.split_once(' ').unwrap().0;
        (method.parse().unwrap(), fixtures.fill(self.path()))
    }
}

/// A form post for `POST` (multipart, with one small PNG, for uploads), a
/// page or file request for `GET`.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> (StatusCode, String) {
    if path.starts_with("/upload/") {
        let mut fields: Vec<(String, String)> = form_pairs(body);
        let file_field = if path == "/upload/photo" {
            "photo"
        } else {
            "files"
        };
        let mut parts: Vec<crate::support::Part> = fields
            .iter_mut()
            .map(|(k, v)| (k.as_str(), None, v.as_bytes()))
            .collect();
        parts.push((file_field, Some("a.png"), crate::support::PNG));
        let r = app.upload(path, &parts, cookie, "application/json").await;
        return (r.status, r.body);
    }
    let mut req = Request::builder().method(method.clone()).uri(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let req = if method == Method::POST {
        req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body.to_owned()))
    } else {
        req.header(header::ACCEPT, "text/html").body(Body::empty())
    };
    let r = app.send(req.unwrap()).await;
    (r.status, r.body)
}

fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let v = urlencoding::decode(&v.replace('+', " "))
                .unwrap()
                .into_owned();
            (k.to_owned(), v)
        })
        .collect()
}
