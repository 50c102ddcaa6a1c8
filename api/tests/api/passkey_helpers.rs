//! A software authenticator (webauthn-authenticator-rs's SoftPasskey) standing in for the
//! browser and the phone, and a staff member whose sessions are made directly in the database
//! (the staff login itself is tested elsewhere).

use api::auth::staff::{create_staff_session, SessionStage};
use api::clock::Clock;
use api::config::Config;
use api::db::schema::{audit_log, passkeys, staff_users};
use diesel::prelude::*;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use shared::api::passkeys::{
    PasskeyAuthenticationChallenge, PasskeyRegistrationChallenge, PublicKeyCredential,
    RegisterPublicKeyCredential,
};
use url::Url;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::WebauthnAuthenticator;

use crate::helpers::TestApp;

/// An authenticator that holds its credentials in memory. It cannot keep resident keys nor
/// look them up by itself, so the tests tell it which credential to use, as a browser would
/// after the person picked one.
pub struct Authenticator(WebauthnAuthenticator<SoftPasskey>);

impl Authenticator {
    pub fn new() -> Authenticator {
        // `true`: claim user verification (PIN or biometrics), as the platform would.
        Authenticator(WebauthnAuthenticator::new(SoftPasskey::new(true)))
    }

    /// Creates a credential for the server's options, as `navigator.credentials.create()`.
    pub fn register(
        &mut self,
        origin: &Url,
        challenge: &PasskeyRegistrationChallenge,
    ) -> RegisterPublicKeyCredential {
        let mut options = challenge.options.clone();
        // The server asks for a resident key; this token cannot keep one, and the server
        // does not (cannot) check that it was kept.
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.require_resident_key = false;
        }
        self.0
            .do_registration(origin.clone(), options)
            .expect("the soft authenticator registers")
    }

    /// Signs the server's challenge with `credential_id`, answering `user_handle` as a
    /// discoverable credential does (it is not part of what is signed).
    pub fn sign(
        &mut self,
        origin: &Url,
        challenge: &PasskeyAuthenticationChallenge,
        credential_id: &[u8],
        user_handle: Option<&[u8]>,
    ) -> PublicKeyCredential {
        let mut options = challenge.options.clone();
        if options.public_key.allow_credentials.is_empty() {
            options.public_key.allow_credentials = vec![webauthn_rs_proto::AllowCredentials {
                type_: "public-key".into(),
                id: credential_id.to_vec().into(),
                transports: None,
            }];
        }
        let mut credential = self
            .0
            .do_authentication(origin.clone(), options)
            .expect("the soft authenticator signs");
        credential.response.user_handle = user_handle.map(|h| h.to_vec().into());
        credential
    }
}

/// The origin browsers use for this test server: `localhost`, never an IP address.
pub fn origin(app: &TestApp) -> Url {
    Url::parse(&app.address.replace("127.0.0.1", "localhost")).expect("url")
}

pub async fn start_registration(app: &TestApp, name: &str) -> PasskeyRegistrationChallenge {
    let response = app
        .call(
            Method::POST,
            "/api/me/passkeys/registration",
            Some(json!({ "name": name })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("a registration challenge")
}

pub async fn finish_registration(
    app: &TestApp,
    ceremony_id: &str,
    credential: &RegisterPublicKeyCredential,
) -> Response {
    app.call(
        Method::POST,
        "/api/me/passkeys",
        Some(json!({ "ceremony_id": ceremony_id, "credential": credential })),
    )
    .await
}

/// Registers a passkey for the logged-in applicant; answers its id, the credential id and
/// the user handle the authenticator keeps.
pub async fn register_passkey(
    app: &TestApp,
    authenticator: &mut Authenticator,
    name: &str,
) -> (String, Vec<u8>, Vec<u8>) {
    let challenge = start_registration(app, name).await;
    let user_handle = challenge.options.public_key.user.id.to_vec();
    let credential = authenticator.register(&origin(app), &challenge);
    let response = finish_registration(app, &challenge.ceremony_id, &credential).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let info: Value = response.json().await.expect("json");
    (
        info["id"].as_str().expect("an id").to_owned(),
        credential.raw_id.to_vec(),
        user_handle,
    )
}

pub async fn start_login(
    client: &reqwest::Client,
    app: &TestApp,
) -> PasskeyAuthenticationChallenge {
    let response = client
        .post(app.url("/api/auth/passkey/challenge"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("a login challenge")
}

pub async fn finish_login(
    client: &reqwest::Client,
    app: &TestApp,
    ceremony_id: &str,
    credential: &PublicKeyCredential,
) -> Response {
    client
        .post(app.url("/api/auth/passkey/login"))
        .json(&json!({ "ceremony_id": ceremony_id, "credential": credential }))
        .send()
        .await
        .expect("request")
}

/// A credential shaped like a registration but made of random bytes.
pub fn garbage_registration() -> Value {
    json!({
        "id": "AAAAAAAAAAAAAAAAAAAAAA",
        "rawId": "AAAAAAAAAAAAAAAAAAAAAA",
        "response": {
            "attestationObject": "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVgA",
            "clientDataJSON": "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0",
        },
        "type": "public-key",
        "extensions": {},
    })
}

pub fn passkey_rows(app: &TestApp) -> i64 {
    let mut conn = app.db.connection();
    passkeys::table
        .count()
        .get_result(&mut conn)
        .expect("count")
}

/// How many audit entries of `action` with `outcome` there are.
pub fn audit_entries(app: &TestApp, action: &str, outcome: &str) -> i64 {
    let mut conn = app.db.connection();
    audit_log::table
        .filter(audit_log::action.eq(action))
        .filter(audit_log::outcome.eq(outcome))
        .count()
        .get_result(&mut conn)
        .expect("count")
}

/// A staff member's browser: their session cookie and CSRF token, sent by hand.
pub struct StaffBrowser {
    pub raw_session_id: String,
    pub csrf: String,
    client: reqwest::Client,
}

/// The configuration the test server runs with, for the session and CSRF helpers.
fn test_config() -> Config {
    Config::from_lookup(|_| None).expect("the development configuration")
}

/// An operator account, made directly in the database.
pub fn create_operator(app: &TestApp, username: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let mut conn = app.db.connection();
    diesel::insert_into(staff_users::table)
        .values((
            staff_users::id.eq(&id),
            staff_users::username.eq(username),
            staff_users::display_name.eq("Deniz Operatör"),
            staff_users::role.eq("operator"),
            staff_users::password_hash.eq("not-used-by-these-tests"),
            staff_users::created_at.eq(app.clock.now().naive_utc()),
            staff_users::created_by.eq("test"),
        ))
        .execute(&mut conn)
        .expect("insert a staff member");
    id
}

impl StaffBrowser {
    /// A session of `staff_id` in `stage`, as the staff login would leave it.
    pub fn open(app: &TestApp, staff_id: &str, stage: SessionStage) -> StaffBrowser {
        let config = test_config();
        let mut conn = app.db.connection();
        let raw = create_staff_session(&mut conn, staff_id, stage, app.clock.now(), &config)
            .expect("a staff session");
        StaffBrowser {
            csrf: config.secrets.csrf_token(&raw),
            raw_session_id: raw,
            client: crate::helpers::browser_client(),
        }
    }

    pub async fn call(
        &self,
        app: &TestApp,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut request = self
            .client
            .request(method, app.url(path))
            .header(
                "Cookie",
                format!("nes_staff_session={}", self.raw_session_id),
            )
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }
}

/// A second applicant's browser on the same server.
pub struct ApplicantBrowser {
    client: reqwest::Client,
    csrf: String,
}

impl ApplicantBrowser {
    pub async fn login(app: &TestApp, citizen: &crate::helpers::Citizen) -> ApplicantBrowser {
        let client = crate::helpers::browser_client();
        crate::helpers::login(&client, &app.address, citizen).await;
        let session: Value = client
            .get(app.url("/api/session"))
            .send()
            .await
            .expect("session")
            .json()
            .await
            .expect("json");
        let csrf = session["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_owned();
        ApplicantBrowser { client, csrf }
    }

    pub async fn call(
        &self,
        app: &TestApp,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Response {
        let mut request = self
            .client
            .request(method, app.url(path))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }
}
