use chrono::Duration;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};

use super::*;
use crate::fixtures::{self, DOCUMENT};
use crate::pki::{ExtendedKeyUsage, IssuedCertificate, KeyType, TestCa};
use crate::sign::sign_detached;

const BOTH: [KeyType; 2] = [KeyType::Rsa2048, KeyType::P256];

/// A signature by `issued` over `DOCUMENT`, made at `signing_time`.
fn signature_by(issued: &IssuedCertificate, signing_time: DateTime<Utc>) -> Vec<u8> {
    sign_detached(DOCUMENT, &fixtures::software_signer(issued), signing_time).unwrap()
}

fn verify_with(verifier: &Verifier, cms: &[u8]) -> Result<VerifiedSignature, Refusal> {
    verifier.verify(cms, DOCUMENT, &fixtures::tckn(), fixtures::now())
}

fn verify(cms: &[u8]) -> Result<VerifiedSignature, Refusal> {
    verify_with(&fixtures::verifier(), cms)
}

/// Decodes the CMS, lets `change` alter the SignedData, and encodes it again.
fn altered(cms: &[u8], change: impl FnOnce(&mut SignedData)) -> Vec<u8> {
    let mut content_info = ContentInfo::from_der(cms).unwrap();
    let mut signed_data: SignedData = content_info.content.decode_as().unwrap();
    change(&mut signed_data);
    content_info.content = Any::from_der(&signed_data.to_der().unwrap()).unwrap();
    content_info.to_der().unwrap()
}

#[test]
fn a_good_signature_verifies_for_both_key_types() {
    for key_type in BOTH {
        let person = fixtures::person(key_type);
        let cms = signature_by(person, fixtures::now());
        let verified = verify(&cms).unwrap();
        assert_eq!(verified.subject_cn(), fixtures::APPLICANT_NAME);
        assert_eq!(verified.tckn(), &fixtures::tckn());
        assert_eq!(verified.signer_certificate_der(), person.certificate_der());
        assert_eq!(
            verified.signing_time().timestamp(),
            fixtures::now().timestamp()
        );
        assert_eq!(
            verified.document_sha256(),
            <[u8; 32]>::from(Sha256::digest(DOCUMENT))
        );
        assert_eq!(verified.issuer_cn(), crate::pki::TEST_ROOT_COMMON_NAME);
    }
}

#[test]
fn a_tampered_document_is_refused_as_digest_mismatch() {
    for key_type in BOTH {
        let cms = signature_by(fixtures::person(key_type), fixtures::now());
        let tampered = b"{\"application_reference\":\"NES-2026-000043\"}";
        let result =
            fixtures::verifier().verify(&cms, tampered, &fixtures::tckn(), fixtures::now());
        assert_eq!(result, Err(Refusal::DigestMismatch), "{key_type:?}");
    }
}

#[test]
fn another_persons_certificate_is_refused_as_tckn_mismatch() {
    for key_type in BOTH {
        let other = fixtures::issue_with(key_type, |r| {
            r.name = "MEHMET KAYA".into();
            r.tckn = fixtures::other_tckn();
        });
        let cms = signature_by(&other, fixtures::now());
        assert_eq!(verify(&cms), Err(Refusal::TcknMismatch), "{key_type:?}");
    }
}

#[test]
fn a_digital_signature_only_certificate_is_refused() {
    for key_type in BOTH {
        let certificate = fixtures::digital_signature_only(key_type);
        let cms = signature_by(&certificate, fixtures::now());
        assert_eq!(
            verify(&cms),
            Err(Refusal::KeyUsageNotNonRepudiation),
            "{key_type:?}"
        );
    }
}

#[test]
fn an_expired_certificate_is_refused() {
    for key_type in BOTH {
        let expired = fixtures::issue_with(key_type, |r| {
            r.not_before = fixtures::now() - Duration::days(400);
            r.not_after = fixtures::now() - Duration::days(1);
        });
        let cms = signature_by(&expired, fixtures::now());
        assert_eq!(
            verify(&cms),
            Err(Refusal::CertificateExpired),
            "{key_type:?}"
        );
    }
}

#[test]
fn a_certificate_that_expired_after_signing_but_before_now_is_refused() {
    let expired = fixtures::issue_with(KeyType::P256, |r| {
        r.not_after = fixtures::now() - Duration::minutes(1);
    });
    let cms = signature_by(&expired, fixtures::now() - Duration::minutes(2));
    assert_eq!(verify(&cms), Err(Refusal::CertificateExpired));
}

#[test]
fn a_certificate_not_yet_valid_is_refused() {
    for key_type in BOTH {
        let future = fixtures::issue_with(key_type, |r| {
            r.not_before = fixtures::now() + Duration::days(1);
            r.not_after = fixtures::now() + Duration::days(400);
        });
        let cms = signature_by(&future, fixtures::now());
        assert_eq!(
            verify(&cms),
            Err(Refusal::CertificateNotYetValid),
            "{key_type:?}"
        );
    }
}

#[test]
fn a_certificate_from_an_untrusted_root_is_refused() {
    let now = fixtures::now();
    let stranger = TestCa::with_common_name(
        "Sahte Kök Sertifika Yetkilisi",
        KeyType::P256,
        now - Duration::days(10),
        now + Duration::days(100),
    )
    .unwrap();
    for key_type in BOTH {
        let request = crate::pki::PersonCertificateRequest::nes(
            fixtures::APPLICANT_NAME,
            fixtures::tckn(),
            key_type,
            now,
            30,
        );
        let issued = stranger
            .issue_for_key(&request, fixtures::key(key_type))
            .unwrap();
        let cms = signature_by(&issued, now);
        assert_eq!(verify(&cms), Err(Refusal::UntrustedChain), "{key_type:?}");
    }
}

#[test]
fn a_revoked_certificate_is_refused() {
    let now = fixtures::now();
    for key_type in BOTH {
        let person = fixtures::person(key_type);
        let crl = fixtures::ca()
            .crl(
                &[person.serial()],
                1,
                now - Duration::hours(1),
                now + Duration::days(7),
            )
            .unwrap();
        let cms = signature_by(person, now);
        assert_eq!(
            verify_with(&fixtures::verifier_with_crl(&crl), &cms),
            Err(Refusal::CertificateRevoked),
            "{key_type:?}"
        );
    }
}

#[test]
fn a_certificate_not_on_the_crl_is_accepted() {
    let now = fixtures::now();
    let someone_else = fixtures::digital_signature_only(KeyType::P256);
    let crl = fixtures::ca()
        .crl(
            &[someone_else.serial()],
            2,
            now - Duration::hours(1),
            now + Duration::days(7),
        )
        .unwrap();
    let cms = signature_by(fixtures::person_p256(), now);
    assert!(verify_with(&fixtures::verifier_with_crl(&crl), &cms).is_ok());
}

#[test]
fn an_expired_crl_leaves_the_status_unknown_unless_next_update_is_ignored() {
    let now = fixtures::now();
    let crl = fixtures::ca()
        .crl(&[], 3, now - Duration::days(10), now - Duration::days(1))
        .unwrap();
    let cms = signature_by(fixtures::person_p256(), now);
    assert_eq!(
        verify_with(&fixtures::verifier_with_crl(&crl), &cms),
        Err(Refusal::RevocationStatusUnknown)
    );
    let lenient = fixtures::verifier_with_crl(&crl).ignoring_crl_next_update();
    assert!(verify_with(&lenient, &cms).is_ok());
}

#[test]
fn a_crl_of_another_ca_leaves_the_status_unknown() {
    let now = fixtures::now();
    let stranger = TestCa::new(
        KeyType::P256,
        now - Duration::days(1),
        now + Duration::days(1),
    )
    .unwrap();
    let crl = stranger
        .crl(&[], 1, now - Duration::hours(1), now + Duration::days(1))
        .unwrap();
    let cms = signature_by(fixtures::person_p256(), now);
    assert_eq!(
        verify_with(&fixtures::verifier_with_crl(&crl), &cms),
        Err(Refusal::RevocationStatusUnknown)
    );
}

#[test]
fn a_signing_time_too_far_from_the_server_clock_is_refused() {
    for key_type in BOTH {
        let person = fixtures::person(key_type);
        for offset in [Duration::minutes(6), Duration::minutes(-6)] {
            let cms = signature_by(person, fixtures::now() + offset);
            assert_eq!(
                verify(&cms),
                Err(Refusal::SigningTimeSkew),
                "{key_type:?} {offset}"
            );
        }
    }
}

#[test]
fn a_signing_time_within_the_tolerance_is_accepted() {
    let cms = signature_by(
        fixtures::person_p256(),
        fixtures::now() - Duration::minutes(4),
    );
    assert!(verify(&cms).is_ok());
    let strict = fixtures::verifier().with_signing_time_tolerance(Duration::minutes(1));
    assert_eq!(verify_with(&strict, &cms), Err(Refusal::SigningTimeSkew));
}

#[test]
fn an_extended_key_usage_without_signing_purposes_is_refused() {
    for key_type in BOTH {
        let server = fixtures::issue_with(key_type, |r| {
            r.extended_key_usages =
                vec![ExtendedKeyUsage::ServerAuth, ExtendedKeyUsage::ClientAuth];
        });
        let cms = signature_by(&server, fixtures::now());
        assert_eq!(
            verify(&cms),
            Err(Refusal::KeyUsageNotNonRepudiation),
            "{key_type:?}"
        );
    }
}

#[test]
fn an_extended_key_usage_with_email_protection_is_accepted() {
    let smime = fixtures::issue_with(KeyType::P256, |r| {
        r.extended_key_usages = vec![
            ExtendedKeyUsage::ClientAuth,
            ExtendedKeyUsage::EmailProtection,
        ];
    });
    let cms = signature_by(&smime, fixtures::now());
    assert!(verify(&cms).is_ok());
}

#[test]
fn a_changed_signature_value_is_refused_as_signature_invalid() {
    for key_type in BOTH {
        let cms = signature_by(fixtures::person(key_type), fixtures::now());
        let broken = altered(&cms, |signed_data| {
            let mut infos: Vec<_> = signed_data.signer_infos.0.iter().cloned().collect();
            let mut bytes = infos[0].signature.as_bytes().to_vec();
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            infos[0].signature = OctetString::new(bytes).unwrap();
            signed_data.signer_infos.0 = infos.try_into().unwrap();
        });
        assert_eq!(
            verify(&broken),
            Err(Refusal::SignatureInvalid),
            "{key_type:?}"
        );
    }
}

#[test]
fn a_changed_signed_attribute_is_refused_as_signature_invalid() {
    let cms = signature_by(fixtures::person_rsa(), fixtures::now());
    let other_time = signature_by(
        fixtures::person_rsa(),
        fixtures::now() + Duration::seconds(1),
    );
    let other_attributes = {
        let content_info = ContentInfo::from_der(&other_time).unwrap();
        let signed_data: SignedData = content_info.content.decode_as().unwrap();
        signed_data
            .signer_infos
            .0
            .get(0)
            .unwrap()
            .signed_attrs
            .clone()
    };
    let swapped = altered(&cms, |signed_data| {
        let mut infos: Vec<_> = signed_data.signer_infos.0.iter().cloned().collect();
        infos[0].signed_attrs = other_attributes;
        signed_data.signer_infos.0 = infos.try_into().unwrap();
    });
    assert_eq!(verify(&swapped), Err(Refusal::SignatureInvalid));
}

#[test]
fn a_certificate_swapped_for_another_of_the_same_key_is_refused() {
    for key_type in BOTH {
        let person = fixtures::person(key_type);
        let cms = signature_by(person, fixtures::now());
        // A second NES certificate for the same key: the signature still verifies with it,
        // but signingCertificateV2 names the first one.
        let twin = fixtures::issue_with(key_type, |_| {});
        let twin_certificate = Certificate::from_der(twin.certificate_der()).unwrap();
        let swapped = altered(&cms, |signed_data| {
            signed_data.certificates = Some(
                vec![CertificateChoices::Certificate(twin_certificate.clone())]
                    .try_into()
                    .unwrap(),
            );
            let mut infos: Vec<_> = signed_data.signer_infos.0.iter().cloned().collect();
            infos[0].sid =
                SignerIdentifier::IssuerAndSerialNumber(cms::cert::IssuerAndSerialNumber {
                    issuer: twin_certificate.tbs_certificate.issuer.clone(),
                    serial_number: twin_certificate.tbs_certificate.serial_number.clone(),
                });
            signed_data.signer_infos.0 = infos.try_into().unwrap();
        });
        assert_eq!(
            verify(&swapped),
            Err(Refusal::SigningCertificateMismatch),
            "{key_type:?}"
        );
    }
}

#[test]
fn a_missing_signing_time_is_refused_as_a_missing_attribute() {
    let cms = signature_by(fixtures::person_p256(), fixtures::now());
    let stripped = altered(&cms, |signed_data| {
        let mut infos: Vec<_> = signed_data.signer_infos.0.iter().cloned().collect();
        let attributes: Vec<_> = infos[0]
            .signed_attrs
            .as_ref()
            .unwrap()
            .iter()
            .filter(|a| a.oid != oid::ID_SIGNING_TIME)
            .cloned()
            .collect();
        infos[0].signed_attrs = Some(attributes.try_into().unwrap());
        signed_data.signer_infos.0 = infos.try_into().unwrap();
    });
    assert_eq!(
        verify(&stripped),
        Err(Refusal::SignedAttributeMissing {
            attribute: "signingTime"
        })
    );
}

#[test]
fn a_signature_without_the_signers_certificate_is_malformed() {
    let cms = signature_by(fixtures::person_p256(), fixtures::now());
    let bare = altered(&cms, |signed_data| signed_data.certificates = None);
    assert_eq!(verify(&bare).unwrap_err().code(), "cms_malformed");
}

#[test]
fn a_digest_algorithm_other_than_sha256_is_unsupported() {
    let cms = signature_by(fixtures::person_p256(), fixtures::now());
    let sha384 = altered(&cms, |signed_data| {
        let mut infos: Vec<_> = signed_data.signer_infos.0.iter().cloned().collect();
        infos[0].digest_alg.oid = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
        signed_data.signer_infos.0 = infos.try_into().unwrap();
    });
    assert_eq!(verify(&sha384), Err(Refusal::UnsupportedAlgorithm));
}

#[test]
fn garbage_is_refused_as_malformed_cms() {
    assert_eq!(verify(b"not a CMS").unwrap_err().code(), "cms_malformed");
    assert_eq!(verify(&[]).unwrap_err().code(), "cms_malformed");
}

#[test]
fn a_signature_with_embedded_content_is_refused_as_malformed() {
    let cms = signature_by(fixtures::person_p256(), fixtures::now());
    let embedded = altered(&cms, |signed_data| {
        signed_data.encap_content_info.econtent =
            Some(Any::from_der(&OctetString::new(DOCUMENT).unwrap().to_der().unwrap()).unwrap());
    });
    assert_eq!(
        verify(&embedded),
        Err(Refusal::CmsMalformed {
            reason: "content is not detached"
        })
    );
}

#[test]
fn verifying_an_unknown_signer_gives_the_tckn_and_name_from_the_certificate() {
    for key_type in BOTH {
        let cms = signature_by(fixtures::person(key_type), fixtures::now());
        let verified = fixtures::verifier()
            .verify_identity(&cms, DOCUMENT, fixtures::now())
            .unwrap();
        assert_eq!(verified.tckn(), &fixtures::tckn(), "{key_type:?}");
        assert_eq!(verified.subject_cn(), fixtures::APPLICANT_NAME);
        assert_eq!(verified.certificate().given_name(), None);
    }
    let with_parts = fixtures::issue_with(KeyType::P256, |r| {
        r.given_name_and_surname = Some(("Ayşe".into(), "Yılmaz".into()));
    });
    let cms = signature_by(&with_parts, fixtures::now());
    let verified = fixtures::verifier()
        .verify_identity(&cms, DOCUMENT, fixtures::now())
        .unwrap();
    assert_eq!(verified.certificate().given_name(), Some("Ayşe"));
    assert_eq!(verified.certificate().surname(), Some("Yılmaz"));
}

#[test]
fn verifying_an_unknown_signer_makes_every_other_check_as_before() {
    let now = fixtures::now();
    let expired = fixtures::issue_with(KeyType::P256, |r| {
        r.not_before = now - Duration::days(400);
        r.not_after = now - Duration::days(1);
    });
    let verifier = fixtures::verifier();
    let identity = |cms: &[u8], document: &[u8]| {
        verifier
            .verify_identity(cms, document, now)
            .map(|v| v.tckn().clone())
    };
    assert_eq!(
        identity(&signature_by(&expired, now), DOCUMENT),
        Err(Refusal::CertificateExpired)
    );
    let good = signature_by(fixtures::person_p256(), now);
    assert_eq!(
        identity(&good, b"another document"),
        Err(Refusal::DigestMismatch)
    );
    let person = fixtures::person_rsa();
    let crl = fixtures::ca()
        .crl(
            &[person.serial()],
            3,
            now - Duration::hours(1),
            now + Duration::days(7),
        )
        .unwrap();
    assert_eq!(
        fixtures::verifier_with_crl(&crl)
            .verify_identity(&signature_by(person, now), DOCUMENT, now)
            .map(|v| v.tckn().clone()),
        Err(Refusal::CertificateRevoked)
    );
}

#[test]
fn every_refusal_code_is_distinct_snake_case() {
    let mut codes = Refusal::ALL_CODES.to_vec();
    assert!(codes
        .iter()
        .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), Refusal::ALL_CODES.len());
}

#[test]
fn a_trust_store_needs_a_root_and_readable_material() {
    assert_eq!(
        TrustStore::new(Vec::<Vec<u8>>::new(), Vec::<Vec<u8>>::new()).unwrap_err(),
        TrustStoreError::NoRoots
    );
    assert!(matches!(
        TrustStore::new([b"junk".as_slice()], Vec::<Vec<u8>>::new()),
        Err(TrustStoreError::Root { index: 0, .. })
    ));
    assert!(matches!(
        TrustStore::new([fixtures::ca().certificate_der()], [b"junk".as_slice()]),
        Err(TrustStoreError::Crl { index: 0, .. })
    ));
}
