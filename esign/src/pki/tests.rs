use chrono::Duration;
use der::asn1::PrintableStringRef;
use der::{Decode, Tag, Tagged};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage};
use x509_cert::Certificate;

use super::*;
use crate::fixtures;

fn parse(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

fn extension(
    certificate: &Certificate,
    oid: ObjectIdentifier,
) -> Option<&x509_cert::ext::Extension> {
    certificate
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
}

#[test]
fn an_nes_certificate_carries_the_tckn_as_a_printable_serial_number() {
    let certificate = parse(fixtures::person_rsa().certificate_der());
    let serial_number = certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == oid::SERIAL_NUMBER)
        .unwrap();
    assert_eq!(serial_number.value.tag(), Tag::PrintableString);
    let value = PrintableStringRef::try_from(&serial_number.value).unwrap();
    assert_eq!(value.as_str(), "10000000146");

    let summary = fixtures::person_rsa().summary().unwrap();
    assert_eq!(summary.subject_cn(), fixtures::APPLICANT_NAME);
    assert_eq!(summary.issuer_cn(), TEST_ROOT_COMMON_NAME);
    assert_eq!(
        crate::certificate::name_attribute(
            &certificate.tbs_certificate.subject,
            ObjectIdentifier::new_unwrap("2.5.4.6")
        ),
        Some("TR".into())
    );
}

#[test]
fn an_nes_certificate_has_critical_non_repudiation_only() {
    let certificate = parse(fixtures::person_p256().certificate_der());
    let (critical, usage) = certificate
        .tbs_certificate
        .get::<KeyUsage>()
        .unwrap()
        .unwrap();
    assert!(critical);
    assert!(usage.non_repudiation());
    assert!(!usage.digital_signature());
}

#[test]
fn an_nes_certificate_has_qc_compliance_and_qc_sscd_statements() {
    let certificate = parse(fixtures::person_p256().certificate_der());
    let statements = extension(&certificate, oid::ID_PE_QC_STATEMENTS).unwrap();
    assert!(!statements.critical);
    let decoded: Vec<QcStatement> = Vec::from_der(statements.extn_value.as_bytes()).unwrap();
    let ids: Vec<_> = decoded.iter().map(|s| s.statement_id).collect();
    assert_eq!(ids, vec![oid::QC_COMPLIANCE, oid::QC_SSCD]);
}

#[test]
fn a_digital_signature_only_certificate_lacks_non_repudiation_and_qc_statements() {
    let issued = fixtures::digital_signature_only(KeyType::P256);
    let certificate = parse(issued.certificate_der());
    let (_, usage) = certificate
        .tbs_certificate
        .get::<KeyUsage>()
        .unwrap()
        .unwrap();
    assert!(usage.digital_signature());
    assert!(!usage.non_repudiation());
    assert!(extension(&certificate, oid::ID_PE_QC_STATEMENTS).is_none());
    assert!(!issued.summary().unwrap().has_non_repudiation());
}

#[test]
fn the_validity_is_the_one_asked_for() {
    let now = fixtures::now();
    let issued = fixtures::issue_with(KeyType::P256, |r| {
        r.not_before = now - Duration::days(30);
        r.not_after = now - Duration::days(1);
    });
    let summary = issued.summary().unwrap();
    assert_eq!(
        summary.not_after().timestamp(),
        (now - Duration::days(1)).timestamp()
    );
    assert!(!summary.is_valid_at(now));
    assert!(summary.is_valid_at(now - Duration::days(2)));
}

#[test]
fn the_test_root_is_a_ca_named_for_kamu_sm() {
    let certificate = parse(fixtures::ca().certificate_der());
    let (_, constraints) = certificate
        .tbs_certificate
        .get::<BasicConstraints>()
        .unwrap()
        .unwrap();
    assert!(constraints.ca);
    assert_eq!(
        crate::certificate::name_attribute(&certificate.tbs_certificate.subject, oid::COMMON_NAME),
        Some(TEST_ROOT_COMMON_NAME.into())
    );
    assert_eq!(
        certificate.tbs_certificate.subject,
        certificate.tbs_certificate.issuer
    );
}

#[test]
fn the_crl_lists_the_revoked_serials() {
    let now = fixtures::now();
    let revoked = fixtures::person_p256();
    let crl_der = fixtures::ca()
        .crl(&[revoked.serial()], 7, now, now + Duration::days(7))
        .unwrap();
    let crl = webpki::OwnedCertRevocationList::from_der(&crl_der).unwrap();
    let crl = webpki::CertRevocationList::from(crl);
    assert!(crl.find_serial(revoked.serial()).unwrap().is_some());
    assert!(crl
        .find_serial(fixtures::person_rsa().serial())
        .unwrap()
        .is_none());
    assert!(crl_pem(&crl_der)
        .unwrap()
        .starts_with("-----BEGIN X509 CRL-----\n"));
}

#[test]
fn a_saved_ca_issues_certificates_that_chain_to_the_same_root() {
    let now = fixtures::now();
    let original = TestCa::new(
        KeyType::P256,
        now - Duration::days(1),
        now + Duration::days(30),
    )
    .unwrap();
    let key = PrivateKey::from_pkcs8_der(original.private_key().pkcs8_der()).unwrap();
    let reloaded = TestCa::from_parts(original.certificate_der(), key).unwrap();
    let issued = reloaded
        .issue_for_key(
            &PersonCertificateRequest::nes(
                fixtures::APPLICANT_NAME,
                fixtures::tckn(),
                KeyType::P256,
                now,
                30,
            ),
            fixtures::key(KeyType::P256),
        )
        .unwrap();
    let verifier = crate::verify::Verifier::new(
        crate::verify::TrustStore::new([original.certificate_der()], Vec::<Vec<u8>>::new())
            .unwrap(),
    );
    let cms =
        crate::sign::sign_detached(fixtures::DOCUMENT, &fixtures::software_signer(&issued), now)
            .unwrap();
    assert!(verifier
        .verify(&cms, fixtures::DOCUMENT, &fixtures::tckn(), now)
        .is_ok());
}

#[test]
fn keys_and_certificates_export_as_pem() {
    let person = fixtures::person_p256();
    assert!(person
        .certificate_pem()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----\n"));
    assert!(person
        .private_key()
        .pkcs8_pem()
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(
        PrivateKey::from_pkcs8_der(person.private_key().pkcs8_der())
            .unwrap()
            .key_type(),
        KeyType::P256
    );
}

#[test]
fn a_private_key_never_shows_in_debug_output() {
    let debug = format!("{:?}", fixtures::key(KeyType::P256));
    assert_eq!(debug, "PrivateKey { key_type: P256, .. }");
}
