//! Keys derived from the one server secret, each for one purpose, so that a key leaked from
//! one use (say, a CSRF token) says nothing about another (the SMS code hashes).
//!
//! The secret can be rotated: `NES_SECRET_KEY` is the current one, `NES_SECRET_KEY_PREVIOUS`
//! the one being retired. Sealed values carry the id of the key that sealed them
//! (`<key id>.<sealed>`) and open with that key; CSRF tokens and SMS codes made under the
//! previous secret are still accepted; everything new is made under the current one.
//! `nes-admin reseal-secrets` re-seals what the previous key sealed, after which it can go.

use std::fmt;

use crate::notify::seal::{self, SealError};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

#[derive(Clone)]
pub struct Secrets {
    /// Names the master secret without revealing it (an HMAC of it), in sealed values.
    key_id: String,
    /// HMAC keys kept as the hash's state after the key (the key's two blocks hashed once,
    /// not again for every token a request checks).
    sms_code_mac: HmacSha256,
    csrf_mac: HmacSha256,
    outbox_seal_key: [u8; 32],
    totp_seal_key: [u8; 32],
    webhook_seal_key: [u8; 32],
    limit_mac: HmacSha256,
    /// The keys of the secret being retired, still accepted.
    previous: Option<Box<Secrets>>,
}

/// What a sealed value is: each kind has its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealPurpose {
    /// A sensitive outbox body (it carries an SMS code); associated data: the message id.
    Outbox,
    /// A staff member's TOTP secret; associated data: the staff id.
    Totp,
    /// A webhook endpoint's signing secret; associated data: the endpoint id.
    WebhookSecret,
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secrets(<redacted>)")
    }
}

impl Secrets {
    pub fn derive(master: &[u8]) -> Secrets {
        Secrets {
            key_id: hex(&hmac(master, b"nes/key-id/v1")[..4]),
            previous: None,
            sms_code_mac: keyed(&hmac(master, b"nes/sms-code/v1")),
            csrf_mac: keyed(&hmac(master, b"nes/csrf/v1")),
            outbox_seal_key: hmac(master, b"nes/outbox-seal/v1"),
            totp_seal_key: hmac(master, b"nes/totp-seal/v1"),
            webhook_seal_key: hmac(master, b"nes/webhook-seal/v1"),
            limit_mac: keyed(&hmac(master, b"nes/limit-key/v1")),
        }
    }

    /// These keys, still accepting what the secret `previous` made.
    pub fn with_previous(mut self, previous: &[u8]) -> Secrets {
        self.previous = Some(Box::new(Secrets::derive(previous)));
        self
    }

    /// The current secret's id (8 hex digits).
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The current keys, then the previous ones.
    fn all(&self) -> impl Iterator<Item = &Secrets> {
        std::iter::once(self).chain(self.previous.as_deref())
    }

    fn seal_key(&self, purpose: SealPurpose) -> &[u8; 32] {
        match purpose {
            SealPurpose::Outbox => &self.outbox_seal_key,
            SealPurpose::Totp => &self.totp_seal_key,
            SealPurpose::WebhookSecret => &self.webhook_seal_key,
        }
    }

    /// Seals `plaintext` under the current key, bound to `associated` (the row's id).
    pub fn seal(
        &self,
        purpose: SealPurpose,
        associated: &str,
        plaintext: &str,
    ) -> Result<String, SealError> {
        let sealed = seal::seal(self.seal_key(purpose), associated, plaintext)?;
        Ok(format!("{}.{sealed}", self.key_id))
    }

    /// Opens a value sealed under the current or the previous key (a value sealed before
    /// key ids existed is tried with both).
    pub fn open(
        &self,
        purpose: SealPurpose,
        associated: &str,
        stored: &str,
    ) -> Result<String, SealError> {
        match stored.split_once('.') {
            Some((key_id, sealed)) => {
                let keys = self
                    .all()
                    .find(|keys| keys.key_id == key_id)
                    .ok_or(SealError::UnknownKey)?;
                seal::open(keys.seal_key(purpose), associated, sealed)
            }
            None => self
                .all()
                .map(|keys| seal::open(keys.seal_key(purpose), associated, stored))
                .find(Result::is_ok)
                .unwrap_or(Err(SealError::Open)),
        }
    }

    /// Whether `stored` was sealed under the current key (else `reseal-secrets` redoes it).
    pub fn sealed_with_current_key(&self, stored: &str) -> bool {
        stored
            .split_once('.')
            .is_some_and(|(key_id, _)| key_id == self.key_id)
    }

    /// Whether `sent` is the CSRF token of the session under the current or previous secret.
    pub fn csrf_token_matches(&self, raw_session_id: &str, sent: &str) -> bool {
        self.all()
            .any(|keys| constant_time_eq(sent, &keys.csrf_token(raw_session_id)))
    }

    /// Whether `code` is the one whose keyed hash was stored, under either secret.
    pub fn sms_code_matches(&self, application_id: &str, code: &str, stored_hmac: &str) -> bool {
        self.all()
            .any(|keys| constant_time_eq(&keys.sms_code_hmac(application_id, code), stored_hmac))
    }

    /// Keyed hash of an SMS code bound to its application: a leaked table cannot be
    /// brute-forced without the key, and a code hash is useless for another application.
    pub fn sms_code_hmac(&self, application_id: &str, code: &str) -> String {
        let mut mac = self.sms_code_mac.clone();
        mac.update(application_id.as_bytes());
        mac.update(b"\0");
        mac.update(code.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// The CSRF token of a session: derived from the raw session id, so nothing extra is
    /// stored and the token dies with the session.
    pub fn csrf_token(&self, raw_session_id: &str) -> String {
        let mut mac = self.csrf_mac.clone();
        mac.update(raw_session_id.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    /// What a personal value (a phone number) is counted under in the request budgets: the
    /// budget table never holds the number itself.
    pub fn limit_key(&self, value: &str) -> String {
        let mut mac = self.limit_mac.clone();
        mac.update(value.as_bytes());
        hex(&mac.finalize().into_bytes())
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
    hex(&Sha256::digest(data))
}

/// `bytes` as lower-case hex. `hex::encode` collects its digits one `char` at a time, a
/// tenth of a session read's CPU when every request hashed its cookie through it.
pub fn hex(bytes: &[u8]) -> String {
    let mut digits = vec![0; bytes.len() * 2];
    if hex::encode_to_slice(bytes, &mut digits).is_err() {
        unreachable!("the buffer holds two digits a byte");
    }
    String::from_utf8(digits).unwrap_or_else(|_| unreachable!("hex digits are ASCII"))
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const OLD: &[u8] = b"the-secret-being-retired-0123456789abcdef";
    const NEW: &[u8] = b"the-secret-now-in-use-0123456789abcdef012";

    #[test]
    fn a_value_sealed_under_the_previous_secret_opens_while_it_is_kept() {
        let old = Secrets::derive(OLD);
        let sealed = old
            .seal(SealPurpose::Totp, "staff-1", "JBSWY3DPEHPK3PXP")
            .unwrap();
        assert!(sealed.starts_with(&format!("{}.", old.key_id())));

        let rotated = Secrets::derive(NEW).with_previous(OLD);
        assert_eq!(
            rotated.open(SealPurpose::Totp, "staff-1", &sealed).unwrap(),
            "JBSWY3DPEHPK3PXP"
        );
        assert!(!rotated.sealed_with_current_key(&sealed));
        let resealed = rotated
            .seal(SealPurpose::Totp, "staff-1", "JBSWY3DPEHPK3PXP")
            .unwrap();
        assert!(rotated.sealed_with_current_key(&resealed));

        let without_previous = Secrets::derive(NEW);
        assert_eq!(
            without_previous.open(SealPurpose::Totp, "staff-1", &sealed),
            Err(SealError::UnknownKey)
        );
        assert_eq!(
            without_previous
                .open(SealPurpose::Totp, "staff-1", &resealed)
                .unwrap(),
            "JBSWY3DPEHPK3PXP"
        );
    }

    #[test]
    fn a_value_sealed_before_key_ids_opens_with_either_secret() {
        let legacy = seal::seal(&Secrets::derive(OLD).totp_seal_key, "staff-1", "X").unwrap();
        let rotated = Secrets::derive(NEW).with_previous(OLD);
        assert_eq!(
            rotated.open(SealPurpose::Totp, "staff-1", &legacy).unwrap(),
            "X"
        );
        assert!(Secrets::derive(NEW)
            .open(SealPurpose::Totp, "staff-1", &legacy)
            .is_err());
    }

    #[test]
    fn each_purpose_and_row_has_its_own_key_and_binding() {
        let keys = Secrets::derive(NEW);
        let sealed = keys
            .seal(SealPurpose::Outbox, "msg-1", "kod 123456")
            .unwrap();
        assert!(keys.open(SealPurpose::Totp, "msg-1", &sealed).is_err());
        assert!(keys.open(SealPurpose::Outbox, "msg-2", &sealed).is_err());
    }

    #[test]
    fn keyed_hashes_from_the_kept_state_are_those_of_the_key() {
        let keys = Secrets::derive(NEW);
        let csrf = hmac(&hmac(NEW, b"nes/csrf/v1"), b"raw-session");
        assert_eq!(keys.csrf_token("raw-session"), hex::encode(csrf));
        // The kept state is cloned, never fed: a second token is not the first run on.
        assert_eq!(keys.csrf_token("raw-session"), hex::encode(csrf));
        let limit = hmac(&hmac(NEW, b"nes/limit-key/v1"), b"+905321234567");
        assert_eq!(keys.limit_key("+905321234567"), hex::encode(limit));
        let code = hmac(&hmac(NEW, b"nes/sms-code/v1"), b"app-1\x00123456");
        assert_eq!(keys.sms_code_hmac("app-1", "123456"), hex::encode(code));
    }

    #[test]
    fn hex_is_lower_case_two_digits_a_byte() {
        assert_eq!(hex(&[0x00, 0x0a, 0xab, 0xff]), "000aabff");
        assert_eq!(hex(&[]), "");
        assert_eq!(sha256_hex(b"abc"), hex::encode(Sha256::digest(b"abc")));
    }

    #[test]
    fn csrf_tokens_and_sms_codes_of_the_previous_secret_are_still_accepted() {
        let old = Secrets::derive(OLD);
        let rotated = Secrets::derive(NEW).with_previous(OLD);
        let token = old.csrf_token("raw-session");
        assert!(rotated.csrf_token_matches("raw-session", &token));
        assert!(!Secrets::derive(NEW).csrf_token_matches("raw-session", &token));
        let stored = old.sms_code_hmac("app-1", "123456");
        assert!(rotated.sms_code_matches("app-1", "123456", &stored));
        assert!(!rotated.sms_code_matches("app-1", "654321", &stored));
    }

    #[test]
    fn the_key_id_names_the_secret_without_revealing_it() {
        let id = Secrets::derive(NEW).key_id().to_owned();
        assert_eq!(id.len(), 8);
        assert_ne!(id, Secrets::derive(OLD).key_id());
        assert!(!String::from_utf8_lossy(NEW).contains(&id));
    }
}
