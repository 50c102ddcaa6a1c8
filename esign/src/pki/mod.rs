//! A development PKI (feature `dev-pki`): a test root CA standing for Kamu SM's, NES-style
//! certificates for test citizens, CRLs, PEM/DER/PKCS#12 export and SoftHSM2 tokens
//! ([`softhsm`]). For tests and a developer command — never for production certificates.
//!
//! An NES-style certificate has the subject `C=TR, serialNumber=<TCKN> (PrintableString),
//! CN=<AD SOYAD>`, keyUsage nonRepudiation (critical) and a qcStatements extension with
//! QcCompliance and QcSSCD.

use chrono::{DateTime, Utc};
use der::asn1::ObjectIdentifier;
use der::pem::LineEnding;
use der::{Encode, Sequence};
use p12_keystore::{KeyStore, KeyStoreEntry, PrivateKeyChain};
use rand_core::{OsRng, RngCore};
use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, CustomExtension, DnType,
    DnValue, IsCa, Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, RevocationReason,
    RevokedCertParams, SerialNumber,
};
use rustls_pki_types::{CertificateDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};
use shared::Tckn;
use zeroize::Zeroizing;

use crate::certificate::CertificateSummary;
use crate::oid;
use crate::sign::Pin;

pub mod softhsm;

/// The test root's common name.
pub const TEST_ROOT_COMMON_NAME: &str = "Kamu SM Test Kök Sertifika Yetkilisi";
/// The test root's organisation.
pub const TEST_ROOT_ORGANIZATION: &str = "Kamu Sertifikasyon Merkezi (TEST)";

/// Why the development PKI could not do something.
#[derive(Debug, thiserror::Error)]
pub enum PkiError {
    #[error("key generation or import failed: {0}")]
    Key(String),
    #[error("certificate generation failed: {0}")]
    Certificate(String),
    #[error("PKCS#12 export failed: {0}")]
    Pkcs12(String),
    #[error("encoding failed: {0}")]
    Encoding(String),
    #[error("SoftHSM2 provisioning failed: {0}")]
    Provision(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl From<rcgen::Error> for PkiError {
    fn from(error: rcgen::Error) -> PkiError {
        PkiError::Certificate(error.to_string())
    }
}

impl From<der::Error> for PkiError {
    fn from(error: der::Error) -> PkiError {
        PkiError::Encoding(error.to_string())
    }
}

/// The key types NES cards carry here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    Rsa2048,
    P256,
}

/// A private key as PKCS#8 DER (wiped on drop).
#[derive(Clone)]
pub struct PrivateKey {
    key_type: KeyType,
    pkcs8: Zeroizing<Vec<u8>>,
}

impl PrivateKey {
    /// A fresh key from the operating system's random number generator.
    pub fn generate(key_type: KeyType) -> Result<PrivateKey, PkiError> {
        use rsa::pkcs8::EncodePrivateKey;
        let document = match key_type {
            KeyType::Rsa2048 => rsa::RsaPrivateKey::new(&mut OsRng, 2048)
                .map_err(|e| PkiError::Key(e.to_string()))?
                .to_pkcs8_der(),
            KeyType::P256 => p256::SecretKey::random(&mut OsRng).to_pkcs8_der(),
        }
        .map_err(|e| PkiError::Key(e.to_string()))?;
        Ok(PrivateKey {
            key_type,
            pkcs8: Zeroizing::new(document.as_bytes().to_vec()),
        })
    }

    /// Reads a PKCS#8 DER key (RSA-2048 or P-256).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<PrivateKey, PkiError> {
        use p256::pkcs8::DecodePrivateKey;
        use rsa::traits::PublicKeyParts;
        let key_type = if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            if key.size() != 256 {
                return Err(PkiError::Key("only 2048-bit RSA keys".into()));
            }
            KeyType::Rsa2048
        } else if p256::SecretKey::from_pkcs8_der(der).is_ok() {
            KeyType::P256
        } else {
            return Err(PkiError::Key("not an RSA or P-256 PKCS#8 key".into()));
        };
        Ok(PrivateKey {
            key_type,
            pkcs8: Zeroizing::new(der.to_vec()),
        })
    }

    pub fn key_type(&self) -> KeyType {
        self.key_type
    }

    pub fn pkcs8_der(&self) -> &[u8] {
        &self.pkcs8
    }

    /// `-----BEGIN PRIVATE KEY-----` PEM.
    pub fn pkcs8_pem(&self) -> Result<Zeroizing<String>, PkiError> {
        Ok(Zeroizing::new(pem("PRIVATE KEY", &self.pkcs8)?))
    }

    fn rcgen_key_pair(&self) -> Result<KeyPair, PkiError> {
        let algorithm = match self.key_type {
            KeyType::Rsa2048 => &rcgen::PKCS_RSA_SHA256,
            KeyType::P256 => &rcgen::PKCS_ECDSA_P256_SHA256,
        };
        let der = PrivatePkcs8KeyDer::from(self.pkcs8.as_slice());
        Ok(KeyPair::from_pkcs8_der_and_sign_algo(&der, algorithm)?)
    }
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("key_type", &self.key_type)
            .finish_non_exhaustive()
    }
}

/// PEM text for DER bytes, with `\n` line endings.
pub fn pem(label: &'static str, der: &[u8]) -> Result<String, PkiError> {
    der::pem::encode_string(label, LineEnding::LF, der)
        .map_err(|e| PkiError::Encoding(e.to_string()))
}

/// What an end-entity certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateProfile {
    /// A qualified e-signature certificate: keyUsage nonRepudiation, qcStatements.
    Nes,
    /// keyUsage digitalSignature only (e.g. an authentication certificate): must be refused.
    DigitalSignatureOnly,
}

/// extendedKeyUsage purposes a test certificate may carry (NES certificates carry none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtendedKeyUsage {
    EmailProtection,
    ClientAuth,
    ServerAuth,
}

/// What to put into a person's certificate.
#[derive(Debug, Clone)]
pub struct PersonCertificateRequest {
    /// CN, e.g. `AYŞE YILMAZ` (NES certificates spell the name in capitals).
    pub name: String,
    /// Goes into the subject serialNumber.
    pub tckn: Tckn,
    pub key_type: KeyType,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub profile: CertificateProfile,
    /// Empty for an NES certificate; set for tests of the extendedKeyUsage policy.
    pub extended_key_usages: Vec<ExtendedKeyUsage>,
    /// givenName and surname beside the CN, as some issuers write them (none by default).
    pub given_name_and_surname: Option<(String, String)>,
}

impl PersonCertificateRequest {
    /// An NES certificate valid from `now` minus a day to `now` plus `days`.
    pub fn nes(name: &str, tckn: Tckn, key_type: KeyType, now: DateTime<Utc>, days: i64) -> Self {
        PersonCertificateRequest {
            name: name.to_owned(),
            tckn,
            key_type,
            not_before: now - chrono::Duration::days(1),
            not_after: now + chrono::Duration::days(days),
            profile: CertificateProfile::Nes,
            extended_key_usages: Vec::new(),
            given_name_and_surname: None,
        }
    }
}

/// An issued certificate with its private key.
#[derive(Debug, Clone)]
pub struct IssuedCertificate {
    certificate_der: Vec<u8>,
    key: PrivateKey,
    serial: Vec<u8>,
}

impl IssuedCertificate {
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub fn certificate_pem(&self) -> Result<String, PkiError> {
        pem("CERTIFICATE", &self.certificate_der)
    }

    pub fn private_key(&self) -> &PrivateKey {
        &self.key
    }

    /// The certificate serial number (big-endian bytes), e.g. for a CRL.
    pub fn serial(&self) -> &[u8] {
        &self.serial
    }

    pub fn summary(&self) -> Result<CertificateSummary, PkiError> {
        CertificateSummary::from_der(&self.certificate_der)
            .map_err(|e| PkiError::Certificate(e.to_string()))
    }

    /// A PKCS#12 file with the key, this certificate and the CA certificate, encrypted with
    /// `password` (PBES2 AES-256, HMAC-SHA256 MAC), under the friendly name `alias`.
    pub fn to_pkcs12(&self, ca: &TestCa, alias: &str, password: &Pin) -> Result<Vec<u8>, PkiError> {
        let to_p12 = |der: &[u8]| {
            p12_keystore::Certificate::from_der(der).map_err(|e| PkiError::Pkcs12(e.to_string()))
        };
        let chain = vec![to_p12(&self.certificate_der)?, to_p12(&ca.certificate_der)?];
        let local_key_id = Sha256::digest(&self.certificate_der);
        let mut keystore = KeyStore::new();
        keystore.add_entry(
            alias,
            KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(
                self.key.pkcs8_der(),
                &local_key_id[..20],
                chain,
            )),
        );
        keystore
            .writer(password.expose())
            .write()
            .map_err(|e| PkiError::Pkcs12(e.to_string()))
    }
}

/// A test root CA standing for Kamu SM's.
pub struct TestCa {
    issuer: Issuer<'static, KeyPair>,
    certificate_der: Vec<u8>,
    key: PrivateKey,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa")
            .field("key_type", &self.key.key_type)
            .finish_non_exhaustive()
    }
}

impl TestCa {
    /// A self-signed root `C=TR, O=…, CN=Kamu SM Test Kök Sertifika Yetkilisi` valid between
    /// the two times, with a fresh key.
    pub fn new(
        key_type: KeyType,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<TestCa, PkiError> {
        TestCa::with_common_name(TEST_ROOT_COMMON_NAME, key_type, not_before, not_after)
    }

    /// The same with another common name (e.g. a second, untrusted root for tests).
    pub fn with_common_name(
        common_name: &str,
        key_type: KeyType,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<TestCa, PkiError> {
        let key = PrivateKey::generate(key_type)?;
        let mut params = CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CountryName, printable("TR")?);
        params
            .distinguished_name
            .push(DnType::OrganizationName, TEST_ROOT_ORGANIZATION);
        params
            .distinguished_name
            .push(DnType::CommonName, common_name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = to_offset(not_before)?;
        params.not_after = to_offset(not_after)?;
        params.serial_number = Some(SerialNumber::from_slice(&random_serial()));
        params.key_identifier_method = KeyIdMethod::Sha256;
        let key_pair = key.rcgen_key_pair()?;
        let certificate = params.self_signed(&key_pair)?;
        Ok(TestCa {
            certificate_der: certificate.der().to_vec(),
            issuer: Issuer::new(params, key_pair),
            key,
        })
    }

    /// Loads a CA saved earlier with [`TestCa::certificate_der`] and
    /// [`TestCa::private_key`], to issue more certificates under the same root.
    pub fn from_parts(certificate_der: &[u8], key: PrivateKey) -> Result<TestCa, PkiError> {
        let key_pair = key.rcgen_key_pair()?;
        let issuer = Issuer::from_ca_cert_der(&CertificateDer::from(certificate_der), key_pair)?;
        Ok(TestCa {
            issuer,
            certificate_der: certificate_der.to_vec(),
            key,
        })
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    pub fn certificate_pem(&self) -> Result<String, PkiError> {
        pem("CERTIFICATE", &self.certificate_der)
    }

    pub fn private_key(&self) -> &PrivateKey {
        &self.key
    }

    /// Issues a certificate for a person with a fresh key.
    pub fn issue(&self, request: &PersonCertificateRequest) -> Result<IssuedCertificate, PkiError> {
        let key = PrivateKey::generate(request.key_type)?;
        self.issue_for_key(request, key)
    }

    /// Issues a certificate for a person's existing key (e.g. to make a second certificate for
    /// the same key).
    pub fn issue_for_key(
        &self,
        request: &PersonCertificateRequest,
        key: PrivateKey,
    ) -> Result<IssuedCertificate, PkiError> {
        let mut params = CertificateParams::default();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(DnType::CountryName, printable("TR")?);
        params.distinguished_name.push(
            DnType::CustomDnType(oid_arcs(oid::SERIAL_NUMBER)),
            printable(request.tckn.as_str())?,
        );
        params
            .distinguished_name
            .push(DnType::CommonName, request.name.as_str());
        if let Some((given_name, surname)) = &request.given_name_and_surname {
            params.distinguished_name.push(
                DnType::CustomDnType(oid_arcs(oid::GIVEN_NAME)),
                DnValue::Utf8String(given_name.clone()),
            );
            params.distinguished_name.push(
                DnType::CustomDnType(oid_arcs(oid::SURNAME)),
                DnValue::Utf8String(surname.clone()),
            );
        }
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = match request.profile {
            CertificateProfile::Nes => vec![KeyUsagePurpose::ContentCommitment],
            CertificateProfile::DigitalSignatureOnly => vec![KeyUsagePurpose::DigitalSignature],
        };
        if request.profile == CertificateProfile::Nes {
            params
                .custom_extensions
                .push(CustomExtension::from_oid_content(
                    &oid_arcs(oid::ID_PE_QC_STATEMENTS),
                    qc_statements()?,
                ));
        }
        params.extended_key_usages = request
            .extended_key_usages
            .iter()
            .map(|usage| match usage {
                ExtendedKeyUsage::EmailProtection => {
                    rcgen::ExtendedKeyUsagePurpose::EmailProtection
                }
                ExtendedKeyUsage::ClientAuth => rcgen::ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsage::ServerAuth => rcgen::ExtendedKeyUsagePurpose::ServerAuth,
            })
            .collect();
        params.not_before = to_offset(request.not_before)?;
        params.not_after = to_offset(request.not_after)?;
        let serial = random_serial();
        params.serial_number = Some(SerialNumber::from_slice(&serial));
        params.use_authority_key_identifier_extension = true;
        let key_pair = key.rcgen_key_pair()?;
        let certificate = params.signed_by(&key_pair, &self.issuer)?;
        Ok(IssuedCertificate {
            certificate_der: certificate.der().to_vec(),
            key,
            serial: serial.to_vec(),
        })
    }

    /// A CRL signed by this CA listing `revoked_serials` (revoked at `this_update`, reason
    /// keyCompromise), valid from `this_update` to `next_update`.
    pub fn crl(
        &self,
        revoked_serials: &[&[u8]],
        crl_number: u64,
        this_update: DateTime<Utc>,
        next_update: DateTime<Utc>,
    ) -> Result<Vec<u8>, PkiError> {
        let revocation_time = to_offset(this_update)?;
        let params = CertificateRevocationListParams {
            this_update: revocation_time,
            next_update: to_offset(next_update)?,
            crl_number: SerialNumber::from(crl_number),
            issuing_distribution_point: None,
            revoked_certs: revoked_serials
                .iter()
                .map(|serial| RevokedCertParams {
                    serial_number: SerialNumber::from_slice(serial),
                    revocation_time,
                    reason_code: Some(RevocationReason::KeyCompromise),
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        Ok(params.signed_by(&self.issuer)?.der().to_vec())
    }
}

/// `-----BEGIN X509 CRL-----` PEM for a CRL.
pub fn crl_pem(crl_der: &[u8]) -> Result<String, PkiError> {
    pem("X509 CRL", crl_der)
}

fn printable(text: &str) -> Result<DnValue, PkiError> {
    let value = rcgen::string::PrintableString::try_from(text)
        .map_err(|e| PkiError::Certificate(e.to_string()))?;
    Ok(DnValue::PrintableString(value))
}

fn oid_arcs(oid: ObjectIdentifier) -> Vec<u64> {
    oid.arcs().map(u64::from).collect()
}

/// A positive 16-byte serial number with a non-zero first byte (RFC 5280 § 4.1.2.2).
fn random_serial() -> [u8; 16] {
    let mut serial = [0u8; 16];
    OsRng.fill_bytes(&mut serial);
    serial[0] = (serial[0] & 0x7f) | 0x01;
    serial
}

fn to_offset(at: DateTime<Utc>) -> Result<time::OffsetDateTime, PkiError> {
    time::OffsetDateTime::from_unix_timestamp(at.timestamp())
        .map_err(|e| PkiError::Certificate(e.to_string()))
}

/// `QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY OPTIONAL }`
#[derive(Sequence)]
pub(crate) struct QcStatement {
    pub(crate) statement_id: ObjectIdentifier,
}

/// `SEQUENCE OF QCStatement` with QcCompliance and QcSSCD (ETSI EN 319 412-5).
fn qc_statements() -> Result<Vec<u8>, PkiError> {
    let statements = vec![
        QcStatement {
            statement_id: oid::QC_COMPLIANCE,
        },
        QcStatement {
            statement_id: oid::QC_SSCD,
        },
    ];
    Ok(statements.to_der()?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
