use chrono::Duration;
use reqwest::Method;

use crate::helpers::{browser_client, citizen, login, problem, set_cookie, spawn_app, valid_form};

#[tokio::test]
async fn a_person_cannot_see_anothers_application() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let mehmet = citizen(1);
    let ayses = app.pre_application_for(&ayse, "institution", false).await;
    app.pre_application_for(&mehmet, "institution", false).await;
    app.login_as(&mehmet).await;

    let (status, body) = problem(
        app.call(Method::GET, &format!("/api/applications/{ayses}"), None)
            .await,
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
    let (status, _) = problem(app.submit_form(&ayses, valid_form("0532 123 45 67")).await).await;
    assert_eq!(status, 404);
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["ongoing"].as_array().unwrap().len(), 1);
    assert_ne!(list["ongoing"][0]["id"], ayses.as_str());
    // The read and the change were both refused and audited like an institution's would be.
    let denied = crate::officer_helpers::audit_entries(&app, "access_denied");
    assert_eq!(denied.len(), 2, "{denied:?}");
    assert!(denied.iter().all(|(target, _, detail)| {
        target.as_deref() == Some(ayses.as_str())
            && detail.as_deref() == Some("application of another person")
    }));
    let (_, detail) = app
        .get_json_with_key(&format!("/api/pre-applications/{ayses}"))
        .await;
    assert_eq!(detail["state"], "pre_application", "nothing changed");
}

#[tokio::test]
async fn without_a_session_the_applicant_routes_answer_401() {
    let app = spawn_app().await;
    let (status, body) = problem(app.call(Method::GET, "/api/applications", None).await).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthenticated");
}

#[tokio::test]
async fn a_change_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    let browser = browser_client();
    login(&browser, &app.address, &ayse).await;
    let response = browser
        .put(app.url(&format!("/api/applications/{id}/form")))
        .json(&valid_form("0532 123 45 67"))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "csrf_token_invalid");
}

#[tokio::test]
async fn an_idle_session_ends() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        app.call(Method::GET, "/api/applications", None)
            .await
            .status(),
        200
    );
    app.clock.advance(Duration::minutes(31));
    assert_eq!(
        app.call(Method::GET, "/api/applications", None)
            .await
            .status(),
        401
    );
}

/// The application's page reads the session in its own statement: it still keeps the
/// session alive, refuses an ended one, and tells a missing application from a missing session.
#[tokio::test]
async fn the_applications_page_keeps_its_session_alive_and_refuses_an_ended_one() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    let page = format!("/api/applications/{id}");
    assert_eq!(app.call(Method::GET, &page, None).await.status(), 401);
    app.login_as(&ayse).await;
    for _ in 0..2 {
        // 58 minutes in all: only a touch at the first read keeps the 30-minute session.
        app.clock.advance(Duration::minutes(29));
        let response = app.call(Method::GET, &page, None).await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["id"], id.as_str());
    }
    let (status, body) = problem(
        app.call(Method::GET, "/api/applications/no-such-application", None)
            .await,
    )
    .await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (404, Some("not_found"))
    );
    app.clock.advance(Duration::minutes(31));
    let (status, body) = problem(app.call(Method::GET, &page, None).await).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (401, Some("unauthenticated"))
    );
}

/// A change reads the session in the statement that locks the application's row: it too keeps
/// the session alive, refuses an ended one without changing anything, and tells a missing
/// application from a missing session.
#[tokio::test]
async fn a_change_keeps_its_session_alive_and_refuses_an_ended_one() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    let draft = format!("/api/applications/{id}/draft");
    let form = valid_form("0532 123 45 67");
    app.login_as(&ayse).await;
    for _ in 0..2 {
        // 58 minutes in all: only a touch at the first change keeps the 30-minute session.
        app.clock.advance(Duration::minutes(29));
        let response = app.call(Method::PUT, &draft, Some(form.clone())).await;
        assert_eq!(response.status(), 204);
    }
    let (status, body) = problem(app.submit_form("no-such-application", form.clone()).await).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (404, Some("not_found"))
    );
    app.clock.advance(Duration::minutes(31));
    for target in [id.as_str(), "no-such-application"] {
        let (status, body) = problem(app.submit_form(target, form.clone()).await).await;
        assert_eq!(
            (status.as_u16(), body["code"].as_str()),
            (401, Some("unauthenticated")),
            "{target}"
        );
    }
    let (_, detail) = app
        .get_json_with_key(&format!("/api/pre-applications/{id}"))
        .await;
    assert_eq!(detail["state"], "pre_application", "nothing changed");
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_limit_even_when_used() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    for _ in 0..16 {
        app.clock.advance(Duration::minutes(29));
        assert_eq!(
            app.call(Method::GET, "/api/applications", None)
                .await
                .status(),
            200
        );
    }
    app.clock.advance(Duration::minutes(29));
    assert_eq!(
        app.call(Method::GET, "/api/applications", None)
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let callback = login(&browser_client(), &app.address, &ayse).await;
    let cookie = set_cookie(&callback, "nes_session").expect("a session cookie");
    assert!(cookie.contains("HttpOnly"));
    assert!(cookie.contains("SameSite=Lax"));
    assert!(!cookie.contains("Secure"), "plain http in tests");
}
