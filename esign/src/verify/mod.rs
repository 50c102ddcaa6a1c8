//! Verification of an uploaded CAdES-BES detached signature.
//!
//! [`Verifier::verify`] takes the CMS (DER), the document bytes, the applicant's TCKN and the
//! server's `now`, and either returns a [`VerifiedSignature`] or the first [`Refusal`] met, in
//! this order:
//!
//! 1. the CMS parses as one SignerInfo over detached id-data with SHA-256 (`cms_malformed`,
//!    `unsupported_algorithm`), carrying contentType, messageDigest, signingTime and
//!    signingCertificateV2 (`signed_attribute_missing`) and the signer's certificate;
//! 2. the signature over the DER signed attributes verifies with the certificate's key
//!    (`signature_invalid`); `rsaEncryption` as signatureAlgorithm (OpenSSL's choice) is read
//!    as RSA PKCS#1 v1.5 with the digestAlgorithm's hash;
//! 3. messageDigest equals SHA-256 of the document (`digest_mismatch`);
//! 4. signingCertificateV2 names the signer's certificate (`signing_certificate_mismatch`);
//! 5. signingTime is within the tolerance of `now` (`signing_time_skew`) — it is only the
//!    signer's claim, so it is compared with the server clock before it is used;
//! 6. the certificate is valid at signingTime and at `now` (`certificate_not_yet_valid`,
//!    `certificate_expired`);
//! 7. the certificate chains to a configured root at `now` (`untrusted_chain`), and, when CRLs
//!    are configured, no certificate of the chain is on them (`certificate_revoked`) and each
//!    one's status is known from a current CRL (`revocation_status_unknown`);
//! 8. keyUsage has nonRepudiation (`key_usage_not_non_repudiation`; rustls-webpki ignores the
//!    end-entity keyUsage, so it is checked here), and an extendedKeyUsage, if present, allows
//!    e-mail protection, document signing or any purpose;
//! 9. the subject serialNumber equals the expected TCKN (`tckn_mismatch`); for a login, where
//!    nobody is expected ([`Verifier::verify_identity`]), it must be a valid TCKN.

use std::fmt;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode};
use rustls_pki_types::{CertificateDer, SignatureVerificationAlgorithm, TrustAnchor, UnixTime};
use sha2::{Digest, Sha256};
use shared::Tckn;
use webpki::{
    CertRevocationList, EndEntityCert, ExpirationPolicy, ExtendedKeyUsageValidator, KeyPurposeId,
    KeyPurposeIdIter, OwnedCertRevocationList, RevocationCheckDepth, RevocationOptionsBuilder,
    UnknownStatusPolicy,
};
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;
use x509_cert::Certificate;

use crate::certificate::{self, CertificateSummary};
use crate::{ess, oid};

/// The default limit on |signingTime − now|.
pub const DEFAULT_SIGNING_TIME_TOLERANCE: Duration = Duration::minutes(5);

/// Why a signature is refused. Each reason has a stable snake_case [`Refusal::code`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// Not a CMS SignedData of the expected shape; `reason` is for logs only.
    CmsMalformed {
        reason: &'static str,
    },
    /// A digest or signature algorithm other than SHA-256 with RSA or ECDSA.
    UnsupportedAlgorithm,
    /// A signed attribute the profile needs is absent.
    SignedAttributeMissing {
        attribute: &'static str,
    },
    /// The signature over the signed attributes does not verify with the certificate's key.
    SignatureInvalid,
    /// messageDigest is not SHA-256 of the document: the document was changed, or another one
    /// was signed.
    DigestMismatch,
    /// signingCertificateV2 does not name the certificate in the CMS.
    SigningCertificateMismatch,
    /// signingTime is further from the server clock than the tolerance.
    SigningTimeSkew,
    CertificateNotYetValid,
    CertificateExpired,
    /// No path to a configured root.
    UntrustedChain,
    /// A configured CRL lists the certificate.
    CertificateRevoked,
    /// CRLs are configured but none covers the certificate, or it has expired.
    RevocationStatusUnknown,
    /// keyUsage lacks nonRepudiation (contentCommitment), or extendedKeyUsage forbids signing.
    KeyUsageNotNonRepudiation,
    /// The certificate's subject serialNumber is not the applicant's TCKN.
    TcknMismatch,
}

impl Refusal {
    /// Stable snake_case code that the API records and the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::CmsMalformed { .. } => "cms_malformed",
            Refusal::UnsupportedAlgorithm => "unsupported_algorithm",
            Refusal::SignedAttributeMissing { .. } => "signed_attribute_missing",
            Refusal::SignatureInvalid => "signature_invalid",
            Refusal::DigestMismatch => "digest_mismatch",
            Refusal::SigningCertificateMismatch => "signing_certificate_mismatch",
            Refusal::SigningTimeSkew => "signing_time_skew",
            Refusal::CertificateNotYetValid => "certificate_not_yet_valid",
            Refusal::CertificateExpired => "certificate_expired",
            Refusal::UntrustedChain => "untrusted_chain",
            Refusal::CertificateRevoked => "certificate_revoked",
            Refusal::RevocationStatusUnknown => "revocation_status_unknown",
            Refusal::KeyUsageNotNonRepudiation => "key_usage_not_non_repudiation",
            Refusal::TcknMismatch => "tckn_mismatch",
        }
    }

    /// Every code, for documentation and for tests that keep the list and the API in step.
    pub const ALL_CODES: [&'static str; 14] = [
        "cms_malformed",
        "unsupported_algorithm",
        "signed_attribute_missing",
        "signature_invalid",
        "digest_mismatch",
        "signing_certificate_mismatch",
        "signing_time_skew",
        "certificate_not_yet_valid",
        "certificate_expired",
        "untrusted_chain",
        "certificate_revoked",
        "revocation_status_unknown",
        "key_usage_not_non_repudiation",
        "tckn_mismatch",
    ];
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Refusal::CmsMalformed { reason } => return write!(f, "malformed CMS: {reason}"),
            Refusal::UnsupportedAlgorithm => "unsupported algorithm",
            Refusal::SignedAttributeMissing { attribute } => {
                return write!(f, "signed attribute {attribute} missing")
            }
            Refusal::SignatureInvalid => "the signature does not verify",
            Refusal::DigestMismatch => "the signature is over other content",
            Refusal::SigningCertificateMismatch => "signingCertificateV2 names another certificate",
            Refusal::SigningTimeSkew => "the signing time is too far from the server clock",
            Refusal::CertificateNotYetValid => "the certificate is not yet valid",
            Refusal::CertificateExpired => "the certificate has expired",
            Refusal::UntrustedChain => "the certificate does not chain to a trusted root",
            Refusal::CertificateRevoked => "the certificate is revoked",
            Refusal::RevocationStatusUnknown => "the certificate's revocation status is unknown",
            Refusal::KeyUsageNotNonRepudiation => "the certificate is not for e-signatures",
            Refusal::TcknMismatch => "the certificate belongs to someone else",
        };
        f.write_str(text)
    }
}

impl std::error::Error for Refusal {}

/// Why trust material cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustStoreError {
    #[error("trusted root {index} is not a usable certificate: {detail}")]
    Root { index: usize, detail: String },
    #[error("CRL {index} cannot be read: {detail}")]
    Crl { index: usize, detail: String },
    #[error("at least one trusted root is needed")]
    NoRoots,
}

/// The trusted roots and the CRLs, parsed once.
pub struct TrustStore {
    anchors: Vec<TrustAnchor<'static>>,
    crls: Vec<CertRevocationList<'static>>,
}

impl fmt::Debug for TrustStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrustStore")
            .field("roots", &self.anchors.len())
            .field("crls", &self.crls.len())
            .finish()
    }
}

impl TrustStore {
    /// Roots and CRLs as DER. With no CRL, revocation is not checked.
    pub fn new<R, C>(roots_der: R, crls_der: C) -> Result<TrustStore, TrustStoreError>
    where
        R: IntoIterator,
        R::Item: AsRef<[u8]>,
        C: IntoIterator,
        C::Item: AsRef<[u8]>,
    {
        let mut anchors = Vec::new();
        for (index, der) in roots_der.into_iter().enumerate() {
            let certificate = CertificateDer::from(der.as_ref());
            let anchor = webpki::anchor_from_trusted_cert(&certificate).map_err(|e| {
                TrustStoreError::Root {
                    index,
                    detail: format!("{e:?}"),
                }
            })?;
            anchors.push(anchor.to_owned());
        }
        if anchors.is_empty() {
            return Err(TrustStoreError::NoRoots);
        }
        let mut crls = Vec::new();
        for (index, der) in crls_der.into_iter().enumerate() {
            let crl = OwnedCertRevocationList::from_der(der.as_ref()).map_err(|e| {
                TrustStoreError::Crl {
                    index,
                    detail: format!("{e:?}"),
                }
            })?;
            crls.push(CertRevocationList::from(crl));
        }
        Ok(TrustStore { anchors, crls })
    }
}

/// A signature that passed every check, with what the API keeps as evidence.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    certificate: CertificateSummary,
    tckn: Tckn,
    signing_time: DateTime<Utc>,
    document_sha256: [u8; 32],
}

impl VerifiedSignature {
    /// The signer's certificate (DER), to keep beside the CMS.
    pub fn signer_certificate_der(&self) -> &[u8] {
        self.certificate.certificate_der()
    }

    pub fn certificate(&self) -> &CertificateSummary {
        &self.certificate
    }

    pub fn subject_cn(&self) -> &str {
        self.certificate.subject_cn()
    }

    /// The TCKN from the certificate (equal to the expected one, when one was expected).
    pub fn tckn(&self) -> &Tckn {
        &self.tckn
    }

    /// The signer's signingTime (already checked against the server clock).
    pub fn signing_time(&self) -> DateTime<Utc> {
        self.signing_time
    }

    pub fn certificate_serial_hex(&self) -> &str {
        self.certificate.serial_hex()
    }

    pub fn issuer_cn(&self) -> &str {
        self.certificate.issuer_cn()
    }

    /// SHA-256 of the signed document.
    pub fn document_sha256(&self) -> [u8; 32] {
        self.document_sha256
    }
}

impl fmt::Debug for VerifiedSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifiedSignature")
            .field("certificate", &self.certificate)
            .field("signing_time", &self.signing_time)
            .finish_non_exhaustive()
    }
}

/// Verifies signatures against one [`TrustStore`] and policy.
#[derive(Debug)]
pub struct Verifier {
    trust: TrustStore,
    signing_time_tolerance: Duration,
    enforce_crl_next_update: bool,
}

impl Verifier {
    /// A verifier with a 5-minute signing time tolerance that refuses expired CRLs.
    pub fn new(trust: TrustStore) -> Verifier {
        Verifier {
            trust,
            signing_time_tolerance: DEFAULT_SIGNING_TIME_TOLERANCE,
            enforce_crl_next_update: true,
        }
    }

    /// Sets the limit on |signingTime − now|.
    pub fn with_signing_time_tolerance(mut self, tolerance: Duration) -> Verifier {
        self.signing_time_tolerance = tolerance.abs();
        self
    }

    /// Accepts CRLs past their nextUpdate (e.g. a development CRL nobody refreshes).
    pub fn ignoring_crl_next_update(mut self) -> Verifier {
        self.enforce_crl_next_update = false;
        self
    }

    /// Verifies `cms_der`, a detached signature over `document`, by the holder of
    /// `expected_tckn`, at the server time `now`.
    pub fn verify(
        &self,
        cms_der: &[u8],
        document: &[u8],
        expected_tckn: &Tckn,
        now: DateTime<Utc>,
    ) -> Result<VerifiedSignature, Refusal> {
        self.verify_for(cms_der, document, Some(expected_tckn), now)
    }

    /// Verifies as [`Verifier::verify`] does — the same checks in the same order — when the
    /// signer is not known in advance (logging in with e-İmza): instead of comparing with an
    /// expected TCKN, step 9 requires the subject serialNumber to be a valid TCKN
    /// (`tckn_mismatch` otherwise), which [`VerifiedSignature::tckn`] then gives.
    pub fn verify_identity(
        &self,
        cms_der: &[u8],
        document: &[u8],
        now: DateTime<Utc>,
    ) -> Result<VerifiedSignature, Refusal> {
        self.verify_for(cms_der, document, None, now)
    }

    fn verify_for(
        &self,
        cms_der: &[u8],
        document: &[u8],
        expected_tckn: Option<&Tckn>,
        now: DateTime<Utc>,
    ) -> Result<VerifiedSignature, Refusal> {
        let parsed = ParsedSignature::parse(cms_der)?;
        let attributes = SignedAttributes::read(&parsed.signer_info)?;
        let signer = parsed.signer_certificate()?;
        let signer_der = certificate::to_der(&signer).map_err(|_| malformed("certificate"))?;

        // 2. The signature over the signed attributes.
        check_signature(&parsed.signer_info, &signer_der)?;
        // 3. The content.
        let document_sha256: [u8; 32] = Sha256::digest(document).into();
        if attributes.message_digest.as_bytes() != document_sha256.as_slice() {
            return Err(Refusal::DigestMismatch);
        }
        // 4. The certificate binding.
        ess::check(&attributes.signing_certificate, &signer, &signer_der)
            .map_err(|_| Refusal::SigningCertificateMismatch)?;
        // 5. The signer's clock against ours.
        if (attributes.signing_time - now).abs() > self.signing_time_tolerance {
            return Err(Refusal::SigningTimeSkew);
        }
        // 6. Validity at signing time and now.
        let summary = CertificateSummary::from_parsed(&signer, signer_der.clone());
        for at in [attributes.signing_time, now] {
            if at < summary.not_before() {
                return Err(Refusal::CertificateNotYetValid);
            }
            if at > summary.not_after() {
                return Err(Refusal::CertificateExpired);
            }
        }
        // 7. Chain and revocation.
        self.check_chain(&signer_der, &parsed.other_certificates(&signer_der), now)?;
        // 8. Key usage.
        if !summary.has_non_repudiation() {
            return Err(Refusal::KeyUsageNotNonRepudiation);
        }
        // 9. Whose certificate.
        let tckn = match expected_tckn {
            Some(expected) if summary.tckn() == Some(expected.as_str()) => expected.clone(),
            Some(_) => return Err(Refusal::TcknMismatch),
            None => summary
                .tckn()
                .and_then(|text| Tckn::parse(text).ok())
                .ok_or(Refusal::TcknMismatch)?,
        };
        Ok(VerifiedSignature {
            certificate: summary,
            tckn,
            signing_time: attributes.signing_time,
            document_sha256,
        })
    }

    fn check_chain(
        &self,
        signer_der: &[u8],
        intermediates: &[CertificateDer<'static>],
        now: DateTime<Utc>,
    ) -> Result<(), Refusal> {
        let signer_der = CertificateDer::from(signer_der);
        let end_entity =
            EndEntityCert::try_from(&signer_der).map_err(|_| Refusal::UntrustedChain)?;
        let crl_refs: Vec<&CertRevocationList<'static>> = self.trust.crls.iter().collect();
        let revocation = RevocationOptionsBuilder::new(&crl_refs)
            .ok()
            .map(|builder| {
                builder
                    .with_depth(RevocationCheckDepth::Chain)
                    .with_status_policy(UnknownStatusPolicy::Deny)
                    .with_expiration_policy(if self.enforce_crl_next_update {
                        ExpirationPolicy::Enforce
                    } else {
                        ExpirationPolicy::Ignore
                    })
                    .build()
            });
        let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
        end_entity
            .verify_for_usage(
                SUPPORTED_CERTIFICATE_ALGORITHMS,
                &self.trust.anchors,
                intermediates,
                UnixTime::since_unix_epoch(StdDuration::from_secs(seconds)),
                SigningUsage,
                revocation,
                None,
            )
            .map(|_| ())
            .map_err(refusal_for_path_error)
    }
}

/// Algorithms accepted in certificate and CRL signatures.
static SUPPORTED_CERTIFICATE_ALGORITHMS: &[&dyn SignatureVerificationAlgorithm] = &[
    webpki::ring::RSA_PKCS1_2048_8192_SHA256,
    webpki::ring::RSA_PKCS1_2048_8192_SHA384,
    webpki::ring::RSA_PKCS1_2048_8192_SHA512,
    webpki::ring::ECDSA_P256_SHA256,
    webpki::ring::ECDSA_P256_SHA384,
    webpki::ring::ECDSA_P384_SHA256,
    webpki::ring::ECDSA_P384_SHA384,
];

#[allow(deprecated)] // RequiredEkuNotFound: its replacement cannot be built outside webpki.
fn refusal_for_path_error(error: webpki::Error) -> Refusal {
    use webpki::Error as E;
    match error {
        E::CertRevoked => Refusal::CertificateRevoked,
        E::CertExpired { .. } => Refusal::CertificateExpired,
        E::CertNotValidYet { .. } => Refusal::CertificateNotYetValid,
        E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) => {
            Refusal::KeyUsageNotNonRepudiation
        }
        E::UnknownRevocationStatus
        | E::CrlExpired { .. }
        | E::InvalidCrlSignatureForPublicKey
        | E::IssuerNotCrlSigner
        | E::UnsupportedCrlSignatureAlgorithm
        | E::UnsupportedCrlSignatureAlgorithmContext(_)
        | E::UnsupportedCrlSignatureAlgorithmForPublicKey
        | E::UnsupportedCrlSignatureAlgorithmForPublicKeyContext(_) => {
            Refusal::RevocationStatusUnknown
        }
        _ => Refusal::UntrustedChain,
    }
}

/// extendedKeyUsage policy: absent is fine (keyUsage decides); present must allow e-mail
/// protection, document signing (RFC 9336 or Microsoft's) or any purpose.
struct SigningUsage;

const ALLOWED_EXTENDED_KEY_USAGES: [ObjectIdentifier; 4] = [
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4"),
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.36"),
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.10.3.12"),
    ObjectIdentifier::new_unwrap("2.5.29.37.0"),
];

impl ExtendedKeyUsageValidator for SigningUsage {
    #[allow(deprecated)] // see refusal_for_path_error
    fn validate(&self, iter: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        let mut present = false;
        for id in iter {
            let id = id?;
            present = true;
            if ALLOWED_EXTENDED_KEY_USAGES
                .iter()
                .any(|allowed| KeyPurposeId::new(allowed.as_bytes()) == id)
            {
                return Ok(());
            }
        }
        if present {
            Err(webpki::Error::RequiredEkuNotFound)
        } else {
            Ok(())
        }
    }
}

fn malformed(reason: &'static str) -> Refusal {
    Refusal::CmsMalformed { reason }
}

/// Decodes an attribute value (or any DER item) as `T`.
fn decode_any<T: for<'a> Decode<'a>>(value: &Any) -> Option<T> {
    T::from_der(&value.to_der().ok()?).ok()
}

/// The CMS with its one SignerInfo.
struct ParsedSignature {
    signed_data: SignedData,
    signer_info: SignerInfo,
}

impl ParsedSignature {
    fn parse(cms_der: &[u8]) -> Result<ParsedSignature, Refusal> {
        let content_info = ContentInfo::from_der(cms_der).map_err(|_| malformed("not DER"))?;
        if content_info.content_type != oid::ID_SIGNED_DATA {
            return Err(malformed("not SignedData"));
        }
        let signed_data: SignedData = content_info
            .content
            .decode_as()
            .map_err(|_| malformed("SignedData does not decode"))?;
        let encapsulated = &signed_data.encap_content_info;
        if encapsulated.econtent_type != oid::ID_DATA {
            return Err(malformed("content type is not id-data"));
        }
        if encapsulated.econtent.is_some() {
            return Err(malformed("content is not detached"));
        }
        let mut signer_infos = signed_data.signer_infos.0.iter();
        let (Some(signer_info), None) = (signer_infos.next(), signer_infos.next()) else {
            return Err(malformed("expected exactly one SignerInfo"));
        };
        if signer_info.digest_alg.oid != oid::ID_SHA256 {
            return Err(Refusal::UnsupportedAlgorithm);
        }
        Ok(ParsedSignature {
            signer_info: signer_info.clone(),
            signed_data,
        })
    }

    fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        self.signed_data
            .certificates
            .iter()
            .flat_map(|set| set.0.iter())
            .filter_map(|choice| match choice {
                CertificateChoices::Certificate(certificate) => Some(certificate),
                CertificateChoices::Other(_) => None,
            })
    }

    /// The certificate the SignerInfo's sid names.
    fn signer_certificate(&self) -> Result<Certificate, Refusal> {
        let found = match &self.signer_info.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => self.certificates().find(|c| {
                c.tbs_certificate.issuer == id.issuer
                    && c.tbs_certificate.serial_number == id.serial_number
            }),
            SignerIdentifier::SubjectKeyIdentifier(id) => self.certificates().find(|c| {
                matches!(
                    c.tbs_certificate.get::<SubjectKeyIdentifier>(),
                    Ok(Some((_, ski))) if ski == *id
                )
            }),
        };
        found
            .cloned()
            .ok_or(malformed("the signer's certificate is not in the CMS"))
    }

    /// The other certificates in the CMS, offered to path building as intermediates.
    fn other_certificates(&self, signer_der: &[u8]) -> Vec<CertificateDer<'static>> {
        self.certificates()
            .filter_map(|c| c.to_der().ok())
            .filter(|der| der.as_slice() != signer_der)
            .map(CertificateDer::from)
            .collect()
    }
}

/// The signed attributes this profile reads.
struct SignedAttributes {
    message_digest: OctetString,
    signing_time: DateTime<Utc>,
    signing_certificate: Any,
}

impl SignedAttributes {
    fn read(signer_info: &SignerInfo) -> Result<SignedAttributes, Refusal> {
        let attributes =
            signer_info
                .signed_attrs
                .as_ref()
                .ok_or(Refusal::SignedAttributeMissing {
                    attribute: "signedAttrs",
                })?;
        // RFC 5652 § 5.3: each attribute once, and these with exactly one value.
        let single = |wanted: ObjectIdentifier, name: &'static str| -> Result<Any, Refusal> {
            let mut matching = attributes.iter().filter(|a| a.oid == wanted);
            let attribute = matching
                .next()
                .ok_or(Refusal::SignedAttributeMissing { attribute: name })?;
            if matching.next().is_some() {
                return Err(malformed("a signed attribute appears twice"));
            }
            let mut values = attribute.values.iter();
            match (values.next(), values.next()) {
                (Some(value), None) => Ok(value.clone()),
                _ => Err(malformed("a signed attribute has other than one value")),
            }
        };
        let content_type = single(oid::ID_CONTENT_TYPE, "contentType")?;
        if decode_any::<ObjectIdentifier>(&content_type) != Some(oid::ID_DATA) {
            return Err(malformed("contentType attribute is not id-data"));
        }
        let message_digest =
            decode_any::<OctetString>(&single(oid::ID_MESSAGE_DIGEST, "messageDigest")?)
                .ok_or(malformed("messageDigest is not an OCTET STRING"))?;
        let signing_time = decode_any::<Time>(&single(oid::ID_SIGNING_TIME, "signingTime")?)
            .map(certificate::to_utc)
            .ok_or(malformed("signingTime is not a Time"))?;
        let signing_certificate =
            single(oid::ID_AA_SIGNING_CERTIFICATE_V2, "signingCertificateV2")?;
        Ok(SignedAttributes {
            message_digest,
            signing_time,
            signing_certificate,
        })
    }
}

/// Verifies the SignerInfo's signature over the DER of its signed attributes.
fn check_signature(signer_info: &SignerInfo, signer_der: &[u8]) -> Result<(), Refusal> {
    let algorithm = signer_info.signature_algorithm.oid;
    let candidates: &[&dyn SignatureVerificationAlgorithm] =
        if algorithm == oid::SHA256_WITH_RSA_ENCRYPTION || algorithm == oid::RSA_ENCRYPTION {
            // With rsaEncryption the hash is the digestAlgorithm's, already required SHA-256.
            &[webpki::ring::RSA_PKCS1_2048_8192_SHA256]
        } else if algorithm == oid::ECDSA_WITH_SHA256 {
            &[
                webpki::ring::ECDSA_P256_SHA256,
                webpki::ring::ECDSA_P384_SHA256,
            ]
        } else {
            return Err(Refusal::UnsupportedAlgorithm);
        };
    let signed_attributes = signer_info
        .signed_attrs
        .as_ref()
        .ok_or(Refusal::SignedAttributeMissing {
            attribute: "signedAttrs",
        })?
        .to_der()
        .map_err(|_| malformed("signed attributes do not encode"))?;
    let certificate = CertificateDer::from(signer_der);
    let end_entity = EndEntityCert::try_from(&certificate).map_err(|_| malformed("certificate"))?;
    let signature = signer_info.signature.as_bytes();
    if candidates.iter().any(|candidate| {
        end_entity
            .verify_signature(*candidate, &signed_attributes, signature)
            .is_ok()
    }) {
        Ok(())
    } else {
        Err(Refusal::SignatureInvalid)
    }
}

#[cfg(all(test, feature = "dev-pki"))]
#[allow(clippy::unwrap_used)]
mod tests;
