//! Approval with e-İmza through the API: the page opens a signing session, a signing
//! application logs in with the code, fetches the document, signs it and uploads the CMS.
//! Signatures are made here with the same `esign` signer the desktop application uses,
//! with certificates from a test CA that the spawned server trusts.

use chrono::{Duration, Utc};
use esign::pki::{
    CertificateProfile, IssuedCertificate, KeyType, PersonCertificateRequest, TestCa,
};
use esign::sign::{sign_detached, SoftwareSigner};
use reqwest::Method;
use serde_json::{json, Value};
use shared::Tckn;

use crate::helpers::{citizen, problem, spawn_app_with, TempDir, TestApp};

/// A CA, the applicant's certificates of every kind, and the files the server trusts.
pub(crate) struct Pki {
    pub(crate) ca: TestCa,
    _dir: TempDir,
    pub(crate) root: String,
    pub(crate) crl: String,
}

pub(crate) fn person(
    ca: &TestCa,
    tckn: &str,
    key: KeyType,
    tune: impl FnOnce(&mut PersonCertificateRequest),
) -> IssuedCertificate {
    let mut request = PersonCertificateRequest::nes(
        "AYŞE YILMAZ",
        Tckn::parse(tckn).unwrap(),
        key,
        Utc::now(),
        365,
    );
    tune(&mut request);
    ca.issue(&request).unwrap()
}

pub(crate) fn pki(revoked: &[&IssuedCertificate]) -> Pki {
    let now = Utc::now();
    let ca = TestCa::new(
        KeyType::P256,
        now - Duration::days(1),
        now + Duration::days(365),
    )
    .unwrap();
    let dir = TempDir(std::env::temp_dir().join(format!("nes-pki-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let root = dir.0.join("root.pem");
    std::fs::write(&root, ca.certificate_pem().unwrap()).unwrap();
    let serials: Vec<&[u8]> = revoked.iter().map(|c| c.serial()).collect();
    let crl_der = ca
        .crl(
            &serials,
            1,
            now - Duration::minutes(1),
            now + Duration::days(7),
        )
        .unwrap();
    let crl = dir.0.join("crl.pem");
    std::fs::write(&crl, esign::pki::crl_pem(&crl_der).unwrap()).unwrap();
    Pki {
        ca,
        root: root.display().to_string(),
        crl: crl.display().to_string(),
        _dir: dir,
    }
}

pub(crate) async fn app_trusting(pki: &Pki) -> TestApp {
    spawn_app_with(&[("ESIGN_TRUSTED_ROOTS", &pki.root), ("ESIGN_CRLS", &pki.crl)]).await
}

pub(crate) fn sign(document: &[u8], certificate: &IssuedCertificate, ca: &TestCa) -> Vec<u8> {
    let signer = SoftwareSigner::from_pkcs8(
        certificate.private_key().pkcs8_der(),
        certificate.certificate_der().to_vec(),
        vec![ca.certificate_der().to_vec()],
    )
    .unwrap();
    sign_detached(document, &signer, Utc::now()).unwrap()
}

/// Phone verified, "e-İmza ile Onayla" pressed: returns the application id and the code.
pub(crate) async fn start_signing(app: &TestApp) -> (String, String) {
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    let code = open_signing_session(app, &id).await;
    (id, code)
}

async fn open_signing_session(app: &TestApp, id: &str) -> String {
    let (version, sha256) = app.taahhutname().await;
    let response = app
        .call(
            Method::POST,
            &format!("/api/applications/{id}/e-imza"),
            Some(json!({ "taahhutname_version": version, "taahhutname_sha256": sha256, "accepted": true })),
        )
        .await;
    assert_eq!(response.status(), 201);
    let body: Value = response.json().await.unwrap();
    body["verification_code"].as_str().unwrap().to_owned()
}

/// The signing application's login with `code`, as sent.
async fn login_response(app: &TestApp, code: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/e-imza/login"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

/// What the signing application does: log in with the code, fetch the document.
pub(crate) async fn signing_app_login(app: &TestApp, code: &str) -> (String, Vec<u8>) {
    let client = reqwest::Client::new();
    let response = login_response(app, code).await;
    assert_eq!(response.status(), 200, "login with the code");
    let login: Value = response.json().await.unwrap();
    let token = login["signing_token"].as_str().unwrap().to_owned();
    let document = client
        .get(app.url("/api/e-imza/document"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    assert_eq!(
        login["document_sha256"],
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&document))
    );
    (token, document)
}

pub(crate) async fn upload(app: &TestApp, token: &str, cms: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/e-imza/signature"))
        .bearer_auth(token)
        .header("content-type", "application/cms")
        .body(cms)
        .send()
        .await
        .unwrap()
}

async fn page_status(app: &TestApp, id: &str) -> Value {
    app.get_json(&format!("/api/applications/{id}/e-imza"))
        .await
        .1
}

/// Signs with `certificate` what the server gives and expects the refusal `code`.
async fn refused_with(certificate: impl FnOnce(&TestCa) -> IssuedCertificate, code: &str) {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, verification_code) = start_signing(&app).await;
    let (token, document) = signing_app_login(&app, &verification_code).await;
    let cms = sign(&document, &certificate(&pki.ca), &pki.ca);
    let (status, body) = problem(upload(&app, &token, cms).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], code);
    let page = page_status(&app, &id).await;
    assert_eq!(page["status"], "refused");
    assert_eq!(page["refusal_code"], code);
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(
        detail["state"], "phone_verified",
        "a refusal approves nothing"
    );
}

#[tokio::test]
async fn a_valid_signature_approves_the_application_with_e_imza() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, code) = start_signing(&app).await;
    assert_eq!(code.len(), 14);
    assert_eq!(page_status(&app, &id).await["status"], "waiting");

    let (token, document) = signing_app_login(&app, &code).await;
    assert_eq!(page_status(&app, &id).await["status"], "signing");
    let text = String::from_utf8(document.clone()).unwrap();
    assert!(text.contains(&citizen(0).tckn) && text.contains("NES-"));

    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::Rsa2048, |_| {});
    let response = upload(&app, &token, sign(&document, &certificate, &pki.ca)).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "accepted");

    assert_eq!(page_status(&app, &id).await["status"], "accepted");
    let (_, result) = app
        .get_json(&format!("/api/applications/{id}/result"))
        .await;
    assert_eq!(result["approval"]["method"], "e_imza");
    assert_eq!(result["application"]["state"], "in_production");
    let kinds: Vec<String> = result["application"]["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert!(kinds.contains(&"approved_with_e_imza".to_owned()));

    use diesel::prelude::*;
    let mut conn = app.db.connection();
    let (cms, subject): (Vec<u8>, String) = api::db::schema::signature_evidence::table
        .find(&id)
        .select((
            api::db::schema::signature_evidence::cms,
            api::db::schema::signature_evidence::subject_cn,
        ))
        .first(&mut conn)
        .unwrap();
    assert!(!cms.is_empty());
    assert_eq!(subject, "AYŞE YILMAZ");
}

#[tokio::test]
async fn a_p256_signature_is_accepted_too() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (_, code) = start_signing(&app).await;
    let (token, document) = signing_app_login(&app, &code).await;
    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::P256, |_| {});
    assert_eq!(
        upload(&app, &token, sign(&document, &certificate, &pki.ca))
            .await
            .status(),
        200
    );
}

#[tokio::test]
async fn a_signature_over_another_document_is_refused() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (_, code) = start_signing(&app).await;
    let (token, mut document) = signing_app_login(&app, &code).await;
    document.extend_from_slice(b" ");
    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::Rsa2048, |_| {});
    let (_, body) =
        problem(upload(&app, &token, sign(&document, &certificate, &pki.ca)).await).await;
    assert_eq!(body["code"], "digest_mismatch");
}

#[tokio::test]
async fn another_persons_certificate_is_refused() {
    refused_with(
        |ca| person(ca, &citizen(1).tckn, KeyType::Rsa2048, |_| {}),
        "tckn_mismatch",
    )
    .await;
}

#[tokio::test]
async fn a_digital_signature_only_certificate_is_refused() {
    refused_with(
        |ca| {
            person(ca, &citizen(0).tckn, KeyType::P256, |r| {
                r.profile = CertificateProfile::DigitalSignatureOnly
            })
        },
        "key_usage_not_non_repudiation",
    )
    .await;
}

#[tokio::test]
async fn an_expired_certificate_is_refused() {
    refused_with(
        |ca| {
            person(ca, &citizen(0).tckn, KeyType::P256, |r| {
                r.not_before = Utc::now() - Duration::days(400);
                r.not_after = Utc::now() - Duration::days(1);
            })
        },
        "certificate_expired",
    )
    .await;
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_root_is_refused() {
    refused_with(
        |_| {
            let other = TestCa::with_common_name(
                "Sahte Kök",
                KeyType::P256,
                Utc::now() - Duration::days(1),
                Utc::now() + Duration::days(30),
            )
            .unwrap();
            person(&other, &citizen(0).tckn, KeyType::P256, |_| {})
        },
        "untrusted_chain",
    )
    .await;
}

#[tokio::test]
async fn a_revoked_certificate_is_refused() {
    // The CRL is read at start-up, so the certificate is issued before the server starts.
    let now = Utc::now();
    let ca = TestCa::new(
        KeyType::P256,
        now - Duration::days(1),
        now + Duration::days(365),
    )
    .unwrap();
    let revoked = person(&ca, &citizen(0).tckn, KeyType::P256, |_| {});
    let dir = TempDir(std::env::temp_dir().join(format!("nes-pki-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(dir.0.join("root.pem"), ca.certificate_pem().unwrap()).unwrap();
    let crl = ca
        .crl(
            &[revoked.serial()],
            1,
            now - Duration::minutes(1),
            now + Duration::days(7),
        )
        .unwrap();
    std::fs::write(dir.0.join("crl.der"), crl).unwrap();
    let root = dir.0.join("root.pem").display().to_string();
    let crl = dir.0.join("crl.der").display().to_string();
    let app = spawn_app_with(&[("ESIGN_TRUSTED_ROOTS", &root), ("ESIGN_CRLS", &crl)]).await;

    let (_, code) = start_signing(&app).await;
    let (token, document) = signing_app_login(&app, &code).await;
    let (_, body) = problem(upload(&app, &token, sign(&document, &revoked, &ca)).await).await;
    assert_eq!(body["code"], "certificate_revoked");
}

#[tokio::test]
async fn a_code_works_only_once() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (_, code) = start_signing(&app).await;
    signing_app_login(&app, &code).await;
    let response = login_response(&app, &code).await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "signing_code_used");
}

#[tokio::test]
async fn a_code_older_than_ten_minutes_is_refused() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, code) = start_signing(&app).await;
    app.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let response = login_response(&app, &code.to_lowercase().replace('-', " ")).await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 410);
    assert_eq!(body["code"], "signing_code_expired");
    // The page is told, and offers a new code.
    assert_eq!(page_status(&app, &id).await["status"], "expired");
}

#[tokio::test]
async fn a_code_of_a_browser_session_that_ended_is_refused() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (_, code) = start_signing(&app).await;
    assert_eq!(
        app.call(Method::POST, "/api/session/logout", None)
            .await
            .status(),
        204
    );
    let response = login_response(&app, &code).await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "signing_code_invalid");
}

#[tokio::test]
async fn a_new_code_replaces_the_old_one_and_a_wrong_token_gets_nothing() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, first) = start_signing(&app).await;
    let second = open_signing_session(&app, &id).await;
    assert_ne!(first, second);
    let response = login_response(&app, &first).await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "signing_session_superseded");
    let response = reqwest::Client::new()
        .get(app.url("/api/e-imza/document"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(problem(response).await.1["code"], "signing_token_invalid");
}

#[tokio::test]
async fn a_signature_cannot_be_replayed_in_another_session() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, first) = start_signing(&app).await;
    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::P256, |_| {});
    let (token, document) = signing_app_login(&app, &first).await;
    let old_signature = sign(&document, &certificate, &pki.ca);
    let _ = token;
    // A new session has a new nonce: the earlier signature does not fit its document.
    let second = open_signing_session(&app, &id).await;
    let (token, _) = signing_app_login(&app, &second).await;
    let (_, body) = problem(upload(&app, &token, old_signature).await).await;
    assert_eq!(body["code"], "digest_mismatch");
}

#[tokio::test]
async fn without_trusted_roots_e_imza_is_unavailable() {
    let app = crate::helpers::spawn_app().await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    let (version, sha256) = app.taahhutname().await;
    let response = app
        .call(
            Method::POST,
            &format!("/api/applications/{id}/e-imza"),
            Some(json!({ "taahhutname_version": version, "taahhutname_sha256": sha256, "accepted": true })),
        )
        .await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], "e_imza_unavailable");
}

#[tokio::test]
async fn the_page_offers_the_signing_application_builds_the_server_has() {
    let dir = TempDir(std::env::temp_dir().join(format!("nes-dl-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).unwrap();
    std::fs::write(
        dir.0.join("eimza-uygulamasi-linux-x86_64"),
        b"\x7fELF binary",
    )
    .unwrap();
    let downloads = dir.0.display().to_string();
    let app = spawn_app_with(&[("NES_DOWNLOADS_DIR", &downloads)]).await;

    let (status, body) = app.get_json("/api/e-imza/app").await;
    assert_eq!(status, 200);
    let offered = body["downloads"].as_array().unwrap();
    assert_eq!(offered.len(), 1, "only the builds that exist");
    assert_eq!(offered[0]["platform"], "linux-x86_64");
    assert_eq!(offered[0]["size_bytes"], 11);
    assert_eq!(
        offered[0]["sha256"],
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"\x7fELF binary"))
    );
    assert!(body["build_command"]
        .as_str()
        .unwrap()
        .contains("-p signer"));

    let file = app
        .client
        .get(app.url(offered[0]["url"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().as_ref(), b"\x7fELF binary");
}

#[tokio::test]
async fn a_form_submitted_again_supersedes_the_signing_session_and_its_signature_is_refused() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let (id, code) = start_signing(&app).await;
    let (token, document) = signing_app_login(&app, &code).await;
    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::P256, |_| {});
    let old_signature = sign(&document, &certificate, &pki.ca);
    assert!(String::from_utf8(document).unwrap().contains("form_sha256"));

    // The person changes the form and verifies the phone again: the application can be
    // approved once more, but not by a signature over the form it no longer has.
    let changed = json!({
        "mobile_phone": "0532 123 45 67",
        "birth_date": "1985-04-23",
        "title": "Daire Başkanı",
        "address_il": "Ankara",
        "address_ilce": "Çankaya",
        "address_line": "Atatürk Bulvarı No: 221 Kavaklıdere",
        "postal_code": "06680",
        "certificate_term_years": "3",
    });
    assert_eq!(app.submit_form(&id, changed).await.status(), 200);
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.send_sms_code(&id).await.status(), 202);
    let fresh = app.sms_code_sent_to("+905321234567", 2).await;
    assert_eq!(app.verify_sms_code(&id, &fresh).await.status(), 200);

    let (status, body) = problem(upload(&app, &token, old_signature).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "signing_session_superseded");
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "phone_verified", "nothing was approved");

    // A new session over the new form approves it, and the approval keeps that form's hash.
    let code = open_signing_session(&app, &id).await;
    let (token, document) = signing_app_login(&app, &code).await;
    assert!(String::from_utf8(document.clone())
        .unwrap()
        .contains("Daire Başkanı"));
    let response = upload(&app, &token, sign(&document, &certificate, &pki.ca)).await;
    assert_eq!(response.status(), 200);
    use api::db::schema::{approvals, signing_sessions};
    use diesel::prelude::*;
    let mut conn = app.db.connection();
    let approved: Option<String> = approvals::table
        .find(&id)
        .select(approvals::form_sha256)
        .first(&mut conn)
        .unwrap();
    let signed: Option<String> = signing_sessions::table
        .filter(signing_sessions::application_id.eq(&id))
        .filter(signing_sessions::status.eq("accepted"))
        .select(signing_sessions::form_sha256)
        .first(&mut conn)
        .unwrap();
    assert!(approved.is_some());
    assert_eq!(approved, signed);
}

#[tokio::test]
async fn fifty_e_imza_starts_at_once_leave_one_live_code() {
    let pki = pki(&[]);
    let app = app_trusting(&pki).await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    let (version, sha256) = app.taahhutname().await;
    let path = format!("/api/applications/{id}/e-imza");
    let body =
        json!({ "taahhutname_version": version, "taahhutname_sha256": sha256, "accepted": true });
    let responses = futures_util::future::join_all(
        (0..50).map(|_| app.call(Method::POST, &path, Some(body.clone()))),
    )
    .await;
    let mut codes = Vec::new();
    for response in responses {
        assert_eq!(response.status(), 201);
        let session: Value = response.json().await.unwrap();
        codes.push(session["verification_code"].as_str().unwrap().to_owned());
    }
    let mut live = 0;
    for code in &codes {
        match login_response(&app, code).await.status().as_u16() {
            200 => live += 1,
            409 => {}
            other => panic!("unexpected answer {other}"),
        }
    }
    assert_eq!(live, 1, "exactly one code still works");
}
