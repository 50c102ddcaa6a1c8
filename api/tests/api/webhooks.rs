//! Webhooks to an institution's endpoint: signed per Standard Webhooks, queued with the
//! change, retried on failure with a log of every attempt, disabled after failing for the
//! whole retry period, redelivered by hand, refused for private addresses in production.

use std::time::Duration;

use api::config::DEV_INTEGRATOR_KEY;
use api::standard_webhooks::{self, Secret, SignedHeaders};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::fakes::{FakeWebhookReceiver, ReceivedWebhook};
use crate::helpers::{
    citizen, institution_with_key, pre_application, problem, spawn_app, spawn_app_with, TestApp,
};

const WAIT: Duration = Duration::from_secs(10);

async fn register(app: &TestApp, key: &str, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url("/api/webhooks/endpoints"))
        .bearer_auth(key)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

/// A registered endpoint on `receiver`: its id and secret.
async fn endpoint_on(app: &TestApp, receiver: &FakeWebhookReceiver) -> (String, Secret) {
    let (status, created) =
        register(app, DEV_INTEGRATOR_KEY, json!({ "url": receiver.url() })).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let secret = Secret::parse(created["secret"].as_str().unwrap()).unwrap();
    (
        created["endpoint"]["id"].as_str().unwrap().to_owned(),
        secret,
    )
}

async fn get_with_key(app: &TestApp, path: &str) -> Value {
    let (status, body) = app.get_json_with_key(path).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn verifies(received: &ReceivedWebhook, secrets: &[&Secret], app: &TestApp) -> bool {
    let headers = SignedHeaders {
        id: Some(&received.id),
        timestamp: Some(&received.timestamp),
        signature: Some(&received.signature),
    };
    standard_webhooks::verify(secrets, headers, received.body.as_bytes(), app.clock_now()).is_ok()
}

trait ClockNow {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc>;
}

impl ClockNow for TestApp {
    fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        api::clock::Clock::now(self.clock.as_ref())
    }
}

#[tokio::test]
async fn each_state_change_reaches_the_endpoint_signed_with_its_secret() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (_, secret) = endpoint_on(&app, &receiver).await;
    let person = citizen(0);
    let id = app
        .phone_verified_application(&person, "institution", false)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let response = app.approve(&id, &version, &sha256, true).await;
    assert_eq!(response.status(), StatusCode::OK);

    // Approval and the start of production commit together; webhooks keep no order.
    let received = receiver.wait_for(5, WAIT).await;
    let mut types: Vec<String> = received
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap().to_owned())
        .collect();
    types.sort();
    assert_eq!(
        types,
        [
            "application.approved",
            "application.created",
            "application.form_submitted",
            "application.in_production",
            "application.phone_verified",
        ]
    );
    for message in &received {
        assert!(verifies(message, &[&secret], &app), "{message:?}");
        assert!(!verifies(message, &[&Secret::generate()], &app));
        assert_eq!(message.json()["data"]["application_id"], id.as_str());
        assert!(message.id.starts_with("msg_"));
    }
    let approved = received
        .iter()
        .map(ReceivedWebhook::json)
        .find(|event| event["type"] == "application.approved")
        .unwrap();
    assert_eq!(approved["data"]["method"], "e_onay");
    assert_eq!(approved["data"]["state"], "approved");
    // One id per event.
    let ids: std::collections::HashSet<&str> = received.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 5);
}

#[tokio::test]
async fn a_failing_endpoint_is_retried_and_every_attempt_is_logged() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, _) = endpoint_on(&app, &receiver).await;
    receiver.fail_next(2, 500);
    app.pre_application_for(&citizen(1), "institution", false)
        .await;

    for attempted in [1, 2] {
        wait_until_attempted(&app, &endpoint, attempted).await;
        app.clock.advance(chrono::Duration::minutes(2));
    }
    assert_eq!(receiver.wait_for_requests(3, WAIT).await.len(), 3);
    let requests = receiver.requests();
    assert_eq!(
        requests.iter().map(|r| r.status).collect::<Vec<_>>(),
        [500, 500, 204]
    );
    // The same message each time: one id, one body.
    assert!(requests
        .iter()
        .all(|r| r.id == requests[0].id && r.body == requests[0].body));

    let log = wait_for_log(&app, &endpoint, 3).await;
    let delivery = &log["deliveries"][0];
    assert_eq!(delivery["status"], "delivered", "{log}");
    assert_eq!(delivery["attempts"], 3);
    assert_eq!(delivery["message_id"], requests[0].id.as_str());
    let codes: Vec<i64> = delivery["log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status_code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [500, 500, 204]);
    let endpoint = get_with_key(&app, &format!("/api/webhooks/endpoints/{endpoint}")).await;
    assert!(endpoint.get("failing_since").is_none(), "{endpoint}");
}

/// Waits until the newest delivery's `attempted`-th attempt is settled (its retry time set):
/// only then may the clock move on, or the retry would be timed from the moved clock.
async fn wait_until_attempted(app: &TestApp, endpoint: &str, attempted: u64) {
    let path = format!("/api/webhooks/endpoints/{endpoint}/deliveries");
    for _ in 0..200 {
        let log = get_with_key(app, &path).await;
        if log["deliveries"][0]["attempts"].as_u64() >= Some(attempted) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("attempt {attempted} was not recorded");
}

/// The log once `attempts` attempts of the newest delivery are recorded.
async fn wait_for_log(app: &TestApp, endpoint: &str, attempts: usize) -> Value {
    let path = format!("/api/webhooks/endpoints/{endpoint}/deliveries");
    for _ in 0..100 {
        let log = get_with_key(app, &path).await;
        let recorded = log["deliveries"][0]["log"].as_array().map_or(0, Vec::len);
        let settled = log["deliveries"][0]["status"] != "pending" || recorded > attempts;
        if recorded >= attempts && settled {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    get_with_key(app, &path).await
}

/// An officer of the development institution with an e-mail address (and one without).
fn officers_of_dev(app: &TestApp) {
    use api::db::schema::staff_users;
    use diesel::prelude::*;
    let institution = crate::operator_helpers::dev_institution_id(app);
    let mut conn = app.db.connection();
    let now = api::db::to_db_time(chrono::Utc::now());
    for (username, email) in [
        ("ik.sorumlu", Some("ik.sorumlu@kurum.gov.tr")),
        ("yedek", None),
    ] {
        diesel::insert_into(staff_users::table)
            .values((
                staff_users::id.eq(uuid::Uuid::new_v4().to_string()),
                staff_users::username.eq(username),
                staff_users::display_name.eq(username),
                staff_users::email.eq(email),
                staff_users::role.eq("officer"),
                staff_users::institution_id.eq(&institution),
                staff_users::password_hash.eq("not a hash: never logs in"),
                staff_users::created_at.eq(now),
                staff_users::created_by.eq("test"),
                staff_users::password_change_required.eq(false),
            ))
            .execute(&mut conn)
            .unwrap();
    }
}

#[tokio::test]
async fn an_endpoint_failing_for_the_whole_retry_period_is_disabled() {
    let app = spawn_app().await;
    officers_of_dev(&app);
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, _) = endpoint_on(&app, &receiver).await;
    receiver.fail_next(1000, 503);
    app.pre_application_for(&citizen(2), "institution", false)
        .await;
    let attempts = api::notify::Channel::Webhook.retry_policy().max_attempts as usize;
    for attempted in 1..=attempts {
        wait_until_attempted(&app, &endpoint, attempted as u64).await;
        app.clock.advance(chrono::Duration::hours(8));
    }
    assert_eq!(receiver.requests().len(), attempts);
    let log = wait_for_log(&app, &endpoint, attempts).await;
    assert_eq!(log["deliveries"][0]["status"], "failed", "{log}");
    let endpoint_now = get_with_key(&app, &format!("/api/webhooks/endpoints/{endpoint}")).await;
    assert_eq!(endpoint_now["enabled"], false, "{endpoint_now}");
    assert!(endpoint_now["disabled_reason"]
        .as_str()
        .unwrap()
        .contains("every attempt failed"));
    // Its officers are told, those with an address.
    let mails = app.smtp.wait_for_messages(2, WAIT).await;
    let notices: Vec<_> = mails
        .iter()
        .filter(|mail| mail.subject().contains("devre dışı"))
        .collect();
    assert_eq!(notices.len(), 1, "{mails:?}");
    assert_eq!(notices[0].to, ["ik.sorumlu@kurum.gov.tr"]);
    assert!(notices[0].text_body().contains(&receiver.url()));
    // Nothing is queued for a disabled endpoint.
    app.pre_application_for(&citizen(3), "institution", false)
        .await;
    let log = get_with_key(
        &app,
        &format!("/api/webhooks/endpoints/{endpoint}/deliveries"),
    )
    .await;
    assert_eq!(log["deliveries"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn gone_disables_at_once_and_enabling_then_redelivering_sends_the_same_message() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, secret) = endpoint_on(&app, &receiver).await;
    receiver.fail_next(1, 410);
    app.pre_application_for(&citizen(4), "institution", false)
        .await;
    let log = wait_for_log(&app, &endpoint, 1).await;
    let delivery = log["deliveries"][0].clone();
    assert_eq!(delivery["status"], "failed", "{log}");
    let path = format!("/api/webhooks/endpoints/{endpoint}");
    assert_eq!(get_with_key(&app, &path).await["enabled"], false);

    let redeliver = |app: &TestApp| {
        let url = app.url(&format!(
            "{path}/deliveries/{}/redelivery",
            delivery["id"].as_str().unwrap()
        ));
        app.client.post(url).bearer_auth(DEV_INTEGRATOR_KEY).send()
    };
    let (status, refused) = problem(redeliver(&app).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");

    let enabled = app
        .client
        .patch(app.url(&path))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .json(&json!({ "enabled": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(enabled.status(), StatusCode::OK);
    let queued = redeliver(&app).await.unwrap();
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    let received = receiver.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].id, delivery["message_id"].as_str().unwrap());
    assert!(verifies(&received[0], &[&secret], &app));
}

#[tokio::test]
async fn after_a_rotation_both_secrets_sign_until_the_grace_period_ends() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, old) = endpoint_on(&app, &receiver).await;
    let rotated: Value = app
        .client
        .post(app.url(&format!(
            "/api/webhooks/endpoints/{endpoint}/secret-rotation"
        )))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new = Secret::parse(rotated["secret"].as_str().unwrap()).unwrap();
    assert_ne!(new, old);
    app.pre_application_for(&citizen(0), "institution", false)
        .await;
    let first = receiver.wait_for(1, WAIT).await;
    assert_eq!(first[0].signature.split(' ').count(), 2);
    assert!(verifies(&first[0], &[&old], &app) && verifies(&first[0], &[&new], &app));

    app.clock.advance(chrono::Duration::hours(25));
    app.pre_application_for(&citizen(1), "institution", false)
        .await;
    let second = receiver.wait_for(2, WAIT).await;
    assert!(verifies(&second[1], &[&new], &app));
    assert!(!verifies(&second[1], &[&old], &app));
}

#[tokio::test]
async fn an_endpoint_receives_only_the_events_it_asked_for() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (status, _) = register(
        &app,
        DEV_INTEGRATOR_KEY,
        json!({ "url": receiver.url(), "event_types": ["application.cancelled"] }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = app
        .pre_application_for(&citizen(0), "institution", false)
        .await;
    let cancelled = app
        .client
        .post(app.url(&format!("/api/pre-applications/{id}/cancellation")))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);
    let received = receiver.wait_for(1, WAIT).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].json()["type"], "application.cancelled");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(receiver.requests().len(), 1);
}

#[tokio::test]
async fn another_institution_neither_sees_nor_changes_an_endpoint_nor_gets_its_events() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, _) = endpoint_on(&app, &receiver).await;
    let other_key = "k2-integrator-key-0123456789";
    institution_with_key(&app.db.url, "K2", "İkinci Kurum", other_key);
    let path = format!("/api/webhooks/endpoints/{endpoint}");
    let seen = app
        .client
        .get(app.url(&path))
        .bearer_auth(other_key)
        .send()
        .await
        .unwrap();
    assert_eq!(seen.status(), StatusCode::NOT_FOUND);
    let removed = app
        .client
        .delete(app.url(&path))
        .bearer_auth(other_key)
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NOT_FOUND);
    let list: Value = app
        .client
        .get(app.url("/api/webhooks/endpoints"))
        .bearer_auth(other_key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["endpoints"].as_array().unwrap().len(), 0);
    // K2's applications go to K2's endpoints only.
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(other_key)
        .json(&json!({ "items": [pre_application(&citizen(1).tckn, "Ali", "Kaya", "institution", false)] }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(receiver.requests().is_empty());
    let (status, _) = register(
        &app,
        other_key,
        json!({ "url": receiver.url(), "institution_id": "someone-else" }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn production_refuses_plain_http_and_private_addresses() {
    let app = spawn_app_with(&[("NES_WEBHOOK_TARGETS", "public")]).await;
    for (url, code) in [
        ("http://ik.kurum.gov.tr/hooks", "not_https"),
        ("https://127.0.0.1/hooks", "private_address"),
        ("https://[::1]/hooks", "private_address"),
        (
            "https://169.254.169.254/latest/meta-data",
            "private_address",
        ),
        ("https://10.0.0.8/hooks", "private_address"),
        ("https://localhost:8443/hooks", "private_address"),
        ("https://user:pw@ik.kurum.gov.tr/hooks", "invalid_url"),
    ] {
        let (status, body) = register(&app, DEV_INTEGRATOR_KEY, json!({ "url": url })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{url}: {body}");
        assert_eq!(body["fields"]["url"][0], code, "{url}: {body}");
    }
    let (status, _) = register(
        &app,
        DEV_INTEGRATOR_KEY,
        json!({ "url": "https://ik.kurum.gov.tr/hooks" }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn fifty_registrations_at_once_stop_at_the_limit() {
    let app = spawn_app().await;
    let attempts = (0..50).map(|n| {
        register(
            &app,
            DEV_INTEGRATOR_KEY,
            json!({ "url": format!("https://ik.kurum.gov.tr/hooks/{n}") }),
        )
    });
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|(status, _)| status)
        .collect();
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(
        created,
        shared::api::webhooks::MAX_ENDPOINTS_PER_INSTITUTION,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::CREATED || *s == StatusCode::UNPROCESSABLE_ENTITY));
}

#[tokio::test]
async fn rotations_at_once_leave_the_last_two_secrets_answered_signing() {
    let app = spawn_app().await;
    let receiver = FakeWebhookReceiver::start().await;
    let (endpoint, original) = endpoint_on(&app, &receiver).await;
    let path = format!("/api/webhooks/endpoints/{endpoint}/secret-rotation");
    let rotations = (0..50).map(|_| async {
        let answer: Value = app
            .client
            .post(app.url(&path))
            .bearer_auth(DEV_INTEGRATOR_KEY)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        Secret::parse(answer["secret"].as_str().unwrap()).unwrap()
    });
    let answered: Vec<Secret> = futures_util::future::join_all(rotations).await;
    app.pre_application_for(&citizen(0), "institution", false)
        .await;
    let message = &receiver.wait_for(1, WAIT).await[0];
    // Every rotation built on the one before: the message is signed by two answered secrets,
    // never by the original one a lost rotation would have kept as "previous".
    let signing: Vec<&Secret> = answered
        .iter()
        .filter(|secret| verifies(message, &[secret], &app))
        .collect();
    assert_eq!(signing.len(), 2, "{}", message.signature);
    assert!(!verifies(message, &[&original], &app));
}
