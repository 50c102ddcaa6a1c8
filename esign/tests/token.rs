//! Signing with a key on a PKCS#11 token, SoftHSM2 standing for the smart card.
//!
//! SoftHSM2 reads `SOFTHSM2_CONF` once per process, so this test binary points it at one
//! temporary folder before loading the module; each test then initialises its own token (with
//! its own label) in that folder and finds it by label.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{fixtures, openssl_cms_verify, person};
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig, SOFTHSM2_MODULE};
use esign::pki::{IssuedCertificate, KeyType};
use esign::sign::{PinStatus, Pkcs11Module, Token};
use esign::{sign_detached, Pin, SignError, Signer};

const USER_PIN: &str = "123456";
const SO_PIN: &str = "12345678";
const DOCUMENT: &[u8] = b"{\"application_reference\":\"NES-2026-000042\",\"nonce\":\"ab\"}";

struct SoftHsm {
    module: Pkcs11Module,
    _dir: tempfile::TempDir,
}

fn softhsm() -> &'static SoftHsm {
    static SOFTHSM: OnceLock<SoftHsm> = OnceLock::new();
    SOFTHSM.get_or_init(|| {
        assert!(
            PathBuf::from(SOFTHSM2_MODULE).exists(),
            "{SOFTHSM2_MODULE} is needed for these tests (apt-get install softhsm2)"
        );
        let dir = tempfile::tempdir().unwrap();
        let config = SoftHsmConfig::create_in(dir.path()).unwrap();
        // Set once, before the module is first loaded in this process.
        std::env::set_var("SOFTHSM2_CONF", config.conf_path());
        let module = Pkcs11Module::load(SOFTHSM2_MODULE).unwrap();
        SoftHsm { module, _dir: dir }
    })
}

/// A fresh token labelled `label` holding `issued`'s key and certificate.
fn token_with(label: &str, issued: &IssuedCertificate) -> Token {
    let module = &softhsm().module;
    init_token(module, label, &Pin::new(SO_PIN), &Pin::new(USER_PIN)).unwrap();
    import_key_and_certificate(
        module,
        label,
        &Pin::new(USER_PIN),
        "AYSE YILMAZ NES",
        &[0x01, 0x02],
        issued.private_key(),
        issued.certificate_der(),
    )
    .unwrap();
    module.token(label).unwrap()
}

fn label_for(test: &str, key_type: KeyType) -> String {
    format!("{test}-{key_type:?}")
}

#[test]
fn a_signature_made_with_a_softhsm_token_verifies() {
    for key_type in [KeyType::Rsa2048, KeyType::P256] {
        let issued = person(key_type);
        let token = token_with(&label_for("sign", key_type), issued);
        let certificate = token.certificates().unwrap().remove(0);
        let signer = token.login(&certificate, &Pin::new(USER_PIN)).unwrap();
        let cms = sign_detached(DOCUMENT, &signer, fixtures().now).unwrap();
        let verified = common::verifier()
            .verify(&cms, DOCUMENT, &common::tckn(), fixtures().now)
            .unwrap();
        assert_eq!(verified.subject_cn(), common::APPLICANT_NAME);
        assert_eq!(verified.signer_certificate_der(), issued.certificate_der());
    }
}

#[test]
fn openssl_cms_verify_accepts_a_token_made_signature() {
    for key_type in [KeyType::Rsa2048, KeyType::P256] {
        let token = token_with(&label_for("openssl", key_type), person(key_type));
        let certificate = token.certificates().unwrap().remove(0);
        let signer = token.login(&certificate, &Pin::new(USER_PIN)).unwrap();
        let cms = sign_detached(DOCUMENT, &signer, fixtures().now).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let output = openssl_cms_verify(dir.path(), &cms, DOCUMENT);
        assert!(
            output.status.success(),
            "{key_type:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn a_token_lists_its_certificates_without_a_pin() {
    let issued = person(KeyType::P256);
    let token = token_with("list", issued);
    let certificates = token.certificates().unwrap();
    assert_eq!(certificates.len(), 1);
    let certificate = &certificates[0];
    assert_eq!(certificate.label(), "AYSE YILMAZ NES");
    assert_eq!(certificate.id(), &[0x01, 0x02]);
    assert_eq!(certificate.summary().subject_cn(), common::APPLICANT_NAME);
    assert_eq!(certificate.summary().tckn(), Some("10000000146"));
    assert_eq!(
        certificate.summary().not_after(),
        issued.summary().unwrap().not_after()
    );
}

#[test]
fn a_wrong_pin_gives_pin_incorrect_with_the_token_flags() {
    let token = token_with("wrong-pin", person(KeyType::P256));
    let certificate = token.certificates().unwrap().remove(0);
    match token.login(&certificate, &Pin::new("000000")) {
        Err(SignError::PinIncorrect { status }) => {
            // SoftHSM2 sets COUNT_LOW after a wrong PIN but never gets to FINAL_TRY or LOCKED.
            assert_eq!(
                status,
                PinStatus {
                    count_low: true,
                    final_try: false,
                    locked: false
                }
            );
        }
        other => panic!("expected PinIncorrect, got {other:?}"),
    }
    // The right PIN still works afterwards, and clears the flag.
    assert!(token.login(&certificate, &Pin::new(USER_PIN)).is_ok());
    assert_eq!(token.pin_status().unwrap(), PinStatus::default());
}

#[test]
fn a_token_is_found_by_its_label() {
    let _token = token_with("by-label", person(KeyType::P256));
    let module = &softhsm().module;
    assert!(module
        .token_labels()
        .unwrap()
        .contains(&"by-label".to_owned()));
    assert_eq!(module.token("by-label").unwrap().label(), "by-label");
}

#[test]
fn an_absent_token_gives_token_not_present() {
    let result = softhsm().module.token("no-such-card");
    assert!(matches!(result, Err(SignError::TokenNotPresent)));
}

#[test]
fn a_token_rsa_key_signs_a_pkcs1_block_of_the_key_size() {
    let rsa = token_with("own-key-rsa", person(KeyType::Rsa2048));
    let certificate = rsa.certificates().unwrap().remove(0);
    let signer = rsa.login(&certificate, &Pin::new(USER_PIN)).unwrap();
    assert_eq!(
        signer.certificate_der(),
        person(KeyType::Rsa2048).certificate_der()
    );
    let signature = signer.sign(DOCUMENT).unwrap();
    assert_eq!(signature.len(), 256);
}
