//! What a person (and the API) needs to know about a certificate: its holder's name and TCKN,
//! its issuer, serial number, validity and whether it may make non-repudiation signatures.
//!
//! Turkish qualified (NES) certificates carry the holder's TC Kimlik No in the subject's
//! `serialNumber` attribute (2.5.4.5), as a PrintableString.

use chrono::{DateTime, Utc};
use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::{Any, Decode, Encode, Tag, Tagged};
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::name::Name;
use x509_cert::time::Time;
use x509_cert::Certificate;

use crate::oid;

/// Why bytes are not a certificate this crate can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a readable X.509 certificate: {0}")]
pub struct CertificateParseError(pub(crate) String);

/// A parsed certificate with the facts a user chooses by ("Sertifika Seçiniz") and the
/// verifier checks. It can only be made from a certificate that parses.
#[derive(Clone, PartialEq, Eq)]
pub struct CertificateSummary {
    subject_cn: String,
    given_name: Option<String>,
    surname: Option<String>,
    tckn: Option<String>,
    issuer_cn: String,
    serial_hex: String,
    not_before: DateTime<Utc>,
    not_after: DateTime<Utc>,
    non_repudiation: bool,
    certificate_der: Vec<u8>,
}

impl CertificateSummary {
    /// Reads a DER-encoded X.509 certificate.
    pub fn from_der(der: &[u8]) -> Result<CertificateSummary, CertificateParseError> {
        let certificate = parse(der)?;
        Ok(CertificateSummary::from_parsed(&certificate, der.to_vec()))
    }

    pub(crate) fn from_parsed(certificate: &Certificate, der: Vec<u8>) -> CertificateSummary {
        let tbs = &certificate.tbs_certificate;
        CertificateSummary {
            subject_cn: name_attribute(&tbs.subject, oid::COMMON_NAME).unwrap_or_default(),
            given_name: name_attribute(&tbs.subject, oid::GIVEN_NAME),
            surname: name_attribute(&tbs.subject, oid::SURNAME),
            tckn: name_attribute(&tbs.subject, oid::SERIAL_NUMBER),
            issuer_cn: name_attribute(&tbs.issuer, oid::COMMON_NAME).unwrap_or_default(),
            serial_hex: hex::encode_upper(tbs.serial_number.as_bytes()),
            not_before: to_utc(tbs.validity.not_before),
            not_after: to_utc(tbs.validity.not_after),
            non_repudiation: has_non_repudiation(certificate),
            certificate_der: der,
        }
    }

    /// The subject's common name, e.g. `AYŞE YILMAZ` (empty when the subject has none).
    pub fn subject_cn(&self) -> &str {
        &self.subject_cn
    }

    /// The subject's givenName, when the certificate spells the name out in parts.
    pub fn given_name(&self) -> Option<&str> {
        self.given_name.as_deref()
    }

    /// The subject's surname, when the certificate spells the name out in parts.
    pub fn surname(&self) -> Option<&str> {
        self.surname.as_deref()
    }

    /// The subject's `serialNumber` attribute as written — on an NES certificate, the TCKN.
    pub fn tckn(&self) -> Option<&str> {
        self.tckn.as_deref()
    }

    /// The issuer's common name.
    pub fn issuer_cn(&self) -> &str {
        &self.issuer_cn
    }

    /// The certificate serial number, upper-case hexadecimal.
    pub fn serial_hex(&self) -> &str {
        &self.serial_hex
    }

    pub fn not_before(&self) -> DateTime<Utc> {
        self.not_before
    }

    pub fn not_after(&self) -> DateTime<Utc> {
        self.not_after
    }

    /// Whether keyUsage has nonRepudiation (contentCommitment): needed for an e-signature.
    pub fn has_non_repudiation(&self) -> bool {
        self.non_repudiation
    }

    /// Whether `at` falls within notBefore..=notAfter.
    pub fn is_valid_at(&self, at: DateTime<Utc>) -> bool {
        self.not_before <= at && at <= self.not_after
    }

    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }
}

impl std::fmt::Debug for CertificateSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The TCKN is personal data: shown masked, as `Tckn`'s own Debug does.
        let masked_tckn = self.tckn.as_deref().map(mask);
        f.debug_struct("CertificateSummary")
            .field("subject_cn", &self.subject_cn)
            .field("tckn", &masked_tckn)
            .field("issuer_cn", &self.issuer_cn)
            .field("serial_hex", &self.serial_hex)
            .field("not_before", &self.not_before)
            .field("not_after", &self.not_after)
            .field("non_repudiation", &self.non_repudiation)
            .finish_non_exhaustive()
    }
}

fn mask(value: &str) -> String {
    match shared::Tckn::parse(value) {
        Ok(tckn) => tckn.masked(),
        Err(_) => "***".to_owned(),
    }
}

/// Parses a DER certificate.
pub(crate) fn parse(der: &[u8]) -> Result<Certificate, CertificateParseError> {
    Certificate::from_der(der).map_err(|e| CertificateParseError(e.to_string()))
}

/// The DER encoding of a parsed certificate.
pub(crate) fn to_der(certificate: &Certificate) -> Result<Vec<u8>, CertificateParseError> {
    certificate
        .to_der()
        .map_err(|e| CertificateParseError(e.to_string()))
}

/// The first value of attribute `attribute` in `name`, as text.
pub(crate) fn name_attribute(name: &Name, attribute: der::oid::ObjectIdentifier) -> Option<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == attribute)
        .and_then(|atv| directory_string(&atv.value))
}

/// Decodes the string types X.520 names use (DirectoryString and friends).
pub(crate) fn directory_string(value: &Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.to_string()),
        Tag::PrintableString => PrintableStringRef::try_from(value)
            .ok()
            .map(|s| s.to_string()),
        Tag::Ia5String => Ia5StringRef::try_from(value).ok().map(|s| s.to_string()),
        Tag::TeletexString => TeletexStringRef::try_from(value)
            .ok()
            .map(|s| s.to_string()),
        Tag::BmpString => BmpString::from_der(&value.to_der().ok()?)
            .ok()
            .map(|s| s.to_string()),
        _ => None,
    }
}

/// Whether the certificate's keyUsage extension has nonRepudiation (contentCommitment). A
/// certificate without keyUsage, or with an unreadable one, does not.
pub(crate) fn has_non_repudiation(certificate: &Certificate) -> bool {
    matches!(
        certificate.tbs_certificate.get::<KeyUsage>(),
        Ok(Some((_, usage))) if usage.non_repudiation()
    )
}

pub(crate) fn to_utc(time: Time) -> DateTime<Utc> {
    let since_epoch = time.to_unix_duration();
    let seconds = i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX);
    DateTime::<Utc>::from_timestamp(seconds, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_masks_the_tckn() {
        assert_eq!(mask("10000000146"), "100******46");
        assert_eq!(mask("not a tckn"), "***");
    }

    #[test]
    fn garbage_is_not_a_certificate() {
        assert!(CertificateSummary::from_der(b"not a certificate").is_err());
    }
}
