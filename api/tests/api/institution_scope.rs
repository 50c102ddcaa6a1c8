//! API keys belong to one institution: a key sees and acts on its institution's
//! applications only, creates only for it, and stops working once revoked.

use chrono::Utc;
use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{citizen, pre_application, problem, spawn_app, TestApp};

/// A second institution with its own key, written straight into the database (the
/// operator's screens for this have their own tests).
fn other_institution_with_key(app: &TestApp, key: &str) -> String {
    use api::db::schema::{api_keys, institutions};
    let mut conn = api::db::connect(&app.db.url, 1).unwrap().get().unwrap();
    let institution_id = uuid::Uuid::new_v4().to_string();
    let now = api::db::to_db_time(Utc::now());
    diesel::insert_into(institutions::table)
        .values((
            institutions::id.eq(&institution_id),
            institutions::code.eq("OTHER"),
            institutions::name.eq("Başka Bakanlık"),
            institutions::created_at.eq(now),
            institutions::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .unwrap();
    let key_id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(api_keys::table)
        .values((
            api_keys::id.eq(&key_id),
            api_keys::institution_id.eq(&institution_id),
            api_keys::name.eq("other hr"),
            api_keys::key_prefix.eq(&key[..8]),
            api_keys::key_hash.eq(api::secrets::sha256_hex(key.as_bytes())),
            api_keys::created_at.eq(now),
            api_keys::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .unwrap();
    key_id
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
        let mut conn = app.db.pool.get().unwrap();
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
        let mut conn = api::db::connect(&app.db.url, 1).unwrap().get().unwrap();
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
