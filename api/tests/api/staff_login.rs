//! The staff login: password, then TOTP (or enrolment on the first login); throttling,
//! lockout, replay, session rotation, logout and the password change.

use api::staff::throttle::{LOCK_AT, MAX_DELAY};
use chrono::Duration;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::helpers::spawn_app;
use crate::staff_helpers::{
    audit_trail, audited, code, code_of, create_operator_account, enrolled, first_operator,
    next_step, StaffBrowser, PASSWORD,
};

const OPERATOR: &str = "operator.first";

#[tokio::test]
async fn a_wrong_password_is_refused_and_opens_no_session() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);

    let response = browser.login(OPERATOR, "yanlış ama uzun bir parola").await;

    assert!(response.cookies().all(|c| c.name() != "nes_staff_session"));
    let (status, code, _) = code_of(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code, "staff_login_failed");
    let (status, _) = browser.get("/api/staff/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(audited(&app, "staff_login_failed", "failure", OPERATOR), 1);
}

#[tokio::test]
async fn an_unknown_user_name_gets_the_same_answer_as_a_wrong_password() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);

    let (wrong_status, _, wrong) =
        code_of(browser.login(OPERATOR, "yanlış ama uzun parola").await).await;
    let (unknown_status, _, unknown) = code_of(browser.login("nobody.here", PASSWORD).await).await;

    assert_eq!(wrong_status, unknown_status);
    assert_eq!(wrong, unknown);
    assert_eq!(
        audited(&app, "staff_login_failed", "failure", "nobody.here"),
        1
    );
}

#[tokio::test]
async fn the_first_login_asks_for_enrolment_and_a_confirmed_code_completes_it() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);

    let response = browser.login(" Operator.First ", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let first_cookie = session_cookie(&response);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["stage"], "totp_enrolment");
    assert_eq!(body["passkey_available"], false);
    let (_, session) = browser.get("/api/staff/session").await;
    assert_eq!(session["stage"], "password_ok");
    assert_eq!(session["totp_enrolled"], false);

    let response = browser
        .call(Method::POST, "/api/staff/totp-enrolment", None)
        .await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    let enrolment: Value = response.json().await.unwrap();
    let secret = enrolment["secret"].as_str().unwrap();
    assert!(enrolment["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    assert!(enrolment["qr_svg"].as_str().unwrap().starts_with("<svg"));

    let response = browser.confirm_enrolment(&code(&app, secret, 0)).await;
    assert_eq!(response.status(), StatusCode::OK);
    // A new session id: the one seen before the second factor is worthless now.
    assert_ne!(session_cookie(&response), first_cookie);
    let (_, session) = browser.get("/api/staff/session").await;
    assert_eq!(session["stage"], "active");
    assert_eq!(session["totp_enrolled"], true);
    assert_eq!(session["role"], "operator");
    let old = cookie_client(&app, &first_cookie);
    let old_answer = old.get(app.url("/api/staff/session")).send().await.unwrap();
    assert_eq!(old_answer.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(audited(&app, "totp_enrolled", "success", OPERATOR), 1);
    assert_eq!(audited(&app, "staff_login", "success", OPERATOR), 1);
}

#[tokio::test]
async fn a_wrong_enrolment_code_does_not_enrol() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;
    let secret = browser.start_enrolment().await;

    let wrong = wrong_code(&code(&app, &secret, 0));
    let (status, code_name, _) = code_of(browser.confirm_enrolment(&wrong).await).await;

    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::UNAUTHORIZED, "totp_invalid")
    );
    let (_, session) = browser.get("/api/staff/session").await;
    assert_eq!(session["totp_enrolled"], false);
    assert_eq!(session["stage"], "password_ok");
}

#[tokio::test]
async fn the_totp_secret_is_stored_sealed_never_in_clear() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let (_, secret) = enrolled(&app, OPERATOR, PASSWORD).await;

    use api::db::schema::staff_users;
    use diesel::prelude::*;
    let mut conn = app.db.connection();
    let (sealed, pending): (Option<String>, Option<String>) = staff_users::table
        .filter(staff_users::username.eq(OPERATOR))
        .select((
            staff_users::totp_secret_sealed,
            staff_users::totp_pending_secret_sealed,
        ))
        .first(&mut conn)
        .unwrap();
    let sealed = sealed.expect("a sealed secret");
    assert!(!sealed.contains(&secret));
    assert_eq!(pending, None);
}

#[tokio::test]
async fn an_enrolled_staff_member_logs_in_with_password_and_code() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    next_step(&app);
    let mut browser = StaffBrowser::new(&app);

    let response = browser.login(OPERATOR, PASSWORD).await;
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["stage"], "totp");
    let response = browser.totp(&code(&app, &secret, 0)).await;

    assert_eq!(response.status(), StatusCode::OK);
    let session: Value = response.json().await.unwrap();
    assert_eq!(session["stage"], "active");
    let (status, _) = browser.get("/api/operator/staff").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_code_one_step_late_is_still_accepted() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    // The code shown just before the clock moved on.
    next_step(&app);
    let late = code(&app, &secret, 0);
    next_step(&app);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;

    assert_eq!(browser.totp(&late).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_totp_code_is_refused_counted_and_audited() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    next_step(&app);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;

    let wrong = wrong_code(&code(&app, &secret, 0));
    let (status, code_name, _) = code_of(browser.totp(&wrong).await).await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code_name, "totp_invalid");
    assert_eq!(
        audited(&app, "staff_second_factor_failed", "failure", OPERATOR),
        1
    );
    let (_, session) = browser.get("/api/staff/session").await;
    assert_eq!(session["stage"], "password_ok");
}

#[tokio::test]
async fn a_used_code_cannot_be_replayed_within_its_window() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    next_step(&app);
    let used = code(&app, &secret, 0);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;
    assert_eq!(browser.totp(&used).await.status(), StatusCode::OK);
    browser.logout().await;

    let mut again = StaffBrowser::new(&app);
    again.login(OPERATOR, PASSWORD).await;
    let (status, code_name, _) = code_of(again.totp(&used).await).await;

    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code_name, "totp_replayed");
    // The next step's code is new and works.
    assert_eq!(
        again.totp(&code(&app, &secret, 1)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_enrolment_code_cannot_be_used_again_to_log_in() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut first = StaffBrowser::new(&app);
    first.login(OPERATOR, PASSWORD).await;
    let secret = first.start_enrolment().await;
    let enrolment_code = code(&app, &secret, 0);
    first.confirm_enrolment(&enrolment_code).await;

    let mut second = StaffBrowser::new(&app);
    second.login(OPERATOR, PASSWORD).await;
    let (_, code_name, _) = code_of(second.totp(&enrolment_code).await).await;

    assert_eq!(code_name, "totp_replayed");
}

#[tokio::test]
async fn nothing_but_the_second_factor_is_open_after_the_password() {
    let app = spawn_app().await;
    let (first, _) = first_operator(&app).await;
    first.logout().await;
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;

    let change =
        serde_json::json!({"current_password": PASSWORD, "new_password": "yepyeni uzun parola"});
    for (method, path, body) in [
        (Method::GET, "/api/operator/staff", None),
        (Method::PUT, "/api/staff/password", Some(change)),
        (Method::GET, "/api/operator/institutions", None),
    ] {
        let (status, code_name, _) = code_of(browser.call(method, path, body).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(code_name, "second_factor_required", "{path}");
    }
}

#[tokio::test]
async fn the_code_step_is_for_sessions_waiting_for_it() {
    let app = spawn_app().await;
    let (mut active, secret) = first_operator(&app).await;

    let response = active.totp(&code(&app, &secret, 1)).await;

    assert_eq!(response.status(), StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_account_without_a_secret_must_enrol_instead_of_entering_a_code() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;

    let (status, code_name, _) = code_of(browser.totp("123456").await).await;

    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(code_name, "totp_enrolment_required");
}

#[tokio::test]
async fn repeated_failures_make_the_next_attempt_wait_until_the_delay_has_passed() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);
    for n in 1..=5 {
        let (status, _, _) = code_of(browser.login(OPERATOR, "yanlış ama uzun parola").await).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "failure {n} costs no wait"
        );
    }

    let sixth = browser.login(OPERATOR, "yanlış ama uzun parola").await;
    assert_eq!(sixth.headers()["retry-after"], "2");
    let (status, code_name, body) = code_of(sixth).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code_name, "login_throttled");
    assert_eq!(body["retry_after_seconds"], 2);

    // Even the right password waits.
    app.clock.advance(Duration::seconds(1));
    let (status, code_name, body) = code_of(browser.login(OPERATOR, PASSWORD).await).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "login_throttled")
    );
    assert_eq!(body["retry_after_seconds"], 1);

    app.clock.advance(Duration::seconds(1));
    assert_eq!(
        browser.login(OPERATOR, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_unknown_user_name_is_throttled_like_a_known_one() {
    let app = spawn_app().await;
    let mut browser = StaffBrowser::new(&app);
    for _ in 1..=5 {
        browser.login("nobody.here", "yanlış ama uzun parola").await;
    }

    let (status, code_name, _) = code_of(browser.login("nobody.here", PASSWORD).await).await;

    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(code_name, "login_throttled");
}

#[tokio::test]
async fn wrong_totp_codes_count_towards_the_throttle() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    next_step(&app);
    let mut browser = StaffBrowser::new(&app);
    browser.login(OPERATOR, PASSWORD).await;
    let wrong = wrong_code(&code(&app, &secret, 0));
    for _ in 1..=5 {
        browser.totp(&wrong).await;
    }

    let (status, code_name, _) = code_of(browser.totp(&wrong).await).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::TOO_MANY_REQUESTS, "login_throttled")
    );
    let (status, _, _) = code_of(browser.totp(&code(&app, &secret, 0)).await).await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "the right code waits too"
    );
}

#[tokio::test]
async fn a_completed_login_forgets_earlier_failures() {
    let app = spawn_app().await;
    let (first, secret) = first_operator(&app).await;
    first.logout().await;
    let mut browser = StaffBrowser::new(&app);
    for _ in 1..=5 {
        browser.login(OPERATOR, "yanlış ama uzun parola").await;
    }
    next_step(&app);
    browser.login(OPERATOR, PASSWORD).await;
    assert_eq!(
        browser.totp(&code(&app, &secret, 0)).await.status(),
        StatusCode::OK
    );

    // Five free failures again, not a wait after the first.
    for n in 1..=5 {
        let (status, _, _) = code_of(browser.login(OPERATOR, "yanlış ama uzun parola").await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "failure {n}");
    }
}

#[tokio::test]
async fn the_lock_is_time_boxed_and_renewed_by_each_further_failure() {
    let app = spawn_app().await;
    create_operator_account(&app, "operator.second");
    let mut browser = StaffBrowser::new(&app);
    for _ in 1..=LOCK_AT {
        app.clock.advance(MAX_DELAY);
        browser
            .login("operator.second", "yanlış ama uzun parola")
            .await;
    }
    // An hour later one more try may be made; a wrong one locks for another hour.
    app.clock.advance(Duration::hours(1));
    let (status, code_name, _) = code_of(
        browser
            .login("operator.second", "yanlış ama uzun parola")
            .await,
    )
    .await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::LOCKED, "account_locked")
    );
    app.clock.advance(Duration::minutes(59));
    let response = browser.login("operator.second", PASSWORD).await;
    assert_eq!(response.headers()["retry-after"], "60");
    assert_eq!(response.status(), StatusCode::LOCKED);
    // Its owner, an hour after the last failure, with the right password.
    app.clock.advance(Duration::minutes(1));
    assert_eq!(
        browser.login("operator.second", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_hundredth_failure_locks_the_account_for_an_hour_unless_an_operator_unlocks_it() {
    let app = spawn_app().await;
    create_operator_account(&app, "operator.second");
    let mut browser = StaffBrowser::new(&app);
    let mut last = None;
    for _ in 1..=LOCK_AT {
        app.clock.advance(MAX_DELAY);
        last = Some(
            browser
                .login("operator.second", "yanlış ama uzun parola")
                .await,
        );
    }
    let (status, code_name, _) = code_of(last.unwrap()).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::LOCKED, "account_locked")
    );

    // Locked for the hour: the right password does not help.
    app.clock.advance(Duration::minutes(30));
    let response = browser.login("operator.second", PASSWORD).await;
    assert_eq!(response.headers()["retry-after"], "1800");
    let (status, code_name, _) = code_of(response).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::LOCKED, "account_locked")
    );
    assert_eq!(
        audited(&app, "staff_locked", "success", "operator.second"),
        1
    );
    // An operator lifts it sooner.
    let (operator, _) = first_operator(&app).await;
    let account = operator.account("operator.second").await;
    assert_eq!(account["locked"], true);
    assert_eq!(account["consecutive_failures"], LOCK_AT);

    let id = account["id"].as_str().unwrap();
    let response = operator.unlock(id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let unlocked: Value = response.json().await.unwrap();
    assert_eq!(unlocked["locked"], false);
    assert_eq!(unlocked["consecutive_failures"], 0);
    assert_eq!(
        audited(&app, "staff_unlocked", "success", "operator.second"),
        1
    );
    assert_eq!(
        browser.login("operator.second", PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_officer_cannot_call_the_operators_endpoints() {
    let app = spawn_app().await;
    let (operator, _) = first_operator(&app).await;
    let institution = crate::operator_helpers::dev_institution_id(&app);
    let created: Value = operator
        .create_account(serde_json::json!({
            "username": "officer.dev",
            "display_name": "Kurum Sorumlusu",
            "role": "officer",
            "institution_id": institution,
        }))
        .await
        .json()
        .await
        .unwrap();
    let password = created["initial_password"].as_str().unwrap();
    let (officer, _) = enrolled(&app, "officer.dev", password).await;
    let changed = officer.change_password(password, PASSWORD).await;
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);

    let (status, list) = officer.get("/api/operator/staff").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(list["code"], "forbidden");
    let id = created["account"]["id"].as_str().unwrap();
    let (status, code_name, _) = code_of(officer.unlock(id).await).await;
    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::FORBIDDEN, "forbidden")
    );
    let (_, session) = officer.get("/api/staff/session").await;
    assert_eq!(session["role"], "officer");
    assert_eq!(session["institution_id"], institution.as_str());
}

#[tokio::test]
async fn logging_out_ends_the_session_and_is_audited() {
    let app = spawn_app().await;
    let (browser, _) = first_operator(&app).await;

    let response = browser.logout().await;

    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let (status, _) = browser.get("/api/staff/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(audited(&app, "staff_logout", "success", OPERATOR), 1);
}

#[tokio::test]
async fn logging_out_needs_the_csrf_token() {
    let app = spawn_app().await;
    let (mut browser, _) = first_operator(&app).await;
    browser.csrf = "wrong".into();

    let (status, code_name, _) = code_of(browser.logout().await).await;

    assert_eq!(
        (status, code_name.as_str()),
        (StatusCode::FORBIDDEN, "csrf_token_invalid")
    );
}

#[tokio::test]
async fn a_password_is_changed_with_the_current_one_and_the_new_one_is_checked() {
    let app = spawn_app().await;
    let (browser, secret) = first_operator(&app).await;
    let new = "yepyeni ve uzun bir parola";

    let (status, _, body) =
        code_of(browser.change_password("yanlış ama uzun parola", new).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["current_password"][0], "password_incorrect");
    let (_, _, body) = code_of(browser.change_password(PASSWORD, "kısa").await).await;
    assert_eq!(body["fields"]["new_password"][0], "password_too_short");
    let (_, _, body) = code_of(browser.change_password(PASSWORD, OPERATOR).await).await;
    assert_eq!(body["fields"]["new_password"][0], "password_is_username");
    let (_, _, body) = code_of(browser.change_password(PASSWORD, PASSWORD).await).await;
    assert_eq!(body["fields"]["new_password"][0], "password_unchanged");

    assert_eq!(
        browser.change_password(PASSWORD, new).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        audited(&app, "staff_password_changed", "success", OPERATOR),
        1
    );
    assert_eq!(
        audited(&app, "staff_password_changed", "failure", OPERATOR),
        1
    );
    let mut other = StaffBrowser::new(&app);
    assert_eq!(
        other.login(OPERATOR, PASSWORD).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(other.login(OPERATOR, new).await.status(), StatusCode::OK);
    next_step(&app);
    assert_eq!(
        other.totp(&code(&app, &secret, 0)).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = spawn_app().await;
    let (browser, secret) = first_operator(&app).await;
    next_step(&app);
    let mut elsewhere = StaffBrowser::new(&app);
    elsewhere.login(OPERATOR, PASSWORD).await;
    elsewhere.totp(&code(&app, &secret, 0)).await;

    browser
        .change_password(PASSWORD, "yepyeni ve uzun bir parola")
        .await;

    assert_eq!(
        elsewhere.get("/api/staff/session").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(browser.get("/api/staff/session").await.0, StatusCode::OK);
}

#[tokio::test]
async fn secrets_never_reach_the_audit_trail() {
    let app = spawn_app().await;
    let (browser, secret) = first_operator(&app).await;
    browser.logout().await;
    let mut other = StaffBrowser::new(&app);
    other.login(OPERATOR, "yanlış ama uzun parola").await;

    let everything = format!("{:?}", audit_trail(&app));
    assert!(!everything.contains(&secret));
    assert!(!everything.contains(PASSWORD));
    assert!(!everything.contains("yanlış ama uzun parola"));
}

/// The value of `nes_staff_session` set by `response`.
fn session_cookie(response: &reqwest::Response) -> String {
    response
        .cookies()
        .find(|c| c.name() == "nes_staff_session")
        .map(|c| c.value().to_owned())
        .expect("a staff session cookie")
}

/// A browser holding only the given staff session cookie.
fn cookie_client(app: &crate::helpers::TestApp, raw: &str) -> reqwest::Client {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let url: reqwest::Url = app.address.parse().unwrap();
    jar.add_cookie_str(&format!("nes_staff_session={raw}; Path=/"), &url);
    reqwest::Client::builder()
        .cookie_provider(jar)
        .build()
        .unwrap()
}

/// A six-digit code that is not `right`.
fn wrong_code(right: &str) -> String {
    right
        .chars()
        .map(|c| match c {
            '9' => '0',
            d => char::from(u8::try_from(u32::from(d) + 1).unwrap()),
        })
        .collect()
}

#[tokio::test]
async fn the_staff_session_comes_with_a_readable_hint_that_logout_removes() {
    let app = spawn_app().await;
    create_operator_account(&app, OPERATOR);
    let mut browser = StaffBrowser::new(&app);

    let response = browser.login(OPERATOR, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::OK);
    let hint = response
        .cookies()
        .find(|c| c.name() == "nes_staff_session_hint")
        .expect("the hint");
    assert_eq!(hint.value(), "1");
    assert!(!hint.http_only(), "the page reads it");
    assert!(response
        .cookies()
        .any(|c| c.name() == "nes_staff_session" && c.http_only()));

    let out = browser.logout().await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let removed = out
        .cookies()
        .find(|c| c.name() == "nes_staff_session_hint")
        .expect("the hint removed");
    assert_eq!(removed.max_age(), Some(std::time::Duration::ZERO));
}
