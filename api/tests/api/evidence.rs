//! The evidence package (issue 12, item 5) through HTTP: what the ZIP holds, that it verifies
//! (the manifest's signature against the server's key, every file's hash, the form's
//! fingerprint, the audit chain, the e-İmza CMS with `esign`), that a tampered copy is refused
//! — by the library and by the real `nes-admin verify-evidence` — and who may fetch it.

use std::collections::BTreeMap;

use api::evidence::manifest::{self, Manifest};
use api::evidence::package::{self, PackageFile};
use api::evidence::signing::{EvidenceKey, PublicKey};
use api::evidence::verify::{verify, Outcome, Report};
use api::signature_trust::SignatureTrust;
use diesel::prelude::*;
use esign::pki::KeyType;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::e_imza::{person, pki, sign, signing_app_login, start_signing, upload, Pki};
use crate::helpers::{citizen, problem, spawn_app_with, TempDir, TestApp};
use crate::officer_helpers::dev_officer;
use crate::operator_helpers::{anonymous, approved, operator};

/// A P-256 key of the test's own, in a directory removed afterwards: the test can sign as the
/// server does (to show that only the CMS check catches a CMS swapped under a valid manifest).
struct TestKey {
    _dir: TempDir,
    path: String,
    pem: String,
}

fn test_key() -> TestKey {
    let dir = TempDir(std::env::temp_dir().join(format!("nes-evidence-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let pem = p256::ecdsa::SigningKey::random(&mut rand::rngs::OsRng)
        .to_pkcs8_pem(LineEnding::LF)
        .unwrap()
        .to_string();
    let path = dir.0.join("evidence-key.pem");
    std::fs::write(&path, &pem).unwrap();
    TestKey {
        path: path.display().to_string(),
        pem,
        _dir: dir,
    }
}

impl TestKey {
    fn signing(&self) -> EvidenceKey {
        EvidenceKey::from_pkcs8_pem(&self.pem).unwrap()
    }
}

async fn app_with_key(key: &TestKey, pki: Option<&Pki>) -> TestApp {
    let mut vars = vec![("NES_EVIDENCE_SIGNING_KEY", key.path.as_str())];
    if let Some(pki) = pki {
        vars.push(("ESIGN_TRUSTED_ROOTS", &pki.root));
        vars.push(("ESIGN_CRLS", &pki.crl));
    }
    spawn_app_with(&vars).await
}

/// The key the server publishes.
async fn published_key(app: &TestApp) -> PublicKey {
    let body: Value = anonymous()
        .get(app.url("/api/evidence/public-key"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["algorithm"], "ecdsa-p256-sha256");
    let key = PublicKey::from_pem(body["public_key_pem"].as_str().unwrap()).unwrap();
    assert_eq!(body["key_id"], key.key_id());
    key
}

/// The verifier of the server's own trust anchors, loaded the way the server loads them.
async fn cms_verifier(pki: &Pki) -> SignatureTrust {
    let config = api::config::ESignConfig {
        trusted_roots: vec![pki.root.clone().into()],
        crls: vec![pki.crl.clone().into()],
        crl_urls: Vec::new(),
        crl_refresh: chrono::Duration::minutes(60),
        signing_time_tolerance: chrono::Duration::minutes(5),
    };
    SignatureTrust::load(config, reqwest::Client::new())
        .await
        .unwrap()
        .unwrap()
}

/// The applicant's download, with the answer's headers checked.
async fn download_as_applicant(app: &TestApp, id: &str) -> Vec<u8> {
    let response = app
        .call(
            Method::GET,
            &format!("/api/applications/{id}/evidence"),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    zip_of(response).await
}

async fn download_as_operator(app: &TestApp, id: &str) -> Vec<u8> {
    let operator = operator(app).await;
    let response = operator
        .client
        .get(app.url(&format!("/api/operator/applications/{id}/evidence")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    zip_of(response).await
}

async fn zip_of(response: reqwest::Response) -> Vec<u8> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/zip");
    assert_eq!(header("cache-control"), "no-store");
    let disposition = header("content-disposition");
    assert!(
        disposition.starts_with("attachment; filename=\"NES-")
            && disposition.ends_with("-kanit.zip\""),
        "{disposition}"
    );
    response.bytes().await.unwrap().to_vec()
}

fn files(zip: &[u8]) -> BTreeMap<String, Vec<u8>> {
    package::read(zip)
        .unwrap()
        .into_iter()
        .map(|file| (file.name, file.bytes))
        .collect()
}

fn manifest_of(zip: &[u8]) -> Manifest {
    serde_json::from_slice(&files(zip)[manifest::MANIFEST]).unwrap()
}

fn json_file(zip: &[u8], name: &str) -> Value {
    serde_json::from_slice(&files(zip)[name]).unwrap()
}

/// The ZIP again with `change` applied to its files, in their order.
fn rewritten(zip: &[u8], change: impl FnOnce(&mut Vec<PackageFile>)) -> Vec<u8> {
    let mut all = package::read(zip).unwrap();
    change(&mut all);
    package::write(&all).unwrap()
}

fn file_mut<'a>(all: &'a mut [PackageFile], name: &str) -> &'a mut Vec<u8> {
    &mut all.iter_mut().find(|f| f.name == name).unwrap().bytes
}

/// What failed, by check.
fn failed(report: &Report) -> Vec<String> {
    report
        .failures()
        .map(|check| match &check.outcome {
            Outcome::Failed(why) => format!("{}: {why}", check.what),
            _ => unreachable!(),
        })
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    api::secrets::sha256_hex(bytes)
}

#[tokio::test]
async fn an_e_onay_package_lists_and_hashes_every_file_and_verifies() {
    let key = test_key();
    let app = app_with_key(&key, None).await;
    let id = approved(&app, "institution", false).await;
    let zip = download_as_applicant(&app, &id).await;
    let files = files(&zip);
    let manifest = manifest_of(&zip);

    assert_eq!(manifest.format, "nes-evidence/1");
    assert_eq!(manifest.application_id, id);
    assert_eq!(manifest.approval_method, "e_onay");
    assert_eq!(manifest.key_id, key.signing().public().key_id());
    let listed: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        listed,
        [
            "form.json",
            "taahhutname.txt",
            "approval.json",
            "sms_verification.json",
            "consent.json",
            "timeline.json",
            "audit.json",
            "server_public_key.pem",
        ]
    );
    assert_eq!(
        files.len(),
        listed.len() + 2,
        "the manifest and its signature besides"
    );
    for entry in &manifest.files {
        let bytes = &files[&entry.name];
        assert_eq!(entry.sha256, sha256(bytes), "{}", entry.name);
        assert_eq!(entry.size, bytes.len() as u64, "{}", entry.name);
        assert!(!entry.description.is_empty());
    }

    // The form is the one approved: its hash is the approval's record of it.
    let approval = json_file(&zip, manifest::APPROVAL);
    assert_eq!(approval["method"], "e_onay");
    assert_eq!(approval["user_agent"], "nes-api-tests/1.0");
    assert_eq!(approval["form_sha256"], sha256(&files["form.json"]));
    let form: Value = serde_json::from_slice(&files["form.json"]).unwrap();
    assert_eq!(form["title"], "Şube Müdürü");
    let (version, taahhutname_sha256) = app.taahhutname().await;
    assert_eq!(approval["taahhutname_version"], version);
    assert_eq!(sha256(&files["taahhutname.txt"]), taahhutname_sha256);

    let sms = json_file(&zip, manifest::SMS_VERIFICATION);
    assert_eq!(sms["phone_masked"], "0532 *** ** 67");
    let consent = json_file(&zip, manifest::CONSENT);
    assert!(consent["consented_at"].is_string());
    assert_eq!(consent["audit_entry"]["action"], "e_onay_consent_given");
    let audit = json_file(&zip, manifest::AUDIT);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"application_approved"), "{actions:?}");
    assert!(audit[0]["hash"].as_str().unwrap().len() == 64);
    let timeline = json_file(&zip, manifest::TIMELINE);
    assert!(timeline
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "approved_with_e_onay"));

    let report = verify(&zip, &published_key(&app).await, None);
    assert!(report.valid(), "{report}");
}

/// Whether `number` stands in `text` on its own, not inside a longer run of digits (a
/// timestamp's microseconds may be any six digits).
fn contains_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[tokio::test]
async fn the_sms_code_and_its_hash_never_appear_in_the_package() {
    let key = test_key();
    let app = app_with_key(&key, None).await;
    let id = approved(&app, "institution", false).await;
    let code = app.sms.latest_code_for("+905321234567").unwrap();
    let hmac: String = {
        use api::db::schema::sms_codes;
        let mut conn = app.db.connection();
        sms_codes::table
            .filter(sms_codes::application_id.eq(&id))
            .select(sms_codes::code_hmac)
            .first(&mut conn)
            .unwrap()
    };
    let zip = download_as_applicant(&app, &id).await;
    for (name, bytes) in files(&zip) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!contains_number(&text, &code), "the code is in {name}");
        assert!(!text.contains(&hmac), "the code's HMAC is in {name}");
    }
    // The form holds the number the person typed; the SMS record shows it masked only.
    let sms = String::from_utf8(files(&zip)[manifest::SMS_VERIFICATION].clone()).unwrap();
    assert!(
        !sms.contains("+905321234567") && !sms.contains("123 45 67"),
        "{sms}"
    );
}

#[tokio::test]
async fn an_e_imza_package_carries_the_cms_and_certificate_and_verifies_them_with_esign() {
    let key = test_key();
    let pki = pki(&[]);
    let app = app_with_key(&key, Some(&pki)).await;
    let id = approved_with_e_imza(&app, &pki).await;
    let zip = download_as_operator(&app, &id).await;
    let files = files(&zip);
    let manifest = manifest_of(&zip);
    assert_eq!(manifest.approval_method, "e_imza");
    for name in [
        "signed_document.json",
        "signature.p7s",
        "signer_certificate.der",
        "signature_verification.json",
    ] {
        assert!(
            manifest.files.iter().any(|f| f.name == name),
            "{name} listed"
        );
    }
    assert!(
        !files.contains_key("consent.json"),
        "e-İmza needs no e-Onay consent"
    );
    let verification = json_file(&zip, manifest::SIGNATURE_VERIFICATION);
    assert_eq!(verification["result"], "accepted");
    assert_eq!(verification["subject_cn"], "AYŞE YILMAZ");
    assert_eq!(
        verification["signed_document_sha256"],
        sha256(&files["signed_document.json"])
    );
    let document: Value = serde_json::from_slice(&files["signed_document.json"]).unwrap();
    assert_eq!(document["applicant"]["tckn"], citizen(0).tckn);

    let public = published_key(&app).await;
    let trust = cms_verifier(&pki).await;
    let report = verify(&zip, &public, Some(&trust.verifier()));
    assert!(report.valid(), "{report}");
    let cms_check = report
        .checks
        .iter()
        .find(|c| c.what.starts_with("the CMS signature"))
        .unwrap();
    assert_eq!(cms_check.outcome, Outcome::Passed);
    // Without trust roots the CMS is said to be unchecked, not passed.
    let without_roots = verify(&zip, &public, None);
    assert!(without_roots
        .checks
        .iter()
        .any(|c| matches!(c.outcome, Outcome::Skipped(_))));

    // A CMS over another document, under a manifest the right key signed: only the CMS
    // check can see it, and it does.
    let other = person(&pki.ca, &citizen(0).tckn, KeyType::P256, |_| {});
    let forged_cms = sign(b"{\"another\":\"document\"}", &other, &pki.ca);
    let forged = resigned(&zip, &key.signing(), |all| {
        *file_mut(all, "signature.p7s") = forged_cms;
    });
    let report = verify(&forged, &public, Some(&trust.verifier()));
    let failures = failed(&report);
    assert_eq!(failures.len(), 1, "{report}");
    assert!(failures[0].contains("digest_mismatch"), "{report}");
}

/// The ZIP with `change` applied, its manifest brought up to date and signed with `key`:
/// what only the holder of the key could make.
fn resigned(zip: &[u8], key: &EvidenceKey, change: impl FnOnce(&mut Vec<PackageFile>)) -> Vec<u8> {
    rewritten(zip, |all| {
        change(all);
        let mut manifest: Manifest =
            serde_json::from_slice(file_mut(all, manifest::MANIFEST)).unwrap();
        for entry in &mut manifest.files {
            let bytes = &all.iter().find(|f| f.name == entry.name).unwrap().bytes;
            entry.sha256 = sha256(bytes);
            entry.size = bytes.len() as u64;
        }
        manifest.key_id = key.public().key_id().to_owned();
        let bytes = serde_json::to_vec_pretty(&manifest).unwrap();
        *file_mut(all, manifest::MANIFEST_SIGNATURE) = key.sign(&bytes);
        *file_mut(all, manifest::MANIFEST) = bytes;
    })
}

async fn approved_with_e_imza(app: &TestApp, pki: &Pki) -> String {
    let (id, code) = start_signing(app).await;
    let (token, document) = signing_app_login(app, &code).await;
    let certificate = person(&pki.ca, &citizen(0).tckn, KeyType::P256, |_| {});
    let response = upload(app, &token, sign(&document, &certificate, &pki.ca)).await;
    assert_eq!(response.status(), 200);
    id
}

#[tokio::test]
async fn a_tampered_package_is_refused() {
    let key = test_key();
    let app = app_with_key(&key, None).await;
    let id = approved(&app, "institution", false).await;
    let zip = download_as_applicant(&app, &id).await;
    let public = published_key(&app).await;
    assert!(verify(&zip, &public, None).valid());

    // A changed file.
    let changed_form = rewritten(&zip, |all| {
        let form = file_mut(all, "form.json");
        let text = String::from_utf8(form.clone())
            .unwrap()
            .replace("Şube Müdürü", "Genel Müdür");
        *form = text.into_bytes();
    });
    let failures = failed(&verify(&changed_form, &public, None));
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("form.json matches the manifest")),
        "{failures:?}"
    );
    assert!(
        failures.iter().any(|f| f.contains("form_sha256")),
        "{failures:?}"
    );

    // A changed manifest (its listing brought in line with a changed file): the signature.
    let changed_manifest = rewritten(&zip, |all| {
        let manifest = file_mut(all, manifest::MANIFEST);
        let text = String::from_utf8(manifest.clone())
            .unwrap()
            .replace("\"e_onay\"", "\"e_imza\"");
        *manifest = text.into_bytes();
    });
    let failures = failed(&verify(&changed_manifest, &public, None));
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("the manifest's signature verifies")),
        "{failures:?}"
    );

    // An extra file.
    let extra = rewritten(&zip, |all| {
        all.push(PackageFile {
            name: "note.txt".into(),
            bytes: b"also approved by phone".to_vec(),
        })
    });
    let failures = failed(&verify(&extra, &public, None));
    assert_eq!(
        failures,
        ["no file outside the manifest: not listed: note.txt"]
    );

    // A file removed.
    let missing = rewritten(&zip, |all| {
        all.retain(|f| f.name != "sms_verification.json")
    });
    assert!(!verify(&missing, &public, None).valid());

    // An audit entry changed, the package signed again by its forger's own key (and that key
    // put inside it): the configured key refuses it, and the entry's hash gives it away.
    let forger = test_key();
    let forged = resigned(&zip, &forger.signing(), |all| {
        let audit = file_mut(all, manifest::AUDIT);
        let text = String::from_utf8(audit.clone())
            .unwrap()
            .replace("nes-api-tests/1.0", "another agent");
        *audit = text.into_bytes();
        *file_mut(all, manifest::PUBLIC_KEY) = forger.signing().public().pem().as_bytes().to_vec();
    });
    let failures = failed(&verify(&forged, &public, None));
    assert!(
        failures
            .iter()
            .any(|f| f.starts_with("signed by the configured key")),
        "{failures:?}"
    );
    assert!(
        failures.iter().any(|f| f.starts_with("audit entry #")),
        "{failures:?}"
    );

    // Not a ZIP at all.
    assert!(!verify(b"not a zip", &public, None).valid());
}

#[tokio::test]
async fn only_the_applicant_and_operators_get_the_package() {
    let key = test_key();
    let app = app_with_key(&key, None).await;
    let id = approved(&app, "institution", false).await;
    let applicant_path = format!("/api/applications/{id}/evidence");
    let operator_path = format!("/api/operator/applications/{id}/evidence");
    download_as_applicant(&app, &id).await;
    download_as_operator(&app, &id).await;

    // Another person: as if it did not exist.
    let other = citizen(1);
    app.pre_application_for(&other, "institution", false).await;
    app.login_as(&other).await;
    let (status, body) = problem(app.call(Method::GET, &applicant_path, None).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );

    // The institution's officer and its HR system: not here.
    let officer = dev_officer(&app).await;
    let (status, _) = officer.get(&operator_path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = officer.get(&applicant_path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for path in [&operator_path, &applicant_path] {
        let with_key = anonymous()
            .get(app.url(path))
            .bearer_auth(api::config::DEV_INTEGRATOR_KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(with_key.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let anonymous = anonymous()
        .get(app.url(&operator_path))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // Each download is in the audit trail: who fetched which application's evidence.
    use api::db::schema::audit_log;
    let mut conn = app.db.connection();
    let downloads: Vec<(String, Option<String>, Option<String>)> = audit_log::table
        .filter(audit_log::action.eq("evidence_downloaded"))
        .order(audit_log::seq.asc())
        .select((
            audit_log::actor_kind,
            audit_log::actor_id,
            audit_log::target,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(
        downloads,
        [
            (
                "applicant".to_owned(),
                Some(citizen(0).tckn),
                Some(id.clone())
            ),
            (
                "operator".to_owned(),
                Some("operator.one".to_owned()),
                Some(id.clone())
            ),
        ]
    );
    let refused: i64 = audit_log::table
        .filter(audit_log::action.eq("access_denied"))
        .filter(audit_log::target.eq(&id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(refused, 1, "the other person's try is audited");
}

#[tokio::test]
async fn an_application_not_yet_approved_has_no_evidence() {
    let key = test_key();
    let app = app_with_key(&key, None).await;
    let id = app
        .phone_verified_application(&citizen(0), "institution", false)
        .await;
    let (status, body) = problem(
        app.call(
            Method::GET,
            &format!("/api/applications/{id}/evidence"),
            None,
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "evidence_not_available");
    let operator = operator(&app).await;
    let (status, body) = operator
        .get(&format!("/api/operator/applications/{id}/evidence"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "evidence_not_available");
}

/// `nes-admin verify-evidence` as an operator runs it, in the server's environment.
fn nes_admin(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_nes-admin"));
    command.arg("verify-evidence").args(args);
    for name in [
        "NES_EVIDENCE_SIGNING_KEY",
        "ESIGN_TRUSTED_ROOTS",
        "ESIGN_CRLS",
        "NES_ENV",
        "NES_DATA_DIR",
    ] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code(), text)
}

#[tokio::test]
async fn nes_admin_verify_evidence_says_valid_or_invalid_by_its_exit_code() {
    let key = test_key();
    let pki = pki(&[]);
    let app = app_with_key(&key, Some(&pki)).await;
    let id = approved_with_e_imza(&app, &pki).await;
    let zip = download_as_operator(&app, &id).await;

    let dir = TempDir(std::env::temp_dir().join(format!("nes-verify-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&dir.0).unwrap();
    let good = dir.0.join("good.zip");
    std::fs::write(&good, &zip).unwrap();
    let tampered = dir.0.join("tampered.zip");
    std::fs::write(
        &tampered,
        rewritten(&zip, |all| file_mut(all, "signed_document.json").push(b' ')),
    )
    .unwrap();
    let data_dir = dir.0.display().to_string();
    let server_env = [
        ("NES_EVIDENCE_SIGNING_KEY", key.path.as_str()),
        ("ESIGN_TRUSTED_ROOTS", pki.root.as_str()),
        ("ESIGN_CRLS", pki.crl.as_str()),
        ("NES_DATA_DIR", data_dir.as_str()),
    ];
    let good = good.display().to_string();
    let tampered = tampered.display().to_string();

    let (code, out) = nes_admin(&[&good], &server_env);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("VALID") && out.contains("ok       the CMS signature"),
        "{out}"
    );

    let (code, out) = nes_admin(&[&tampered], &server_env);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("FAILED   signed_document.json matches the manifest"),
        "{out}"
    );

    // Elsewhere, with the published key given: valid; with another key: invalid.
    let published = dir.0.join("published.pem");
    std::fs::write(&published, published_key(&app).await.pem()).unwrap();
    let published = published.display().to_string();
    let elsewhere = [("NES_DATA_DIR", data_dir.as_str())];
    let (code, out) = nes_admin(&[&good, "--public-key", &published], &elsewhere);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("skipped  the CMS signature"),
        "no roots here: {out}"
    );
    let forger = test_key();
    let forger_public = dir.0.join("forger.pem");
    std::fs::write(&forger_public, forger.signing().public().pem()).unwrap();
    let (code, out) = nes_admin(
        &[&good, &format!("--public-key={}", forger_public.display())],
        &elsewhere,
    );
    assert_eq!(code, Some(1), "{out}");

    // No key at all, or no file: it cannot say.
    let (code, out) = nes_admin(&[&good], &elsewhere);
    assert_eq!(code, Some(2), "{out}");
    let (code, _) = nes_admin(&[], &server_env);
    assert_eq!(code, Some(2));
    let missing = dir.0.join("missing.zip").display().to_string();
    let (code, _) = nes_admin(&[&missing], &server_env);
    assert_eq!(code, Some(2));
}
