use chrono::Duration;
use serde_json::{json, Value};

use crate::helpers::{citizen, problem, spawn_app, valid_form, TestApp};

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

async fn approved(app: &TestApp, payer: &str, prepaid: bool) -> String {
    let id = app
        .phone_verified_application(&citizen(0), payer, prepaid)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    assert_eq!(
        app.approve(&id, &version, &sha256, true).await.status(),
        200
    );
    id
}

fn sha256_hex(key: &str) -> String {
    hex::encode(<sha2::Sha256 as sha2::Digest>::digest(key.as_bytes()))
}

#[tokio::test]
async fn an_integrator_follows_its_own_applications_and_no_one_elses() {
    let keys = format!(
        "development:{},other:{}",
        sha256_hex(api::config::DEV_INTEGRATOR_KEY),
        sha256_hex("other-key")
    );
    let app = crate::helpers::spawn_app_with(&[("NES_INTEGRATOR_KEYS", &keys)]).await;
    let id = app
        .pre_application_for(&citizen(0), "institution", false)
        .await;
    let get = |key: &'static str| {
        app.client
            .get(app.url(&format!("/api/pre-applications/{id}")))
            .bearer_auth(key)
            .send()
    };
    let response = get(api::config::DEV_INTEGRATOR_KEY).await.unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["state"], "pre_application");
    assert_eq!(body["timeline"][0]["actor"], "integrator");

    let (status, body) = problem(get("other-key").await.unwrap()).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
}

#[tokio::test]
async fn a_payment_starts_production_of_a_prepaid_order_and_the_applicant_sees_it() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let response =
        integrator_post(&app, &format!("/api/pre-applications/{id}/payment"), None).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["state"], "in_production");

    let (_, result) = app
        .get_json(&format!("/api/applications/{id}/result"))
        .await;
    assert_eq!(result["payment"]["paid"], true);
    let (status, body) =
        problem(integrator_post(&app, &format!("/api/pre-applications/{id}/payment"), None).await)
            .await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");
}

#[tokio::test]
async fn production_steps_follow_each_other_in_order() {
    let app = spawn_app().await;
    let id = approved(&app, "institution", false).await;
    let path = format!("/api/pre-applications/{id}/production-events");
    let (status, body) =
        problem(integrator_post(&app, &path, Some(json!({"event": "shipped"}))).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");
    for (event, state) in [
        ("produced", "produced"),
        ("shipped", "shipped"),
        ("delivered", "delivered"),
    ] {
        let response = integrator_post(&app, &path, Some(json!({ "event": event }))).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.json::<Value>().await.unwrap()["state"], state);
    }
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["completed"][0]["state"], "delivered");
    assert_eq!(list["completed"][0]["next_action"], "none");
}

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

    let mut conn = app.db.pool.get().unwrap();
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
