use chrono::Duration;
use serde_json::Value;

use crate::helpers::{citizen, problem, spawn_app, valid_form, TestApp};
use crate::operator_helpers::{approved, operator};

async fn integrator_post(app: &TestApp, path: &str, body: Option<Value>) -> reqwest::Response {
    let mut request = app
        .client
        .post(app.url(path))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap()
}

#[tokio::test]
async fn an_integrator_follows_its_institutions_applications_and_no_one_elses() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let other = operator.create_institution("OTHER", "Başka Bakanlık").await;
    let (_, other_key) = operator.create_api_key(&other, "İK").await;
    let id = app
        .pre_application_for(&citizen(0), "institution", false)
        .await;
    let get = |key: String| {
        app.client
            .get(app.url(&format!("/api/pre-applications/{id}")))
            .bearer_auth(key)
            .send()
    };
    let response = get(api::config::DEV_INTEGRATOR_KEY.to_owned())
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["state"], "pre_application");
    assert_eq!(body["timeline"][0]["actor"], "integrator");

    let (status, body) = problem(get(other_key).await.unwrap()).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
}

// Payment and production are the operator's: see operator_production.rs.

#[tokio::test]
async fn an_application_can_be_cancelled_before_production_but_not_after() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    let response = integrator_post(
        &app,
        &format!("/api/pre-applications/{id}/cancellation"),
        None,
    )
    .await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["state"],
        "cancelled"
    );
    app.login_as(&ayse).await;
    let (status, body) = problem(app.submit_form(&id, valid_form("0532 123 45 67")).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");

    // A new pre-application for the same person is possible once the old one is closed.
    let again = app.pre_application_for(&ayse, "institution", false).await;
    assert_ne!(again, id);

    let other = spawn_app().await;
    let in_production = approved(&other, "institution", false).await;
    let response = integrator_post(
        &other,
        &format!("/api/pre-applications/{in_production}/cancellation"),
        None,
    )
    .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");
}

#[tokio::test]
async fn after_the_deadline_the_form_is_refused_and_the_sweep_expires_it() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    app.clock.advance(Duration::days(30) + Duration::seconds(1));
    app.login_as(&ayse).await;
    let (status, body) = problem(app.submit_form(&id, valid_form("0532 123 45 67")).await).await;
    assert_eq!(status, 410);
    assert_eq!(body["code"], "application_expired");

    let mut conn = app.db.connection();
    let now = api::clock::Clock::now(app.clock.as_ref());
    assert_eq!(
        api::applications::back_office::expire_overdue(&mut conn, now).unwrap(),
        1
    );
    assert_eq!(
        api::applications::back_office::expire_overdue(&mut conn, now).unwrap(),
        0
    );
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["completed"][0]["state"], "expired");
    let kinds: Vec<&str> = list["completed"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.last(), Some(&"expired"));
}
