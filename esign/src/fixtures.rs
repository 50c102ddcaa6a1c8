#![allow(clippy::unwrap_used)]

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use shared::Tckn;

use crate::pki::{
    CertificateProfile, IssuedCertificate, KeyType, PersonCertificateRequest, PrivateKey, TestCa,
};
use crate::sign::SoftwareSigner;
use crate::verify::{TrustStore, Verifier};

pub(crate) const APPLICANT_NAME: &str = "AYŞE YILMAZ";

struct Fixtures {
    now: DateTime<Utc>,
    ca: TestCa,
    rsa_key: PrivateKey,
    p256_key: PrivateKey,
    person_rsa: IssuedCertificate,
    person_p256: IssuedCertificate,
}

fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let now = Utc::now();
        let ca = TestCa::new(
            KeyType::Rsa2048,
            now - Duration::days(365),
            now + Duration::days(3650),
        )
        .unwrap();
        let rsa_key = PrivateKey::generate(KeyType::Rsa2048).unwrap();
        let p256_key = PrivateKey::generate(KeyType::P256).unwrap();
        let person_rsa = ca
            .issue_for_key(&nes_request(KeyType::Rsa2048, now), rsa_key.clone())
            .unwrap();
        let person_p256 = ca
            .issue_for_key(&nes_request(KeyType::P256, now), p256_key.clone())
            .unwrap();
        Fixtures {
            now,
            ca,
            rsa_key,
            p256_key,
            person_rsa,
            person_p256,
        }
    })
}

/// The applicant's TCKN.
pub(crate) fn tckn() -> Tckn {
    Tckn::parse("10000000146").unwrap()
}

/// Another person's TCKN.
pub(crate) fn other_tckn() -> Tckn {
    Tckn::from_first_nine([2, 3, 4, 5, 6, 7, 8, 9, 1]).unwrap()
}

fn nes_request(key_type: KeyType, now: DateTime<Utc>) -> PersonCertificateRequest {
    PersonCertificateRequest::nes(APPLICANT_NAME, tckn(), key_type, now, 730)
}

/// The time the fixtures were made; tests use it as the server's `now`.
pub(crate) fn now() -> DateTime<Utc> {
    fixtures().now
}

pub(crate) fn ca() -> &'static TestCa {
    &fixtures().ca
}

/// The applicant's NES certificate with an RSA-2048 key.
pub(crate) fn person_rsa() -> &'static IssuedCertificate {
    &fixtures().person_rsa
}

/// The applicant's NES certificate with a P-256 key.
pub(crate) fn person_p256() -> &'static IssuedCertificate {
    &fixtures().person_p256
}

pub(crate) fn person(key_type: KeyType) -> &'static IssuedCertificate {
    match key_type {
        KeyType::Rsa2048 => person_rsa(),
        KeyType::P256 => person_p256(),
    }
}

/// The applicant's key of that type (shared by every certificate a test issues for it, so
/// tests generate no further RSA keys).
pub(crate) fn key(key_type: KeyType) -> PrivateKey {
    match key_type {
        KeyType::Rsa2048 => fixtures().rsa_key.clone(),
        KeyType::P256 => fixtures().p256_key.clone(),
    }
}

/// A certificate from the fixture CA for the applicant's key, changed by `change`.
pub(crate) fn issue_with(
    key_type: KeyType,
    change: impl FnOnce(&mut PersonCertificateRequest),
) -> IssuedCertificate {
    let mut request = nes_request(key_type, now());
    change(&mut request);
    ca().issue_for_key(&request, key(key_type)).unwrap()
}

/// The applicant's digitalSignature-only certificate.
pub(crate) fn digital_signature_only(key_type: KeyType) -> IssuedCertificate {
    issue_with(key_type, |r| {
        r.profile = CertificateProfile::DigitalSignatureOnly
    })
}

pub(crate) fn software_signer(issued: &IssuedCertificate) -> SoftwareSigner {
    SoftwareSigner::from_pkcs8(
        issued.private_key().pkcs8_der(),
        issued.certificate_der().to_vec(),
        Vec::new(),
    )
    .unwrap()
}

/// A verifier trusting the fixture CA, with no CRL.
pub(crate) fn verifier() -> Verifier {
    Verifier::new(TrustStore::new([ca().certificate_der()], Vec::<Vec<u8>>::new()).unwrap())
}

/// A verifier trusting the fixture CA with one CRL.
pub(crate) fn verifier_with_crl(crl_der: &[u8]) -> Verifier {
    Verifier::new(TrustStore::new([ca().certificate_der()], [crl_der]).unwrap())
}

/// Some document bytes.
pub(crate) const DOCUMENT: &[u8] = b"{\"application_reference\":\"NES-2026-000042\"}";
