//! Deadline reminders 7 days and 1 day before, once each across instances, with their
//! webhooks; the person told when the application expires or is cancelled.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::fakes::FakeWebhookReceiver;
use crate::helpers::{citizen, spawn_app, TestApp};
use crate::officer_helpers::{dev_officer, OfficerClient};
use api::config::DEV_INTEGRATOR_KEY;

/// The reminder job asks every 10 s of real time.
const WAIT: Duration = Duration::from_secs(25);

async fn webhooks_to(app: &TestApp) -> FakeWebhookReceiver {
    let receiver = FakeWebhookReceiver::start().await;
    let response = app
        .client
        .post(app.url("/api/webhooks/endpoints"))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .json(&json!({ "url": receiver.url() }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    receiver
}

fn subjects_with(app: &TestApp, text: &str) -> usize {
    app.smtp
        .messages()
        .iter()
        .filter(|mail| mail.subject().contains(text))
        .count()
}

#[tokio::test]
async fn reminders_go_seven_days_and_one_day_before_and_the_expiry_is_told() {
    let app = spawn_app().await;
    let receiver = webhooks_to(&app).await;
    let person = citizen(0);
    let id = app.pre_application_for(&person, "institution", false).await;
    assert_eq!(receiver.wait_for(1, WAIT).await.len(), 1);

    // 30 days to complete: 6 days 23 hours left.
    app.clock
        .advance(chrono::Duration::days(23) + chrono::Duration::hours(1));
    let events = receiver.wait_for(2, WAIT).await;
    let reminder = events[1].json();
    assert_eq!(reminder["type"], "application.reminder_sent", "{reminder}");
    assert_eq!(reminder["data"]["days_left"], 7);
    assert_eq!(reminder["data"]["application_id"], id.as_str());
    app.smtp.wait_for_messages(2, WAIT).await;
    assert_eq!(subjects_with(&app, "son 7 gün"), 1);

    // 23 hours left.
    app.clock.advance(chrono::Duration::days(6));
    let events = receiver.wait_for(3, WAIT).await;
    assert_eq!(events[2].json()["data"]["days_left"], 1);
    app.smtp.wait_for_messages(3, WAIT).await;
    assert_eq!(subjects_with(&app, "son 1 gün"), 1);

    // Past the deadline: expired, the person told, the institution's webhook.
    app.clock.advance(chrono::Duration::days(1));
    let events = receiver.wait_for(4, WAIT).await;
    assert_eq!(events[3].json()["type"], "application.expired");
    app.smtp.wait_for_messages(4, WAIT).await;
    assert_eq!(subjects_with(&app, "başvurunuz kapandı"), 1);
    // Each reminder once, whatever ran meanwhile.
    assert_eq!(subjects_with(&app, "son 7 gün"), 1);
    assert_eq!(subjects_with(&app, "son 1 gün"), 1);
    let (_, summary) = app
        .get_json_with_key(&format!("/api/pre-applications/{id}"))
        .await;
    let reminders = summary["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "reminder_sent")
        .count();
    assert_eq!(reminders, 2, "{summary}");
}

#[tokio::test]
async fn a_cancelled_application_is_told_to_its_person() {
    let app = spawn_app().await;
    let id = app
        .pre_application_for(&citizen(1), "institution", false)
        .await;
    let response = app
        .client
        .post(app.url(&format!("/api/pre-applications/{id}/cancellation")))
        .bearer_auth(DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    app.smtp.wait_for_messages(2, WAIT).await;
    assert_eq!(subjects_with(&app, "başvurunuz kapandı"), 1);
}

/// The state of a message as the officer and the change feed show it, once the worker
/// settled it.
async fn messages_once_settled(officer: &OfficerClient, id: &str) -> Value {
    for _ in 0..100 {
        let (status, detail) = officer.detail(id).await;
        assert_eq!(status, StatusCode::OK, "{detail}");
        if detail["messages"][0]["status"] != "pending" {
            return detail["messages"].clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the e-mail of {id} stayed pending");
}

#[tokio::test]
async fn officers_and_the_change_feed_see_whether_each_message_went_out() {
    let app = spawn_app().await;
    let officer = dev_officer(&app).await;
    // The mail server refuses the first notification for good.
    app.smtp.fail_next(1, 550);
    let refused = app
        .pre_application_for(&citizen(0), "institution", false)
        .await;
    let refused_messages = messages_once_settled(&officer, &refused).await;
    assert_eq!(
        refused_messages[0]["status"], "failed",
        "{refused_messages}"
    );
    assert_eq!(refused_messages[0]["channel"], "email");
    assert_eq!(refused_messages[0]["purpose"], "pre_application_created");
    assert!(refused_messages[0]["last_error"]
        .as_str()
        .unwrap()
        .contains("550"));
    assert!(!refused_messages[0]["recipient"]
        .as_str()
        .unwrap()
        .contains(&citizen(0).first_name.to_lowercase()));

    let delivered = app
        .pre_application_for(&citizen(1), "institution", false)
        .await;
    let delivered_messages = messages_once_settled(&officer, &delivered).await;
    assert_eq!(
        delivered_messages[0]["status"], "delivered",
        "{delivered_messages}"
    );
    assert_eq!(delivered_messages[0]["attempts"], 1);

    // The feed serves changes once they settled (15 s).
    app.clock.advance(chrono::Duration::seconds(20));
    let (status, feed) = app.get_json_with_key("/api/pre-applications").await;
    assert_eq!(status, StatusCode::OK, "{feed}");
    let by_id = |id: &str| {
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item["id"] == id)
            .unwrap()["messages"][0]["status"]
            .clone()
    };
    assert_eq!(by_id(&refused), "failed");
    assert_eq!(by_id(&delivered), "delivered");
}
