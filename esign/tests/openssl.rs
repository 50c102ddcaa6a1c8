//! OpenSSL as an independent check of what this crate makes, and as a second signer whose
//! output this crate's verifier must accept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{fixtures, openssl, openssl_cms_verify, person};
use esign::pki::{crl_pem, KeyType};
use esign::sign::{Pkcs12Store, SoftwareSigner};
use esign::{sign_detached, Pin};

const DOCUMENT: &[u8] = b"{\"application_reference\":\"NES-2026-000042\",\"nonce\":\"00\"}";

fn text(output: &std::process::Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn software_signer(key_type: KeyType) -> SoftwareSigner {
    let issued = person(key_type);
    SoftwareSigner::from_pkcs8(
        issued.private_key().pkcs8_der(),
        issued.certificate_der().to_vec(),
        Vec::new(),
    )
    .unwrap()
}

#[test]
fn openssl_cms_verify_accepts_what_the_signer_makes() {
    for key_type in [KeyType::Rsa2048, KeyType::P256] {
        let dir = tempfile::tempdir().unwrap();
        let cms = sign_detached(DOCUMENT, &software_signer(key_type), fixtures().now).unwrap();
        let output = openssl_cms_verify(dir.path(), &cms, DOCUMENT);
        assert!(output.status.success(), "{key_type:?}: {}", text(&output));
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("Verification successful"),
            "{}",
            text(&output)
        );
    }
}

#[test]
fn openssl_cms_verify_refuses_a_tampered_document() {
    let dir = tempfile::tempdir().unwrap();
    let cms = sign_detached(DOCUMENT, &software_signer(KeyType::P256), fixtures().now).unwrap();
    let output = openssl_cms_verify(dir.path(), &cms, b"{\"application_reference\":\"x\"}");
    assert!(!output.status.success(), "{}", text(&output));
}

#[test]
fn the_verifier_accepts_a_cades_signature_made_by_openssl() {
    for key_type in [KeyType::Rsa2048, KeyType::P256] {
        let dir = tempfile::tempdir().unwrap();
        let issued = person(key_type);
        std::fs::write(dir.path().join("document.json"), DOCUMENT).unwrap();
        std::fs::write(
            dir.path().join("signer.pem"),
            issued.certificate_pem().unwrap(),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("key.pem"),
            issued.private_key().pkcs8_pem().unwrap().as_bytes(),
        )
        .unwrap();
        let output = openssl(
            dir.path(),
            &[
                "cms",
                "-sign",
                "-binary",
                "-in",
                "document.json",
                "-signer",
                "signer.pem",
                "-inkey",
                "key.pem",
                "-md",
                "sha256",
                "-cades",
                "-outform",
                "DER",
                "-out",
                "signature.p7s",
            ],
        );
        assert!(output.status.success(), "{}", text(&output));
        let cms = std::fs::read(dir.path().join("signature.p7s")).unwrap();
        let verified = common::verifier()
            .verify(&cms, DOCUMENT, &common::tckn(), chrono::Utc::now())
            .unwrap();
        assert_eq!(verified.subject_cn(), common::APPLICANT_NAME);
    }
}

#[test]
fn openssl_made_rsa_signatures_use_rsa_encryption_as_signature_algorithm() {
    // The reason the verifier reads rsaEncryption with the digestAlgorithm's hash.
    let dir = tempfile::tempdir().unwrap();
    let issued = person(KeyType::Rsa2048);
    std::fs::write(dir.path().join("document.json"), DOCUMENT).unwrap();
    std::fs::write(
        dir.path().join("signer.pem"),
        issued.certificate_pem().unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("key.pem"),
        issued.private_key().pkcs8_pem().unwrap().as_bytes(),
    )
    .unwrap();
    let sign = openssl(
        dir.path(),
        &[
            "cms",
            "-sign",
            "-binary",
            "-in",
            "document.json",
            "-signer",
            "signer.pem",
            "-inkey",
            "key.pem",
            "-md",
            "sha256",
            "-cades",
            "-outform",
            "DER",
            "-out",
            "signature.p7s",
        ],
    );
    assert!(sign.status.success(), "{}", text(&sign));
    let dump = openssl(
        dir.path(),
        &[
            "cms",
            "-cmsout",
            "-print",
            "-inform",
            "DER",
            "-in",
            "signature.p7s",
        ],
    );
    let printed = String::from_utf8_lossy(&dump.stdout);
    assert!(
        printed.contains("signatureAlgorithm: \n          algorithm: rsaEncryption")
            || printed.contains("algorithm: rsaEncryption"),
        "{printed}"
    );
}

#[test]
fn openssl_reads_the_p12_and_the_signer_reads_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let issued = person(KeyType::Rsa2048);
    let password = Pin::new("parola-123");
    let p12 = issued.to_pkcs12(&fixtures().ca, "ayse", &password).unwrap();
    std::fs::write(dir.path().join("ayse.p12"), &p12).unwrap();
    let output = openssl(
        dir.path(),
        &[
            "pkcs12",
            "-in",
            "ayse.p12",
            "-passin",
            "pass:parola-123",
            "-nokeys",
            "-info",
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(printed.matches("BEGIN CERTIFICATE").count(), 2, "{printed}");
    let store = Pkcs12Store::open(&p12, &password).unwrap();
    assert_eq!(store.certificates().len(), 1);
}

#[test]
fn openssl_sees_an_nes_certificate_with_critical_non_repudiation_and_qc_statements() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("person.der"),
        person(KeyType::P256).certificate_der(),
    )
    .unwrap();
    let output = openssl(
        dir.path(),
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            "person.der",
            "-noout",
            "-text",
            "-nameopt",
            "utf8,sep_comma_plus_space",
        ],
    );
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", text(&output));
    assert!(printed.contains("X509v3 Key Usage: critical"), "{printed}");
    assert!(printed.contains("Non Repudiation"), "{printed}");
    assert!(!printed.contains("Digital Signature"), "{printed}");
    assert!(printed.contains("qcStatements"), "{printed}");
    assert!(
        printed.contains("C=TR, serialNumber=10000000146, CN=AYŞE YILMAZ"),
        "{printed}"
    );
}

#[test]
fn openssl_verifies_the_crl_signature() {
    let dir = tempfile::tempdir().unwrap();
    let now = fixtures().now;
    let crl = fixtures()
        .ca
        .crl(
            &[person(KeyType::P256).serial()],
            1,
            now,
            now + chrono::Duration::days(7),
        )
        .unwrap();
    std::fs::write(dir.path().join("ca.crl"), crl_pem(&crl).unwrap()).unwrap();
    std::fs::write(
        dir.path().join("root.pem"),
        fixtures().ca.certificate_pem().unwrap(),
    )
    .unwrap();
    let output = openssl(
        dir.path(),
        &[
            "crl", "-in", "ca.crl", "-CAfile", "root.pem", "-noout", "-text",
        ],
    );
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("verify OK"),
        "{}",
        text(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("Key Compromise"),
        "{}",
        text(&output)
    );
}
