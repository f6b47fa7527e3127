//! Case server functions: ownership, roles, and status codes for bad input.

use http::StatusCode;

use crate::support::{spawn_app, MINE};

#[tokio::test]
async fn another_customers_case_is_a_404_like_a_missing_one() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Private").await;

    let foreign = app
        .call("/api/cases/get", &format!("number={n}"), Some(&bob))
        .await;
    let missing = app
        .call("/api/cases/get", "number=987654", Some(&bob))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(
        (foreign.status, &foreign.body),
        (missing.status, &missing.body)
    );

    let reply = app
        .call(
            "/api/cases/reply",
            &format!("number={n}&body=hi"),
            Some(&bob),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    let own = app
        .call("/api/cases/get", &format!("number={n}"), Some(&ana))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Private"));
}

#[tokio::test]
async fn bad_input_gets_a_4xx_and_never_a_500() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let long_subject = "a".repeat(201);
    let long_body = "b".repeat(20_001);
    let cases: Vec<(&str, String, StatusCode)> = vec![
        (
            "/api/cases/open",
            "subject=&case_type=technical&description=x".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            format!("subject={long_subject}&case_type=technical&description=x"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            format!("subject=s&case_type=technical&description={long_body}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            "subject=s&case_type=nonsense&description=x".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            "subject=s&case_type=finance&description=x&country=FR".into(),
            StatusCode::FORBIDDEN,
        ),
        (
            "/api/cases/open",
            "subject=s&case_type=finance&description=x&cc=a%40b.com,nope".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            "subject=missing-fields".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/get",
            "number=not-a-number".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/cases/reply",
            "number=1".into(),
            StatusCode::BAD_REQUEST,
        ),
        // A customer may not change a status at all: refused before the
        // value is even read.
        (
            "/api/cases/status",
            "number=1&status=open".into(),
            StatusCode::FORBIDDEN,
        ),
        (
            "/api/auth/sign_up",
            "name=X&email=not-an-email&password=password-123".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/auth/sign_up",
            "name=X&email=x@example.com&password=short".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (path, form, expected) in cases {
        let r = app.call(path, &form, Some(&ana)).await;
        assert_eq!(
            r.status,
            expected,
            "{path} {}: {}",
            &form[..form.len().min(60)],
            r.body
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(count, 0, "refused input wrote nothing");
}

#[tokio::test]
async fn customers_cannot_reach_the_staff_list_or_change_statuses() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let n = app.open_case(&ana, "Mine").await;
    assert_eq!(
        app.call("/api/cases/all", MINE, Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .call(
            "/api/cases/status",
            &format!("number={n}&status=resolved"),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("/api/cases/all", MINE, Some(&agent)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Mine"));
    // Staff get the reason for a status that does not exist.
    let r = app
        .call(
            "/api/cases/status",
            &format!("number={n}&status=open"),
            Some(&agent),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_the_requester_closes_a_case() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Close me").await;
    let form = format!("number={n}");
    assert_eq!(
        app.call("/api/cases/close", &form, Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/cases/close", &form, Some(&ana)).await.status,
        StatusCode::OK
    );
    let again = app.call("/api/cases/close", &form, Some(&ana)).await;
    assert_eq!(
        (again.status, again.body.as_str()),
        (StatusCode::CONFLICT, "\"CaseClosed\"")
    );
}

#[tokio::test]
async fn list_filters_are_checked_like_any_input() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Printer jams").await;
    app.open_case(&ana, "Invoice missing").await;
    let ok = app
        .call(
            "/api/cases/mine",
            "query[q]=printer&query[status][0]=new",
            Some(&ana),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains(&format!("\"number\":{n}")) && !ok.body.contains("Invoice"));
    let long = format!("query[q]={}", "x".repeat(201));
    for bad in [
        "query[status][0]=open",
        "query[sort]=random",
        "query[from]=soon",
        long.as_str(),
    ] {
        let r = app.call("/api/cases/mine", bad, Some(&ana)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn case_edits_and_merges_refuse_bad_input_without_writing() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let n = app.open_case(&ana, "Edit me").await;
    let events = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM case_events")
            .fetch_one(&app.db.read)
            .await
            .unwrap()
    };
    let before = events().await;
    let refused: Vec<(String, &str, StatusCode)> = vec![
        (
            format!("number={n}&country=FR"),
            "ana",
            StatusCode::FORBIDDEN,
        ),
        (
            format!("number={n}&cc=not-an-address"),
            "ana",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            format!("number={n}&phone=call+me"),
            "ana",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            format!("number={n}&priority=asap"),
            "agent",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("number=x".to_string(), "ana", StatusCode::BAD_REQUEST),
    ];
    for (form, who, expected) in refused {
        let cookie = if who == "ana" { &ana } else { &agent };
        let r = app.call("/api/cases/edit", &form, Some(cookie)).await;
        assert_eq!(r.status, expected, "{form}: {}", r.body);
    }
    assert_eq!(events().await, before, "nothing written");

    let ok = app
        .call(
            "/api/cases/edit",
            &format!("number={n}&tax_id=B123&cc=x%40example.com"),
            Some(&ana),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);

    for (form, expected) in [
        (
            format!("number={n}&into={n}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            format!("number={n}&into=abc"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            format!("number={n}&into=99999"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = app.call("/api/cases/merge", &form, Some(&agent)).await;
        assert_eq!(r.status, expected, "{form}: {}", r.body);
    }
    let r = app
        .call(
            "/api/cases/merge",
            &format!("number={n}&into=1"),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("/api/cases/counts", "", Some(&ana)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("/api/cases/counts", "", Some(&agent)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("\"New\",1"), "{}", r.body);
}

/// "My cases" as the server's HTML: the asker's own cases for the filters
/// in the page's query string, in the language asked, and the same refusals
/// as the list's data.
#[tokio::test]
async fn my_cases_part_is_my_cases_as_html_in_my_language() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Printer jams").await;
    app.open_case(&ana, "Invoice missing").await;
    app.open_case(&bob, "Bob private matter").await;
    let ask = "search=%3Fq%3Dprinter%26status%3Dnew&locale=fr&zone=Europe%2FParis";
    let part = app.call("/api/cases/mine/part", ask, Some(&ana)).await;
    assert_eq!(part.status, StatusCode::OK, "{}", part.body);
    let html: String = serde_json::from_str(&part.body).unwrap();
    assert!(html.contains("Printer jams"), "{html}");
    assert!(
        !html.contains("Invoice") && !html.contains("Bob private"),
        "{html}"
    );
    assert!(html.contains(&format!("data-opens=\"{n}\"")), "{html}");
    // The words are French; the filters keep their values.
    assert!(html.contains("Statut"), "{html}");
    let panel = "search=q%3Dprinter&locale=fr";
    let panel = app.call("/api/cases/mine/filters", panel, None).await;
    assert_eq!(panel.status, StatusCode::OK);
    assert!(
        panel.body.contains("value=\\\"printer\\\""),
        "{}",
        panel.body
    );
    assert!(
        panel.body.contains("Appliquer les filtres"),
        "{}",
        panel.body
    );

    // A zone that is not one falls back to the request's: still a page.
    let odd = "search=&locale=xx&zone=Not%2FA%2FZone";
    let odd = app.call("/api/cases/mine/part", odd, Some(&ana)).await;
    assert_eq!(odd.status, StatusCode::OK);
    assert!(odd.body.contains("Printer jams") && odd.body.contains("Status"));

    let bad = "search=status%3Dopen&locale=en&zone=UTC";
    let bad = app.call("/api/cases/mine/part", bad, Some(&ana)).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let nobody = app
        .call("/api/cases/mine/part", "search=&locale=en&zone=UTC", None)
        .await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED);
}
