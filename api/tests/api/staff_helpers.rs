//! Staff members for the staff login tests: accounts made with the real use case (real
//! argon2 hashes), a browser per staff member, and TOTP codes computed from the secret the
//! enrolment showed, at the test's clock.
#![allow(dead_code)] // a toolbox: not every test module uses every tool

use api::admin::create_operator::{create_operator, CreateOperatorArgs};
use api::staff::password::Password;
use api::staff::totp::{step_of, TotpSecret, STEP_SECONDS};
use diesel::prelude::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{browser_client, TestApp};

pub const PASSWORD: &str = "uzun ve güvenli bir parola";

pub fn now(app: &TestApp) -> chrono::DateTime<chrono::Utc> {
    api::clock::Clock::now(app.clock.as_ref())
}

/// An operator made the way `nes-admin create-operator` makes one.
pub fn create_operator_account(app: &TestApp, username: &str) {
    let mut conn = app.db.connection();
    let args = CreateOperatorArgs {
        username: username.to_owned(),
        display_name: format!("Operatör {username}"),
        email: None,
    };
    create_operator(&mut conn, &args, &Password::new(PASSWORD), now(app)).expect("an operator");
}

/// The code of the authenticator app for `secret` (base32), `steps_ahead` steps after the
/// test clock's current one.
pub fn code(app: &TestApp, secret: &str, steps_ahead: u64) -> String {
    let secret = TotpSecret::from_base32(secret).expect("a base32 secret");
    secret.code_at_step(step_of(now(app)) + steps_ahead)
}

/// Moves the test clock to the next TOTP step, so a new code is due.
pub fn next_step(app: &TestApp) {
    app.clock.advance(chrono::Duration::seconds(
        i64::try_from(STEP_SECONDS).unwrap(),
    ));
}

/// One browser of one staff member: keeps the cookie, and the CSRF token once it has one.
pub struct StaffBrowser {
    pub client: reqwest::Client,
    address: String,
    pub csrf: String,
}

impl StaffBrowser {
    pub fn new(app: &TestApp) -> StaffBrowser {
        StaffBrowser {
            client: browser_client(),
            address: app.address.clone(),
            csrf: String::new(),
        }
    }

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

    /// Step one; keeps the CSRF token of the new session.
    pub async fn login(&mut self, username: &str, password: &str) -> Response {
        let response = self
            .call(
                Method::POST,
                "/api/staff/session",
                Some(json!({ "username": username, "password": password })),
            )
            .await;
        if response.status() == StatusCode::OK {
            self.refresh_csrf().await;
        }
        response
    }

    pub async fn refresh_csrf(&mut self) {
        let (status, session) = self.get("/api/staff/session").await;
        assert_eq!(status, StatusCode::OK, "{session}");
        self.csrf = session["csrf_token"].as_str().expect("a token").to_owned();
    }

    /// Step two; keeps the new CSRF token when it succeeds.
    pub async fn totp(&mut self, code: &str) -> Response {
        let response = self
            .call(
                Method::POST,
                "/api/staff/session/totp",
                Some(json!({ "code": code })),
            )
            .await;
        if response.status() == StatusCode::OK {
            self.refresh_csrf().await;
        }
        response
    }

    /// Starts the enrolment; answers the secret shown.
    pub async fn start_enrolment(&self) -> String {
        let response = self
            .call(Method::POST, "/api/staff/totp-enrolment", None)
            .await;
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.expect("json");
        body["secret"].as_str().expect("a secret").to_owned()
    }

    pub async fn confirm_enrolment(&mut self, code: &str) -> Response {
        let response = self
            .call(
                Method::POST,
                "/api/staff/totp-enrolment/confirmation",
                Some(json!({ "code": code })),
            )
            .await;
        if response.status() == StatusCode::OK {
            self.refresh_csrf().await;
        }
        response
    }

    pub async fn logout(&self) -> Response {
        self.call(Method::POST, "/api/staff/session/logout", None)
            .await
    }

    pub async fn change_password(&self, current: &str, new: &str) -> Response {
        self.call(
            Method::PUT,
            "/api/staff/password",
            Some(json!({ "current_password": current, "new_password": new })),
        )
        .await
    }

    pub async fn create_account(&self, body: Value) -> Response {
        self.call(Method::POST, "/api/operator/staff", Some(body))
            .await
    }

    pub async fn unlock(&self, id: &str) -> Response {
        self.call(
            Method::POST,
            &format!("/api/operator/staff/{id}/unlock"),
            None,
        )
        .await
    }

    /// The account of `username` in the operator's list.
    pub async fn account(&self, username: &str) -> Value {
        let (status, body) = self.get("/api/operator/staff").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["accounts"]
            .as_array()
            .expect("accounts")
            .iter()
            .find(|a| a["username"] == username)
            .cloned()
            .unwrap_or_else(|| panic!("no account {username} in {body}"))
    }
}

/// A staff member who has logged in for the first time and set up the authenticator app:
/// their browser (active session) and the TOTP secret.
pub async fn enrolled(app: &TestApp, username: &str, password: &str) -> (StaffBrowser, String) {
    let mut browser = StaffBrowser::new(app);
    let response = browser.login(username, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    let secret = browser.start_enrolment().await;
    let response = browser.confirm_enrolment(&code(app, &secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    (browser, secret)
}

/// The first operator (made by the command), logged in with both factors.
pub async fn first_operator(app: &TestApp) -> (StaffBrowser, String) {
    create_operator_account(app, "operator.first");
    enrolled(app, "operator.first", PASSWORD).await
}

/// The `(action, outcome, target)` of every audit entry, oldest first.
pub fn audit_trail(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    use api::db::schema::audit_log;
    let mut conn = app.db.connection();
    audit_log::table
        .order(audit_log::seq.asc())
        .select((audit_log::action, audit_log::outcome, audit_log::target))
        .load(&mut conn)
        .expect("audit entries")
}

pub fn audited(app: &TestApp, action: &str, outcome: &str, target: &str) -> usize {
    audit_trail(app)
        .into_iter()
        .filter(|(a, o, t)| a == action && o == outcome && t.as_deref() == Some(target))
        .count()
}

/// The problem code of an error answer.
pub async fn code_of(response: Response) -> (StatusCode, String, Value) {
    let status = response.status();
    let body: Value = response.json().await.expect("a problem body");
    (
        status,
        body["code"].as_str().unwrap_or_default().to_owned(),
        body,
    )
}
