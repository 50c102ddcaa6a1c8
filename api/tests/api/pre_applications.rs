use serde_json::Value;
use std::time::Duration;

use crate::helpers::{citizen, pre_application, problem, spawn_app};

#[tokio::test]
async fn good_rows_are_created_and_bad_rows_rejected_with_their_reasons() {
    let app = spawn_app().await;
    let a = citizen(0);
    let response = app
        .create_pre_applications(vec![
            pre_application(&a.tckn, &a.first_name, &a.last_name, "institution", false),
            pre_application("12345678901", "Ali", "Veli", "institution", false),
            pre_application(&citizen(1).tckn, "", "Öztürk", "nobody", false),
        ])
        .await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["created"], 1);
    assert_eq!(body["rejected"], 2);
    assert_eq!(body["results"][0]["outcome"], "created");
    assert!(body["results"][0]["reference"]
        .as_str()
        .unwrap()
        .starts_with("NES-"));
    assert_eq!(body["results"][1]["outcome"], "rejected");
    assert_eq!(body["results"][1]["errors"]["tckn"][0], "tckn_checksum");
    assert_eq!(body["results"][2]["errors"]["first_name"][0], "name_empty");
    assert_eq!(body["results"][2]["errors"]["payer"][0], "payer_invalid");
}

#[tokio::test]
async fn creating_the_same_open_pre_application_twice_is_idempotent() {
    let app = spawn_app().await;
    let a = citizen(0);
    let row = pre_application(&a.tckn, &a.first_name, &a.last_name, "person", true);
    let first: Value = app
        .create_pre_applications(vec![row.clone()])
        .await
        .json()
        .await
        .unwrap();
    let second: Value = app
        .create_pre_applications(vec![row])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(first["results"][0]["outcome"], "created");
    assert_eq!(second["results"][0]["outcome"], "existing");
    assert_eq!(
        first["results"][0]["application_id"],
        second["results"][0]["application_id"]
    );
    assert_eq!(
        first["results"][0]["reference"],
        second["results"][0]["reference"]
    );
}

#[tokio::test]
async fn references_count_up_without_gaps_or_repeats() {
    let app = spawn_app().await;
    let rows = (0..3)
        .map(|i| {
            let c = citizen(i);
            pre_application(&c.tckn, &c.first_name, &c.last_name, "institution", false)
        })
        .collect();
    let body: Value = app
        .create_pre_applications(rows)
        .await
        .json()
        .await
        .unwrap();
    let sequences: Vec<u64> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let reference = r["reference"].as_str().unwrap();
            shared::ApplicationRef::parse(reference).unwrap().sequence()
        })
        .collect();
    assert_eq!(sequences, vec![1, 2, 3]);
}

#[tokio::test]
async fn the_notification_e_mail_reaches_the_person() {
    let app = spawn_app().await;
    let a = citizen(0);
    app.pre_application_for(&a, "institution", false).await;
    let mails = app.smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].to.iter().any(|to| to.contains("@kurum.gov.tr")));
    assert!(mails[0].data.contains("Başvuru") || mails[0].data.contains("=?utf-8?"));
}

#[tokio::test]
async fn pre_applications_need_a_valid_api_key() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth("not-a-key")
        .json(&serde_json::json!({ "items": [] }))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "api_key_invalid");
}

#[tokio::test]
async fn a_batch_larger_than_the_limit_is_refused_whole() {
    let app = spawn_app().await;
    let a = citizen(0);
    let rows = vec![
        pre_application(&a.tckn, &a.first_name, &a.last_name, "institution", false);
        shared::api::MAX_PRE_APPLICATION_BATCH + 1
    ];
    let (status, body) = problem(app.create_pre_applications(rows).await).await;
    assert_eq!(status, 413);
    assert_eq!(body["code"], "batch_too_large");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_malformed_request() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, 400);
    assert_eq!(body["code"], "malformed_request");
}
