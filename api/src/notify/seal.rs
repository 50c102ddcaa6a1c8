//! Sealing of sensitive outbox bodies: ChaCha20-Poly1305 with a random 96-bit nonce, stored as
//! base64 of nonce ‖ ciphertext. The message id is the associated data, so a sealed body copied
//! onto another row does not open.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;

const NONCE_LEN: usize = 12;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the sealed body cannot be encrypted")]
    Encrypt,
    #[error("the sealed body is not valid base64 or too short")]
    Malformed,
    /// Wrong key (the server secret changed), or the stored text was altered.
    #[error("the sealed body does not open with the current key")]
    Open,
    /// Sealed under a secret that is neither the current nor the previous one.
    #[error("the sealed body names a key this server does not have")]
    UnknownKey,
}

pub fn seal(key: &[u8; 32], message_id: &str, plaintext: &str) -> Result<String, SealError> {
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let mut nonce = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext.as_bytes(),
                aad: message_id.as_bytes(),
            },
        )
        .map_err(|_| SealError::Encrypt)?;
    let mut stored = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    stored.extend_from_slice(&nonce);
    stored.extend_from_slice(&ciphertext);
    Ok(STANDARD.encode(stored))
}

pub fn open(key: &[u8; 32], message_id: &str, sealed: &str) -> Result<String, SealError> {
    let bytes = STANDARD.decode(sealed).map_err(|_| SealError::Malformed)?;
    if bytes.len() < NONCE_LEN {
        return Err(SealError::Malformed);
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let plaintext = cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ciphertext,
                aad: message_id.as_bytes(),
            },
        )
        .map_err(|_| SealError::Open)?;
    String::from_utf8(plaintext).map_err(|_| SealError::Open)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const KEY: [u8; 32] = [7; 32];

    #[test]
    fn a_sealed_body_opens_with_the_same_key_and_id() {
        let sealed = seal(&KEY, "id-1", "kodunuz: 123456").unwrap();
        assert!(!sealed.contains("123456"));
        assert_eq!(open(&KEY, "id-1", &sealed).unwrap(), "kodunuz: 123456");
    }

    #[test]
    fn each_seal_uses_a_fresh_nonce() {
        assert_ne!(
            seal(&KEY, "id", "x").unwrap(),
            seal(&KEY, "id", "x").unwrap()
        );
    }

    #[test]
    fn another_key_or_another_row_does_not_open_it() {
        let sealed = seal(&KEY, "id-1", "secret").unwrap();
        assert_eq!(open(&[8; 32], "id-1", &sealed), Err(SealError::Open));
        assert_eq!(open(&KEY, "id-2", &sealed), Err(SealError::Open));
    }

    #[test]
    fn garbage_is_refused() {
        assert_eq!(open(&KEY, "id", "not base64!"), Err(SealError::Malformed));
        assert_eq!(open(&KEY, "id", "AAAA"), Err(SealError::Malformed));
    }
}
