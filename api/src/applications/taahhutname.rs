//! The certificate holder's commitment ("Nitelikli Elektronik Sertifika Sahibi
//! Taahhütnamesi"). Each wording is a version; the applicant approves one version by sending
//! back its SHA-256, so what they read is provably what they accepted.

use std::sync::OnceLock;

use shared::api::Taahhutname;

use crate::secrets::sha256_hex;

pub const CURRENT_VERSION: &str = "2026.1";
const TITLE: &str = "Nitelikli Elektronik Sertifika Sahibi Taahhütnamesi";
const TEXT: &str = include_str!("taahhutname-2026.1.tr.txt");

pub fn current() -> &'static Taahhutname {
    static CURRENT: OnceLock<Taahhutname> = OnceLock::new();
    CURRENT.get_or_init(|| Taahhutname {
        version: CURRENT_VERSION.to_owned(),
        title: TITLE.to_owned(),
        text: TEXT.to_owned(),
        sha256: sha256_hex(TEXT.as_bytes()),
    })
}

/// Whether the applicant's claim names the current text exactly.
pub fn matches_current(version: &str, sha256: &str) -> bool {
    let current = current();
    version.trim() == current.version && sha256.trim().eq_ignore_ascii_case(&current.sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_sha256_of_the_text() {
        let t = current();
        assert_eq!(t.sha256, sha256_hex(t.text.as_bytes()));
        assert_eq!(t.sha256.len(), 64);
    }

    #[test]
    fn another_version_or_hash_does_not_match() {
        let t = current();
        assert!(matches_current(&t.version, &t.sha256.to_uppercase()));
        assert!(!matches_current("2025.9", &t.sha256));
        assert!(!matches_current(&t.version, &"0".repeat(64)));
    }
}
