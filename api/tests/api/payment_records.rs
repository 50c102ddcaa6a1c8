//! Payment people can act on (issue 13): the texts of the four combinations of who pays and
//! whether production waits, with Kamu SM's bank account; the operator's recording with the
//! receipt's details, shown first as what will be sent; and its reversal — one winner of fifty
//! at once, each way.

use std::time::Duration;

use futures_util::future::join_all;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{problem, spawn_app, TestApp};
use crate::operator_helpers::{approved, operator, StaffClient};

/// The default tariff's price of the tests' two-year certificate.
const FEE: u64 = 75_000;

/// Yesterday: a payment day that is never in the future.
fn paid_on() -> String {
    (chrono::Utc::now() - chrono::Duration::days(1))
        .format("%Y-%m-%d")
        .to_string()
}

fn details(receipt: &str) -> Value {
    json!({"amount_kurus": FEE, "paid_on": paid_on(), "receipt_number": receipt})
}

async fn record(operator: &StaffClient, id: &str, body: Value) -> reqwest::Response {
    operator
        .post(
            &format!("/api/pre-applications/{id}/payment-records"),
            Some(body),
        )
        .await
}

async fn reverse(operator: &StaffClient, id: &str, reason: &str) -> reqwest::Response {
    operator
        .post(
            &format!("/api/pre-applications/{id}/payment/reversal"),
            Some(json!({"reason": reason})),
        )
        .await
}

async fn approval_mail(app: &TestApp) -> String {
    let mails = app.smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    mails
        .iter()
        .find(|m| m.subject().starts_with("NES başvurunuz onaylandı"))
        .expect("the approval mail")
        .text_body()
}

#[tokio::test]
async fn each_of_the_four_payment_combinations_is_told_its_own_way() {
    // (payer, prepaid, what the result says, what the approval mail says)
    let cases = [
        (
            "person",
            true,
            true,
            "ödemeniz Kamu SM'ye ulaştıktan sonra başlar",
        ),
        (
            "person",
            false,
            false,
            "ücreti üretim sürerken ödeyebilirsiniz",
        ),
        (
            "institution",
            true,
            true,
            "kurumunuzun ödemesi Kamu SM'ye ulaştığında",
        ),
        (
            "institution",
            false,
            false,
            "Sertifikanızın üretimi başladı. Ücreti kurumunuz",
        ),
    ];
    for (payer, prepaid, waits, needle) in cases {
        let app = spawn_app().await;
        let id = approved(&app, payer, prepaid).await;
        let (status, result) = app
            .get_json(&format!("/api/applications/{id}/result"))
            .await;
        assert_eq!(status, StatusCode::OK);
        let payment = &result["payment"];
        assert_eq!(
            payment["kind"],
            format!("paid_by_{payer}"),
            "{payer} {prepaid}"
        );
        assert_eq!(payment["production_waits_for_payment"], waits);
        let mail = approval_mail(&app).await;
        assert!(
            mail.contains(needle),
            "{payer} {prepaid}: {needle:?} in\n{mail}"
        );
        if payer == "person" {
            let account = &payment["bank_account"];
            assert_eq!(account["iban"], "TR330006100519786457841326");
            let reference = payment["payment_reference"].as_str().unwrap();
            assert!(account["description"].as_str().unwrap().contains(reference));
            assert!(mail.contains("IBAN: TR33 0006 1005 1978 6457 8413 26"));
            assert!(mail.contains(&format!("Açıklama: {reference}")));
        } else {
            assert!(payment.get("bank_account").is_none());
            assert!(!mail.contains("IBAN"), "the institution pays:\n{mail}");
        }
        // The result never says production started while it waits for a payment.
        assert_eq!(
            result["application"]["state"],
            if waits {
                "awaiting_payment"
            } else {
                "in_production"
            }
        );
    }
}

#[tokio::test]
async fn an_approved_application_the_person_has_not_paid_stays_ongoing_until_paid() {
    let app = spawn_app().await;
    let id = approved(&app, "person", false).await;
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["ongoing"][0]["id"], id.as_str());
    assert_eq!(list["ongoing"][0]["state"], "in_production");
    assert_eq!(list["ongoing"][0]["next_action"], "pay");
    assert_eq!(list["completed"], json!([]));

    let operator = operator(&app).await;
    assert_eq!(
        record(&operator, &id, details("DKT-1")).await.status(),
        StatusCode::OK
    );
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["ongoing"], json!([]));
    assert_eq!(list["completed"][0]["next_action"], "track");
}

#[tokio::test]
async fn an_application_waiting_for_its_institution_asks_nothing_of_the_person() {
    let app = spawn_app().await;
    approved(&app, "institution", true).await;
    let (_, list) = app.get_json("/api/applications").await;
    assert_eq!(list["ongoing"], json!([]));
    assert_eq!(list["completed"][0]["state"], "awaiting_payment");
    assert_eq!(list["completed"][0]["next_action"], "track");
}

#[tokio::test]
async fn the_operator_sees_what_will_be_sent_before_recording_and_the_details_are_kept() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;

    let response = operator
        .post(
            &format!("/api/pre-applications/{id}/payment-records/preview"),
            Some(details("DKT-2026-1")),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let preview: Value = response.json().await.unwrap();
    assert_eq!(preview["starts_production"], true);
    let channels: Vec<&str> = preview["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["channel"].as_str().unwrap())
        .collect();
    assert_eq!(channels, ["email", "sms"]);
    assert!(preview["messages"][0]["subject"]
        .as_str()
        .unwrap()
        .starts_with("Ödemeniz alındı"));
    assert!(preview["messages"][1]["body"]
        .as_str()
        .unwrap()
        .contains("NES-"));
    // A preview changes nothing.
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(detail["state"], "awaiting_payment");
    assert_eq!(detail["payment_records"], json!([]));

    let response = record(&operator, &id, details(" DKT-2026-1 ")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(detail["state"], "in_production");
    let records = detail["payment_records"].as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["receipt_number"], "DKT-2026-1");
    assert_eq!(records[0]["amount_kurus"], FEE);
    assert_eq!(records[0]["paid_on"], paid_on().as_str());
    assert_eq!(records[0]["recorded_by"], operator.username.as_str());
    assert_eq!(
        detail["allowed_actions"],
        json!(["reverse_payment", "mark_produced"])
    );
    // What the card is made with and shipped to.
    assert_eq!(detail["form"]["certificate_term"], 2);
    assert!(detail["form"]["address"]["line"].is_string());
}

#[tokio::test]
async fn wrong_or_missing_payment_details_name_their_fields_and_change_nothing() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    for (body, field, code) in [
        (
            json!({"amount_kurus": FEE - 1, "paid_on": paid_on(), "receipt_number": "DKT-1"}),
            "amount_kurus",
            "amount_mismatch",
        ),
        (
            json!({"amount_kurus": FEE, "paid_on": tomorrow, "receipt_number": "DKT-1"}),
            "paid_on",
            "date_in_future",
        ),
        (
            json!({"amount_kurus": FEE, "paid_on": paid_on(), "receipt_number": " "}),
            "receipt_number",
            "required",
        ),
    ] {
        let (status, problem) = problem(record(&operator, &id, body).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["fields"][field], json!([code]), "{field}");
    }
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(detail["state"], "awaiting_payment");
}

#[tokio::test]
async fn a_payment_is_reversed_with_a_reason_before_the_card_is_produced_and_audited() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    let (status, _) = problem(reverse(&operator, &id, "Henüz ödeme yok").await).await;
    assert_eq!(status, StatusCode::CONFLICT, "nothing recorded yet");
    assert_eq!(
        record(&operator, &id, details("DKT-1")).await.status(),
        StatusCode::OK
    );

    let (status, body) = problem(reverse(&operator, &id, "").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["reason"], json!(["required"]));

    let reason = "Dekont başka bir başvuruya ait";
    let response = reverse(&operator, &id, reason).await;
    assert_eq!(response.status(), StatusCode::OK);
    let summary: Value = response.json().await.unwrap();
    assert_eq!(summary["state"], "awaiting_payment");
    assert_eq!(summary["next_action"], "pay");
    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(detail["paid"], false);
    assert_eq!(detail["payment_records"][0]["reversal_reason"], reason);
    assert_eq!(
        detail["payment_records"][0]["reversed_by"],
        operator.username.as_str()
    );
    let (_, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    let reversal = trail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "payment_reversed")
        .expect("the reversal is audited");
    assert_eq!(reversal["detail"], reason);
    assert_eq!(reversal["label_tr"], "Ödeme kaydı geri alındı");

    // Paid again, produced: too late to take the payment back.
    assert_eq!(
        record(&operator, &id, details("DKT-2")).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        operator
            .record_step(&id, json!({"event": "produced"}))
            .await
            .status(),
        StatusCode::OK
    );
    let (status, body) = problem(reverse(&operator, &id, reason).await).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "invalid_state_transition");
}

#[tokio::test]
async fn of_fifty_recordings_and_then_fifty_reversals_at_once_exactly_one_of_each_wins() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;

    let (operator, id) = (&operator, id.as_str());
    let statuses: Vec<StatusCode> = join_all(
        (0..50).map(|i| async move { record(operator, id, details(&format!("DKT-{i}"))).await }),
    )
    .await
    .into_iter()
    .map(|r| r.status())
    .collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1);
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT));

    let statuses: Vec<StatusCode> =
        join_all((0..50).map(|_| async move { reverse(operator, id, "Banka iade etti").await }))
            .await
            .into_iter()
            .map(|r| r.status())
            .collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1);
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT));

    let (_, detail) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    let records = detail["payment_records"].as_array().unwrap();
    assert_eq!(records.len(), 1, "one payment was recorded");
    assert!(records[0]["reversed_at"].is_string());
    let (_, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    let count = |action: &str| {
        trail["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == action)
            .count()
    };
    assert_eq!(count("payment_recorded"), 1);
    assert_eq!(count("payment_reversed"), 1);
}
