//! The document a person signs to log in to Online İşlemler with their NES: deterministic
//! bytes, in the same canonical JSON as the approval document (sorted keys, strings only, no
//! insignificant whitespace):
//!
//! ```json
//! {"format":"kamusm-nes-login/1","issued_at":"2026-11-26T09:30:00Z","nonce":"<64 hex digits>",
//!  "origin":"https://nes.kamusm.gov.tr","purpose":"login",
//!  "statement":"Kamu SM Online İşlemler'e nitelikli elektronik sertifikamla giriş yapıyorum."}
//! ```
//! (shown wrapped; the real bytes are one line).
//!
//! The purpose, the format and the statement differ from the approval document's, so neither
//! document parses as the other: a signature made to log in can never approve an application,
//! and an approval signature can never log anybody in. The server nonce ties a signature to one
//! login challenge, the origin names the site the person logs in to (the signing app refuses a
//! document for another site than the one it talks to), and the time says when it was asked.

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{DocumentError, SigningNonce};

/// The value of the `format` member of a login document.
pub const LOGIN_DOCUMENT_FORMAT: &str = "kamusm-nes-login/1";

/// The value of the `purpose` member: what the signature is for.
pub const LOGIN_PURPOSE: &str = "login";

/// What the person declares by signing; part of the signed bytes.
pub const LOGIN_STATEMENT: &str =
    "Kamu SM Online İşlemler'e nitelikli elektronik sertifikamla giriş yapıyorum.";

/// The longest origin accepted, in bytes.
pub const MAX_ORIGIN_LENGTH: usize = 200;

/// How `issued_at` is written: UTC, whole seconds.
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

/// Serialised layout; fields in key order so that the bytes come out sorted.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    format: String,
    issued_at: String,
    nonce: String,
    origin: String,
    purpose: String,
    statement: String,
}

/// The exact bytes a person signs to log in, and what they say.
#[derive(Clone, PartialEq, Eq)]
pub struct LoginDocument {
    origin: String,
    issued_at: DateTime<Utc>,
    nonce: SigningNonce,
    bytes: Vec<u8>,
}

impl LoginDocument {
    /// The document for one login challenge on the site `origin` (`https://host[:port]`),
    /// asked at `issued_at` (kept to the second).
    pub fn new(
        origin: &str,
        issued_at: DateTime<Utc>,
        nonce: SigningNonce,
    ) -> Result<LoginDocument, DocumentError> {
        if !is_valid_origin(origin) {
            return Err(DocumentError::InvalidOrigin);
        }
        let issued_at = issued_at.trunc_subsecs(0);
        let wire = Wire {
            format: LOGIN_DOCUMENT_FORMAT.to_owned(),
            issued_at: issued_at.format(TIME_FORMAT).to_string(),
            nonce: nonce.to_hex(),
            origin: origin.to_owned(),
            purpose: LOGIN_PURPOSE.to_owned(),
            statement: LOGIN_STATEMENT.to_owned(),
        };
        let bytes =
            serde_json::to_vec(&wire).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        Ok(LoginDocument {
            origin: origin.to_owned(),
            issued_at,
            nonce,
            bytes,
        })
    }

    /// Reads document bytes and accepts them only if they are exactly the canonical bytes
    /// [`LoginDocument::new`] would make from their content.
    pub fn parse(bytes: &[u8]) -> Result<LoginDocument, DocumentError> {
        let malformed = |what: &str| DocumentError::Malformed(what.to_owned());
        let wire: Wire =
            serde_json::from_slice(bytes).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        if wire.format != LOGIN_DOCUMENT_FORMAT {
            return Err(malformed("unknown format"));
        }
        if wire.purpose != LOGIN_PURPOSE {
            return Err(malformed("unknown purpose"));
        }
        if wire.statement != LOGIN_STATEMENT {
            return Err(malformed("unknown statement"));
        }
        let issued_at = NaiveDateTime::parse_from_str(&wire.issued_at, TIME_FORMAT)
            .map_err(|_| malformed("issued_at"))?
            .and_utc();
        let nonce = SigningNonce::parse_hex(&wire.nonce).ok_or_else(|| malformed("nonce"))?;
        let document = LoginDocument::new(&wire.origin, issued_at, nonce)?;
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

    /// The digest as lower-case hex.
    pub fn digest_hex(&self) -> String {
        hex::encode(self.digest())
    }

    /// The site the person logs in to, e.g. `https://nes.kamusm.gov.tr`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// When the login was asked for (whole seconds, UTC).
    pub fn issued_at(&self) -> DateTime<Utc> {
        self.issued_at
    }

    pub fn nonce(&self) -> &SigningNonce {
        &self.nonce
    }
}

impl std::fmt::Debug for LoginDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginDocument")
            .field("origin", &self.origin)
            .field("issued_at", &self.issued_at)
            .field("digest", &self.digest_hex())
            .finish_non_exhaustive()
    }
}

/// `http(s)://host[:port]` in lower case, nothing after the authority: the form browsers give
/// `window.location.origin` and what the signing app compares with its server address.
fn is_valid_origin(origin: &str) -> bool {
    let Some(authority) = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
    else {
        return false;
    };
    origin.len() <= MAX_ORIGIN_LENGTH
        && !authority.is_empty()
        && authority.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'.' | b'-' | b':' | b'[' | b']')
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::document::{Signable, SigningDocument};

    fn at() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 30, 0).unwrap()
    }

    fn document(nonce: u8) -> LoginDocument {
        LoginDocument::new(
            "https://nes.kamusm.gov.tr",
            at(),
            SigningNonce::from_bytes([nonce; 32]),
        )
        .unwrap()
    }

    #[test]
    fn the_bytes_are_sorted_compact_json_naming_the_purpose_the_site_and_the_time() {
        let text = String::from_utf8(document(0).as_bytes().to_vec()).unwrap();
        assert_eq!(
            text,
            format!(
                "{{\"format\":\"kamusm-nes-login/1\",\"issued_at\":\"2026-11-26T09:30:00Z\",\
                 \"nonce\":\"{}\",\"origin\":\"https://nes.kamusm.gov.tr\",\"purpose\":\"login\",\
                 \"statement\":\"{LOGIN_STATEMENT}\"}}",
                "00".repeat(32)
            )
        );
    }

    #[test]
    fn parsing_the_bytes_gives_back_the_same_document() {
        let original = document(7);
        let parsed = LoginDocument::parse(original.as_bytes()).unwrap();
        assert_eq!(parsed, original);
        assert_eq!(parsed.origin(), "https://nes.kamusm.gov.tr");
        assert_eq!(parsed.issued_at(), at());
    }

    #[test]
    fn fractions_of_a_second_are_not_part_of_the_document() {
        let with_millis = at() + chrono::Duration::milliseconds(640);
        let document =
            LoginDocument::new("http://localhost:8080", with_millis, SigningNonce::random())
                .unwrap();
        assert_eq!(document.issued_at(), at());
        assert!(LoginDocument::parse(document.as_bytes()).is_ok());
    }

    #[test]
    fn a_different_nonce_gives_a_different_digest() {
        assert_ne!(document(1).digest(), document(2).digest());
    }

    #[test]
    fn only_a_bare_lower_case_origin_is_accepted() {
        for bad in [
            "nes.kamusm.gov.tr",
            "https://",
            "https://nes.kamusm.gov.tr/",
            "https://nes.kamusm.gov.tr/giris",
            "https://NES.kamusm.gov.tr",
            "ftp://nes.kamusm.gov.tr",
            "https://nes.kamusm.gov.tr?x=1",
        ] {
            assert_eq!(
                LoginDocument::new(bad, at(), SigningNonce::random()),
                Err(DocumentError::InvalidOrigin),
                "{bad}"
            );
        }
        assert!(LoginDocument::new("http://127.0.0.1:8181", at(), SigningNonce::random()).is_ok());
        assert!(LoginDocument::new("http://[::1]:8080", at(), SigningNonce::random()).is_ok());
    }

    #[test]
    fn bytes_that_are_not_canonical_are_refused() {
        let text = String::from_utf8(document(3).as_bytes().to_vec()).unwrap();
        let spaced = text.replacen(',', ", ", 1);
        assert_eq!(
            LoginDocument::parse(spaced.as_bytes()),
            Err(DocumentError::NotCanonical)
        );
        let extended = text.replacen('{', "{\"extra\":\"x\",", 1);
        assert!(matches!(
            LoginDocument::parse(extended.as_bytes()),
            Err(DocumentError::Malformed(_))
        ));
    }

    #[test]
    fn a_login_document_is_not_an_approval_document_and_the_other_way_round() {
        let login = document(4);
        assert!(SigningDocument::parse(login.as_bytes()).is_err());
        assert!(matches!(
            Signable::parse(login.as_bytes()),
            Ok(Signable::Login(parsed)) if parsed == login
        ));
        let purpose_changed = String::from_utf8(login.as_bytes().to_vec())
            .unwrap()
            .replace("\"purpose\":\"login\"", "\"purpose\":\"approval\"");
        assert!(LoginDocument::parse(purpose_changed.as_bytes()).is_err());
    }
}
