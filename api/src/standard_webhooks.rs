//! The Standard Webhooks signature scheme (<https://www.standardwebhooks.com>), both ways: the
//! webhooks this server sends to institutions are signed with [`sign`], and the callbacks a
//! payment provider sends here are checked with [`verify`]. One scheme, one implementation.
//!
//! A message carries three headers: `webhook-id` (the message's id, the same on every retry),
//! `webhook-timestamp` (Unix seconds) and `webhook-signature` — space-separated `v1,<base64>`
//! entries, each an HMAC-SHA256 over `{id}.{timestamp}.{body}` with one of the endpoint's
//! secrets (more than one while a rotated secret's grace period runs).

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use subtle::ConstantTimeEq;

pub const ID_HEADER: &str = "webhook-id";
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub const SIGNATURE_HEADER: &str = "webhook-signature";

/// How far a message's timestamp may be from our clock, either way (the specification's
/// recommendation): older is a replay, newer a forgery or a wrong clock.
pub const TOLERANCE_SECONDS: i64 = 5 * 60;

const SECRET_PREFIX: &str = "whsec_";
/// 32 random bytes: the HMAC's own block of strength (the specification allows 24–64).
const SECRET_BYTES: usize = 32;

/// A signing secret, `whsec_<base64>`. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    key: Vec<u8>,
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("a signing secret is `whsec_` followed by base64 of 24 to 64 bytes")]
    Malformed,
}

impl Secret {
    pub fn generate() -> Secret {
        let mut key = vec![0u8; SECRET_BYTES];
        rand::thread_rng().fill_bytes(&mut key);
        Secret { key }
    }

    /// `whsec_<base64>`; the bare base64 is accepted too (some providers print it so).
    pub fn parse(text: &str) -> Result<Secret, SecretError> {
        let encoded = text
            .trim()
            .strip_prefix(SECRET_PREFIX)
            .unwrap_or(text.trim());
        let key = BASE64.decode(encoded).map_err(|_| SecretError::Malformed)?;
        if !(24..=64).contains(&key.len()) {
            return Err(SecretError::Malformed);
        }
        Ok(Secret { key })
    }

    /// The text form, shown to the endpoint's owner once and stored sealed.
    pub fn expose(&self) -> String {
        format!("{SECRET_PREFIX}{}", BASE64.encode(&self.key))
    }

    fn mac(&self, id: &str, timestamp: i64, body: &[u8]) -> [u8; 32] {
        #[allow(clippy::expect_used)] // HMAC takes a key of any length.
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.finalize().into_bytes().into()
    }
}

/// The `webhook-signature` value for a message: one `v1,` entry per secret.
pub fn sign(secrets: &[&Secret], id: &str, timestamp: i64, body: &[u8]) -> String {
    secrets
        .iter()
        .map(|secret| format!("v1,{}", BASE64.encode(secret.mac(id, timestamp, body))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why a signed message was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("a webhook-id, webhook-timestamp or webhook-signature header is missing or malformed")]
    MissingHeaders,
    #[error("the message's timestamp is outside the accepted window")]
    OutsideWindow,
    #[error("no signature matches")]
    BadSignature,
}

/// The three headers as received.
#[derive(Debug, Clone, Copy)]
pub struct SignedHeaders<'a> {
    pub id: Option<&'a str>,
    pub timestamp: Option<&'a str>,
    pub signature: Option<&'a str>,
}

impl<'a> SignedHeaders<'a> {
    pub fn from_request(request: &'a actix_web::HttpRequest) -> SignedHeaders<'a> {
        let header = |name| {
            request
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        SignedHeaders {
            id: header(ID_HEADER),
            timestamp: header(TIMESTAMP_HEADER),
            signature: header(SIGNATURE_HEADER),
        }
    }
}

/// A verified message's id and time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub id: String,
    pub timestamp: DateTime<Utc>,
}

/// Checks a message against every secret that is valid now (a rotated one during its grace
/// period included): the timestamp within [`TOLERANCE_SECONDS`] of `now`, and one `v1`
/// signature matching one secret, compared in constant time.
pub fn verify(
    secrets: &[&Secret],
    headers: SignedHeaders<'_>,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Verified, VerifyError> {
    let (Some(id), Some(timestamp), Some(signature)) =
        (headers.id, headers.timestamp, headers.signature)
    else {
        return Err(VerifyError::MissingHeaders);
    };
    if id.is_empty() || id.len() > 256 {
        return Err(VerifyError::MissingHeaders);
    }
    let seconds: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| VerifyError::MissingHeaders)?;
    if (now.timestamp() - seconds).abs() > TOLERANCE_SECONDS {
        return Err(VerifyError::OutsideWindow);
    }
    let sent_at = DateTime::<Utc>::from_timestamp(seconds, 0).ok_or(VerifyError::OutsideWindow)?;
    let offered: Vec<Vec<u8>> = signature
        .split_ascii_whitespace()
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|encoded| BASE64.decode(encoded).ok())
        .collect();
    let matches = secrets.iter().any(|secret| {
        let expected = secret.mac(id, seconds, body);
        offered
            .iter()
            .any(|candidate| bool::from(candidate.as_slice().ct_eq(&expected)))
    });
    if matches {
        Ok(Verified {
            id: id.to_owned(),
            timestamp: sent_at,
        })
    } else {
        Err(VerifyError::BadSignature)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(seconds, 0).unwrap()
    }

    fn headers<'a>(id: &'a str, timestamp: &'a str, signature: &'a str) -> SignedHeaders<'a> {
        SignedHeaders {
            id: Some(id),
            timestamp: Some(timestamp),
            signature: Some(signature),
        }
    }

    /// The example of the specification's reference implementations.
    #[test]
    fn signs_like_the_reference_implementations() {
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = br#"{"test": 2432232314}"#;
        assert_eq!(
            sign(&[&secret], "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
    }

    #[test]
    fn a_message_signed_with_any_valid_secret_verifies_within_the_window() {
        let (old, new) = (Secret::generate(), Secret::generate());
        let signature = sign(&[&new, &old], "msg_1", 1_000, b"{}");
        for secrets in [vec![&old], vec![&new], vec![&old, &new]] {
            let verified = verify(
                &secrets,
                headers("msg_1", "1000", &signature),
                b"{}",
                at(1_299),
            );
            assert_eq!(verified.unwrap().id, "msg_1");
        }
    }

    #[test]
    fn a_changed_body_id_or_time_or_another_secret_is_refused() {
        let secret = Secret::generate();
        let signature = sign(&[&secret], "msg_1", 1_000, b"{}");
        let check = |id, time, body: &[u8], secret: &Secret| {
            verify(&[secret], headers(id, time, &signature), body, at(1_000))
        };
        assert_eq!(
            check("msg_1", "1000", b"{ }", &secret),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(
            check("msg_2", "1000", b"{}", &secret),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(
            check("msg_1", "1001", b"{}", &secret),
            Err(VerifyError::BadSignature)
        );
        assert_eq!(
            check("msg_1", "1000", b"{}", &Secret::generate()),
            Err(VerifyError::BadSignature)
        );
        assert!(check("msg_1", "1000", b"{}", &secret).is_ok());
    }

    #[test]
    fn old_and_future_timestamps_are_refused() {
        let secret = Secret::generate();
        let signature = sign(&[&secret], "msg_1", 1_000, b"{}");
        for now in [1_000 + TOLERANCE_SECONDS + 1, 1_000 - TOLERANCE_SECONDS - 1] {
            assert_eq!(
                verify(
                    &[&secret],
                    headers("msg_1", "1000", &signature),
                    b"{}",
                    at(now)
                ),
                Err(VerifyError::OutsideWindow)
            );
        }
    }

    #[test]
    fn missing_or_malformed_headers_are_refused() {
        let secret = Secret::generate();
        let none = SignedHeaders {
            id: None,
            timestamp: Some("1000"),
            signature: Some("v1,AAAA"),
        };
        assert_eq!(
            verify(&[&secret], none, b"{}", at(1_000)),
            Err(VerifyError::MissingHeaders)
        );
        assert_eq!(
            verify(
                &[&secret],
                headers("m", "soon", "v1,AAAA"),
                b"{}",
                at(1_000)
            ),
            Err(VerifyError::MissingHeaders)
        );
    }

    #[test]
    fn secrets_round_trip_and_bad_ones_are_refused() {
        let secret = Secret::generate();
        assert!(secret.expose().starts_with("whsec_"));
        assert_eq!(Secret::parse(&secret.expose()).unwrap(), secret);
        assert_eq!(Secret::parse("whsec_short"), Err(SecretError::Malformed));
        assert_eq!(Secret::parse("whsec_!!!"), Err(SecretError::Malformed));
        assert!(!format!("{secret:?}").contains(&secret.expose()[6..]));
    }
}
