//! Every rule that limits holds when many requests arrive at once: each test fires a burst
//! of identical requests through real HTTP (a pool of 16 connections, so that they truly run
//! side by side) and checks what was counted in the database, not only what was answered.

use std::collections::BTreeMap;
use std::future::Future;

use chrono::Duration;
use diesel::prelude::*;
use futures_util::future::join_all;
use reqwest::{Response, StatusCode};
use serde_json::Value;

use crate::helpers::{citizen, spawn_app_with, valid_form, wrong_code, TestApp};
use crate::officer_helpers::dev_officer;
use crate::staff_helpers::{audit_trail, create_operator_account, StaffBrowser};

const PHONE: &str = "+905321234567";
const BURST: usize = 50;

async fn app() -> TestApp {
    spawn_app_with(&[("DATABASE_MAX_CONNECTIONS", "16")]).await
}

/// How many answers had each (status, problem code): the tally a test compares.
async fn tally<F>(requests: impl IntoIterator<Item = F>) -> BTreeMap<(u16, String), usize>
where
    F: Future<Output = Response>,
{
    let mut counts = BTreeMap::new();
    for response in join_all(requests).await {
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        let code = body["code"].as_str().unwrap_or_default().to_owned();
        *counts.entry((status, code)).or_insert(0) += 1;
    }
    counts
}

fn count(tally: &BTreeMap<(u16, String), usize>, status: u16, code: &str) -> usize {
    tally
        .get(&(status, code.to_owned()))
        .copied()
        .unwrap_or_default()
}

fn answered(tally: &BTreeMap<(u16, String), usize>) -> usize {
    tally.values().sum()
}

/// Logged in, form submitted, first code sent: the id and that code.
async fn awaiting_code(app: &TestApp) -> (String, String) {
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "person", false).await;
    app.login_as(&ayse).await;
    assert_eq!(
        app.submit_form(&id, valid_form(PHONE)).await.status(),
        StatusCode::OK
    );
    let code = app.sms_code_sent_to(PHONE, 1).await;
    (id, code)
}

fn sms_codes_of(app: &TestApp, id: &str) -> Vec<i32> {
    use api::db::schema::sms_codes;
    let mut conn = app.db.connection();
    sms_codes::table
        .filter(sms_codes::application_id.eq(id))
        .order(sms_codes::sent_at.asc())
        .select(sms_codes::failed_attempts)
        .load(&mut conn)
        .unwrap()
}

#[tokio::test]
async fn forty_wrong_codes_at_once_are_compared_five_times_and_the_right_one_is_refused_after() {
    let app = app().await;
    let (id, code) = awaiting_code(&app).await;
    let wrong = wrong_code(&code);
    let answers = tally((0..40).map(|_| app.verify_sms_code(&id, &wrong))).await;

    assert_eq!(count(&answers, 422, "sms_code_incorrect"), 4, "{answers:?}");
    assert_eq!(
        count(&answers, 410, "sms_code_attempts_exhausted"),
        36,
        "{answers:?}"
    );
    assert_eq!(sms_codes_of(&app, &id), vec![5]);
    let response = app.verify_sms_code(&id, &code).await;
    assert_eq!(response.status(), 410);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "sms_code_attempts_exhausted");
}

#[tokio::test]
async fn fifty_right_codes_at_once_verify_once_and_count_no_try() {
    let app = app().await;
    let (id, code) = awaiting_code(&app).await;
    let answers = tally((0..BURST).map(|_| app.verify_sms_code(&id, &code))).await;

    assert_eq!(count(&answers, 200, ""), 1, "{answers:?}");
    assert!(
        answers
            .keys()
            .all(|(status, _)| *status == 200 || *status == 409),
        "only the one success and conflicts: {answers:?}"
    );
    assert_eq!(
        sms_codes_of(&app, &id),
        vec![0],
        "a right code is no wrong try"
    );
}

#[tokio::test]
async fn fifty_requests_for_a_new_code_at_once_send_one_sms() {
    let app = app().await;
    let (id, _) = awaiting_code(&app).await;
    app.clock.advance(Duration::seconds(61));
    let answers = tally((0..BURST).map(|_| app.send_sms_code(&id))).await;

    assert_eq!(count(&answers, 202, ""), 1, "{answers:?}");
    assert_eq!(
        count(&answers, 429, "sms_resend_too_soon"),
        BURST - 1,
        "{answers:?}"
    );
    assert_eq!(sms_codes_of(&app, &id).len(), 2);
    app.sms
        .wait_for_sms_to(PHONE, 2, std::time::Duration::from_secs(10))
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.sms.messages().len(), 2);
}

#[tokio::test]
async fn fifty_e_onay_approvals_at_once_approve_once() {
    let app = app().await;
    let id = app
        .phone_verified_application(&citizen(0), "person", false)
        .await;
    assert_eq!(app.give_consent().await.status(), 200);
    let (version, sha256) = app.taahhutname().await;
    let answers = tally((0..BURST).map(|_| app.approve(&id, &version, &sha256, true))).await;

    assert_eq!(count(&answers, 200, ""), 1, "{answers:?}");
    assert_eq!(
        count(&answers, 409, "invalid_state_transition"),
        BURST - 1,
        "{answers:?}"
    );
    use api::db::schema::{application_events, approvals};
    let mut conn = app.db.connection();
    let approvals: i64 = approvals::table
        .filter(approvals::application_id.eq(&id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(approvals, 1);
    let approved_events: i64 = application_events::table
        .filter(application_events::application_id.eq(&id))
        .filter(application_events::kind.eq("approved_with_e_onay"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(approved_events, 1);
}

#[tokio::test]
async fn two_form_submissions_at_once_both_land_cleanly_and_send_one_code() {
    let app = app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "person", false).await;
    app.login_as(&ayse).await;
    let answers = tally((0..2).map(|_| app.submit_form(&id, valid_form(PHONE)))).await;

    // The second one re-submits the form the first one stored (allowed before approval).
    assert_eq!(count(&answers, 200, ""), 2, "{answers:?}");
    assert_eq!(sms_codes_of(&app, &id).len(), 1);
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "form_submitted");
}

#[tokio::test]
async fn parallel_staff_logins_with_a_wrong_password_are_each_counted_by_the_throttle() {
    let app = app().await;
    create_operator_account(&app, "operator.burst");
    let mut browsers: Vec<StaffBrowser> = (0..20).map(|_| StaffBrowser::new(&app)).collect();
    let answers = tally(
        browsers
            .iter_mut()
            .map(|browser| browser.login("operator.burst", "not the password at all")),
    )
    .await;

    assert_eq!(answered(&answers), 20);
    assert_eq!(
        count(&answers, 401, "staff_login_failed") + count(&answers, 429, "login_throttled"),
        20,
        "{answers:?}"
    );
    // Every attempt whose password was checked left a failure in the audit trail, and the
    // throttle counted exactly those: no attempt slipped through uncounted.
    let judged = audit_trail(&app)
        .into_iter()
        .filter(|(action, outcome, target)| {
            action == "staff_login_failed"
                && outcome == "failure"
                && target.as_deref() == Some("operator.burst")
        })
        .count();
    use api::db::schema::login_throttle;
    let mut conn = app.db.connection();
    let counted: i32 = login_throttle::table
        .find("staff:operator.burst")
        .select(login_throttle::consecutive_failures)
        .first(&mut conn)
        .unwrap();
    assert_eq!(usize::try_from(counted).unwrap(), judged);
    // Five free failures, then the sixth starts a wait that shuts the gate for the rest.
    assert_eq!(judged, 6, "{answers:?}");
}

#[tokio::test]
async fn fifty_resends_of_the_notification_at_once_queue_one_e_mail() {
    let app = app().await;
    let id = app
        .pre_application_for(&citizen(1), "institution", false)
        .await;
    let officer = dev_officer(&app).await;
    app.clock.advance(Duration::minutes(11));
    let answers = tally((0..BURST).map(|_| officer.resend(&id))).await;

    assert_eq!(count(&answers, 200, ""), 1, "{answers:?}");
    assert_eq!(
        count(&answers, 429, "notification_resend_too_soon"),
        BURST - 1,
        "{answers:?}"
    );
    use api::db::schema::outbox;
    let mut conn = app.db.connection();
    let resent: i64 = outbox::table
        .filter(outbox::application_id.eq(&id))
        .filter(outbox::purpose.eq("pre_application_resent"))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(resent, 1);
}
