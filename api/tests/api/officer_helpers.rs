//! Officers of institutions for the officer tests: a second institution, an officer session
//! (written straight into the database by `operator_helpers::staff_session`; the login has its
//! own tests), and the officer's calls.
#![allow(dead_code)] // a toolbox: not every test module uses every tool

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{Citizen, TestApp};
use crate::operator_helpers::{dev_institution_id, staff_session, StaffClient};

/// An institution written straight into the database; answers its id.
pub fn institution(app: &TestApp, code: &str, name: &str) -> String {
    use api::db::schema::institutions;
    let mut conn = app.db.connection();
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(institutions::table)
        .values((
            institutions::id.eq(&id),
            institutions::code.eq(code),
            institutions::name.eq(name),
            institutions::created_at.eq(api::db::to_db_time(now(app))),
            institutions::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .expect("an institution");
    id
}

/// Moves the clock by days while the staff keep working: their sessions were in use all
/// along (an idle session would otherwise end, which is not what these tests are about).
pub fn advance_days(app: &TestApp, days: i64) {
    use api::db::schema::staff_sessions;
    app.clock.advance(chrono::Duration::days(days));
    let mut conn = app.db.connection();
    diesel::update(staff_sessions::table)
        .set(staff_sessions::last_seen_at.eq(api::db::to_db_time(now(app))))
        .execute(&mut conn)
        .expect("sessions kept alive");
}

pub fn now(app: &TestApp) -> DateTime<Utc> {
    api::clock::Clock::now(app.clock.as_ref())
}

/// A staff session of an institution's officer, with the session's CSRF token.
pub struct OfficerClient {
    pub staff: StaffClient,
    pub institution_id: String,
    csrf: String,
}

/// An officer of the development institution (`DEV`, the one of the development API key).
pub async fn dev_officer(app: &TestApp) -> OfficerClient {
    let institution_id = dev_institution_id(app);
    officer_of(app, "officer.dev", &institution_id).await
}

pub async fn officer_of(app: &TestApp, username: &str, institution_id: &str) -> OfficerClient {
    let staff = staff_session(app, username, "officer", Some(institution_id)).await;
    let session: Value = staff
        .client
        .get(app.url("/api/staff/session"))
        .send()
        .await
        .expect("the staff session")
        .json()
        .await
        .expect("json");
    OfficerClient {
        csrf: session["csrf_token"].as_str().expect("a token").to_owned(),
        staff,
        institution_id: institution_id.to_owned(),
    }
}

impl OfficerClient {
    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.staff.get(path).await
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> Response {
        self.staff.post(path, body).await
    }

    /// `list_institution_applications` with a query string (`""` or `"?state=…"`).
    pub async fn list(&self, query: &str) -> (StatusCode, Value) {
        self.get(&format!("/api/officer/applications{query}")).await
    }

    /// The references on one page of the list, in order.
    pub async fn references(&self, query: &str) -> Vec<String> {
        let (status, body) = self.list(query).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["reference"].as_str().expect("a reference").to_owned())
            .collect()
    }

    pub async fn detail(&self, id: &str) -> (StatusCode, Value) {
        self.get(&format!("/api/officer/applications/{id}")).await
    }

    pub async fn resend(&self, id: &str) -> Response {
        self.post(
            &format!("/api/officer/applications/{id}/notification"),
            None,
        )
        .await
    }

    /// `resend_pre_application_email` with an `Idempotency-Key`.
    pub async fn resend_with_key(&self, id: &str, key: &str) -> Response {
        self.staff
            .client
            .post(
                self.staff
                    .url(&format!("/api/officer/applications/{id}/notification")),
            )
            .header("X-CSRF-Token", &self.csrf)
            .header("Idempotency-Key", key)
            .send()
            .await
            .expect("request")
    }

    pub async fn cancel(&self, id: &str) -> Response {
        self.post(&format!("/api/pre-applications/{id}/cancellation"), None)
            .await
    }

    /// One pre-application through `create_pre_applications` with the officer's session;
    /// answers (outcome, application id, reference).
    pub async fn create(&self, citizen: &Citizen) -> (String, String, String) {
        let row = json!({
            "tckn": citizen.tckn,
            "first_name": citizen.first_name,
            "last_name": citizen.last_name,
            "email": format!("{}@kurum.gov.tr", citizen.tckn),
            "payer": "institution",
            "prepaid": false,
        });
        let response = self
            .post("/api/pre-applications", Some(json!({ "items": [row] })))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.expect("json");
        let result = &body["results"][0];
        (
            result["outcome"].as_str().expect("an outcome").to_owned(),
            result["application_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            result["reference"].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// `import_pre_applications_csv` with `body` as the file.
    pub async fn import(&self, mode: &str, body: impl Into<reqwest::Body>) -> Response {
        self.import_with_key(mode, body, None).await
    }

    /// [`OfficerClient::import`], with an `Idempotency-Key` when one is given.
    pub async fn import_with_key(
        &self,
        mode: &str,
        body: impl Into<reqwest::Body>,
        key: Option<&str>,
    ) -> Response {
        let mut request = self
            .staff
            .client
            .request(
                Method::POST,
                self.staff
                    .url(&format!("/api/officer/pre-application-imports?mode={mode}")),
            )
            .header("X-CSRF-Token", &self.csrf)
            .header("Content-Type", "text/csv");
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.body(body).send().await.expect("request")
    }

    /// An import that must succeed; answers its report.
    pub async fn import_ok(&self, mode: &str, csv: &str) -> Value {
        let response = self.import(mode, csv.to_owned()).await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

/// The audit entries of `action`, as (target, institution_id, detail).
pub fn audit_entries(
    app: &TestApp,
    action: &str,
) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    use api::db::schema::audit_log;
    let mut conn = app.db.connection();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .order(audit_log::seq.asc())
        .select((
            audit_log::target,
            audit_log::institution_id,
            audit_log::detail,
        ))
        .load(&mut conn)
        .expect("audit entries")
}

/// How many applications exist at all.
pub fn application_count(app: &TestApp) -> i64 {
    use api::db::schema::applications;
    let mut conn = app.db.connection();
    applications::table
        .count()
        .get_result(&mut conn)
        .expect("a count")
}
