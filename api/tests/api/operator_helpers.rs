//! Staff sessions for the operator's tests, and the applications they act on.
//!
//! A staff member and an active session (both factors done) are written straight into the
//! database: the login itself (password, TOTP, lockout) has its own tests, these are about
//! what an operator may do once logged in. The CSRF token comes from `GET /api/staff/session`,
//! as the browser gets it.
#![allow(dead_code)] // a toolbox: not every test module uses every tool

use std::sync::Arc;

use diesel::prelude::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{browser_client, citizen, pre_application, Citizen, TestApp};

/// A browser with a staff session cookie and its CSRF token.
pub struct StaffClient {
    pub client: reqwest::Client,
    pub username: String,
    csrf: String,
    address: String,
}

impl StaffClient {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let response = self.call(Method::GET, path, None).await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> Response {
        self.call(Method::POST, path, body).await
    }

    /// The same session, without the CSRF header.
    pub async fn post_without_csrf(&self, path: &str) -> Response {
        self.client
            .post(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn record_payment(&self, id: &str) -> Response {
        self.post(&format!("/api/pre-applications/{id}/payment"), None)
            .await
    }

    pub async fn record_step(&self, id: &str, body: Value) -> Response {
        self.post(
            &format!("/api/pre-applications/{id}/production-events"),
            Some(body),
        )
        .await
    }

    pub async fn ship(&self, id: &str, tracking_number: &str) -> Response {
        self.record_step(
            id,
            json!({"event": "shipped", "courier": "PTT Kargo", "tracking_number": tracking_number}),
        )
        .await
    }

    /// `POST /api/operator/institutions`; answers the new institution's id.
    pub async fn create_institution(&self, code: &str, name: &str) -> String {
        let response = self
            .post(
                "/api/operator/institutions",
                Some(json!({"code": code, "name": name})),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.expect("json");
        body["id"].as_str().expect("an id").to_owned()
    }

    /// `POST /api/operator/institutions/{id}/api-keys`; answers (key id, the key itself).
    pub async fn create_api_key(&self, institution_id: &str, name: &str) -> (String, String) {
        let response = self
            .post(
                &format!("/api/operator/institutions/{institution_id}/api-keys"),
                Some(json!({ "name": name })),
            )
            .await;
        assert_eq!(response.status(), StatusCode::CREATED);
        let body: Value = response.json().await.expect("json");
        (
            body["key"]["id"].as_str().expect("a key id").to_owned(),
            body["api_key"].as_str().expect("the key").to_owned(),
        )
    }
}

/// The id of the development institution (`DEV`), seeded with the development key.
pub fn dev_institution_id(app: &TestApp) -> String {
    use api::db::schema::institutions;
    let mut conn = app.db.connection();
    institutions::table
        .filter(institutions::code.eq("DEV"))
        .select(institutions::id)
        .first(&mut conn)
        .expect("the DEV institution")
}

/// A staff member of `role` (`operator`, or `officer` of `institution_id`) with an active
/// session, in a browser of its own.
pub async fn staff_session(
    app: &TestApp,
    username: &str,
    role: &str,
    institution_id: Option<&str>,
) -> StaffClient {
    use api::db::schema::{staff_sessions, staff_users};
    let raw = api::secrets::random_token();
    {
        let mut conn = app.db.connection();
        let clock_now = api::clock::Clock::now(app.clock.as_ref());
        let now = api::db::to_db_time(clock_now);
        let id = uuid::Uuid::new_v4().to_string();
        diesel::insert_into(staff_users::table)
            .values((
                staff_users::id.eq(&id),
                staff_users::username.eq(username),
                staff_users::display_name.eq(format!("Test {username}")),
                staff_users::role.eq(role),
                staff_users::institution_id.eq(institution_id),
                // Never used: these sessions skip the login.
                staff_users::password_hash.eq("-"),
                staff_users::totp_enabled_at.eq(Some(now)),
                staff_users::created_at.eq(now),
                staff_users::created_by.eq("test"),
            ))
            .execute(&mut conn)
            .expect("a staff member");
        let far = api::db::to_db_time(clock_now + chrono::Duration::days(3650));
        diesel::insert_into(staff_sessions::table)
            .values((
                staff_sessions::id_hash.eq(api::secrets::sha256_hex(raw.as_bytes())),
                staff_sessions::staff_id.eq(&id),
                staff_sessions::stage.eq("active"),
                staff_sessions::created_at.eq(now),
                staff_sessions::last_seen_at.eq(now),
                staff_sessions::absolute_expires_at.eq(far),
            ))
            .execute(&mut conn)
            .expect("a staff session");
    }
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.address.parse().expect("the address");
    jar.add_cookie_str(&format!("nes_staff_session={raw}; Path=/"), &url);
    let client = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("nes-api-tests/1.0")
        .build()
        .expect("a reqwest client");
    let session: Value = client
        .get(app.url("/api/staff/session"))
        .send()
        .await
        .expect("the staff session")
        .json()
        .await
        .expect("json");
    StaffClient {
        client,
        username: username.to_owned(),
        csrf: session["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_owned(),
        address: app.address.clone(),
    }
}

pub async fn operator(app: &TestApp) -> StaffClient {
    staff_session(app, "operator.one", "operator", None).await
}

/// Pre-application (development key) → form → SMS → e-Onay: an approved application of
/// `citizen(0)`, whose phone is +90 532 123 45 67. Prepaid and paid by the person, it waits
/// for the payment.
pub async fn approved(app: &TestApp, payer: &str, prepaid: bool) -> String {
    let id = app
        .phone_verified_application(&citizen(0), payer, prepaid)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    assert_eq!(
        app.approve(&id, &version, &sha256, true).await.status(),
        StatusCode::OK
    );
    id
}

/// A pre-application for `citizen` created with `key`; answers its id.
pub async fn pre_application_with_key(app: &TestApp, key: &str, citizen: &Citizen) -> String {
    let mut row = pre_application(
        &citizen.tckn,
        &citizen.first_name,
        &citizen.last_name,
        "person",
        true,
    );
    // A key creates for its own institution: the row need not name it.
    row["institution"] = Value::String(String::new());
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(key)
        .json(&json!({ "items": [row] }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["created"], 1, "{body}");
    body["results"][0]["application_id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// A browser that never logged in.
pub fn anonymous() -> reqwest::Client {
    browser_client()
}
