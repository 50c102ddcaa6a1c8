use chrono::Duration;
use serde_json::Value;

use crate::helpers::{citizen, problem, spawn_app, valid_form, wrong_code, TestApp};

const PHONE: &str = "+905321234567";

/// Logged in, form submitted, first code sent: returns the id and that code.
async fn awaiting_code(app: &TestApp) -> (String, String) {
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    assert_eq!(
        app.submit_form(&id, valid_form("05321234567"))
            .await
            .status(),
        200
    );
    let code = app.sms_code_sent_to(PHONE, 1).await;
    (id, code)
}

#[tokio::test]
async fn the_sms_carries_a_six_digit_code_and_the_reference() {
    let app = spawn_app().await;
    let (_id, code) = awaiting_code(&app).await;
    assert_eq!(code.len(), 6);
    let sms = app.sms.messages();
    assert_eq!(sms[0].to, PHONE);
    assert!(sms[0].text.contains("NES-"));
}

#[tokio::test]
async fn a_wrong_code_says_how_many_tries_are_left() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    let (status, body) = problem(app.verify_sms_code(&id, &wrong_code(&code)).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "sms_code_incorrect");
    assert_eq!(body["tries_left"], 4);
}

#[tokio::test]
async fn five_wrong_codes_kill_the_code_even_for_the_right_one() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    for expected_left in [4, 3, 2, 1] {
        let (_, body) = problem(app.verify_sms_code(&id, &wrong_code(&code)).await).await;
        assert_eq!(body["tries_left"], expected_left);
    }
    let (status, body) = problem(app.verify_sms_code(&id, &wrong_code(&code)).await).await;
    assert_eq!(status, 410);
    assert_eq!(body["code"], "sms_code_attempts_exhausted");
    let (_, body) = problem(app.verify_sms_code(&id, &code).await).await;
    assert_eq!(body["code"], "sms_code_attempts_exhausted");

    // A new code, after the cooldown, works.
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.send_sms_code(&id).await.status(), 202);
    let fresh = app.sms_code_sent_to(PHONE, 2).await;
    assert_eq!(app.verify_sms_code(&id, &fresh).await.status(), 200);
}

#[tokio::test]
async fn a_code_older_than_ten_minutes_is_expired() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    app.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let (status, body) = problem(app.verify_sms_code(&id, &code).await).await;
    assert_eq!(status, 410);
    assert_eq!(body["code"], "sms_code_expired");
}

#[tokio::test]
async fn a_new_code_cannot_be_asked_for_within_a_minute() {
    let app = spawn_app().await;
    let (id, _code) = awaiting_code(&app).await;
    app.clock.advance(Duration::seconds(20));
    let response = app.send_sms_code(&id).await;
    assert_eq!(response.headers()["retry-after"], "40");
    let (status, body) = problem(response).await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], "sms_resend_too_soon");
    assert_eq!(body["retry_after_seconds"], 40);

    app.clock.advance(Duration::seconds(40));
    let response = app.send_sms_code(&id).await;
    assert_eq!(response.status(), 202);
    let status: Value = response.json().await.unwrap();
    assert_eq!(status["resend_available_in_seconds"], 60);
    assert_eq!(status["sends_left_this_hour"], 3);
}

#[tokio::test]
async fn a_new_code_replaces_the_previous_one() {
    let app = spawn_app().await;
    let (id, first) = awaiting_code(&app).await;
    app.clock.advance(Duration::seconds(61));
    app.send_sms_code(&id).await;
    let second = app.sms_code_sent_to(PHONE, 2).await;
    if first != second {
        let (_, body) = problem(app.verify_sms_code(&id, &first).await).await;
        assert_eq!(body["code"], "sms_code_incorrect");
    }
    assert_eq!(app.verify_sms_code(&id, &second).await.status(), 200);
}

#[tokio::test]
async fn at_most_five_codes_are_sent_in_an_hour() {
    let app = spawn_app().await;
    let (id, _) = awaiting_code(&app).await;
    for _ in 0..4 {
        app.clock.advance(Duration::seconds(61));
        assert_eq!(app.send_sms_code(&id).await.status(), 202);
    }
    app.clock.advance(Duration::seconds(61));
    let (status, body) = problem(app.send_sms_code(&id).await).await;
    assert_eq!(status, 429);
    assert_eq!(body["code"], "sms_send_limit_reached");
    let wait = body["retry_after_seconds"].as_u64().unwrap();
    assert!(wait > 0 && wait <= 3600 - 4 * 61, "{wait}");
}

#[tokio::test]
async fn a_used_code_cannot_be_used_again() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    assert_eq!(app.verify_sms_code(&id, &code).await.status(), 200);
    let (status, body) = problem(app.verify_sms_code(&id, &code).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "sms_code_already_used");
}

#[tokio::test]
async fn a_code_that_is_not_six_digits_is_a_field_error_and_costs_no_try() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    let (status, body) = problem(app.verify_sms_code(&id, "12a").await).await;
    assert_eq!(status, 422);
    assert_eq!(body["fields"]["code"][0], "sms_code_format");
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["sms"]["tries_left"], 5);
    assert_eq!(
        app.verify_sms_code(&id, &format!("{}-{}", &code[..3], &code[3..]))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn codes_are_stored_only_as_keyed_hashes() {
    use diesel::prelude::*;
    let app = spawn_app().await;
    let (_id, code) = awaiting_code(&app).await;
    let mut conn = app.db.connection();
    let stored: Vec<String> = api::db::schema::sms_codes::table
        .select(api::db::schema::sms_codes::code_hmac)
        .load(&mut conn)
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].len(), 64);
    assert!(!stored[0].contains(&code));
    let bodies: Vec<String> = api::db::schema::outbox::table
        .select(api::db::schema::outbox::body)
        .load(&mut conn)
        .unwrap();
    assert!(bodies.iter().all(|b| !b.contains(&code)));
}

#[tokio::test]
async fn a_hundred_wrong_tries_in_a_row_across_codes_lock_the_phone_verification() {
    let app = spawn_app().await;
    let (id, mut code) = awaiting_code(&app).await;
    for sent in 1..=20 {
        if sent > 1 {
            // Thirteen minutes apart: past the cooldown, and never six sends in an hour.
            app.clock.advance(Duration::minutes(13));
            assert_eq!(app.send_sms_code(&id).await.status(), 202, "send {sent}");
            code = app.sms_code_sent_to(PHONE, sent).await;
        }
        for _ in 0..5 {
            let status = app.verify_sms_code(&id, &wrong_code(&code)).await.status();
            assert!(status == 422 || status == 410, "{status}");
        }
    }
    // The hundredth wrong try is behind: neither the right code nor a new one helps now.
    app.clock.advance(Duration::minutes(13));
    let (status, body) = problem(app.send_sms_code(&id).await).await;
    assert_eq!(status, 423);
    assert_eq!(body["code"], "sms_verification_locked");
    let (status, body) = problem(app.verify_sms_code(&id, &code).await).await;
    assert_eq!(
        (status.as_u16(), body["code"].as_str()),
        (423, Some("sms_verification_locked"))
    );
}

#[tokio::test]
async fn a_right_code_forgets_the_wrong_tries_before_it() {
    let app = spawn_app().await;
    let (id, code) = awaiting_code(&app).await;
    for _ in 0..4 {
        assert_eq!(
            app.verify_sms_code(&id, &wrong_code(&code)).await.status(),
            422
        );
    }
    assert_eq!(app.verify_sms_code(&id, &code).await.status(), 200);
    // Back to the form and a new code: five tries again, the earlier four not counted.
    assert_eq!(
        app.submit_form(&id, valid_form("05321234567"))
            .await
            .status(),
        200
    );
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.send_sms_code(&id).await.status(), 202);
    let fresh = app.sms_code_sent_to(PHONE, 2).await;
    let (_, body) = problem(app.verify_sms_code(&id, &wrong_code(&fresh)).await).await;
    assert_eq!(body["tries_left"], 4);
}

#[tokio::test]
async fn the_code_leaves_at_once_although_the_browser_gave_up_waiting_for_devam() {
    use diesel::connection::SimpleConnection;

    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    // Another writer holds the outbox, so the form's change waits (within the database's
    // lock timeout of 5 s), and the browser on a slow line gives up first.
    let mut holder = app.db.connection();
    holder
        .batch_execute(match &holder {
            api::db::AnyConnection::Sqlite(_) => "BEGIN IMMEDIATE",
            api::db::AnyConnection::Postgresql(_) => "BEGIN; LOCK TABLE outbox IN SHARE MODE",
        })
        .unwrap();
    let gave_up = app
        .request(
            reqwest::Method::PUT,
            &format!("/api/applications/{id}/form"),
            Some(valid_form("05321234567")),
        )
        .timeout(std::time::Duration::from_millis(500))
        .send()
        .await;
    assert!(gave_up.is_err(), "{gave_up:?}");
    holder.batch_execute("COMMIT").unwrap();

    // The change committed all the same; its code is not left claimed by a request that is
    // gone (it would wait for the claim to lapse, minutes later).
    let sent = app
        .sms
        .wait_for_sms_to(PHONE, 1, std::time::Duration::from_secs(3))
        .await;
    assert_eq!(sent.len(), 1);
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "form_submitted");
}
