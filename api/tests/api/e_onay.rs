use serde_json::Value;

use crate::helpers::{citizen, problem, spawn_app, valid_form};

#[tokio::test]
async fn e_onay_without_earlier_consent_is_refused() {
    let app = spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    let (version, sha256) = app.taahhutname().await;
    let (status, body) = problem(app.approve(&id, &version, &sha256, true).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "e_onay_consent_required");
}

#[tokio::test]
async fn e_onay_with_another_taahhutname_hash_is_refused() {
    let app = spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    app.give_consent().await;
    let (version, _) = app.taahhutname().await;
    let (status, body) = problem(app.approve(&id, &version, &"ab".repeat(32), true).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "taahhutname_mismatch");
}

#[tokio::test]
async fn e_onay_without_ticking_the_box_is_refused() {
    let app = spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let (status, body) = problem(app.approve(&id, &version, &sha256, false).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "acceptance_required");
}

#[tokio::test]
async fn e_onay_before_the_phone_is_verified_is_refused() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    app.submit_form(&id, valid_form("0532 123 45 67")).await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let (status, body) = problem(app.approve(&id, &version, &sha256, true).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "phone_not_verified");
}

#[tokio::test]
async fn consent_must_be_explicit_and_is_kept_per_person() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    let response = app
        .call(
            reqwest::Method::PUT,
            "/api/me/e-onay-consent",
            Some(serde_json::json!({ "accepted": false })),
        )
        .await;
    assert_eq!(problem(response).await.1["code"], "acceptance_required");
    let (_, session) = app.get_json("/api/session").await;
    assert_eq!(session["e_onay_consent_given"], false);

    let first: Value = app.give_consent().await.json().await.unwrap();
    app.clock.advance(chrono::Duration::minutes(5));
    let second: Value = app.give_consent().await.json().await.unwrap();
    assert_eq!(first["consented_at"], second["consented_at"]);
    let (_, session) = app.get_json("/api/session").await;
    assert_eq!(session["e_onay_consent_given"], true);
}

#[tokio::test]
async fn two_approvals_at_once_give_one_approval_and_one_conflict() {
    let app = spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    let (a, b) = tokio::join!(
        app.approve(&id, &version, &sha256, true),
        app.approve(&id, &version, &sha256, true)
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let loser = if a.status() == 409 { a } else { b };
    let (_, body) = problem(loser).await;
    assert!(
        body["code"] == "conflict" || body["code"] == "invalid_state_transition",
        "{body}"
    );
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    let approvals = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "approved_with_e_onay")
        .count();
    assert_eq!(approvals, 1);
}

#[tokio::test]
async fn an_approved_application_cannot_be_approved_or_edited_again() {
    let app = spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    app.give_consent().await;
    let (version, sha256) = app.taahhutname().await;
    assert_eq!(
        app.approve(&id, &version, &sha256, true).await.status(),
        200
    );
    let (status, body) = problem(app.approve(&id, &version, &sha256, true).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");
    let (status, body) = problem(app.submit_form(&id, valid_form("0532 123 45 67")).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "invalid_state_transition");
}

#[tokio::test]
async fn the_taahhutname_hash_is_the_sha256_of_its_text() {
    use sha2::Digest;
    let app = spawn_app().await;
    let (_, t) = app.get_json("/api/taahhutname").await;
    let text = t["text"].as_str().unwrap();
    assert!(text.contains("TAAHHÜTNAMESİ"));
    assert_eq!(
        t["sha256"],
        hex::encode(sha2::Sha256::digest(text.as_bytes()))
    );
}

#[tokio::test]
async fn consent_is_audited_once_with_who_gave_it_even_when_sent_in_parallel() {
    use api::db::schema::audit_log;
    use diesel::prelude::*;
    let app = spawn_app().await;
    let person = citizen(0);
    app.login_as(&person).await;
    let answers = futures_util::future::join_all((0..20).map(|_| app.give_consent())).await;
    assert!(answers.iter().all(|r| r.status() == 200));
    app.clock.advance(chrono::Duration::minutes(5));
    assert_eq!(app.give_consent().await.status(), 200);

    let mut conn = app.db.connection();
    let entries: Vec<(String, Option<String>, String, Option<String>)> = audit_log::table
        .filter(audit_log::action.eq("e_onay_consent_given"))
        .select((
            audit_log::actor_kind,
            audit_log::actor_id,
            audit_log::outcome,
            audit_log::client_ip,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let (kind, actor, outcome, ip) = &entries[0];
    assert_eq!(kind, "applicant");
    assert_eq!(actor.as_deref(), Some(person.tckn.as_str()));
    assert_eq!(outcome, "success");
    assert_eq!(ip.as_deref(), Some("127.0.0.1"));
}
