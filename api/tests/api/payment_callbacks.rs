//! The payment provider's callbacks through real HTTP: signed with the Standard Webhooks
//! scheme, idempotent by transaction id, checked against the tariff, applied like the
//! operator's hand entry — and what is not applied is listed for the operators.

use std::time::Duration;

use api::clock::Clock;
use api::payment_callbacks::DEV_PAYMENT_CALLBACK_SECRET;
use api::standard_webhooks::{sign, Secret};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{problem, TestApp};
use crate::operator_helpers::{anonymous, approved, operator, staff_session, StaffClient};

const CALLBACK: &str = "/api/payments/callback";
/// The tariff's default price of the two-year certificate `valid_form` chooses.
const TWO_YEARS_KURUS: u64 = 75_000;

async fn spawn_app() -> TestApp {
    crate::helpers::spawn_app().await
}

/// A callback body for `payment_reference`.
fn payment(transaction_id: &str, payment_reference: &str, amount_kurus: u64) -> Value {
    json!({
        "transaction_id": transaction_id,
        "payment_reference": payment_reference,
        "amount_kurus": amount_kurus,
        "currency": "TRY",
        "paid_at": "2026-12-05T09:30:00+03:00",
    })
}

/// Posts `body` as message `webhook_id`, signed with `secret` at `timestamp`.
async fn post_signed(
    app: &TestApp,
    webhook_id: &str,
    timestamp: i64,
    secret: &Secret,
    body: &Value,
) -> Response {
    let bytes = serde_json::to_vec(body).unwrap();
    let signature = sign(&[secret], webhook_id, timestamp, &bytes);
    anonymous()
        .post(app.url(CALLBACK))
        .header("content-type", "application/json")
        .header("webhook-id", webhook_id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(bytes)
        .send()
        .await
        .unwrap()
}

fn dev_secret() -> Secret {
    Secret::parse(DEV_PAYMENT_CALLBACK_SECRET).unwrap()
}

/// Posts `body` as the provider would now, as message `webhook_id`.
async fn deliver(app: &TestApp, webhook_id: &str, body: &Value) -> Response {
    post_signed(
        app,
        webhook_id,
        app.clock.now().timestamp(),
        &dev_secret(),
        body,
    )
    .await
}

async fn receipt(response: Response) -> Value {
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The payment reference the person was shown for application `id`.
async fn payment_reference(operator: &StaffClient, id: &str) -> String {
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    detail["payment"]["payment_reference"]
        .as_str()
        .expect("a payment reference")
        .to_owned()
}

async fn listed(operator: &StaffClient, query: &str) -> Vec<Value> {
    let (status, body) = operator
        .get(&format!("/api/operator/payment-callbacks{query}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["callbacks"].as_array().unwrap().clone()
}

async fn state_of(operator: &StaffClient, id: &str) -> (String, bool) {
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    (
        detail["state"].as_str().unwrap().to_owned(),
        detail["paid"].as_bool().unwrap(),
    )
}

#[tokio::test]
async fn a_matching_payment_moves_a_prepaid_application_into_production_by_itself() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let reference = payment_reference(&operator, &id).await;
    let mails_before = app.smtp.wait_for_messages(2, Duration::from_secs(10)).await;

    let body =
        receipt(deliver(&app, "msg_1", &payment("TX-1", &reference, TWO_YEARS_KURUS)).await).await;
    assert_eq!(body["outcome"], "applied", "{body}");
    assert_eq!(body["transaction_id"], "TX-1");

    assert_eq!(
        state_of(&operator, &id).await,
        ("in_production".to_owned(), true)
    );
    let mails = app
        .smtp
        .wait_for_messages(mails_before.len() + 1, Duration::from_secs(10))
        .await;
    assert!(
        mails[mails_before.len()..]
            .iter()
            .any(|m| m.subject().contains("Ödemeniz alındı")),
        "the person is told as after the operator's entry"
    );
    let (_, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    let recorded = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "payment_recorded")
        .expect("the payment is audited");
    assert_eq!(recorded["actor_kind"], "system");
    assert_eq!(recorded["actor_id"], "payment_provider");
    let callbacks = listed(&operator, "?outcome=applied").await;
    assert_eq!(callbacks.len(), 1);
    assert_eq!(callbacks[0]["application_id"], id.as_str());
    assert_eq!(callbacks[0]["amount_kurus"], TWO_YEARS_KURUS);
}

#[tokio::test]
async fn a_bad_signature_or_a_stale_timestamp_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let reference = payment_reference(&operator, &id).await;
    let body = payment("TX-1", &reference, TWO_YEARS_KURUS);
    let now = app.clock.now().timestamp();

    let forged = post_signed(&app, "msg_1", now, &Secret::generate(), &body).await;
    let (status, problem_body) = problem(forged).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(problem_body["code"], "payment_callback_signature_invalid");

    // A message signed over another body: the amount changed on the way.
    let bytes = serde_json::to_vec(&body).unwrap();
    let signature = sign(&[&dev_secret()], "msg_1", now, &bytes);
    let tampered = anonymous()
        .post(app.url(CALLBACK))
        .header("content-type", "application/json")
        .header("webhook-id", "msg_1")
        .header("webhook-timestamp", now.to_string())
        .header("webhook-signature", signature)
        .body(serde_json::to_vec(&payment("TX-1", &reference, 1)).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), StatusCode::UNAUTHORIZED);

    for stale in [now - 6 * 60, now + 6 * 60] {
        let (status, problem_body) =
            problem(post_signed(&app, "msg_1", stale, &dev_secret(), &body).await).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(problem_body["code"], "payment_callback_signature_invalid");
    }
    let unsigned = anonymous()
        .post(app.url(CALLBACK))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(
        state_of(&operator, &id).await,
        ("awaiting_payment".to_owned(), false)
    );
    assert!(listed(&operator, "").await.is_empty(), "nothing recorded");
}

#[tokio::test]
async fn a_replayed_message_or_transaction_gets_the_first_answer_and_is_not_applied_twice() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let reference = payment_reference(&operator, &id).await;
    let body = payment("TX-1", &reference, TWO_YEARS_KURUS);

    let first = receipt(deliver(&app, "msg_1", &body).await).await;
    assert_eq!(first["outcome"], "applied");
    app.clock.advance(chrono::Duration::seconds(30));
    // The same message again (a replay within the window), and the same payment reported
    // as a new message: the first answer, byte for byte.
    assert_eq!(receipt(deliver(&app, "msg_1", &body).await).await, first);
    assert_eq!(receipt(deliver(&app, "msg_2", &body).await).await, first);

    // Another transaction under a message id already delivered: a duplicate, kept.
    let other =
        receipt(deliver(&app, "msg_1", &payment("TX-2", &reference, TWO_YEARS_KURUS)).await).await;
    assert_eq!(other["outcome"], "duplicate");
    // A second payment for the paid application: nothing to pay.
    let second =
        receipt(deliver(&app, "msg_3", &payment("TX-3", &reference, TWO_YEARS_KURUS)).await).await;
    assert_eq!(second["outcome"], "not_payable", "{second}");

    let (_, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    let payments = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "payment_recorded")
        .count();
    assert_eq!(payments, 1, "applied once");
    assert_eq!(listed(&operator, "").await.len(), 3);
}

#[tokio::test]
async fn fifty_parallel_deliveries_of_one_payment_apply_it_once() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let reference = payment_reference(&operator, &id).await;
    let body = payment("TX-PARALLEL", &reference, TWO_YEARS_KURUS);

    let deliveries = (0..50).map(|n| {
        let (app, body) = (&app, &body);
        async move { deliver(app, &format!("msg_{}", n % 5), body).await }
    });
    let responses = futures_util::future::join_all(deliveries).await;
    let mut answers = Vec::new();
    for response in responses {
        answers.push(receipt(response).await);
    }
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "one answer for all"
    );
    assert_eq!(answers[0]["outcome"], "applied");

    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    let received = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "payment_received")
        .count();
    assert_eq!(received, 1);
    assert_eq!(listed(&operator, "").await.len(), 1);
}

#[tokio::test]
async fn a_wrong_amount_is_kept_for_the_operators_and_never_applied() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let reference = payment_reference(&operator, &id).await;

    let body = receipt(deliver(&app, "msg_1", &payment("TX-1", &reference, 47_000)).await).await;
    assert_eq!(body["outcome"], "amount_mismatch");
    assert!(
        body["detail"].as_str().unwrap().contains("750,00 TL"),
        "{body}"
    );
    assert_eq!(
        state_of(&operator, &id).await,
        ("awaiting_payment".to_owned(), false)
    );

    let mismatches = listed(&operator, "?outcome=amount_mismatch").await;
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0]["transaction_id"], "TX-1");
    assert_eq!(mismatches[0]["application_id"], id.as_str());
    assert_eq!(mismatches[0]["amount_display"], "470,00 TL");
    assert!(listed(&operator, "?outcome=applied").await.is_empty());
    assert_eq!(
        listed(&operator, &format!("?application_id={id}"))
            .await
            .len(),
        1
    );
    // On the application's audit trail too.
    let (_, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    assert!(trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "payment_callback_refused"
            && e["detail"].as_str().unwrap().starts_with("amount_mismatch")));

    // The right amount afterwards is applied.
    let body =
        receipt(deliver(&app, "msg_2", &payment("TX-2", &reference, TWO_YEARS_KURUS)).await).await;
    assert_eq!(body["outcome"], "applied");
}

#[tokio::test]
async fn an_unknown_reference_or_an_institution_paid_application_is_kept_not_applied() {
    let app = spawn_app().await;
    let id = approved(&app, "institution", false).await;
    let operator = operator(&app).await;
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    let reference = shared::ApplicationRef::parse(detail["reference"].as_str().unwrap())
        .unwrap()
        .payment_reference();

    let body =
        receipt(deliver(&app, "msg_1", &payment("TX-1", &reference, TWO_YEARS_KURUS)).await).await;
    assert_eq!(body["outcome"], "not_payable", "{body}");
    for (n, unknown) in ["NES202699999999", "NES-2026-000001-00", "havale"]
        .iter()
        .enumerate()
    {
        let body = receipt(
            deliver(
                &app,
                &format!("msg_u{n}"),
                &payment(&format!("TX-U{n}"), unknown, TWO_YEARS_KURUS),
            )
            .await,
        )
        .await;
        assert_eq!(body["outcome"], "unknown_reference", "{unknown}");
    }
    let unknown = listed(&operator, "?outcome=unknown_reference").await;
    assert_eq!(unknown.len(), 3);
    assert!(unknown.iter().all(|c| c["application_id"].is_null()));
}

#[tokio::test]
async fn a_malformed_body_is_refused_with_field_codes() {
    let app = spawn_app().await;
    let mut body = payment("", "NES202600000146", 0);
    body["currency"] = json!("EUR");
    body["paid_at"] = json!("dün");
    let (status, problem_body) = problem(deliver(&app, "msg_1", &body).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_body["fields"]["transaction_id"],
        json!(["required"])
    );
    assert_eq!(
        problem_body["fields"]["amount_kurus"],
        json!(["amount_invalid"])
    );
    assert_eq!(
        problem_body["fields"]["currency"],
        json!(["currency_unsupported"])
    );
    assert_eq!(problem_body["fields"]["paid_at"], json!(["date_invalid"]));

    let (status, problem_body) = problem(deliver(&app, "msg_2", &json!([1, 2])).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(problem_body["code"], "malformed_request");
}

#[tokio::test]
async fn only_an_operator_may_list_the_callbacks() {
    let app = spawn_app().await;
    let response = anonymous()
        .get(app.url("/api/operator/payment-callbacks"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let officer = staff_session(
        &app,
        "officer.dev",
        "officer",
        Some(&crate::operator_helpers::dev_institution_id(&app)),
    )
    .await;
    let (status, body) = officer.get("/api/operator/payment-callbacks").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "forbidden");
    let operator = operator(&app).await;
    let (status, _) = operator
        .get("/api/operator/payment-callbacks?outcome=nonsense")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_configured_secret_replaces_the_development_one() {
    let secret = Secret::generate();
    let app =
        crate::helpers::spawn_app_with(&[("PAYMENT_CALLBACK_SECRET", &secret.expose())]).await;
    let body = payment("TX-1", "NES202600000146", TWO_YEARS_KURUS);
    let now = app.clock.now().timestamp();
    let response = post_signed(&app, "msg_1", now, &dev_secret(), &body).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = post_signed(&app, "msg_1", now, &secret, &body).await;
    assert_eq!(receipt(response).await["outcome"], "unknown_reference");
}
