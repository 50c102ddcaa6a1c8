//! Signing: a CAdES-BES detached CMS `SignedData` over the exact document bytes, SHA-256, with
//! the signed attributes contentType, messageDigest, signingTime and signingCertificateV2.
//!
//! The key is behind the [`Signer`] trait, implemented for a key on a PKCS#11 token
//! ([`pkcs11::TokenSigner`]: the smart card, SoftHSM2 in tests) and for a software key read from
//! a PKCS#12 file ([`pkcs12::SoftwareSigner`]).

use std::cell::RefCell;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Datelike, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use der::asn1::{BitString, GeneralizedTime, SetOfVec, UtcTime};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding};
use x509_cert::attr::Attribute;
use x509_cert::Certificate;
use zeroize::Zeroize;

use crate::certificate::{self, CertificateParseError};
use crate::{ess, oid};

pub mod pkcs11;
pub mod pkcs12;

pub use pkcs11::{Pkcs11Module, Token, TokenCertificate, TokenSigner};
pub use pkcs12::{Pkcs12Certificate, Pkcs12Store, SoftwareSigner};

/// A PIN (or a `.p12` password). Its `Debug` never shows it and it is wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    pub fn new(pin: impl Into<String>) -> Pin {
        Pin(pin.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(***)")
    }
}

impl Drop for Pin {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// The user-PIN flags of a token, for the UI to show after a wrong PIN: few tries left, one
/// try left, locked. (SoftHSM2 sets COUNT_LOW after a wrong PIN but never locks.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PinStatus {
    /// CKF_USER_PIN_COUNT_LOW: a wrong PIN has been entered since the last good one.
    pub count_low: bool,
    /// CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the card.
    pub final_try: bool,
    /// CKF_USER_PIN_LOCKED.
    pub locked: bool,
}

/// Why signing (or opening a token or a `.p12`) failed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("the PIN is incorrect")]
    PinIncorrect { status: PinStatus },
    #[error("the PIN is locked")]
    PinLocked,
    #[error("the token is not present (removed, or no token with that label)")]
    TokenNotPresent,
    #[error("the PKCS#11 module cannot be used: {0}")]
    ModuleUnavailable(String),
    #[error("no such certificate")]
    CertificateNotFound,
    #[error("the certificate has no private key beside it")]
    PrivateKeyNotFound,
    #[error("unsupported key: {0}")]
    UnsupportedKey(String),
    #[error("the private key does not belong to the certificate")]
    KeyDoesNotMatchCertificate,
    #[error("the PKCS#12 file cannot be read: {0}")]
    Pkcs12Unreadable(String),
    #[error("token error: {0}")]
    Token(String),
    #[error("encoding error: {0}")]
    Encoding(String),
    #[error(transparent)]
    Certificate(#[from] CertificateParseError),
}

impl SignError {
    /// Stable snake_case code, e.g. for the signing app's exit codes and messages.
    pub fn code(&self) -> &'static str {
        match self {
            SignError::PinIncorrect { .. } => "pin_incorrect",
            SignError::PinLocked => "pin_locked",
            SignError::TokenNotPresent => "token_not_present",
            SignError::ModuleUnavailable(_) => "pkcs11_module_unavailable",
            SignError::CertificateNotFound => "certificate_not_found",
            SignError::PrivateKeyNotFound => "private_key_not_found",
            SignError::UnsupportedKey(_) => "unsupported_key",
            SignError::KeyDoesNotMatchCertificate => "key_certificate_mismatch",
            SignError::Pkcs12Unreadable(_) => "pkcs12_unreadable",
            SignError::Token(_) => "token_error",
            SignError::Encoding(_) => "encoding_error",
            SignError::Certificate(_) => "certificate_unreadable",
        }
    }
}

impl From<der::Error> for SignError {
    fn from(error: der::Error) -> SignError {
        SignError::Encoding(error.to_string())
    }
}

/// How a key signs: the two key types NES cards carry here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureScheme {
    /// RSA PKCS#1 v1.5 over a SHA-256 DigestInfo (sha256WithRSAEncryption).
    RsaPkcs1Sha256,
    /// ECDSA on P-256 with SHA-256, DER-encoded (ecdsa-with-SHA256).
    EcdsaP256Sha256,
}

impl SignatureScheme {
    /// The scheme for the key in `certificate`'s subjectPublicKeyInfo.
    pub(crate) fn for_certificate(certificate: &Certificate) -> Result<SignatureScheme, SignError> {
        let spki = &certificate.tbs_certificate.subject_public_key_info;
        if spki.algorithm.oid == oid::RSA_ENCRYPTION {
            return Ok(SignatureScheme::RsaPkcs1Sha256);
        }
        if spki.algorithm.oid == oid::ID_EC_PUBLIC_KEY {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<der::oid::ObjectIdentifier>().ok());
            if curve == Some(oid::SECP256R1) {
                return Ok(SignatureScheme::EcdsaP256Sha256);
            }
            return Err(SignError::UnsupportedKey("EC key not on P-256".into()));
        }
        Err(SignError::UnsupportedKey(format!(
            "public key algorithm {}",
            spki.algorithm.oid
        )))
    }

    /// The signatureAlgorithm this crate writes into a SignerInfo.
    fn algorithm_identifier(self) -> AlgorithmIdentifierOwned {
        match self {
            SignatureScheme::RsaPkcs1Sha256 => AlgorithmIdentifierOwned {
                oid: oid::SHA256_WITH_RSA_ENCRYPTION,
                parameters: Some(Any::from(der::asn1::Null)),
            },
            SignatureScheme::EcdsaP256Sha256 => AlgorithmIdentifierOwned {
                oid: oid::ECDSA_WITH_SHA256,
                parameters: None,
            },
        }
    }
}

/// A private key with its certificate, able to sign for a CMS SignerInfo.
pub trait Signer {
    /// The signer's certificate (DER).
    fn certificate_der(&self) -> &[u8];

    /// Further certificates to put into the CMS (intermediates; the root may be left out).
    fn chain_der(&self) -> &[Vec<u8>];

    /// How the key signs.
    fn scheme(&self) -> SignatureScheme;

    /// Signs `message` — hashing it with SHA-256 — and returns the signature as a CMS
    /// SignerInfo carries it: the PKCS#1 v1.5 block for RSA, a DER ECDSA-Sig-Value for ECDSA.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;
}

/// Makes a CAdES-BES detached CMS `SignedData` (DER) over exactly `content`.
///
/// Signed attributes: contentType (id-data), messageDigest (SHA-256 of `content`),
/// signingTime (`signing_time`, the signer's clock) and signingCertificateV2 (SHA-256 of the
/// signer's certificate, with its issuer and serial). The signer's certificate and its chain go
/// into `certificates`. Before returning, the signature is checked against the certificate's
/// public key, so a token key that does not belong to the certificate is caught here.
pub fn sign_detached(
    content: &[u8],
    signer: &dyn Signer,
    signing_time: DateTime<Utc>,
) -> Result<Vec<u8>, SignError> {
    let certificate_der = signer.certificate_der();
    let certificate = certificate::parse(certificate_der)?;
    let scheme = signer.scheme();

    let digest_algorithm = AlgorithmIdentifierOwned {
        oid: oid::ID_SHA256,
        parameters: None,
    };
    let content_digest = Sha256::digest(content);
    let encapsulated = EncapsulatedContentInfo {
        econtent_type: oid::ID_DATA,
        econtent: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: certificate.tbs_certificate.issuer.clone(),
        serial_number: certificate.tbs_certificate.serial_number.clone(),
    });

    let adapter = CmsKey {
        signer,
        scheme,
        error: RefCell::new(None),
    };
    let mut signer_info = SignerInfoBuilder::new(
        &adapter,
        sid,
        digest_algorithm.clone(),
        &encapsulated,
        Some(content_digest.as_slice()),
    )
    .map_err(cms_error)?;
    signer_info
        .add_signed_attribute(signing_time_attribute(signing_time)?)
        .map_err(cms_error)?;
    signer_info
        .add_signed_attribute(ess::attribute(&certificate, certificate_der)?)
        .map_err(cms_error)?;

    let mut signed_data = SignedDataBuilder::new(&encapsulated);
    signed_data
        .add_digest_algorithm(digest_algorithm)
        .map_err(cms_error)?;
    // The builder panics on duplicate certificates, so each goes in once.
    let mut included: Vec<&[u8]> = Vec::new();
    for der in std::iter::once(certificate_der).chain(signer.chain_der().iter().map(Vec::as_slice))
    {
        if included.contains(&der) {
            continue;
        }
        included.push(der);
        signed_data
            .add_certificate(CertificateChoices::Certificate(certificate::parse(der)?))
            .map_err(cms_error)?;
    }
    if let Err(error) = signed_data.add_signer_info::<_, RawSignature>(signer_info) {
        // The builder hides the signer's own error; the adapter kept it.
        return Err(adapter.error.take().unwrap_or_else(|| cms_error(error)));
    }
    let content_info = signed_data.build().map_err(cms_error)?;
    let der = content_info.to_der()?;
    check_own_signature(&der, certificate_der, scheme)?;
    Ok(der)
}

fn cms_error(error: cms::builder::Error) -> SignError {
    SignError::Encoding(error.to_string())
}

/// signingTime as RFC 5652 § 11.3 wants it: UTCTime for 1950–2049, GeneralizedTime otherwise.
fn signing_time_attribute(at: DateTime<Utc>) -> Result<Attribute, SignError> {
    let seconds = u64::try_from(at.timestamp())
        .map_err(|_| SignError::Encoding("signing time before 1970".into()))?;
    let date_time = der::DateTime::from_unix_duration(Duration::from_secs(seconds))?;
    let value = if (1950..2050).contains(&at.year()) {
        Any::from_der(&UtcTime::from_date_time(date_time)?.to_der()?)?
    } else {
        Any::from_der(&GeneralizedTime::from_date_time(date_time).to_der()?)?
    };
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute {
        oid: oid::ID_SIGNING_TIME,
        values,
    })
}

/// Verifies the signature just made with the certificate's public key.
fn check_own_signature(
    cms_der: &[u8],
    certificate_der: &[u8],
    scheme: SignatureScheme,
) -> Result<(), SignError> {
    let content_info = ContentInfo::from_der(cms_der)?;
    let signed_data: SignedData = content_info.content.decode_as()?;
    let signer_info = signed_data
        .signer_infos
        .0
        .get(0)
        .ok_or_else(|| SignError::Encoding("no SignerInfo".into()))?;
    let signed_attributes = signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| SignError::Encoding("no signed attributes".into()))?
        .to_der()?;
    let certificate = rustls_pki_types::CertificateDer::from(certificate_der);
    let end_entity = webpki::EndEntityCert::try_from(&certificate)
        .map_err(|e| SignError::Encoding(format!("certificate: {e:?}")))?;
    let algorithm: &dyn rustls_pki_types::SignatureVerificationAlgorithm = match scheme {
        SignatureScheme::RsaPkcs1Sha256 => webpki::ring::RSA_PKCS1_2048_8192_SHA256,
        SignatureScheme::EcdsaP256Sha256 => webpki::ring::ECDSA_P256_SHA256,
    };
    end_entity
        .verify_signature(
            algorithm,
            &signed_attributes,
            signer_info.signature.as_bytes(),
        )
        .map_err(|_| SignError::KeyDoesNotMatchCertificate)
}

/// Adapts a [`Signer`] to the traits cms 0.2's builder wants, keeping the signer's error,
/// which the builder would otherwise replace by a generic one.
struct CmsKey<'a> {
    signer: &'a dyn Signer,
    scheme: SignatureScheme,
    error: RefCell<Option<SignError>>,
}

impl signature::Keypair for CmsKey<'_> {
    // The builder never asks for the public key.
    type VerifyingKey = ();

    fn verifying_key(&self) -> Self::VerifyingKey {}
}

impl DynSignatureAlgorithmIdentifier for CmsKey<'_> {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        Ok(self.scheme.algorithm_identifier())
    }
}

impl signature::Signer<RawSignature> for CmsKey<'_> {
    fn try_sign(&self, message: &[u8]) -> Result<RawSignature, signature::Error> {
        match self.signer.sign(message) {
            Ok(bytes) => Ok(RawSignature(bytes)),
            Err(error) => {
                self.error.replace(Some(error));
                Err(signature::Error::new())
            }
        }
    }
}

/// Signature bytes exactly as the SignerInfo carries them.
struct RawSignature(Vec<u8>);

impl SignatureBitStringEncoding for RawSignature {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

/// The DER DigestInfo prefix for SHA-256 (RFC 8017 § 9.2, note 1).
pub(crate) const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A raw ECDSA P-256 signature r‖s (what PKCS#11 CKM_ECDSA returns) as a DER ECDSA-Sig-Value.
pub(crate) fn ecdsa_p256_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, SignError> {
    let signature = p256::ecdsa::Signature::from_slice(raw)
        .map_err(|_| SignError::Token(format!("ECDSA signature of {} bytes", raw.len())))?;
    Ok(signature.to_der().as_bytes().to_vec())
}

#[cfg(all(test, feature = "dev-pki"))]
#[allow(clippy::unwrap_used)]
mod tests;
