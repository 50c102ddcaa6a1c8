//! Helpers shared by the integration tests: one CA and the applicant's certificates, made once
//! per test binary, and a runner for the `openssl` command.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use esign::pki::{IssuedCertificate, KeyType, PersonCertificateRequest, TestCa};
use esign::{TrustStore, Verifier};
use shared::Tckn;

pub const APPLICANT_NAME: &str = "AYŞE YILMAZ";

pub struct Fixtures {
    pub now: DateTime<Utc>,
    pub ca: TestCa,
    pub person_rsa: IssuedCertificate,
    pub person_p256: IssuedCertificate,
}

pub fn fixtures() -> &'static Fixtures {
    static FIXTURES: OnceLock<Fixtures> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let now = Utc::now();
        let ca = TestCa::new(
            KeyType::Rsa2048,
            now - Duration::days(365),
            now + Duration::days(3650),
        )
        .unwrap();
        let issue = |key_type| {
            ca.issue(&PersonCertificateRequest::nes(
                APPLICANT_NAME,
                tckn(),
                key_type,
                now,
                730,
            ))
            .unwrap()
        };
        let person_rsa = issue(KeyType::Rsa2048);
        let person_p256 = issue(KeyType::P256);
        Fixtures {
            now,
            ca,
            person_rsa,
            person_p256,
        }
    })
}

pub fn person(key_type: KeyType) -> &'static IssuedCertificate {
    match key_type {
        KeyType::Rsa2048 => &fixtures().person_rsa,
        KeyType::P256 => &fixtures().person_p256,
    }
}

pub fn tckn() -> Tckn {
    Tckn::parse("10000000146").unwrap()
}

pub fn verifier() -> Verifier {
    Verifier::new(
        TrustStore::new([fixtures().ca.certificate_der()], Vec::<Vec<u8>>::new()).unwrap(),
    )
}

/// Runs `openssl` with `args` in `dir`. The test fails (it is not skipped) when openssl is
/// missing: CI installs it.
pub fn openssl(dir: &Path, args: &[&str]) -> Output {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command is needed for these tests (apt-get install openssl)")
}

/// `openssl cms -verify` of a detached DER signature over `document`, trusting the fixture
/// root. Returns the command's output.
pub fn openssl_cms_verify(dir: &Path, cms_der: &[u8], document: &[u8]) -> Output {
    std::fs::write(dir.join("signature.p7s"), cms_der).unwrap();
    std::fs::write(dir.join("document.json"), document).unwrap();
    std::fs::write(
        dir.join("root.pem"),
        fixtures().ca.certificate_pem().unwrap(),
    )
    .unwrap();
    openssl(
        dir,
        &[
            "cms",
            "-verify",
            "-binary",
            "-content",
            "document.json",
            "-inform",
            "DER",
            "-in",
            "signature.p7s",
            "-CAfile",
            "root.pem",
            // -purpose any is not needed: without extendedKeyUsage, nonRepudiation passes
            // OpenSSL's S/MIME signing purpose check.
            "-cades",
            "-out",
            "/dev/null",
        ],
    )
}
