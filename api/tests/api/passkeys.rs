//! Passkeys: registration and usernameless login of applicants, the ceremony rules (state on
//! the server, used up before verification, 5 minutes), managing one's own passkeys, and the
//! passkey as a staff member's second factor.

use api::auth::staff::SessionStage;
use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shared::api::passkeys::PasskeyAuthenticationChallenge;

use crate::helpers::{browser_client, citizen, problem, set_cookie, spawn_app};
use crate::passkey_helpers::*;

// ---------------------------------------------------------------- applicants

#[tokio::test]
async fn an_applicant_registers_a_passkey_and_later_logs_in_with_it_alone() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.login_as(&ayse).await;
    let mut phone = Authenticator::new();
    let (id, credential_id, user_handle) = register_passkey(&app, &mut phone, "Telefonum").await;

    // Another browser, nobody logged in: no user name is typed, the credential says who.
    let browser = browser_client();
    let challenge = start_login(&browser, &app).await;
    assert!(
        challenge.options.public_key.allow_credentials.is_empty(),
        "a usernameless login lists no credentials"
    );
    let assertion = phone.sign(
        &origin(&app),
        &challenge,
        &credential_id,
        Some(&user_handle),
    );
    let response = finish_login(&browser, &app, &challenge.ceremony_id, &assertion).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(set_cookie(&response, "nes_session").is_some());

    let session: Value = browser
        .get(app.url("/api/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(session["first_name"], ayse.first_name.as_str());
    assert_eq!(session["last_name"], ayse.last_name.as_str());
    let (_, list) = app.get_json("/api/me/passkeys").await;
    assert_eq!(list["items"][0]["id"], id.as_str());
    assert!(list["items"][0]["last_used_at"].is_string(), "{list}");
    assert_eq!(audit_entries(&app, "passkey_registered", "success"), 1);
    assert_eq!(audit_entries(&app, "passkey_login", "success"), 1);
}

#[tokio::test]
async fn a_registration_ceremony_is_used_up_before_the_credential_is_checked() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let challenge = start_registration(&app, "Telefonum").await;
    let credential = phone.register(&origin(&app), &challenge);

    let first = finish_registration(&app, &challenge.ceremony_id, &credential).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = finish_registration(&app, &challenge.ceremony_id, &credential).await;
    let (status, body) = problem(again).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["code"], "passkey_ceremony_expired");
    assert_eq!(passkey_rows(&app), 1);
}

#[tokio::test]
async fn a_ceremony_refused_once_cannot_be_tried_again() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let challenge = start_registration(&app, "Telefonum").await;
    let refused = app
        .call(
            Method::POST,
            "/api/me/passkeys",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": garbage_registration() })),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    // Even the right answer comes too late: the state was deleted before the first check.
    let credential = phone.register(&origin(&app), &challenge);
    let (status, body) =
        problem(finish_registration(&app, &challenge.ceremony_id, &credential).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["code"], "passkey_ceremony_expired");
    assert_eq!(passkey_rows(&app), 0);
}

#[tokio::test]
async fn a_garbage_credential_is_rejected_and_nothing_is_registered() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let challenge = start_registration(&app, "Telefonum").await;
    let response = app
        .call(
            Method::POST,
            "/api/me/passkeys",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": garbage_registration() })),
        )
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "passkey_rejected");
    assert_eq!(passkey_rows(&app), 0);
    let (_, list) = app.get_json("/api/me/passkeys").await;
    assert_eq!(list["items"], json!([]));
}

#[tokio::test]
async fn a_ceremony_expires_after_five_minutes() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let challenge = start_registration(&app, "Telefonum").await;
    let credential = phone.register(&origin(&app), &challenge);
    app.clock
        .advance(Duration::minutes(5) + Duration::seconds(1));
    // The applicant's session is still alive (idle 30 minutes); the ceremony is not.
    let (status, body) =
        problem(finish_registration(&app, &challenge.ceremony_id, &credential).await).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["code"], "passkey_ceremony_expired");
    assert_eq!(passkey_rows(&app), 0);
}

#[tokio::test]
async fn an_unknown_ceremony_id_is_gone() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let challenge = start_registration(&app, "Telefonum").await;
    let credential = phone.register(&origin(&app), &challenge);
    let (status, _) =
        problem(finish_registration(&app, "no-such-ceremony", &credential).await).await;
    assert_eq!(status, StatusCode::GONE);
}

#[tokio::test]
async fn a_login_ceremony_cannot_be_finished_twice() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let (_, credential_id, user_handle) = register_passkey(&app, &mut phone, "Telefonum").await;

    let browser = browser_client();
    let challenge = start_login(&browser, &app).await;
    let assertion = phone.sign(
        &origin(&app),
        &challenge,
        &credential_id,
        Some(&user_handle),
    );
    let first = finish_login(&browser, &app, &challenge.ceremony_id, &assertion).await;
    assert_eq!(first.status(), StatusCode::NO_CONTENT);
    let replay = finish_login(&browser_client(), &app, &challenge.ceremony_id, &assertion).await;
    let (status, body) = problem(replay).await;
    assert_eq!(status, StatusCode::GONE);
    assert_eq!(body["code"], "passkey_ceremony_expired");
}

#[tokio::test]
async fn a_login_with_a_credential_nobody_registered_is_rejected_and_audited() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut registered = Authenticator::new();
    let (_, _, user_handle) = register_passkey(&app, &mut registered, "Telefonum").await;
    // A second token makes a credential on a ceremony never finished: unknown here.
    let mut stranger = Authenticator::new();
    let other = start_registration(&app, "Başka").await;
    let foreign = stranger.register(&origin(&app), &other);

    let browser = browser_client();
    let challenge = start_login(&browser, &app).await;
    let assertion = stranger.sign(
        &origin(&app),
        &challenge,
        &foreign.raw_id,
        Some(&user_handle),
    );
    let (status, body) =
        problem(finish_login(&browser, &app, &challenge.ceremony_id, &assertion).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "passkey_rejected");
    assert_eq!(audit_entries(&app, "passkey_login_failed", "failure"), 1);
    let session = browser.get(app.url("/api/session")).send().await.unwrap();
    assert_eq!(session.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn passkeys_can_be_listed_renamed_and_removed() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let mut laptop = Authenticator::new();
    let (phone_id, _, _) = register_passkey(&app, &mut phone, "  Telefonum ").await;
    app.clock.advance(Duration::seconds(1));
    let (laptop_id, _, _) = register_passkey(&app, &mut laptop, "Dizüstü").await;

    let (status, list) = app.get_json("/api/me/passkeys").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Telefonum", "Dizüstü"], "trimmed, oldest first");

    let renamed = app
        .call(
            Method::PATCH,
            &format!("/api/me/passkeys/{phone_id}"),
            Some(json!({ "name": " İş telefonum " })),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let renamed: Value = renamed.json().await.unwrap();
    assert_eq!(renamed["name"], "İş telefonum");

    let removed = app
        .call(
            Method::DELETE,
            &format!("/api/me/passkeys/{laptop_id}"),
            None,
        )
        .await;
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    let (_, list) = app.get_json("/api/me/passkeys").await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert_eq!(list["items"][0]["name"], "İş telefonum");
    assert_eq!(audit_entries(&app, "passkey_renamed", "success"), 1);
    assert_eq!(audit_entries(&app, "passkey_removed", "success"), 1);
}

#[tokio::test]
async fn a_name_must_have_one_to_sixty_four_characters() {
    let app = spawn_app().await;
    app.login_as(&citizen(0)).await;
    for (name, code) in [("   ", "required"), (&*"a".repeat(65), "too_long")] {
        let response = app
            .call(
                Method::POST,
                "/api/me/passkeys/registration",
                Some(json!({ "name": name })),
            )
            .await;
        let (status, body) = problem(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["fields"]["name"], json!([code]));
    }
    let mut phone = Authenticator::new();
    let (id, _, _) = register_passkey(&app, &mut phone, &"ş".repeat(64)).await;
    let response = app
        .call(
            Method::PATCH,
            &format!("/api/me/passkeys/{id}"),
            Some(json!({ "name": "" })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn another_persons_passkey_is_not_found() {
    let ayse_app = spawn_app().await;
    ayse_app.login_as(&citizen(0)).await;
    let mut phone = Authenticator::new();
    let (id, _, _) = register_passkey(&ayse_app, &mut phone, "Telefonum").await;

    // Mehmet logs in on the same server with a browser of his own.
    let mehmet = ApplicantBrowser::login(&ayse_app, &citizen(1)).await;
    let rename = mehmet
        .call(
            &ayse_app,
            Method::PATCH,
            &format!("/api/me/passkeys/{id}"),
            Some(json!({ "name": "Benim" })),
        )
        .await;
    assert_eq!(problem(rename).await.0, StatusCode::NOT_FOUND);
    let remove = mehmet
        .call(
            &ayse_app,
            Method::DELETE,
            &format!("/api/me/passkeys/{id}"),
            None,
        )
        .await;
    assert_eq!(problem(remove).await.0, StatusCode::NOT_FOUND);
    let list: Value = mehmet
        .call(&ayse_app, Method::GET, "/api/me/passkeys", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"], json!([]));

    let (_, list) = ayse_app.get_json("/api/me/passkeys").await;
    assert_eq!(list["items"][0]["name"], "Telefonum");
}

#[tokio::test]
async fn managing_passkeys_needs_a_session_and_the_csrf_token() {
    let app = spawn_app().await;
    let anonymous = app
        .client
        .get(app.url("/api/me/passkeys"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    app.login_as(&citizen(0)).await;
    let without_csrf = app
        .client
        .post(app.url("/api/me/passkeys/registration"))
        .json(&json!({ "name": "Telefonum" }))
        .send()
        .await
        .unwrap();
    assert_eq!(without_csrf.status(), StatusCode::FORBIDDEN);
}

// ---------------------------------------------------------------- staff

async fn staff_passkey(
    app: &crate::helpers::TestApp,
    staff: &StaffBrowser,
    authenticator: &mut Authenticator,
) -> Vec<u8> {
    let response = staff
        .call(
            app,
            Method::POST,
            "/api/staff/passkeys/registration",
            Some(json!({ "name": "YubiKey" })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let challenge: shared::api::passkeys::PasskeyRegistrationChallenge =
        response.json().await.unwrap();
    let credential = authenticator.register(&origin(app), &challenge);
    let response = staff
        .call(
            app,
            Method::POST,
            "/api/staff/passkeys",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": credential })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    credential.raw_id.to_vec()
}

async fn start_verification(
    app: &crate::helpers::TestApp,
    staff: &StaffBrowser,
) -> PasskeyAuthenticationChallenge {
    let response = staff
        .call(
            app,
            Method::POST,
            "/api/staff/session/passkey/challenge",
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn a_staff_member_passes_the_second_factor_with_their_passkey() {
    let app = spawn_app().await;
    let operator = create_operator(&app, "deniz");
    let mut key = Authenticator::new();
    let active = StaffBrowser::open(&app, &operator, SessionStage::Active);
    let credential_id = staff_passkey(&app, &active, &mut key).await;

    let pending = StaffBrowser::open(&app, &operator, SessionStage::PasswordOk);
    let refused = pending
        .call(&app, Method::GET, "/api/staff/passkeys", None)
        .await;
    assert_eq!(
        refused.status(),
        StatusCode::UNAUTHORIZED,
        "second factor still due"
    );
    let challenge = start_verification(&app, &pending).await;
    assert_eq!(challenge.options.public_key.allow_credentials.len(), 1);
    let assertion = key.sign(&origin(&app), &challenge, &credential_id, None);
    let response = pending
        .call(
            &app,
            Method::POST,
            "/api/staff/session/passkey",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": assertion })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cookie = set_cookie(&response, "nes_staff_session").expect("a staff session cookie");
    let new_id = cookie
        .strip_prefix("nes_staff_session=")
        .and_then(|rest| rest.split(';').next())
        .unwrap();
    assert_ne!(
        new_id, pending.raw_session_id,
        "a new session id after the second factor"
    );
    assert_eq!(audit_entries(&app, "passkey_login", "success"), 1);
}

#[tokio::test]
async fn staff_passkey_verification_refuses_a_credential_that_is_not_theirs() {
    let app = spawn_app().await;
    let operator = create_operator(&app, "deniz");
    let mut own_key = Authenticator::new();
    let active = StaffBrowser::open(&app, &operator, SessionStage::Active);
    staff_passkey(&app, &active, &mut own_key).await;
    // An applicant's passkey, perfectly valid for this site, but not the operator's.
    app.login_as(&citizen(0)).await;
    let mut applicants_key = Authenticator::new();
    let (_, foreign_id, _) = register_passkey(&app, &mut applicants_key, "Telefonum").await;

    let pending = StaffBrowser::open(&app, &operator, SessionStage::PasswordOk);
    let mut challenge = start_verification(&app, &pending).await;
    challenge.options.public_key.allow_credentials.clear();
    let assertion = applicants_key.sign(&origin(&app), &challenge, &foreign_id, None);
    let response = pending
        .call(
            &app,
            Method::POST,
            "/api/staff/session/passkey",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": assertion })),
        )
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "passkey_rejected");
    assert_eq!(audit_entries(&app, "passkey_login_failed", "failure"), 1);
    let still_pending = pending
        .call(&app, Method::GET, "/api/staff/passkeys", None)
        .await;
    assert_eq!(still_pending.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn staff_without_a_passkey_cannot_start_a_passkey_verification() {
    let app = spawn_app().await;
    let operator = create_operator(&app, "deniz");
    let pending = StaffBrowser::open(&app, &operator, SessionStage::PasswordOk);
    let response = pending
        .call(
            &app,
            Method::POST,
            "/api/staff/session/passkey/challenge",
            None,
        )
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "passkey_rejected");
}

#[tokio::test]
async fn an_object_that_is_no_assertion_is_a_rejected_passkey_not_an_unreadable_request() {
    let app = spawn_app().await;
    let response = app
        .call(
            Method::POST,
            "/api/auth/passkey/login",
            Some(json!({ "ceremony_id": "", "credential": {} })),
        )
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "passkey_rejected");
}
