//! Logging in with e-İmza through the API: the login page opens a challenge (and gets the
//! binding cookie), the signing application logs in with the code through the approval's
//! routes, signs the login document and uploads the CMS, and the page's status call opens the
//! session. Signatures are made with the `esign` signer the desktop application uses, with
//! certificates from a test CA that the spawned server trusts.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use esign::pki::{IssuedCertificate, KeyType, PersonCertificateRequest, TestCa};
use esign::sign::{sign_detached, SoftwareSigner};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use shared::Tckn;

use crate::helpers::{
    browser_client, citizen, problem, set_cookie, spawn_app_with, TempDir, TestApp,
};

/// A CA the server trusts, with a CRL revoking the certificates given.
struct Pki {
    ca: TestCa,
    _dir: TempDir,
}

fn certificate(
    ca: &TestCa,
    name: &str,
    tckn: &str,
    key: KeyType,
    tune: impl FnOnce(&mut PersonCertificateRequest),
) -> IssuedCertificate {
    let mut request =
        PersonCertificateRequest::nes(name, Tckn::parse(tckn).unwrap(), key, Utc::now(), 365);
    tune(&mut request);
    ca.issue(&request).unwrap()
}

fn new_ca() -> TestCa {
    let now = Utc::now();
    TestCa::new(
        KeyType::P256,
        now - Duration::days(1),
        now + Duration::days(365),
    )
    .unwrap()
}

/// The server, trusting `ca` and revoking `revoked` (the CRL is read at start-up).
async fn app_trusting(ca: TestCa, revoked: &[&IssuedCertificate]) -> (TestApp, Pki) {
    let now = Utc::now();
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
    let app = spawn_app_with(&[
        ("ESIGN_TRUSTED_ROOTS", &root.display().to_string()),
        ("ESIGN_CRLS", &crl.display().to_string()),
    ])
    .await;
    (app, Pki { ca, _dir: dir })
}

fn sign(document: &[u8], certificate: &IssuedCertificate, ca: &TestCa) -> Vec<u8> {
    let signer = SoftwareSigner::from_pkcs8(
        certificate.private_key().pkcs8_der(),
        certificate.certificate_der().to_vec(),
        vec![ca.certificate_der().to_vec()],
    )
    .unwrap();
    sign_detached(document, &signer, Utc::now()).unwrap()
}

/// "e-İmza ile Giriş" in `browser`: the challenge's answer.
async fn start_challenge(app: &TestApp, browser: &reqwest::Client) -> Value {
    let response = browser
        .post(app.url("/api/auth/e-imza/challenge"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = set_cookie(&response, "nes_e_imza_login").expect("the binding cookie");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/api/auth/e-imza"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    response.json().await.unwrap()
}

async fn login_status(app: &TestApp, browser: &reqwest::Client) -> reqwest::Response {
    browser
        .get(app.url("/api/auth/e-imza/challenge"))
        .send()
        .await
        .unwrap()
}

async fn signing_app_login_response(app: &TestApp, code: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/e-imza/login"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

/// What the signing application does before signing: log in with the code, fetch the
/// document (checked against the announced SHA-256). Answers the login and the bytes.
async fn signing_app_login(app: &TestApp, code: &str) -> (Value, Vec<u8>) {
    let response = signing_app_login_response(app, code).await;
    assert_eq!(response.status(), 200, "login with the code");
    let login: Value = response.json().await.unwrap();
    let document = reqwest::Client::new()
        .get(app.url("/api/e-imza/document"))
        .bearer_auth(login["signing_token"].as_str().unwrap())
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
    (login, document)
}

async fn upload(app: &TestApp, login: &Value, cms: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/e-imza/signature"))
        .bearer_auth(login["signing_token"].as_str().unwrap())
        .header("content-type", "application/cms")
        .body(cms)
        .send()
        .await
        .unwrap()
}

/// The browser's session, if it has one.
async fn session_of(app: &TestApp, browser: &reqwest::Client) -> Option<Value> {
    let response = browser.get(app.url("/api/session")).send().await.unwrap();
    (response.status() == 200).then_some(())?;
    Some(response.json().await.unwrap())
}

fn masked(tckn: &str) -> String {
    Tckn::parse(tckn).unwrap().masked()
}

/// The audit entries with `action`: (actor_id, outcome, detail).
fn audited(app: &TestApp, wanted: &str) -> Vec<(Option<String>, String, Option<String>)> {
    use api::db::schema::audit_log::dsl::*;
    let mut conn = app.db.connection();
    audit_log
        .filter(action.eq(wanted))
        .order(seq.asc())
        .select((actor_id, outcome, detail))
        .load(&mut conn)
        .unwrap()
}

/// A browser opens a challenge; `certificate` signs it through the signing app's routes.
/// Answers the browser and the upload's response.
async fn log_in_with(
    app: &TestApp,
    pki: &Pki,
    certificate: &IssuedCertificate,
) -> (reqwest::Client, reqwest::Response) {
    let browser = browser_client();
    let challenge = start_challenge(app, &browser).await;
    let code = challenge["verification_code"].as_str().unwrap();
    let (login, document) = signing_app_login(app, code).await;
    let response = upload(app, &login, sign(&document, certificate, &pki.ca)).await;
    (browser, response)
}

#[tokio::test]
async fn an_rsa_signature_logs_the_browser_in_as_the_holder_of_the_certificate() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let ayse = citizen(0);
    let browser = browser_client();
    let challenge = start_challenge(&app, &browser).await;
    let code = challenge["verification_code"].as_str().unwrap();
    assert_eq!(code.len(), 14);
    assert_eq!(
        login_status(&app, &browser)
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "waiting"
    );

    let (login, document) = signing_app_login(&app, code).await;
    assert_eq!(login["purpose"], "login");
    assert!(login.get("application_reference").is_none());
    assert_eq!(login["requested_by"]["ip"], "127.0.0.1");
    assert_eq!(login["document_sha256"], challenge["document_sha256"]);
    let text: Value = serde_json::from_slice(&document).unwrap();
    assert_eq!(text["purpose"], "login");
    assert_eq!(text["format"], "kamusm-nes-login/1");
    assert_eq!(text["origin"], app.address);
    assert_eq!(text["nonce"].as_str().unwrap().len(), 64);
    assert!(text["issued_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(
        login_status(&app, &browser)
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "signing"
    );

    let holder = certificate(&pki.ca, "AYŞE YILMAZ", &ayse.tckn, KeyType::Rsa2048, |_| {});
    let response = upload(&app, &login, sign(&document, &holder, &pki.ca)).await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "accepted");
    assert_eq!(body["purpose"], "login");
    assert!(
        session_of(&app, &browser).await.is_none(),
        "not before the page collects it"
    );

    let collected = login_status(&app, &browser).await;
    assert_eq!(collected.status(), 200);
    assert!(set_cookie(&collected, "nes_session").is_some());
    let binding = set_cookie(&collected, "nes_e_imza_login").expect("the binding removed");
    assert!(binding.starts_with("nes_e_imza_login=;"), "{binding}");
    assert_eq!(
        collected.json::<Value>().await.unwrap()["status"],
        "logged_in"
    );

    let session = session_of(&app, &browser).await.expect("a session");
    assert_eq!(session["tckn_masked"], masked(&ayse.tckn));
    assert_eq!(session["first_name"], "Ayşe");
    assert_eq!(session["last_name"], "Yılmaz");
    assert_eq!(
        audited(&app, "applicant_login"),
        vec![(
            Some(ayse.tckn.clone()),
            "success".into(),
            Some("e_imza".into())
        )]
    );
    // The binding cookie went with the session: nothing more to collect.
    assert_eq!(login_status(&app, &browser).await.status(), 404);
}

#[tokio::test]
async fn a_p256_signature_logs_in_too_with_the_given_name_and_surname_of_the_certificate() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let mehmet = citizen(1);
    let holder = certificate(
        &pki.ca,
        "MEHMET ÖZTÜRK",
        &mehmet.tckn,
        KeyType::P256,
        |r| {
            r.given_name_and_surname = Some(("Mehmet Ali".into(), "Öztürk".into()));
        },
    );
    let (browser, response) = log_in_with(&app, &pki, &holder).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        login_status(&app, &browser)
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "logged_in"
    );
    let session = session_of(&app, &browser).await.expect("a session");
    assert_eq!(session["tckn_masked"], masked(&mehmet.tckn));
    assert_eq!(session["first_name"], "Mehmet Ali");
    assert_eq!(session["last_name"], "Öztürk");
    // The applicant's own pages answer for this person.
    let applications = browser
        .get(app.url("/api/applications"))
        .send()
        .await
        .unwrap();
    assert_eq!(applications.status(), 200);
}

/// The upload is refused with `code`, the page shows it, and nobody is logged in.
async fn refused_with(app: &TestApp, pki: &Pki, holder: &IssuedCertificate, code: &str) {
    let (browser, response) = log_in_with(app, pki, holder).await;
    let (status, body) = problem(response).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], code);
    let answer = login_status(app, &browser).await;
    assert!(
        set_cookie(&answer, "nes_session").is_none(),
        "a refusal sets no session cookie"
    );
    let page: Value = answer.json().await.unwrap();
    assert_eq!(page["status"], "refused");
    assert_eq!(page["refusal_code"], code);
    assert!(session_of(app, &browser).await.is_none());
    assert_eq!(
        audited(app, "applicant_login_failed"),
        vec![(None, "failure".into(), Some(code.to_owned()))]
    );
    assert!(audited(app, "applicant_login").is_empty());
}

#[tokio::test]
async fn an_expired_certificate_is_refused_and_logs_nobody_in() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let expired = certificate(
        &pki.ca,
        "AYŞE YILMAZ",
        &citizen(0).tckn,
        KeyType::P256,
        |r| {
            r.not_before = Utc::now() - Duration::days(400);
            r.not_after = Utc::now() - Duration::days(1);
        },
    );
    refused_with(&app, &pki, &expired, "certificate_expired").await;
}

#[tokio::test]
async fn a_revoked_certificate_is_refused_and_logs_nobody_in() {
    let ca = new_ca();
    let revoked = certificate(
        &ca,
        "İBRAHİM GÜNEŞ",
        &citizen(4).tckn,
        KeyType::Rsa2048,
        |_| {},
    );
    let (app, pki) = app_trusting(ca, &[&revoked]).await;
    refused_with(&app, &pki, &revoked, "certificate_revoked").await;
}

#[tokio::test]
async fn a_certificate_from_an_untrusted_root_is_refused_and_logs_nobody_in() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let stranger = TestCa::with_common_name(
        "Sahte Kök",
        KeyType::P256,
        Utc::now() - Duration::days(1),
        Utc::now() + Duration::days(30),
    )
    .unwrap();
    let untrusted = certificate(
        &stranger,
        "AYŞE YILMAZ",
        &citizen(0).tckn,
        KeyType::P256,
        |_| {},
    );
    refused_with(&app, &pki, &untrusted, "untrusted_chain").await;
}

#[tokio::test]
async fn a_login_code_works_only_once() {
    let (app, _pki) = app_trusting(new_ca(), &[]).await;
    let browser = browser_client();
    let challenge = start_challenge(&app, &browser).await;
    let code = challenge["verification_code"].as_str().unwrap();
    signing_app_login(&app, code).await;
    let (status, body) = problem(signing_app_login_response(&app, code).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "signing_code_used");
}

#[tokio::test]
async fn a_challenge_older_than_ten_minutes_is_refused() {
    let (app, _pki) = app_trusting(new_ca(), &[]).await;
    let browser = browser_client();
    let challenge = start_challenge(&app, &browser).await;
    app.clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    let code = challenge["verification_code"].as_str().unwrap();
    let (status, body) = problem(signing_app_login_response(&app, code).await).await;
    assert_eq!(status, 410);
    assert_eq!(body["code"], "signing_code_expired");
    let page: Value = login_status(&app, &browser).await.json().await.unwrap();
    assert_eq!(page["status"], "expired");
}

#[tokio::test]
async fn a_new_challenge_replaces_the_browsers_previous_code() {
    let (app, _pki) = app_trusting(new_ca(), &[]).await;
    let browser = browser_client();
    let first = start_challenge(&app, &browser).await;
    let second = start_challenge(&app, &browser).await;
    assert_ne!(first["verification_code"], second["verification_code"]);
    let old = first["verification_code"].as_str().unwrap();
    let (status, body) = problem(signing_app_login_response(&app, old).await).await;
    assert_eq!(status, 409);
    assert_eq!(body["code"], "signing_session_superseded");
    signing_app_login(&app, second["verification_code"].as_str().unwrap()).await;
}

#[tokio::test]
async fn only_the_browser_that_asked_can_collect_the_session_and_only_once() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let holder = certificate(
        &pki.ca,
        "AYŞE YILMAZ",
        &citizen(0).tckn,
        KeyType::P256,
        |_| {},
    );
    let asker = browser_client();
    let response = asker
        .post(app.url("/api/auth/e-imza/challenge"))
        .send()
        .await
        .unwrap();
    let binding = response
        .cookies()
        .find(|c| c.name() == "nes_e_imza_login")
        .map(|c| c.value().to_owned())
        .expect("binding cookie");
    let challenge: Value = response.json().await.unwrap();
    let (login, document) =
        signing_app_login(&app, challenge["verification_code"].as_str().unwrap()).await;
    assert_eq!(
        upload(&app, &login, sign(&document, &holder, &pki.ca))
            .await
            .status(),
        200
    );

    // Someone who saw the code over a shoulder: no binding cookie, nothing to follow.
    let onlooker = browser_client();
    let (status, body) = problem(login_status(&app, &onlooker).await).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
    // Nor with a challenge of their own: it is theirs, still waiting.
    start_challenge(&app, &onlooker).await;
    let theirs: Value = login_status(&app, &onlooker).await.json().await.unwrap();
    assert_eq!(theirs["status"], "waiting");
    assert!(session_of(&app, &onlooker).await.is_none());

    // The asker collects; the same binding id replayed afterwards gets nothing.
    assert_eq!(
        login_status(&app, &asker)
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "logged_in"
    );
    let replay = reqwest::Client::new()
        .get(app.url("/api/auth/e-imza/challenge"))
        .header("cookie", format!("nes_e_imza_login={binding}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 404);
    assert!(replay.headers().get("set-cookie").is_none());
    assert_eq!(audited(&app, "applicant_login").len(), 1);
}

#[tokio::test]
async fn an_approval_signature_cannot_log_anybody_in() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let ayse = citizen(0);
    let holder = certificate(&pki.ca, "AYŞE YILMAZ", &ayse.tckn, KeyType::P256, |_| {});
    // An approval document, signed by its applicant…
    let id = app
        .phone_verified_application(&ayse, "institution", false)
        .await;
    let approval_code = open_approval(&app, &id).await;
    let (approval_login, approval_document) = signing_app_login(&app, &approval_code).await;
    assert_eq!(approval_login["purpose"], "approval");
    let approval_signature = sign(&approval_document, &holder, &pki.ca);

    // …uploaded for a login challenge is over another document.
    let browser = browser_client();
    let challenge = start_challenge(&app, &browser).await;
    let (login, _) =
        signing_app_login(&app, challenge["verification_code"].as_str().unwrap()).await;
    let (status, body) = problem(upload(&app, &login, approval_signature).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "digest_mismatch");
    assert_eq!(
        login_status(&app, &browser)
            .await
            .json::<Value>()
            .await
            .unwrap()["status"],
        "refused"
    );
    assert!(session_of(&app, &browser).await.is_none());
}

#[tokio::test]
async fn a_login_signature_cannot_approve_an_application() {
    let (app, pki) = app_trusting(new_ca(), &[]).await;
    let ayse = citizen(0);
    let holder = certificate(&pki.ca, "AYŞE YILMAZ", &ayse.tckn, KeyType::Rsa2048, |_| {});
    let browser = browser_client();
    let challenge = start_challenge(&app, &browser).await;
    let (_, login_document) =
        signing_app_login(&app, challenge["verification_code"].as_str().unwrap()).await;
    let login_signature = sign(&login_document, &holder, &pki.ca);

    let id = app
        .phone_verified_application(&ayse, "institution", false)
        .await;
    let approval_code = open_approval(&app, &id).await;
    let (approval_login, _) = signing_app_login(&app, &approval_code).await;
    let (status, body) = problem(upload(&app, &approval_login, login_signature).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["code"], "digest_mismatch");
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "phone_verified", "nothing was approved");
}

#[tokio::test]
async fn without_trusted_roots_e_imza_login_is_unavailable() {
    let app = crate::helpers::spawn_app().await;
    let (status, body) = problem(
        browser_client()
            .post(app.url("/api/auth/e-imza/challenge"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], "e_imza_unavailable");
}

/// "e-İmza ile Onayla" on a phone-verified application: the approval's verification code.
async fn open_approval(app: &TestApp, id: &str) -> String {
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

#[tokio::test]
async fn an_e_devlet_login_is_audited_as_an_applicant_login_too() {
    let app = crate::helpers::spawn_app().await;
    let ayse = citizen(0);
    app.login_as(&ayse).await;
    assert_eq!(
        audited(&app, "applicant_login"),
        vec![(
            Some(ayse.tckn.clone()),
            "success".into(),
            Some("e_devlet".into())
        )]
    );
}
