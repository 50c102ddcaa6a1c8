//! Payment and production, recorded by the Kamu SM operator: who may, in which order, what
//! the applicant is told, and what the applicant then sees on Başvuru İşlemleri.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app};
use crate::operator_helpers::{approved, dev_institution_id, operator, staff_session};

const APPLICANT_PHONE: &str = "+905321234567";

fn kinds(timeline: &Value) -> Vec<String> {
    timeline
        .as_array()
        .expect("a timeline")
        .iter()
        .map(|e| e["kind"].as_str().expect("a kind").to_owned())
        .collect()
}

#[tokio::test]
async fn only_an_operator_may_record_payments_and_production_steps() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let officer = staff_session(
        &app,
        "officer.dev",
        "officer",
        Some(&dev_institution_id(&app)),
    )
    .await;
    let payment = format!("/api/pre-applications/{id}/payment");
    let steps = format!("/api/pre-applications/{id}/production-events");

    let (status, body) = problem(officer.post(&payment, None).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");
    let (status, body) = problem(
        officer
            .post(&steps, Some(json!({"event": "produced"})))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");

    // The institution's own HR system may create pre-applications, not record payments.
    let response = app
        .client
        .post(app.url(&payment))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap();
    let (status, _) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // The applicant, logged in (app.call sends their session and CSRF token).
    let (status, body) = problem(app.call(reqwest::Method::POST, &payment, None).await).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "unauthenticated");

    let operator = operator(&app).await;
    let (status, body) = problem(operator.post_without_csrf(&payment).await).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "csrf_token_invalid");

    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "awaiting_payment", "nobody changed it");
}

#[tokio::test]
async fn a_payment_moves_a_prepaid_application_into_production_by_itself() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let (_, before) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(before["state"], "awaiting_payment");
    assert_eq!(before["allowed_actions"], json!(["record_payment"]));

    let response = operator.record_payment(&id).await;
    assert_eq!(response.status(), StatusCode::OK);
    let summary: Value = response.json().await.unwrap();
    assert_eq!(summary["state"], "in_production");
    let kinds = kinds(&summary["timeline"]);
    assert_eq!(
        kinds[kinds.len() - 2..],
        ["payment_received", "production_started"]
    );
    let operator_events: Vec<&Value> = summary["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .take(2)
        .collect();
    assert!(operator_events.iter().all(|e| e["actor"] == "operator"));

    let (_, after) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(after["paid"], true);
    assert_eq!(after["payment"]["paid"], true);
    assert_eq!(
        after["allowed_actions"],
        json!(["reverse_payment", "mark_produced"])
    );
    let (_, result) = app
        .get_json(&format!("/api/applications/{id}/result"))
        .await;
    assert_eq!(result["payment"]["paid"], true);

    let (status, body) = problem(operator.record_payment(&id).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invalid_state_transition");
}

#[tokio::test]
async fn production_steps_follow_each_other_and_a_step_out_of_order_is_refused() {
    let app = spawn_app().await;
    let id = approved(&app, "institution", false).await;
    let operator = operator(&app).await;

    let (status, body) = problem(operator.ship(&id, "KP12345678TR").await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invalid_state_transition");
    let (status, body) = problem(
        operator
            .record_step(&id, json!({"event": "delivered"}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invalid_state_transition");

    let response = operator
        .record_step(&id, json!({"event": "produced"}))
        .await;
    assert_eq!(response.json::<Value>().await.unwrap()["state"], "produced");
    let (status, _) = problem(
        operator
            .record_step(&id, json!({"event": "produced"}))
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "a step is recorded once");
    let response = operator.ship(&id, "KP12345678TR").await;
    assert_eq!(response.json::<Value>().await.unwrap()["state"], "shipped");
    let response = operator
        .record_step(&id, json!({"event": "delivered"}))
        .await;
    assert_eq!(
        response.json::<Value>().await.unwrap()["state"],
        "delivered"
    );

    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["completed"][0]["state"], "delivered");
    assert_eq!(list["completed"][0]["next_action"], "none");
}

#[tokio::test]
async fn shipping_needs_a_courier_and_a_well_formed_tracking_number() {
    let app = spawn_app().await;
    let id = approved(&app, "institution", false).await;
    let operator = operator(&app).await;
    operator
        .record_step(&id, json!({"event": "produced"}))
        .await;

    let (status, body) =
        problem(operator.record_step(&id, json!({"event": "shipped"})).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["fields"]["tracking_number"], json!(["required"]));
    assert_eq!(body["fields"]["courier"], json!(["required"]));

    let (status, body) = problem(operator.ship(&id, "KP 1234#5678").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body["fields"]["tracking_number"],
        json!(["tracking_number_format"])
    );

    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(
        detail["state"], "produced",
        "a refused step changes nothing"
    );
    assert_eq!(detail["shipment"], Value::Null);

    let response = operator.ship(&id, " kp 1234 5678 tr ").await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(
        detail["shipment"],
        json!({"courier": "PTT Kargo", "tracking_number": "KP12345678TR"})
    );
}

#[tokio::test]
async fn each_step_sends_the_applicant_an_email_and_an_sms() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    // The pre-application and the approval mails, and the SMS code, came before.
    let mails_before = app.smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    assert_eq!(mails_before.len(), 2);
    let sms_before = app
        .sms
        .wait_for_sms_to(APPLICANT_PHONE, 1, Duration::from_secs(10))
        .await
        .len();

    let operator = operator(&app).await;
    assert_eq!(operator.record_payment(&id).await.status(), StatusCode::OK);
    for body in [
        json!({"event": "produced"}),
        json!({"event": "shipped", "courier": "PTT Kargo", "tracking_number": "KP12345678TR"}),
        json!({"event": "delivered"}),
    ] {
        assert_eq!(
            operator.record_step(&id, body).await.status(),
            StatusCode::OK
        );
    }

    // The worker may send messages queued in the same second in any order.
    let mails = app.smtp.wait_for_messages(6, Duration::from_secs(10)).await;
    let new_mails = &mails[2..];
    assert_eq!(new_mails.len(), 4);
    for expected in [
        "Ödemeniz alındı",
        "Sertifikanız üretildi",
        "Kartınız kargoya verildi",
        "Kartınız teslim edildi",
    ] {
        assert_eq!(
            new_mails
                .iter()
                .filter(|m| m.subject().starts_with(expected))
                .count(),
            1,
            "one mail {expected:?}"
        );
    }
    // To the address of the pre-application, as its own mail went.
    assert!(new_mails.iter().all(|m| m.to == mails[0].to));
    let shipped_mail = new_mails
        .iter()
        .find(|m| m.subject().starts_with("Kartınız kargoya verildi"))
        .unwrap()
        .text_body();
    assert!(shipped_mail.contains("Kargo takip numarası: KP12345678TR"));
    assert!(shipped_mail.contains("Tracking number: KP12345678TR"));

    let sms = app
        .sms
        .wait_for_sms_to(APPLICANT_PHONE, sms_before + 4, Duration::from_secs(10))
        .await;
    let texts: Vec<&str> = sms[sms_before..].iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), 4, "{texts:?}");
    for expected in [
        "ödemesi alındı, üretim başladı",
        "sertifikası üretildi",
        "kargoda. PTT Kargo takip no: KP12345678TR",
        "kartınız teslim edildi",
    ] {
        assert_eq!(
            texts.iter().filter(|t| t.contains(expected)).count(),
            1,
            "one SMS {expected:?} in {texts:?}"
        );
    }
}

#[tokio::test]
async fn the_applicant_sees_the_payment_and_the_tracking_number_on_the_timeline() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    operator.record_payment(&id).await;
    operator
        .record_step(&id, json!({"event": "produced"}))
        .await;
    operator.ship(&id, "KP12345678TR").await;

    let (status, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["state"], "shipped");
    let timeline = detail["timeline"].as_array().unwrap();
    assert!(timeline.iter().any(|e| e["kind"] == "payment_received"));
    let shipped = timeline
        .iter()
        .find(|e| e["kind"] == "shipped")
        .expect("a shipped event");
    assert_eq!(shipped["shipment"]["tracking_number"], "KP12345678TR");
    assert_eq!(shipped["shipment"]["courier"], "PTT Kargo");
    assert!(
        timeline
            .iter()
            .filter(|e| e["kind"] != "shipped")
            .all(|e| e.get("shipment").is_none()),
        "only the shipped event carries the shipment"
    );
}
