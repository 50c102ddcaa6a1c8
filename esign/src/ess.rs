//! The signingCertificateV2 signed attribute (RFC 5035), which binds the signature to the
//! signer's certificate so a certificate for the same key cannot be swapped in.
//!
//! ```text
//! SigningCertificateV2 ::= SEQUENCE {
//!     certs        SEQUENCE OF ESSCertIDv2,
//!     policies     SEQUENCE OF PolicyInformation OPTIONAL }
//! ESSCertIDv2 ::= SEQUENCE {
//!     hashAlgorithm  AlgorithmIdentifier DEFAULT {algorithm id-sha256},
//!     certHash       OCTET STRING,
//!     issuerSerial   IssuerSerial OPTIONAL }
//! IssuerSerial ::= SEQUENCE {
//!     issuer         GeneralNames,
//!     serialNumber   CertificateSerialNumber }
//! ```

use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::{GeneralName, GeneralNames};
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::oid;

#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct EssCertIdV2 {
    /// Absent means SHA-256 (DER omits a DEFAULT value).
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

#[derive(Clone, Debug, PartialEq, Eq, Sequence)]
pub(crate) struct IssuerSerial {
    pub issuer: GeneralNames,
    pub serial_number: SerialNumber,
}

/// The attribute for `certificate` (whose DER is `certificate_der`): SHA-256 hash (algorithm
/// omitted, as DER requires for the default) and the issuer and serial number.
pub(crate) fn attribute(
    certificate: &Certificate,
    certificate_der: &[u8],
) -> der::Result<Attribute> {
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(certificate_der).to_vec())?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    certificate.tbs_certificate.issuer.clone(),
                )],
                serial_number: certificate.tbs_certificate.serial_number.clone(),
            }),
        }],
        policies: None,
    };
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(&value.to_der()?)?)?;
    Ok(Attribute {
        oid: oid::ID_AA_SIGNING_CERTIFICATE_V2,
        values,
    })
}

/// Why a signingCertificateV2 value does not name a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EssMismatch {
    /// The value does not decode.
    Malformed,
    /// The first ESSCertIDv2 uses a hash other than SHA-256.
    UnsupportedHash,
    /// The hash, or the issuer and serial, differ from the certificate's.
    Differs,
}

/// Checks that the first ESSCertIDv2 in `value` names `certificate` (RFC 5035 § 5.4: the first
/// one identifies the signer's certificate).
pub(crate) fn check(
    value: &Any,
    certificate: &Certificate,
    certificate_der: &[u8],
) -> Result<(), EssMismatch> {
    let decoded =
        SigningCertificateV2::from_der(&value.to_der().map_err(|_| EssMismatch::Malformed)?)
            .map_err(|_| EssMismatch::Malformed)?;
    let first = decoded.certs.first().ok_or(EssMismatch::Malformed)?;
    if let Some(algorithm) = &first.hash_algorithm {
        if algorithm.oid != oid::ID_SHA256 {
            return Err(EssMismatch::UnsupportedHash);
        }
    }
    if first.cert_hash.as_bytes() != Sha256::digest(certificate_der).as_slice() {
        return Err(EssMismatch::Differs);
    }
    if let Some(issuer_serial) = &first.issuer_serial {
        let tbs = &certificate.tbs_certificate;
        let issuer_matches = issuer_serial.issuer.iter().any(
            |name| matches!(name, GeneralName::DirectoryName(issuer) if *issuer == tbs.issuer),
        );
        if !issuer_matches || issuer_serial.serial_number != tbs.serial_number {
            return Err(EssMismatch::Differs);
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "dev-pki"))]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn the_attribute_names_the_certificate_it_was_made_for() {
        let person = fixtures::person_p256();
        let der = person.certificate_der();
        let certificate = Certificate::from_der(der).unwrap();
        let attribute = attribute(&certificate, der).unwrap();
        let value = attribute.values.get(0).unwrap();
        assert_eq!(check(value, &certificate, der), Ok(()));
    }

    #[test]
    fn the_attribute_does_not_name_another_certificate() {
        let person = fixtures::person_p256();
        let other = fixtures::person_rsa();
        let certificate = Certificate::from_der(person.certificate_der()).unwrap();
        let other_certificate = Certificate::from_der(other.certificate_der()).unwrap();
        let attribute = attribute(&certificate, person.certificate_der()).unwrap();
        let value = attribute.values.get(0).unwrap();
        assert_eq!(
            check(value, &other_certificate, other.certificate_der()),
            Err(EssMismatch::Differs)
        );
    }

    #[test]
    fn the_default_hash_algorithm_is_left_out_of_the_encoding() {
        let id = EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(vec![0u8; 32]).unwrap(),
            issuer_serial: None,
        };
        // SEQUENCE { OCTET STRING (32 bytes) }
        let der = id.to_der().unwrap();
        assert_eq!(&der[..4], &[0x30, 34, 0x04, 32]);
    }
}
