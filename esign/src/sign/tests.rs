use chrono::TimeZone;
use cms::signed_data::SignerInfo;
use der::Tagged;

use super::*;
use crate::fixtures::{self, DOCUMENT};
use crate::pki::KeyType;

fn signer_info_of(cms_der: &[u8]) -> (SignedData, SignerInfo) {
    let content_info = ContentInfo::from_der(cms_der).unwrap();
    assert_eq!(content_info.content_type, oid::ID_SIGNED_DATA);
    let signed_data: SignedData = content_info.content.decode_as().unwrap();
    let signer_info = signed_data.signer_infos.0.get(0).unwrap().clone();
    (signed_data, signer_info)
}

#[test]
fn the_signature_is_detached_and_carries_the_signers_certificate() {
    let person = fixtures::person_p256();
    let cms = sign_detached(
        DOCUMENT,
        &fixtures::software_signer(person),
        fixtures::now(),
    )
    .unwrap();
    let (signed_data, _) = signer_info_of(&cms);
    assert_eq!(signed_data.encap_content_info.econtent_type, oid::ID_DATA);
    assert!(signed_data.encap_content_info.econtent.is_none());
    let certificates = signed_data.certificates.unwrap();
    let CertificateChoices::Certificate(certificate) = certificates.0.get(0).unwrap() else {
        panic!("not a certificate");
    };
    assert_eq!(certificate.to_der().unwrap(), person.certificate_der());
}

#[test]
fn the_signed_attributes_are_the_four_cades_bes_ones() {
    let cms = sign_detached(
        DOCUMENT,
        &fixtures::software_signer(fixtures::person_rsa()),
        fixtures::now(),
    )
    .unwrap();
    let (_, signer_info) = signer_info_of(&cms);
    let mut oids: Vec<_> = signer_info
        .signed_attrs
        .unwrap()
        .iter()
        .map(|a| a.oid)
        .collect();
    oids.sort();
    let mut expected = vec![
        oid::ID_CONTENT_TYPE,
        oid::ID_MESSAGE_DIGEST,
        oid::ID_SIGNING_TIME,
        oid::ID_AA_SIGNING_CERTIFICATE_V2,
    ];
    expected.sort();
    assert_eq!(oids, expected);
    assert_eq!(signer_info.digest_alg.oid, oid::ID_SHA256);
}

#[test]
fn rsa_and_ecdsa_signatures_name_their_algorithm_with_sha256() {
    for (key_type, expected) in [
        (KeyType::Rsa2048, oid::SHA256_WITH_RSA_ENCRYPTION),
        (KeyType::P256, oid::ECDSA_WITH_SHA256),
    ] {
        let signer = fixtures::software_signer(fixtures::person(key_type));
        let cms = sign_detached(DOCUMENT, &signer, fixtures::now()).unwrap();
        let (_, signer_info) = signer_info_of(&cms);
        assert_eq!(signer_info.signature_algorithm.oid, expected);
    }
}

#[test]
fn the_signing_time_is_utc_time_before_2050_and_generalized_time_after() {
    let before =
        signing_time_attribute(Utc.with_ymd_and_hms(2049, 12, 31, 23, 59, 59).unwrap()).unwrap();
    assert_eq!(before.values.get(0).unwrap().tag(), der::Tag::UtcTime);
    let after = signing_time_attribute(Utc.with_ymd_and_hms(2050, 1, 1, 0, 0, 0).unwrap()).unwrap();
    assert_eq!(
        after.values.get(0).unwrap().tag(),
        der::Tag::GeneralizedTime
    );
}

#[test]
fn a_raw_ecdsa_signature_becomes_der() {
    let mut raw = [0u8; 64];
    raw[31] = 1; // r = 1
    raw[63] = 2; // s = 2
    assert_eq!(
        ecdsa_p256_raw_to_der(&raw).unwrap(),
        vec![0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]
    );
    // A high bit gets a leading zero so the INTEGER stays positive.
    raw[0] = 0x80;
    let der = ecdsa_p256_raw_to_der(&raw).unwrap();
    assert_eq!(&der[2..5], &[0x02, 0x21, 0x00]);
    assert!(ecdsa_p256_raw_to_der(&raw[..63]).is_err());
}

#[test]
fn a_software_key_that_is_not_the_certificates_is_refused() {
    let other_key = crate::pki::PrivateKey::generate(KeyType::P256).unwrap();
    let result = SoftwareSigner::from_pkcs8(
        other_key.pkcs8_der(),
        fixtures::person_p256().certificate_der().to_vec(),
        Vec::new(),
    );
    assert!(matches!(result, Err(SignError::KeyDoesNotMatchCertificate)));
}

/// A signer standing for a token whose key does not match its certificate, or that fails.
struct FakeSigner {
    certificate_der: Vec<u8>,
    answer: fn() -> Result<Vec<u8>, SignError>,
}

impl Signer for FakeSigner {
    fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }
    fn chain_der(&self) -> &[Vec<u8>] {
        &[]
    }
    fn scheme(&self) -> SignatureScheme {
        SignatureScheme::EcdsaP256Sha256
    }
    fn sign(&self, _message: &[u8]) -> Result<Vec<u8>, SignError> {
        (self.answer)()
    }
}

#[test]
fn a_signature_that_does_not_verify_with_the_certificate_is_caught_before_upload() {
    let signer = FakeSigner {
        certificate_der: fixtures::person_p256().certificate_der().to_vec(),
        answer: || ecdsa_p256_raw_to_der(&[7u8; 64]),
    };
    let result = sign_detached(DOCUMENT, &signer, fixtures::now());
    assert!(matches!(result, Err(SignError::KeyDoesNotMatchCertificate)));
}

#[test]
fn the_signers_own_error_comes_through_the_cms_builder() {
    let signer = FakeSigner {
        certificate_der: fixtures::person_p256().certificate_der().to_vec(),
        answer: || {
            Err(SignError::PinIncorrect {
                status: PinStatus {
                    count_low: true,
                    final_try: false,
                    locked: false,
                },
            })
        },
    };
    match sign_detached(DOCUMENT, &signer, fixtures::now()) {
        Err(SignError::PinIncorrect { status }) => assert!(status.count_low),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn a_chain_certificate_equal_to_the_signers_is_included_once() {
    let person = fixtures::person_p256();
    let signer = SoftwareSigner::from_pkcs8(
        person.private_key().pkcs8_der(),
        person.certificate_der().to_vec(),
        vec![
            person.certificate_der().to_vec(),
            fixtures::ca().certificate_der().to_vec(),
        ],
    )
    .unwrap();
    let cms = sign_detached(DOCUMENT, &signer, fixtures::now()).unwrap();
    let (signed_data, _) = signer_info_of(&cms);
    assert_eq!(signed_data.certificates.unwrap().0.len(), 2);
}

#[test]
fn a_p12_file_lists_its_certificate_and_signs() {
    for key_type in [KeyType::Rsa2048, KeyType::P256] {
        let person = fixtures::person(key_type);
        let password = Pin::new("gizli-parola");
        let p12 = person
            .to_pkcs12(fixtures::ca(), "ayse-nes", &password)
            .unwrap();
        let store = Pkcs12Store::open(&p12, &password).unwrap();
        let listed = store.certificates();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].alias(), "ayse-nes");
        assert_eq!(listed[0].summary().subject_cn(), fixtures::APPLICANT_NAME);
        assert_eq!(listed[0].summary().tckn(), Some("10000000146"));
        assert!(listed[0].summary().has_non_repudiation());

        let signer = store.signer("ayse-nes").unwrap();
        assert_eq!(
            signer.chain_der(),
            &[fixtures::ca().certificate_der().to_vec()]
        );
        let cms = sign_detached(DOCUMENT, &signer, fixtures::now()).unwrap();
        let verified = fixtures::verifier()
            .verify(&cms, DOCUMENT, &fixtures::tckn(), fixtures::now())
            .unwrap();
        assert_eq!(verified.subject_cn(), fixtures::APPLICANT_NAME);
    }
}

#[test]
fn a_wrong_p12_password_gives_pin_incorrect() {
    let p12 = fixtures::person_p256()
        .to_pkcs12(fixtures::ca(), "ayse", &Pin::new("dogru"))
        .unwrap();
    let result = Pkcs12Store::open(&p12, &Pin::new("yanlis"));
    assert!(matches!(result, Err(SignError::PinIncorrect { .. })));
}

#[test]
fn an_unknown_p12_alias_is_certificate_not_found() {
    let password = Pin::new("x");
    let p12 = fixtures::person_p256()
        .to_pkcs12(fixtures::ca(), "ayse", &password)
        .unwrap();
    let store = Pkcs12Store::open(&p12, &password).unwrap();
    assert!(matches!(
        store.signer("mehmet"),
        Err(SignError::CertificateNotFound)
    ));
}

#[test]
fn a_pin_never_shows_in_debug_output() {
    assert_eq!(format!("{:?}", Pin::new("123456")), "Pin(***)");
}

#[test]
fn every_sign_error_has_a_snake_case_code() {
    let errors = [
        SignError::PinIncorrect {
            status: PinStatus::default(),
        },
        SignError::PinLocked,
        SignError::TokenNotPresent,
        SignError::CertificateNotFound,
    ];
    for error in errors {
        assert!(error
            .code()
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_'));
    }
}
