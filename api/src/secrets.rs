//! Keys derived from the one server secret, each for one purpose, so that a key leaked from
//! one use (say, a CSRF token) says nothing about another (the SMS code hashes).

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone)]
pub struct Secrets {
    sms_code_key: [u8; 32],
    csrf_key: [u8; 32],
    outbox_seal_key: [u8; 32],
    totp_seal_key: [u8; 32],
    limit_key: [u8; 32],
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secrets(<redacted>)")
    }
}

impl Secrets {
    pub fn derive(master: &[u8]) -> Secrets {
        Secrets {
            sms_code_key: hmac(master, b"nes/sms-code/v1"),
            csrf_key: hmac(master, b"nes/csrf/v1"),
            outbox_seal_key: hmac(master, b"nes/outbox-seal/v1"),
            totp_seal_key: hmac(master, b"nes/totp-seal/v1"),
            limit_key: hmac(master, b"nes/limit-key/v1"),
        }
    }

    /// Keyed hash of an SMS code bound to its application: a leaked table cannot be
    /// brute-forced without the key, and a code hash is useless for another application.
    pub fn sms_code_hmac(&self, application_id: &str, code: &str) -> String {
        let mut mac = keyed(&self.sms_code_key);
        mac.update(application_id.as_bytes());
        mac.update(b"\0");
        mac.update(code.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The CSRF token of a session: derived from the raw session id, so nothing extra is
    /// stored and the token dies with the session.
    pub fn csrf_token(&self, raw_session_id: &str) -> String {
        let mut mac = keyed(&self.csrf_key);
        mac.update(raw_session_id.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// What a personal value (a phone number) is counted under in the request budgets: the
    /// budget table never holds the number itself.
    pub fn limit_key(&self, value: &str) -> String {
        hex::encode(hmac(&self.limit_key, value.as_bytes()))
    }

    pub fn outbox_seal_key(&self) -> &[u8; 32] {
        &self.outbox_seal_key
    }

    /// Seals staff members' TOTP secrets, which must be read back (not hashed) to check codes.
    pub fn totp_seal_key(&self) -> &[u8; 32] {
        &self.totp_seal_key
    }
}

fn keyed(key: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length; the error case cannot happen.
    match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = keyed(key);
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// SHA-256 as lower-case hex: for tokens with enough entropy of their own (session ids,
/// API keys, OAuth `state`), a plain hash is enough to keep the stored form useless.
pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A fresh random token of 256 bits, URL-safe.
pub fn random_token() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
