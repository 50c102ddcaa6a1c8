use reqwest::Method;
use serde_json::Value;

use crate::helpers::{citizen, problem, spawn_app, valid_form};

#[tokio::test]
async fn the_whole_path_from_pre_application_to_the_e_onay_result() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "person", false).await;
    app.login_as(&ayse).await;

    // Başvuru İşlemleri lists it as ongoing, with "Başvuruyu Tamamla" as the next action.
    let (status, list) = app.get_json("/api/applications").await;
    assert_eq!(status, 200);
    assert_eq!(list["ongoing"][0]["id"], id.as_str());
    assert_eq!(list["ongoing"][0]["next_action"], "complete_form");
    assert_eq!(
        list["ongoing"][0]["timeline"][0]["kind"],
        "pre_application_created"
    );
    assert!(list["completed"].as_array().unwrap().is_empty());

    // The form shows the locked fields from the pre-application.
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["prefilled"]["tckn"], ayse.tckn.as_str());
    assert_eq!(detail["state"], "pre_application");

    let response = app.submit_form(&id, valid_form("0532 123 45 67")).await;
    assert_eq!(response.status(), 200);
    let detail: Value = response.json().await.unwrap();
    assert_eq!(detail["state"], "form_submitted");
    assert_eq!(detail["sms"]["sent_to"], "0532 *** ** 67");
    assert_eq!(detail["sms"]["tries_left"], 5);

    let code = app.sms_code_sent_to("+905321234567", 1).await;
    let response = app
        .verify_sms_code(&id, &format!("{} {}", &code[..3], &code[3..]))
        .await;
    assert_eq!(response.status(), 200);
    let detail: Value = response.json().await.unwrap();
    assert_eq!(detail["state"], "phone_verified");

    assert_eq!(app.give_consent().await.status(), 200);
    let (version, sha256) = app.taahhutname().await;
    let response = app.approve(&id, &version, &sha256, true).await;
    assert_eq!(response.status(), 200);
    let result: Value = response.json().await.unwrap();
    assert_eq!(result["approval"]["method"], "e_onay");
    assert_eq!(result["approval"]["taahhutname_version"], version.as_str());
    assert_eq!(result["application"]["state"], "in_production");
    assert_eq!(result["payment"]["kind"], "paid_by_person");
    assert_eq!(result["payment"]["amount_display"], "750,00 TL");
    assert_eq!(result["payment"]["production_waits_for_payment"], false);
    assert_eq!(result["certificate_term_years"], 2);

    // The result stays available; the list keeps it among the ongoing ones while the person
    // has still to pay (production goes on meanwhile), with its timeline.
    let (status, again) = app
        .get_json(&format!("/api/applications/{id}/result"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(again["approval"], result["approval"]);
    let (_, list) = app.get_json("/api/applications").await;
    assert!(list["completed"].as_array().unwrap().is_empty());
    assert_eq!(list["ongoing"][0]["next_action"], "pay");
    let kinds: Vec<&str> = list["ongoing"][0]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "pre_application_created",
            "form_submitted",
            "sms_code_sent",
            "phone_verified",
            "approved_with_e_onay",
            "production_started"
        ]
    );
}

#[tokio::test]
async fn a_prepaid_order_paid_by_the_person_waits_for_payment() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.phone_verified_application(&ayse, "person", true).await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let result: Value = app
        .approve(&id, &version, &sha256, true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(result["application"]["state"], "awaiting_payment");
    assert_eq!(result["application"]["next_action"], "pay");
    assert_eq!(result["payment"]["production_waits_for_payment"], true);
    assert!(result["payment"]["payment_reference"]
        .as_str()
        .unwrap()
        .starts_with("NES2026"));
}

#[tokio::test]
async fn an_institution_paid_order_says_so_on_the_result() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app
        .phone_verified_application(&ayse, "institution", false)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let result: Value = app
        .approve(&id, &version, &sha256, true)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(result["payment"]["kind"], "paid_by_institution");
}

#[tokio::test]
async fn form_errors_name_each_field_with_its_code() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;

    let mut form = valid_form("0312 123 45 67");
    form["tckn"] = Value::String("12345678901".into());
    form["title"] = Value::String(String::new());
    let (status, body) = problem(app.submit_form(&id, form).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "validation_failed");
    assert_eq!(body["fields"]["tckn"][0], "tckn_checksum");
    assert_eq!(body["fields"]["mobile_phone"][0], "phone_not_mobile");
    assert_eq!(body["fields"]["title"][0], "required");

    let mut form = valid_form("not a phone");
    form["postal_code"] = Value::String("34000".into());
    let (_, body) = problem(app.submit_form(&id, form).await).await;
    assert_eq!(body["fields"]["mobile_phone"][0], "phone_invalid");
    assert_eq!(body["fields"]["postal_code"][0], "postal_code_il_mismatch");

    // Nothing was stored or sent by the refused attempts.
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "pre_application");
    assert!(detail["form"].is_null());
    assert!(app.sms.messages().is_empty());
}

#[tokio::test]
async fn a_draft_is_kept_as_typed_and_does_not_change_the_state() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    let mut draft = valid_form("0532");
    draft["address_line"] = Value::String("yarım kalan adr".into());
    let response = app
        .call(
            Method::PUT,
            &format!("/api/applications/{id}/draft"),
            Some(draft),
        )
        .await;
    assert_eq!(response.status(), 204);
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["draft"]["mobile_phone"], "0532");
    assert_eq!(detail["draft"]["address_line"], "yarım kalan adr");
    assert_eq!(detail["state"], "pre_application");
}
