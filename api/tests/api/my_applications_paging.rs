//! `list_my_applications` in pages: the ongoing applications first, then the completed
//! ones; totals over all pages; everything at once without `page`/`per_page`.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::{citizen, problem, set_cookie, spawn_app, Citizen, TestApp};

/// `completed` cancelled applications, then one left open: the person's history.
async fn history(app: &TestApp, person: &Citizen, completed: usize) -> String {
    for _ in 0..completed {
        let id = app.pre_application_for(person, "institution", false).await;
        let response = app
            .client
            .post(app.url(&format!("/api/pre-applications/{id}/cancellation")))
            .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    app.pre_application_for(person, "institution", false).await
}

fn ids(list: &Value, group: &str) -> Vec<String> {
    list[group]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_person_with_many_applications_reads_them_a_page_at_a_time_ongoing_first() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let open = history(&app, &ayse, 11).await;
    app.login_as(&ayse).await;

    let (status, first) = app.get_json("/api/applications?page=1&per_page=5").await;
    assert_eq!(status, 200);
    assert_eq!(first["total"], 12);
    assert_eq!(first["ongoing_total"], 1);
    assert_eq!(first["completed_total"], 11);
    assert_eq!(first["page"], 1);
    assert_eq!(first["per_page"], 5);
    assert_eq!(first["total_pages"], 3);
    assert_eq!(ids(&first, "ongoing"), [open]);
    assert_eq!(ids(&first, "completed").len(), 4);

    let (_, second) = app.get_json("/api/applications?page=2&per_page=5").await;
    assert!(ids(&second, "ongoing").is_empty());
    assert_eq!(ids(&second, "completed").len(), 5);
    let (_, last) = app.get_json("/api/applications?page=3&per_page=5").await;
    assert_eq!(ids(&last, "completed").len(), 2);
    let (_, beyond) = app.get_json("/api/applications?page=4&per_page=5").await;
    assert!(ids(&beyond, "ongoing").is_empty() && ids(&beyond, "completed").is_empty());
    assert_eq!(beyond["total"], 12);

    // The pages together are the whole list, in its order, each application once.
    let (_, all) = app.get_json("/api/applications").await;
    let mut paged = ids(&first, "completed");
    paged.extend(ids(&second, "completed"));
    paged.extend(ids(&last, "completed"));
    assert_eq!(paged, ids(&all, "completed"));
    assert_eq!(all["total_pages"], 1);
    assert_eq!(all["total"], 12);

    // Only `page`: twenty a page.
    let (_, default_size) = app.get_json("/api/applications?page=1").await;
    assert_eq!(default_size["per_page"], 20);
    assert_eq!(ids(&default_size, "completed").len(), 11);
}

#[tokio::test]
async fn without_paging_the_list_answers_as_before_every_application_at_once() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    history(&app, &ayse, 3).await;
    app.login_as(&ayse).await;
    let (_, all) = app.get_json("/api/applications").await;
    assert_eq!(ids(&all, "ongoing").len(), 1);
    assert_eq!(ids(&all, "completed").len(), 3);
    assert_eq!(all["page"], 1);
    assert_eq!(all["per_page"], 4);
}

#[tokio::test]
async fn a_page_outside_the_documented_bounds_is_refused_with_the_field_named() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    for (query, field) in [
        ("page=0", "page"),
        ("page=100001", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
    ] {
        let (status, body) = problem(
            app.call(Method::GET, &format!("/api/applications?{query}"), None)
                .await,
        )
        .await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(body["code"], "validation_failed");
        assert_eq!(body["fields"][field][0], "out_of_range", "{query}");
    }
}

#[tokio::test]
async fn a_person_without_applications_gets_one_empty_page() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let mehmet = citizen(1);
    app.pre_application_for(&mehmet, "institution", false).await;
    // Ayşe logs in with nothing of her own (the login needs no application).
    app.login_as(&ayse).await;
    let (status, list) = app.get_json("/api/applications?page=1&per_page=20").await;
    assert_eq!(status, 200);
    assert_eq!(list["total"], 0);
    assert_eq!(list["total_pages"], 1);
}

#[tokio::test]
async fn the_session_comes_with_a_readable_hint_that_logout_removes() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.pre_application_for(&ayse, "institution", false).await;
    let browser = crate::helpers::browser_client();
    let landed = crate::helpers::login(&browser, &app.address, &ayse).await;
    let hint = set_cookie(&landed, "nes_session_hint").expect("the hint");
    assert!(hint.starts_with("nes_session_hint=1;"), "{hint}");
    assert!(!hint.to_ascii_lowercase().contains("httponly"), "{hint}");
    let session = set_cookie(&landed, "nes_session").expect("the session");
    assert!(session.to_ascii_lowercase().contains("httponly"));

    let csrf: Value = browser
        .get(app.url("/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let out = browser
        .post(app.url("/api/session/logout"))
        .header("X-CSRF-Token", csrf["csrf_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let removed = set_cookie(&out, "nes_session_hint").expect("the hint removed");
    assert!(removed.contains("Max-Age=0"), "{removed}");
}
