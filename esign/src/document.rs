//! The document a person signs to approve their application: deterministic bytes.
//!
//! # Format
//!
//! Canonical JSON, UTF-8, no insignificant whitespace, object keys sorted, every value a string
//! or an object — no numbers, booleans or nulls, so there is nothing to normalise. Because every
//! key is ASCII (form keys are restricted to `[a-z0-9_.-]`), the byte order of the keys is the
//! UTF-16 order RFC 8785 (JCS) asks for, and strings are escaped as JCS does, so the bytes are
//! also the RFC 8785 canonical form of the same object:
//!
//! ```json
//! {"applicant":{"name":"AYŞE YILMAZ","tckn":"10000000146"},
//!  "application_reference":"NES-2026-000042",
//!  "form":{"delivery.city":"Ankara","email":"ayse@example.org"},
//!  "format":"kamusm-nes-approval/1",
//!  "nonce":"<64 hex digits>",
//!  "statement":"Başvuru formundaki bilgilerin doğru olduğunu …",
//!  "taahhutname":{"sha256":"<64 hex digits>","version":"2026-1"}}
//! ```
//! (shown wrapped; the real bytes are one line with no spaces outside strings).
//!
//! The server nonce makes every signing session's bytes unique, so a signature made for one
//! session cannot be replayed in another. [`SigningDocument::parse`] accepts only the canonical
//! bytes, so the signing app can show what it signs and be sure it signs exactly that.
//!
//! Logging in with e-İmza signs another document, [`login::LoginDocument`]; [`Signable`] reads
//! either, so the signing app knows which one it was given.

pub mod login;

use std::collections::BTreeMap;
use std::fmt;

use rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::{ApplicationRef, PersonName, Tckn};

/// The value of the `format` member: changes whenever the layout does.
pub const DOCUMENT_FORMAT: &str = "kamusm-nes-approval/1";

/// What the person declares by signing; part of the signed bytes.
pub const APPROVAL_STATEMENT: &str = "Başvuru formundaki bilgilerin doğru olduğunu ve \
Taahhütname'yi okuyup kabul ettiğimi nitelikli elektronik imzamla onaylıyorum.";

/// The longest form key accepted, in bytes.
pub const MAX_FORM_KEY_LENGTH: usize = 64;

/// Why a document cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("a form key is 1 to 64 characters of a-z, 0-9, '_', '.' or '-'")]
    InvalidFormKey,
    #[error("the form key appears twice")]
    DuplicateFormKey,
    #[error("the Taahhütname version is 1 to 32 visible characters")]
    InvalidTaahhutnameVersion,
    #[error("not a signing document: {0}")]
    Malformed(String),
    #[error("the signing document is not in canonical form")]
    NotCanonical,
    #[error("the origin is http(s)://host[:port] in lower case, without a path")]
    InvalidOrigin,
}

impl DocumentError {
    /// Stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::InvalidFormKey => "form_key_invalid",
            DocumentError::DuplicateFormKey => "form_key_duplicate",
            DocumentError::InvalidTaahhutnameVersion => "taahhutname_version_invalid",
            DocumentError::Malformed(_) => "document_malformed",
            DocumentError::NotCanonical => "document_not_canonical",
            DocumentError::InvalidOrigin => "origin_invalid",
        }
    }
}

/// The canonical form data: string values under unique keys of `[a-z0-9_.-]{1,64}`, kept
/// sorted. Values are taken as given (the caller passes the canonical text of each field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormData(BTreeMap<String, String>);

impl FormData {
    pub fn new() -> FormData {
        FormData::default()
    }

    /// Builds form data from key/value pairs; a bad or repeated key is an error.
    pub fn from_pairs<I, K, V>(pairs: I) -> Result<FormData, DocumentError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<String>,
    {
        let mut form = FormData::new();
        for (key, value) in pairs {
            form.insert(key.as_ref(), value)?;
        }
        Ok(form)
    }

    /// Adds one field.
    pub fn insert(&mut self, key: &str, value: impl Into<String>) -> Result<(), DocumentError> {
        if !is_valid_form_key(key) {
            return Err(DocumentError::InvalidFormKey);
        }
        if self.0.contains_key(key) {
            return Err(DocumentError::DuplicateFormKey);
        }
        self.0.insert(key.to_owned(), value.into());
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The fields in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn is_valid_form_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_FORM_KEY_LENGTH
        && key.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'.' | b'-')
        })
}

/// Which Taahhütname (undertaking) the person accepted: its version and the SHA-256 of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaahhutnameRef {
    version: String,
    sha256: [u8; 32],
}

impl TaahhutnameRef {
    /// A version of 1 to 32 visible characters (no spaces or control characters) and the hash.
    pub fn new(version: &str, sha256: [u8; 32]) -> Result<TaahhutnameRef, DocumentError> {
        let valid = !version.is_empty()
            && version.chars().count() <= 32
            && version
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control());
        if !valid {
            return Err(DocumentError::InvalidTaahhutnameVersion);
        }
        Ok(TaahhutnameRef {
            version: version.to_owned(),
            sha256,
        })
    }

    /// The reference for the Taahhütname text `text` (hashed as UTF-8).
    pub fn for_text(version: &str, text: &str) -> Result<TaahhutnameRef, DocumentError> {
        TaahhutnameRef::new(version, Sha256::digest(text.as_bytes()).into())
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn sha256(&self) -> [u8; 32] {
        self.sha256
    }
}

/// 32 random bytes chosen by the server for one signing session.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct SigningNonce([u8; 32]);

impl SigningNonce {
    /// A fresh nonce from the operating system's random number generator.
    pub fn random() -> SigningNonce {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        SigningNonce(bytes)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> SigningNonce {
        SigningNonce(bytes)
    }

    /// Parses 64 lower-case hexadecimal digits.
    pub fn parse_hex(text: &str) -> Option<SigningNonce> {
        parse_hex32(text).map(SigningNonce)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// 64 lower-case hexadecimal digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }
}

impl fmt::Debug for SigningNonce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningNonce({})", self.to_hex())
    }
}

/// Exactly 64 lower-case hex digits (canonical: no upper case).
fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || text.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let bytes = hex::decode(text).ok()?;
    <[u8; 32]>::try_from(bytes.as_slice()).ok()
}

/// The serialised layout. Fields are declared in key order, so serialisation is sorted whatever
/// serde_json features the workspace enables.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    applicant: WireApplicant,
    application_reference: String,
    form: BTreeMap<String, String>,
    format: String,
    nonce: String,
    statement: String,
    taahhutname: WireTaahhutname,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireApplicant {
    name: String,
    tckn: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireTaahhutname {
    sha256: String,
    version: String,
}

/// The exact bytes a person signs to approve an application, and what they say.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningDocument {
    application_reference: ApplicationRef,
    tckn: Tckn,
    applicant_name: PersonName,
    form: FormData,
    taahhutname: TaahhutnameRef,
    nonce: SigningNonce,
    bytes: Vec<u8>,
}

impl SigningDocument {
    /// Builds the document for one signing session.
    pub fn new(
        application_reference: ApplicationRef,
        tckn: Tckn,
        applicant_name: PersonName,
        form: FormData,
        taahhutname: TaahhutnameRef,
        nonce: SigningNonce,
    ) -> Result<SigningDocument, DocumentError> {
        let wire = Wire {
            applicant: WireApplicant {
                name: applicant_name.as_str().to_owned(),
                tckn: tckn.as_str().to_owned(),
            },
            application_reference: application_reference.as_str().to_owned(),
            form: form.0.clone(),
            format: DOCUMENT_FORMAT.to_owned(),
            nonce: nonce.to_hex(),
            statement: APPROVAL_STATEMENT.to_owned(),
            taahhutname: WireTaahhutname {
                sha256: hex::encode(taahhutname.sha256),
                version: taahhutname.version.clone(),
            },
        };
        let bytes =
            serde_json::to_vec(&wire).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        Ok(SigningDocument {
            application_reference,
            tckn,
            applicant_name,
            form,
            taahhutname,
            nonce,
            bytes,
        })
    }

    /// Reads document bytes (e.g. in the signing app) and accepts them only if they are exactly
    /// the canonical bytes [`SigningDocument::new`] would make from their content.
    pub fn parse(bytes: &[u8]) -> Result<SigningDocument, DocumentError> {
        let malformed = |what: &str| DocumentError::Malformed(what.to_owned());
        let wire: Wire =
            serde_json::from_slice(bytes).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        if wire.format != DOCUMENT_FORMAT {
            return Err(malformed("unknown format"));
        }
        if wire.statement != APPROVAL_STATEMENT {
            return Err(malformed("unknown statement"));
        }
        let application_reference = ApplicationRef::parse(&wire.application_reference)
            .map_err(|_| malformed("application reference"))?;
        let tckn = Tckn::parse(&wire.applicant.tckn).map_err(|_| malformed("tckn"))?;
        let applicant_name =
            PersonName::parse(&wire.applicant.name).map_err(|_| malformed("applicant name"))?;
        let form = FormData::from_pairs(wire.form)?;
        let sha256 =
            parse_hex32(&wire.taahhutname.sha256).ok_or_else(|| malformed("taahhutname sha256"))?;
        let taahhutname = TaahhutnameRef::new(&wire.taahhutname.version, sha256)?;
        let nonce = SigningNonce::parse_hex(&wire.nonce).ok_or_else(|| malformed("nonce"))?;
        let document = SigningDocument::new(
            application_reference,
            tckn,
            applicant_name,
            form,
            taahhutname,
            nonce,
        )?;
        if document.bytes != bytes {
            return Err(DocumentError::NotCanonical);
        }
        Ok(document)
    }

    /// The bytes to sign.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// SHA-256 of the bytes: what the CMS messageDigest must equal.
    pub fn digest(&self) -> [u8; 32] {
        Sha256::digest(&self.bytes).into()
    }

    /// The digest as lower-case hex, e.g. for the signing app to show.
    pub fn digest_hex(&self) -> String {
        hex::encode(self.digest())
    }

    pub fn application_reference(&self) -> &ApplicationRef {
        &self.application_reference
    }

    pub fn tckn(&self) -> &Tckn {
        &self.tckn
    }

    pub fn applicant_name(&self) -> &PersonName {
        &self.applicant_name
    }

    pub fn form(&self) -> &FormData {
        &self.form
    }

    pub fn taahhutname(&self) -> &TaahhutnameRef {
        &self.taahhutname
    }

    pub fn nonce(&self) -> &SigningNonce {
        &self.nonce
    }
}

impl fmt::Debug for SigningDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Personal data stays out of logs: reference, masked TCKN and digest only.
        f.debug_struct("SigningDocument")
            .field("application_reference", &self.application_reference)
            .field("tckn", &self.tckn)
            .field("digest", &self.digest_hex())
            .finish_non_exhaustive()
    }
}

/// What a signing session can ask a person to sign: an application's approval or a login.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signable {
    Approval(SigningDocument),
    Login(login::LoginDocument),
}

/// Just the `format` member, to tell the two documents apart before reading one strictly.
#[derive(Deserialize)]
struct FormatOnly {
    format: String,
}

impl Signable {
    /// Reads document bytes of either kind, canonical form only.
    pub fn parse(bytes: &[u8]) -> Result<Signable, DocumentError> {
        let head: FormatOnly =
            serde_json::from_slice(bytes).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        match head.format.as_str() {
            DOCUMENT_FORMAT => SigningDocument::parse(bytes).map(Signable::Approval),
            login::LOGIN_DOCUMENT_FORMAT => login::LoginDocument::parse(bytes).map(Signable::Login),
            _ => Err(DocumentError::Malformed("unknown format".to_owned())),
        }
    }

    /// The bytes to sign.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Signable::Approval(document) => document.as_bytes(),
            Signable::Login(document) => document.as_bytes(),
        }
    }

    /// SHA-256 of the bytes as lower-case hex.
    pub fn digest_hex(&self) -> String {
        match self {
            Signable::Approval(document) => document.digest_hex(),
            Signable::Login(document) => document.digest_hex(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn document_with(form: FormData, nonce: [u8; 32]) -> SigningDocument {
        SigningDocument::new(
            ApplicationRef::parse("NES-2026-000042").unwrap(),
            Tckn::parse("10000000146").unwrap(),
            PersonName::parse("AYŞE YILMAZ").unwrap(),
            form,
            TaahhutnameRef::for_text("2026-1", "Taahhütname metni").unwrap(),
            SigningNonce::from_bytes(nonce),
        )
        .unwrap()
    }

    fn sample_form() -> FormData {
        FormData::from_pairs([("email", "ayse@example.org"), ("delivery.city", "Ankara")]).unwrap()
    }

    #[test]
    fn the_same_content_always_gives_the_same_bytes() {
        let a = document_with(sample_form(), [7; 32]);
        let b = document_with(
            FormData::from_pairs([("delivery.city", "Ankara"), ("email", "ayse@example.org")])
                .unwrap(),
            [7; 32],
        );
        assert_eq!(a.as_bytes(), b.as_bytes());
        assert_eq!(a.digest(), b.digest());
    }

    #[test]
    fn the_bytes_are_sorted_compact_json() {
        let document = document_with(sample_form(), [0; 32]);
        let text = std::str::from_utf8(document.as_bytes()).unwrap();
        assert!(text.starts_with(
            "{\"applicant\":{\"name\":\"AYŞE YILMAZ\",\"tckn\":\"10000000146\"},\
             \"application_reference\":\"NES-2026-000042\",\
             \"form\":{\"delivery.city\":\"Ankara\",\"email\":\"ayse@example.org\"},\
             \"format\":\"kamusm-nes-approval/1\",\"nonce\":\"0000"
        ));
        assert!(text.ends_with("\"version\":\"2026-1\"}}"));
        assert!(!text.contains('\n'));
    }

    #[test]
    fn a_different_nonce_gives_a_different_digest() {
        let a = document_with(sample_form(), [1; 32]);
        let b = document_with(sample_form(), [2; 32]);
        assert_ne!(a.digest(), b.digest());
    }

    #[test]
    fn parsing_the_bytes_gives_back_the_same_document() {
        let document = document_with(sample_form(), [9; 32]);
        let parsed = SigningDocument::parse(document.as_bytes()).unwrap();
        assert_eq!(parsed, document);
        assert_eq!(parsed.form().get("email"), Some("ayse@example.org"));
        assert_eq!(parsed.taahhutname().version(), "2026-1");
    }

    #[test]
    fn parsing_refuses_bytes_that_are_not_canonical() {
        let document = document_with(sample_form(), [9; 32]);
        let pretty: serde_json::Value = serde_json::from_slice(document.as_bytes()).unwrap();
        let pretty = serde_json::to_vec_pretty(&pretty).unwrap();
        assert_eq!(
            SigningDocument::parse(&pretty),
            Err(DocumentError::NotCanonical)
        );
    }

    #[test]
    fn parsing_refuses_unknown_members() {
        let document = document_with(sample_form(), [9; 32]);
        let text = std::str::from_utf8(document.as_bytes()).unwrap();
        let extended = text.replacen('{', "{\"extra\":\"x\",", 1);
        assert!(matches!(
            SigningDocument::parse(extended.as_bytes()),
            Err(DocumentError::Malformed(_))
        ));
    }

    #[test]
    fn form_values_with_quotes_and_newlines_survive_a_round_trip() {
        let form = FormData::from_pairs([("note", "a \"quoted\"\nline\t\u{1}")]).unwrap();
        let document = document_with(form, [3; 32]);
        let parsed = SigningDocument::parse(document.as_bytes()).unwrap();
        assert_eq!(parsed.form().get("note"), Some("a \"quoted\"\nline\t\u{1}"));
    }

    #[test]
    fn form_keys_must_be_lower_case_ascii() {
        let mut form = FormData::new();
        assert_eq!(
            form.insert("E-posta", "x"),
            Err(DocumentError::InvalidFormKey)
        );
        assert_eq!(form.insert("", "x"), Err(DocumentError::InvalidFormKey));
        assert_eq!(
            form.insert("şehir", "x"),
            Err(DocumentError::InvalidFormKey)
        );
        assert!(form.insert("delivery.postal_code-2", "x").is_ok());
    }

    #[test]
    fn a_form_key_may_appear_only_once() {
        assert_eq!(
            FormData::from_pairs([("email", "a"), ("email", "b")]),
            Err(DocumentError::DuplicateFormKey)
        );
    }

    #[test]
    fn a_taahhutname_version_has_no_spaces() {
        assert_eq!(
            TaahhutnameRef::new("v 1", [0; 32]),
            Err(DocumentError::InvalidTaahhutnameVersion)
        );
        assert!(TaahhutnameRef::new("v1", [0; 32]).is_ok());
    }

    #[test]
    fn a_nonce_reads_back_from_its_hex() {
        let nonce = SigningNonce::random();
        assert_eq!(SigningNonce::parse_hex(&nonce.to_hex()), Some(nonce));
        assert_eq!(
            SigningNonce::parse_hex(&nonce.to_hex().to_uppercase()),
            None
        );
        assert_eq!(SigningNonce::parse_hex("00"), None);
    }

    #[test]
    fn an_approval_document_reads_as_an_approval_and_nothing_else_does() {
        let document = document_with(sample_form(), [5; 32]);
        assert_eq!(
            Signable::parse(document.as_bytes()),
            Ok(Signable::Approval(document.clone()))
        );
        assert!(login::LoginDocument::parse(document.as_bytes()).is_err());
        assert!(Signable::parse(br#"{"format":"kamusm-nes-other/1"}"#).is_err());
        assert!(Signable::parse(b"not json").is_err());
    }

    #[test]
    fn debug_output_shows_neither_the_name_nor_the_whole_tckn() {
        let document = document_with(sample_form(), [0; 32]);
        let debug = format!("{document:?}");
        assert!(!debug.contains("AYŞE"));
        assert!(!debug.contains("10000000146"));
    }
}
