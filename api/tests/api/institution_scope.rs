//! API keys belong to one institution: a key sees and acts on its institution's
//! applications only, creates only for it, and stops working once revoked.

use chrono::Utc;
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{citizen, institution_with_key, pre_application, problem, spawn_app, TestApp};

/// A second institution with its own key.
fn other_institution_with_key(app: &TestApp, key: &str) -> String {
    institution_with_key(&app.db.url, "OTHER", "Başka Bakanlık", key).1
}

async fn call_with_key(
    app: &TestApp,
    key: &str,
    method: reqwest::Method,
    path: &str,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_key_cannot_see_or_cancel_another_institutions_application() {
    let app = spawn_app().await;
    let other_key = "other-institution-key-0123456789abcdef";
    other_institution_with_key(&app, other_key);
    let id = app.pre_application_for(&citizen(0), "person", false).await;

    let response = call_with_key(
        &app,
        other_key,
        reqwest::Method::GET,
        &format!("/api/pre-applications/{id}"),
    )
    .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "not_found");

    let path = format!("/api/pre-applications/{id}/cancellation");
    let (status, _) =
        problem(call_with_key(&app, other_key, reqwest::Method::POST, &path).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, summary) = app
        .get_json_with_key(&format!("/api/pre-applications/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        summary["state"], "pre_application",
        "still open after the refused cancel"
    );
    // Both refusals are in the audit trail, filed under the institution that asked.
    let other_institution: String = {
        use api::db::schema::institutions;
        let mut conn = app.db.connection();
        institutions::table
            .filter(institutions::code.eq("OTHER"))
            .select(institutions::id)
            .first(&mut conn)
            .unwrap()
    };
    let denied = crate::officer_helpers::audit_entries(&app, "access_denied");
    assert_eq!(denied.len(), 2, "{denied:?}");
    for (target, institution, detail) in denied {
        assert_eq!(target.as_deref(), Some(id.as_str()));
        assert_eq!(institution.as_deref(), Some(other_institution.as_str()));
        assert_eq!(
            detail.as_deref(),
            Some("application of another institution")
        );
    }
}

#[tokio::test]
async fn what_a_key_creates_belongs_to_its_institution_whatever_the_row_calls_it() {
    let app = spawn_app().await;
    let other_key = "other-institution-key-0123456789abcdef";
    other_institution_with_key(&app, other_key);
    let c = citizen(1);
    let mut row = pre_application(&c.tckn, &c.first_name, &c.last_name, "person", false);
    row["institution"] = Value::String("Geliştirme Kurumu".into());
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(other_key)
        .json(&serde_json::json!({ "items": [row] }))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["created"], 1, "{body}");
    let id = body["results"][0]["application_id"].as_str().unwrap();
    let path = format!("/api/pre-applications/{id}");
    let (status, _) = app.get_json_with_key(&path).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the development key does not see it"
    );
    let response = call_with_key(&app, other_key, reqwest::Method::GET, &path).await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_revoked_key_is_refused_at_once() {
    let app = spawn_app().await;
    let key = "soon-revoked-key-0123456789abcdef";
    let key_id = other_institution_with_key(&app, key);
    let path = "/api/pre-applications/00000000-0000-0000-0000-000000000000";
    assert_eq!(
        call_with_key(&app, key, reqwest::Method::GET, path)
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "the key works before it is revoked"
    );
    {
        use api::db::schema::api_keys;
        let mut conn = app.db.connection();
        diesel::update(api_keys::table.find(&key_id))
            .set(api_keys::revoked_at.eq(api::db::to_db_time(Utc::now())))
            .execute(&mut conn)
            .unwrap();
    }
    let (status, body) = problem(call_with_key(&app, key, reqwest::Method::GET, path).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "api_key_invalid");
}

#[tokio::test]
async fn payments_and_production_steps_are_not_for_api_keys() {
    let app = spawn_app().await;
    let id = app.pre_application_for(&citizen(0), "person", true).await;
    for step in ["payment", "production-events"] {
        let path = format!("/api/pre-applications/{id}/{step}");
        let response = app
            .client
            .post(app.url(&path))
            .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
            .json(&serde_json::json!({ "event": "produced" }))
            .send()
            .await
            .unwrap();
        let (status, body) = problem(response).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{step}");
        assert_eq!(body["code"], "unauthenticated", "{step}");
    }
}

async fn create_with_key(app: &TestApp, key: &str, rows: Vec<Value>) -> reqwest::Response {
    app.client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(key)
        .json(&serde_json::json!({ "items": rows }))
        .send()
        .await
        .unwrap()
}

fn labelled(person: usize, label: &str) -> Value {
    let c = citizen(person);
    let mut row = pre_application(&c.tckn, &c.first_name, &c.last_name, "person", false);
    row["institution"] = label.into();
    row
}

/// The one row's result of a one-row answer, which must be a 200.
async fn only_result(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["results"][0].clone()
}

#[tokio::test]
async fn two_institutions_naming_the_same_person_under_the_same_label_each_get_their_own() {
    let app = spawn_app().await;
    let other_key = "other-institution-key-0123456789abcdef";
    other_institution_with_key(&app, other_key);
    let dev_key = api::config::DEV_INTEGRATOR_KEY;
    // Both orders: the development institution first for one person, the other first for
    // the next one.
    for (person, keys) in [(0, [dev_key, other_key]), (1, [other_key, dev_key])] {
        let first = only_result(
            create_with_key(&app, keys[0], vec![labelled(person, "Ortak Birim")]).await,
        )
        .await;
        let second = only_result(
            create_with_key(&app, keys[1], vec![labelled(person, "Ortak Birim")]).await,
        )
        .await;
        assert_eq!(first["outcome"], "created");
        // Nothing in the second answer says the person applies elsewhere.
        assert_eq!(second["outcome"], "created");
        assert!(second["errors"].is_null());
        assert_ne!(first["application_id"], second["application_id"]);
        // Each key sees its own and not the other's.
        for (key, own, other) in [(keys[0], &first, &second), (keys[1], &second, &first)] {
            let path = |r: &Value| {
                format!(
                    "/api/pre-applications/{}",
                    r["application_id"].as_str().unwrap()
                )
            };
            let seen = call_with_key(&app, key, reqwest::Method::GET, &path(own)).await;
            assert_eq!(seen.status(), StatusCode::OK);
            let hidden = call_with_key(&app, key, reqwest::Method::GET, &path(other)).await;
            assert_eq!(hidden.status(), StatusCode::NOT_FOUND);
        }
    }
}

#[tokio::test]
async fn the_same_person_under_another_wording_of_the_same_institution_is_the_same_application() {
    let app = spawn_app().await;
    let key = api::config::DEV_INTEGRATOR_KEY;
    let first =
        only_result(create_with_key(&app, key, vec![labelled(0, "Bilgi İşlem Dairesi")]).await)
            .await;
    let again =
        only_result(create_with_key(&app, key, vec![labelled(0, "Personel Dairesi")]).await).await;
    assert_eq!(first["outcome"], "created");
    assert_eq!(again["outcome"], "existing");
    assert_eq!(first["application_id"], again["application_id"]);
}

#[tokio::test]
async fn a_label_that_could_mislead_in_an_official_e_mail_is_refused_per_row() {
    let app = spawn_app().await;
    let key = api::config::DEV_INTEGRATOR_KEY;
    let response = create_with_key(
        &app,
        key,
        vec![
            labelled(0, "Geliştirme Kurumu \u{202e} https://evil.example"),
            labelled(1, "Geliştirme Kurumu https://evil.example"),
            labelled(2, &"Çok uzun birim adı ".repeat(10)),
            labelled(3, "Bilgi İşlem Dairesi"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let code = |i: usize| body["results"][i]["errors"]["institution"][0].clone();
    assert_eq!(code(0), "invalid_characters");
    assert_eq!(code(1), "link_not_allowed");
    assert_eq!(code(2), "too_long");
    assert_eq!(body["results"][3]["outcome"], "created");
    assert_eq!(body["created"], 1);
}

#[tokio::test]
async fn fifty_requests_at_once_from_two_institutions_give_each_one_application_and_no_error() {
    let app = spawn_app().await;
    let other_key = "other-institution-key-0123456789abcdef";
    other_institution_with_key(&app, other_key);
    let dev_key = api::config::DEV_INTEGRATOR_KEY;
    let answers = futures_util::future::join_all((0..50).map(|i| {
        let key = if i % 2 == 0 { dev_key } else { other_key };
        let app = &app;
        async move {
            (
                key,
                create_with_key(app, key, vec![labelled(0, "Ortak Birim")]).await,
            )
        }
    }))
    .await;
    let mut ids: std::collections::BTreeMap<&str, std::collections::BTreeSet<String>> =
        Default::default();
    for (key, answer) in answers {
        if answer.status() == StatusCode::SERVICE_UNAVAILABLE {
            continue;
        }
        let result = only_result(answer).await;
        assert!(result["errors"].is_null(), "{result}");
        ids.entry(key)
            .or_default()
            .insert(result["application_id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 2);
    assert!(ids.values().all(|set| set.len() == 1), "{ids:?}");
}
