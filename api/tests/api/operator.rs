//! The Kamu SM operator's screens behind the API: institutions, their API keys, the
//! applications of every institution, and the audit trail.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{citizen, problem, spawn_app};
use crate::operator_helpers::{
    anonymous, approved, dev_institution_id, operator, pre_application_with_key, staff_session,
};

#[tokio::test]
async fn an_operator_creates_an_institution_and_a_taken_code_or_name_is_refused() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let id = operator
        .create_institution(" ornek-bak ", "T.C. Örnek Bakanlığı")
        .await;

    let (status, list) = operator.get("/api/operator/institutions").await;
    assert_eq!(status, StatusCode::OK);
    let created = list["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .expect("listed");
    assert_eq!(created["code"], "ORNEK-BAK");
    assert_eq!(created["name"], "T.C. Örnek Bakanlığı");
    assert_eq!(created["active_api_keys"], 0);

    for body in [
        json!({"code": "ORNEK-BAK", "name": "Başka Bir Ad"}),
        json!({"code": "BASKA", "name": "T.C. Örnek Bakanlığı"}),
    ] {
        let (status, problem_body) = problem(
            operator
                .post("/api/operator/institutions", Some(body))
                .await,
        )
        .await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(problem_body["code"], "already_exists");
    }

    let (status, body) = problem(
        operator
            .post(
                "/api/operator/institutions",
                Some(json!({"code": "1 kötü", "name": ""})),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["code"], json!(["institution_code_format"]));
    assert_eq!(body["fields"]["name"], json!(["required"]));
}

#[tokio::test]
async fn a_new_api_key_is_shown_once_and_creates_pre_applications_for_its_institution_only() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let institution = operator
        .create_institution("ORNEK", "T.C. Örnek Bakanlığı")
        .await;
    let (key_id, key) = operator.create_api_key(&institution, "İK sistemi").await;
    assert!(key.starts_with("nes_") && key.len() >= 40, "{key}");

    let (status, keys) = operator
        .get(&format!(
            "/api/operator/institutions/{institution}/api-keys"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(keys["institution"]["active_api_keys"], 1);
    assert_eq!(keys["keys"][0]["id"], key_id.as_str());
    assert_eq!(keys["keys"][0]["name"], "İK sistemi");
    assert_eq!(keys["keys"][0]["key_prefix"], &key[..8]);
    assert_eq!(keys["keys"][0]["created_by"], operator.username.as_str());
    assert!(
        !keys.to_string().contains(&key[8..]),
        "the key is shown once, never again"
    );

    let id = pre_application_with_key(&app, &key, &citizen(1)).await;
    let (_, application) = operator
        .get(&format!("/api/operator/applications/{id}"))
        .await;
    assert_eq!(application["institution_id"], institution.as_str());
    assert_eq!(application["institution"], "T.C. Örnek Bakanlığı");

    // The development institution's applications are not this key's business.
    let dev_application = app
        .pre_application_for(&citizen(2), "institution", false)
        .await;
    let response = app
        .client
        .get(app.url(&format!("/api/pre-applications/{dev_application}")))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    let (status, _) = problem(response).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_revoked_api_key_is_refused_from_the_next_request_on() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let institution = operator.create_institution("ORNEK", "Örnek Kurumu").await;
    let (key_id, key) = operator.create_api_key(&institution, "İK").await;
    pre_application_with_key(&app, &key, &citizen(1)).await;

    let response = operator
        .post(&format!("/api/operator/api-keys/{key_id}/revocation"), None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let revoked: Value = response.json().await.unwrap();
    assert!(revoked["revoked_at"].is_string());
    assert_eq!(revoked["revoked_by"], operator.username.as_str());

    let response = app
        .client
        .post(app.url("/api/pre-applications"))
        .bearer_auth(&key)
        .json(&json!({"items": []}))
        .send()
        .await
        .unwrap();
    let (status, body) = problem(response).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "api_key_invalid");

    // Again: nothing changes, the first revocation stands.
    let again: Value = operator
        .post(&format!("/api/operator/api-keys/{key_id}/revocation"), None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["revoked_at"], revoked["revoked_at"]);
    let (_, keys) = operator
        .get(&format!(
            "/api/operator/institutions/{institution}/api-keys"
        ))
        .await;
    assert_eq!(keys["institution"]["active_api_keys"], 0);
    let (status, _) = problem(
        operator
            .post("/api/operator/api-keys/no-such-key/revocation", None)
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_an_operator_may_manage_institutions_and_keys_or_look_across_institutions() {
    let app = spawn_app().await;
    let dev = dev_institution_id(&app);
    let officer = staff_session(&app, "officer.dev", "officer", Some(&dev)).await;
    for path in [
        "/api/operator/institutions".to_owned(),
        format!("/api/operator/institutions/{dev}/api-keys"),
        "/api/operator/applications".to_owned(),
    ] {
        let (status, body) = officer.get(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(body["code"], "forbidden");
        let response = app
            .client
            .get(app.url(&path))
            .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let response = anonymous().get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = problem(
        officer
            .post(
                &format!("/api/operator/institutions/{dev}/api-keys"),
                Some(json!({"name": "kendi anahtarım"})),
            )
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let operator = operator(&app).await;
    let (status, body) = problem(
        operator
            .post_without_csrf("/api/operator/institutions")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "csrf_token_invalid");
}

#[tokio::test]
async fn the_operator_finds_applications_across_institutions_by_filter_and_page() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let institution = operator.create_institution("ORNEK", "Örnek Kurumu").await;
    let (_, key) = operator.create_api_key(&institution, "İK").await;
    let other = pre_application_with_key(&app, &key, &citizen(1)).await;
    let dev_one = app
        .pre_application_for(&citizen(2), "institution", false)
        .await;
    let dev_two = app
        .pre_application_for(&citizen(3), "institution", false)
        .await;
    app.client
        .post(app.url(&format!("/api/pre-applications/{dev_two}/cancellation")))
        .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
        .send()
        .await
        .unwrap();

    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (status, all) = operator.get("/api/operator/applications").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all["total"], 3);
    let listed = ids(&all);
    assert!(listed.contains(&other) && listed.contains(&dev_one) && listed.contains(&dev_two));
    let row = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == other.as_str())
        .unwrap();
    let tckn = citizen(1).tckn;
    assert_eq!(
        row["tckn_masked"],
        format!("{}******{}", &tckn[..3], &tckn[9..])
    );

    let (_, mine) = operator
        .get(&format!(
            "/api/operator/applications?institution_id={institution}"
        ))
        .await;
    assert_eq!(ids(&mine), std::slice::from_ref(&other));
    let (_, cancelled) = operator
        .get("/api/operator/applications?state=cancelled")
        .await;
    assert_eq!(ids(&cancelled), std::slice::from_ref(&dev_two));
    let (_, by_tckn) = operator
        .get(&format!("/api/operator/applications?q={}", citizen(2).tckn))
        .await;
    assert_eq!(ids(&by_tckn), std::slice::from_ref(&dev_one));
    let reference = row["reference"].as_str().unwrap().to_lowercase();
    let (_, by_reference) = operator
        .get(&format!("/api/operator/applications?q={reference}"))
        .await;
    assert_eq!(ids(&by_reference), std::slice::from_ref(&other));
    let (_, nothing) = operator.get("/api/operator/applications?q=999999999").await;
    assert_eq!(nothing["total"], 0);

    let (_, first) = operator
        .get("/api/operator/applications?per_page=2&page=1")
        .await;
    let (_, second) = operator
        .get("/api/operator/applications?per_page=2&page=2")
        .await;
    assert_eq!(
        (first["total"].clone(), second["total"].clone()),
        (json!(3), json!(3))
    );
    assert_eq!(ids(&first).len(), 2);
    assert_eq!(ids(&second).len(), 1);
    assert!(!ids(&first).contains(&ids(&second)[0]));

    let (status, _) = operator
        .get("/api/operator/applications?state=no_such_state")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_audit_trail_shows_every_act_on_an_application_newest_first() {
    let app = spawn_app().await;
    let id = approved(&app, "person", true).await;
    let operator = operator(&app).await;
    operator.record_payment(&id).await;
    operator
        .record_step(&id, json!({"event": "produced"}))
        .await;
    operator.ship(&id, "KP12345678TR").await;

    let (status, trail) = operator
        .get(&format!("/api/operator/applications/{id}/audit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let entries = trail["entries"].as_array().unwrap();
    let audited: Vec<(&str, &str)> = entries
        .iter()
        .filter(|e| e["source"] == "audit_log" && e["actor_kind"] == "operator")
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["detail"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        audited,
        [
            (
                "production_event_recorded",
                "shipped: PTT Kargo KP12345678TR"
            ),
            ("production_event_recorded", "produced"),
            ("payment_recorded", "production_started"),
        ]
    );
    let payment = entries
        .iter()
        .find(|e| e["action"] == "payment_recorded")
        .unwrap();
    assert_eq!(payment["actor_id"], operator.username.as_str());
    assert_eq!(payment["outcome"], "success");
    assert_eq!(payment["label_tr"], "Ödeme kaydedildi");
    // Once per act: the timeline events of an audited act are its words, not lines of their
    // own; the form and the SMS code (no audit entry) keep theirs.
    assert!(!entries
        .iter()
        .any(|e| e["source"] == "timeline" && e["action"] == "pre_application_created"));
    assert!(!entries
        .iter()
        .any(|e| e["source"] == "timeline" && e["action"] == "payment_received"));
    assert!(entries
        .iter()
        .any(|e| e["source"] == "timeline" && e["action"] == "form_submitted"));
    assert_eq!(
        payment["detail_tr"],
        "Ödeme alındı → Sertifika üretimi başladı"
    );
    let approval = entries
        .iter()
        .find(|e| e["action"] == "application_approved")
        .unwrap();
    assert_eq!(
        approval["detail_tr"],
        "e-Onay ile → Başvuru e-Onay ile onaylandı → Ödeme bekleniyor"
    );
    let times: Vec<&str> = entries.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut newest_first = times.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(times, newest_first);

    let (status, _) = operator
        .get("/api/operator/applications/no-such-application/audit")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn creating_and_revoking_institutions_and_keys_is_audited() {
    let app = spawn_app().await;
    let operator = operator(&app).await;
    let institution = operator.create_institution("ORNEK", "Örnek Kurumu").await;
    let (key_id, key) = operator.create_api_key(&institution, "İK").await;
    operator
        .post(&format!("/api/operator/api-keys/{key_id}/revocation"), None)
        .await;

    let mut conn = app.db.connection();
    let about_institution = api::audit::entries_for_target(&mut conn, &institution, 10).unwrap();
    assert_eq!(about_institution.len(), 1);
    assert_eq!(about_institution[0].action, "institution_created");
    assert_eq!(
        about_institution[0].actor_id.as_deref(),
        Some("operator.one")
    );
    let about_key: Vec<String> = api::audit::entries_for_target(&mut conn, &key_id, 10)
        .unwrap()
        .into_iter()
        .map(|e| {
            assert_eq!(e.institution_id.as_deref(), Some(institution.as_str()));
            assert!(
                !e.detail.unwrap_or_default().contains(&key[8..]),
                "the audit log never holds the key"
            );
            e.action
        })
        .collect();
    assert_eq!(about_key, ["api_key_revoked", "api_key_created"]);
}
