//! The staff account lifecycle (issue 11, item 5): the initial password changed before
//! anything else, passwords judged for strength, disable and enable ending sessions at once,
//! second factor and password resets by an operator, the password typed again before a
//! passkey is added or removed; each action audited, none on one's own account.

use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp};
use crate::operator_helpers::dev_institution_id;
use crate::passkey_helpers::{origin, Authenticator};
use crate::staff_helpers::{
    audited, code, code_of, enrolled, first_operator, next_step, StaffBrowser, PASSWORD,
};

const OFFICER: &str = "ayse.yilmaz";

/// An officer made by the operator: the account's id and its initial password.
async fn new_officer(app: &TestApp, operator: &StaffBrowser) -> (String, String) {
    let response = operator
        .create_account(json!({
            "username": OFFICER,
            "display_name": "Ayşe Yılmaz",
            "role": "officer",
            "institution_id": dev_institution_id(app),
        }))
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["account"]["password_change_required"], true);
    (
        created["account"]["id"].as_str().unwrap().to_owned(),
        created["initial_password"].as_str().unwrap().to_owned(),
    )
}

/// The officer logged in for the first time, with the app set up and the initial password
/// replaced by [`PASSWORD`]: their browser, the account id and the TOTP secret.
async fn officer_with_own_password(
    app: &TestApp,
    operator: &StaffBrowser,
) -> (StaffBrowser, String, String) {
    let (id, initial) = new_officer(app, operator).await;
    let (officer, secret) = enrolled(app, OFFICER, &initial).await;
    let response = officer.change_password(&initial, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    (officer, id, secret)
}

async fn act(operator: &StaffBrowser, id: &str, action: &str) -> reqwest::Response {
    operator
        .call(
            Method::POST,
            &format!("/api/operator/staff/{id}/{action}"),
            None,
        )
        .await
}

async fn log_in_with_code(app: &TestApp, password: &str, secret: &str) -> StaffBrowser {
    let mut browser = StaffBrowser::new(app);
    let response = browser.login(OFFICER, password).await;
    assert_eq!(response.status(), StatusCode::OK);
    next_step(app);
    let response = browser.totp(&code(app, secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    browser
}

#[tokio::test]
async fn the_initial_password_must_be_changed_before_anything_else() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (_, initial) = new_officer(&app, &operator).await;
    let (officer, _) = enrolled(&app, OFFICER, &initial).await;

    let (status, session) = officer.get("/api/staff/session").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(session["stage"], "active");
    assert_eq!(session["password_change_required"], true);
    let (status, body) = officer.get("/api/officer/applications").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("password_change_required"))
    );

    let (status, weak, body) =
        code_of(officer.change_password(&initial, "ayseyilmaz2026").await).await;
    assert_eq!(
        (status, weak.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
    );
    assert_eq!(body["fields"]["new_password"][0], "password_too_weak");
    let response = officer.change_password(&initial, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let (_, session) = officer.get("/api/staff/session").await;
    assert_eq!(session["password_change_required"], false);
    let (status, _) = officer.get("/api/officer/applications").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        operator.account(OFFICER).await["password_change_required"],
        false
    );
}

#[tokio::test]
async fn common_passwords_are_refused_wherever_a_password_is_chosen() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    for weak in [
        "galatasaray1905",
        "password1234",
        "operatorfirst1",
        "aaaaaaaaaaaa",
    ] {
        let response = operator.change_password(PASSWORD, weak).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{weak}"
        );
        let (status, _, body) = code_of(response).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert_eq!(
            body["fields"]["new_password"][0], "password_too_weak",
            "{weak}"
        );
    }
    let mut conn = app.db.connection();
    let refused = api::admin::create_operator::create_operator(
        &mut conn,
        &api::admin::create_operator::CreateOperatorArgs {
            username: "ikinci.operator".into(),
            display_name: "İkinci Operatör".into(),
            email: None,
        },
        &api::staff::password::Password::new("123456789012"),
        crate::staff_helpers::now(&app),
    );
    let Err(api::error::ApiError::Validation(fields)) = refused else {
        panic!("a common password was accepted: {refused:?}");
    };
    assert_eq!(fields.get("password"), ["password_too_weak"]);
}

#[tokio::test]
async fn disabling_ends_every_session_at_once_and_enabling_lets_the_account_back_in() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (officer, id, secret) = officer_with_own_password(&app, &operator).await;
    let other_tab = log_in_with_code(&app, PASSWORD, &secret).await;

    let response = act(&operator, &id, "disable").await;
    assert_eq!(response.status(), StatusCode::OK);
    let account: Value = response.json().await.unwrap();
    assert_eq!(account["disabled"], true);

    for browser in [&officer, &other_tab] {
        let (status, body) = browser.get("/api/officer/applications").await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
    }
    let (status, refused, _) =
        code_of(StaffBrowser::new(&app).login(OFFICER, PASSWORD).await).await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::UNAUTHORIZED, "staff_login_failed"),
        "a disabled account answers like a wrong password"
    );
    assert_eq!(
        act(&operator, &id, "disable").await.status(),
        StatusCode::OK
    );
    assert_eq!(audited(&app, "staff_disabled", "success", OFFICER), 1);

    let response = act(&operator, &id, "enable").await;
    assert_eq!(response.status(), StatusCode::OK);
    let account: Value = response.json().await.unwrap();
    assert_eq!(account["disabled"], false);
    assert_eq!(audited(&app, "staff_enabled", "success", OFFICER), 1);
    let back = log_in_with_code(&app, PASSWORD, &secret).await;
    let (status, _) = back.get("/api/officer/applications").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn parallel_disables_change_and_audit_the_account_once() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (_, id, _) = officer_with_own_password(&app, &operator).await;

    let answers =
        futures_util::future::join_all((0..20).map(|_| act(&operator, &id, "disable"))).await;

    assert!(answers.iter().all(|r| r.status() == StatusCode::OK));
    assert_eq!(audited(&app, "staff_disabled", "success", OFFICER), 1);
}

#[tokio::test]
async fn resetting_the_second_factor_removes_the_app_and_the_passkeys_and_the_next_login_enrols_again(
) {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (officer, id, _) = officer_with_own_password(&app, &operator).await;
    let mut key = Authenticator::new();
    let response = start_registration(&officer).await;
    assert_eq!(response.status(), StatusCode::OK);
    let challenge = response.json().await.unwrap();
    let credential = key.register(&origin(&app), &challenge);
    let response = officer
        .call(
            Method::POST,
            "/api/staff/passkeys",
            Some(json!({ "ceremony_id": challenge.ceremony_id, "credential": credential })),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let response = act(&operator, &id, "second-factor/reset").await;
    assert_eq!(response.status(), StatusCode::OK);
    let account: Value = response.json().await.unwrap();
    assert_eq!(account["totp_enrolled"], false);

    let (status, _) = officer.get("/api/staff/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the session ended");
    let mut browser = StaffBrowser::new(&app);
    let response = browser.login(OFFICER, PASSWORD).await;
    let next: Value = response.json().await.unwrap();
    assert_eq!(next["stage"], "totp_enrolment");
    assert_eq!(next["passkey_available"], false);
    assert_eq!(
        audited(&app, "staff_second_factor_reset", "success", OFFICER),
        1
    );
}

#[tokio::test]
async fn a_password_reset_gives_a_new_initial_password_that_must_be_changed() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (officer, id, secret) = officer_with_own_password(&app, &operator).await;

    let response = act(&operator, &id, "password/reset").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let reset: Value = response.json().await.unwrap();
    let initial = reset["initial_password"].as_str().unwrap().to_owned();
    assert_eq!(reset["account"]["password_change_required"], true);
    assert_eq!(reset["account"]["totp_enrolled"], true, "the app stays");

    let (status, _) = officer.get("/api/staff/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the session ended");
    let (status, _, _) = code_of(StaffBrowser::new(&app).login(OFFICER, PASSWORD).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the old password is gone");
    let again = log_in_with_code(&app, &initial, &secret).await;
    let (status, body) = again.get("/api/officer/applications").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("password_change_required"))
    );
    assert_eq!(
        again
            .change_password(&initial, "yeni seçtiğim uzun parolam")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(audited(&app, "staff_password_reset", "success", OFFICER), 1);
    let everything = format!("{:?}", crate::staff_helpers::audit_trail(&app));
    assert!(!everything.contains(&initial), "no password in the audit");
}

#[tokio::test]
async fn an_operator_cannot_disable_or_reset_their_own_account() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let own = operator.account("operator.first").await["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for action in ["disable", "second-factor/reset", "password/reset"] {
        let (status, refused, _) = code_of(act(&operator, &own, action).await).await;
        assert_eq!(
            (status, refused.as_str()),
            (StatusCode::CONFLICT, "own_account"),
            "{action}"
        );
    }
    let (status, _) = operator.get("/api/operator/staff").await;
    assert_eq!(status, StatusCode::OK, "still logged in");
    let (status, refused, _) = code_of(act(&operator, "no-such-id", "disable").await).await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::NOT_FOUND, "not_found")
    );
}

#[tokio::test]
async fn the_lifecycle_actions_are_for_operators_only() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let (officer, id, _) = officer_with_own_password(&app, &operator).await;
    for action in ["disable", "enable", "second-factor/reset", "password/reset"] {
        let (status, refused, _) = code_of(act(&officer, &id, action).await).await;
        assert_eq!(
            (status, refused.as_str()),
            (StatusCode::FORBIDDEN, "forbidden"),
            "{action}"
        );
    }
    let without_csrf = operator
        .client
        .post(operator.url(&format!("/api/operator/staff/{id}/disable")))
        .send()
        .await
        .unwrap();
    assert_eq!(without_csrf.status(), StatusCode::FORBIDDEN);
    assert_eq!(operator.account(OFFICER).await["disabled"], false);
}

async fn start_registration(staff: &StaffBrowser) -> reqwest::Response {
    staff
        .call(
            Method::POST,
            "/api/staff/passkeys/registration",
            Some(json!({ "name": "YubiKey" })),
        )
        .await
}

#[tokio::test]
async fn adding_or_removing_a_passkey_asks_for_the_password_again_after_five_minutes() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    assert_eq!(
        start_registration(&operator).await.status(),
        StatusCode::OK,
        "the login itself counts"
    );

    app.clock.advance(Duration::minutes(6));
    let (status, refused, _) = code_of(start_registration(&operator).await).await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );
    let remove = operator
        .call(Method::DELETE, "/api/staff/passkeys/some-id", None)
        .await;
    let (status, refused, _) = code_of(remove).await;
    assert_eq!(
        (status, refused.as_str()),
        (StatusCode::FORBIDDEN, "reauthentication_required")
    );

    let wrong = operator
        .call(
            Method::POST,
            "/api/staff/session/reauthentication",
            Some(json!({ "password": "yanlış ama uzun parola" })),
        )
        .await;
    let (status, _, body) = code_of(wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["password"][0], "password_incorrect");
    assert_eq!(
        audited(&app, "staff_reauthenticated", "failure", "operator.first"),
        1
    );
    let right = operator
        .call(
            Method::POST,
            "/api/staff/session/reauthentication",
            Some(json!({ "password": PASSWORD })),
        )
        .await;
    assert_eq!(right.status(), StatusCode::NO_CONTENT);
    assert_eq!(start_registration(&operator).await.status(), StatusCode::OK);
    let remove = operator
        .call(Method::DELETE, "/api/staff/passkeys/some-id", None)
        .await;
    assert_eq!(remove.status(), StatusCode::NOT_FOUND, "past the check");
    assert_eq!(
        audited(&app, "staff_reauthenticated", "success", "operator.first"),
        1
    );
}
