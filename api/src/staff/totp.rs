//! The staff second factor: TOTP (RFC 6238) as every authenticator app speaks it — SHA-1,
//! six digits, 30-second steps — accepting one step of clock difference either way.
//!
//! The secret must be read back to check codes, so it is stored sealed (ChaCha20-Poly1305
//! with a key derived from `NES_SECRET_KEY`, the staff id as associated data), never in
//! clear and never logged. A code is accepted once: the step it belongs to is remembered
//! (`totp_last_step`) and a code of that step or an earlier one is refused as replayed.

use std::fmt;

use chrono::{DateTime, Utc};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use rand::RngCore;
use shared::api::staff::TotpEnrolment;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::error::ApiError;
use crate::secrets::constant_time_eq;
use crate::secrets::{SealPurpose, Secrets};

pub const DIGITS: usize = 6;
pub const STEP_SECONDS: u64 = 30;
/// Steps of clock difference accepted either way.
pub const SKEW_STEPS: u64 = 1;
/// 160 bits, the size RFC 4226 recommends for HMAC-SHA-1.
const SECRET_BYTES: usize = 20;
/// Shown by the authenticator app above the code.
pub const ISSUER: &str = "Kamu SM NES";

/// A TOTP secret. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpSecret(Vec<u8>);

impl fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

impl TotpSecret {
    /// 160 fresh bits from the OS's CSPRNG.
    pub fn generate() -> TotpSecret {
        let mut bytes = vec![0u8; SECRET_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        TotpSecret(bytes)
    }

    pub fn from_base32(encoded: &str) -> Option<TotpSecret> {
        Secret::Encoded(encoded.to_owned())
            .to_bytes()
            .ok()
            .filter(|b| b.len() >= 16)
            .map(TotpSecret)
    }

    /// RFC 4648 base32 without padding, as authenticator apps take it.
    pub fn base32(&self) -> String {
        match Secret::Raw(self.0.clone()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => String::new(),
        }
    }

    fn totp(&self, account: &str) -> TOTP {
        // Our parameters are valid (6 digits, 160-bit secret, no ':' in issuer or a checked
        // user name), so the unchecked constructor cannot build a wrong generator.
        TOTP::new_unchecked(
            Algorithm::SHA1,
            DIGITS,
            u8::try_from(SKEW_STEPS).unwrap_or(1),
            STEP_SECONDS,
            self.0.clone(),
            Some(ISSUER.to_owned()),
            account.to_owned(),
        )
    }

    /// The code of one time step.
    pub fn code_at_step(&self, step: u64) -> String {
        self.totp("").generate(step * STEP_SECONDS)
    }

    /// `otpauth://totp/Kamu%20SM%20NES:<username>?secret=…&issuer=…`.
    pub fn otpauth_uri(&self, username: &str) -> String {
        self.totp(&username.replace(':', "_")).get_url()
    }
}

/// The time step `now` falls in.
pub fn step_of(now: DateTime<Utc>) -> u64 {
    u64::try_from(now.timestamp()).unwrap_or(0) / STEP_SECONDS
}

/// What a typed code is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// Valid and new: remember `step` as the last one used.
    Accepted { step: u64 },
    /// Not a code of this secret within the accepted window.
    Invalid,
    /// A valid code of a step already used (or older than it).
    Replayed,
}

/// Checks `code` (six digits, already normalised) against the steps around `now`. Every
/// step in the window is compared, in constant time each, whatever matches first.
pub fn check_code(
    secret: &TotpSecret,
    code: &str,
    now: DateTime<Utc>,
    last_used_step: Option<i64>,
) -> CodeCheck {
    let current = step_of(now);
    let matching: Vec<u64> = (current.saturating_sub(SKEW_STEPS)..=current + SKEW_STEPS)
        .filter(|step| constant_time_eq(&secret.code_at_step(*step), code))
        .collect();
    if matching.is_empty() {
        return CodeCheck::Invalid;
    }
    let last = last_used_step.and_then(|s| u64::try_from(s).ok());
    match matching
        .into_iter()
        .find(|step| last.is_none_or(|last| *step > last))
    {
        Some(step) => CodeCheck::Accepted { step },
        None => CodeCheck::Replayed,
    }
}

/// Accepts what people type: `123 456`, `123-456`.
pub fn normalise_code(typed: &str) -> Option<String> {
    crate::applications::sms::normalise_typed_code(typed)
}

pub fn associated_data(staff_id: &str) -> String {
    format!("staff-totp:{staff_id}")
}

/// The secret sealed for storage in the row of `staff_id`.
pub fn seal_secret(
    secrets: &Secrets,
    staff_id: &str,
    secret: &TotpSecret,
) -> Result<String, ApiError> {
    secrets
        .seal(
            SealPurpose::Totp,
            &associated_data(staff_id),
            &secret.base32(),
        )
        .map_err(|e| ApiError::Internal(format!("cannot seal a TOTP secret: {e}")))
}

/// Opens a sealed secret of `staff_id`; a secret sealed for another row does not open.
pub fn open_secret(
    secrets: &Secrets,
    staff_id: &str,
    sealed: &str,
) -> Result<TotpSecret, ApiError> {
    let base32 = secrets
        .open(SealPurpose::Totp, &associated_data(staff_id), sealed)
        .map_err(|e| ApiError::Internal(format!("cannot open a TOTP secret: {e}")))?;
    TotpSecret::from_base32(&base32)
        .ok_or_else(|| ApiError::Internal("a stored TOTP secret is not base32".into()))
}

/// What the enrolment page shows: the secret, its URI and the URI's QR code, drawn here
/// (no QR service ever sees the secret).
pub fn enrolment(secret: &TotpSecret, username: &str) -> Result<TotpEnrolment, ApiError> {
    let otpauth_uri = secret.otpauth_uri(username);
    let qr_svg = qr_svg(&otpauth_uri)?;
    Ok(TotpEnrolment {
        secret: secret.base32(),
        otpauth_uri,
        qr_svg,
    })
}

/// An SVG QR code, black on white with the quiet zone, about 240 px wide.
pub fn qr_svg(data: &str) -> Result<String, ApiError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| ApiError::Internal(format!("cannot draw the QR code: {e}")))?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    // The XML declaration is of no use inside a page.
    Ok(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 6238 appendix B's SHA-1 secret.
    fn rfc_secret() -> TotpSecret {
        TotpSecret(b"12345678901234567890".to_vec())
    }

    fn at(unix: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(unix, 0).unwrap()
    }

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // 8-digit vectors 94287082 and 07081804, 6 digits kept.
        assert_eq!(rfc_secret().code_at_step(59 / 30), "287082");
        assert_eq!(rfc_secret().code_at_step(1_111_111_109 / 30), "081804");
    }

    #[test]
    fn a_code_one_step_early_or_late_is_accepted() {
        let s = rfc_secret();
        let now = at(1_111_111_109);
        let current = step_of(now);
        for step in [current - 1, current, current + 1] {
            assert_eq!(
                check_code(&s, &s.code_at_step(step), now, None),
                CodeCheck::Accepted { step }
            );
        }
        assert_eq!(
            check_code(&s, &s.code_at_step(current + 2), now, None),
            CodeCheck::Invalid
        );
        assert_eq!(
            check_code(&s, &s.code_at_step(current - 2), now, None),
            CodeCheck::Invalid
        );
    }

    #[test]
    fn a_code_of_a_used_step_is_replayed() {
        let s = rfc_secret();
        let now = at(1_111_111_109);
        let current = step_of(now);
        let code = s.code_at_step(current);
        let used = i64::try_from(current).unwrap();
        assert_eq!(check_code(&s, &code, now, Some(used)), CodeCheck::Replayed);
        // An earlier step's code is no better.
        let older = s.code_at_step(current - 1);
        assert_eq!(check_code(&s, &older, now, Some(used)), CodeCheck::Replayed);
        // The next step's code is new.
        let next = s.code_at_step(current + 1);
        assert_eq!(
            check_code(&s, &next, now, Some(used)),
            CodeCheck::Accepted { step: current + 1 }
        );
    }

    #[test]
    fn a_wrong_code_is_invalid_even_after_a_used_step() {
        let s = rfc_secret();
        assert_eq!(
            check_code(&s, "000000", at(1_111_111_109), Some(1)),
            CodeCheck::Invalid
        );
    }

    #[test]
    fn a_secret_round_trips_through_base32_and_the_seal() {
        let key = Secrets::derive(b"a-test-secret-of-at-least-32-characters");
        let secret = TotpSecret::generate();
        assert_eq!(secret.base32().len(), 32);
        assert_eq!(
            TotpSecret::from_base32(&secret.base32()),
            Some(secret.clone())
        );
        let sealed = seal_secret(&key, "staff-1", &secret).unwrap();
        assert!(!sealed.contains(&secret.base32()));
        assert_eq!(open_secret(&key, "staff-1", &sealed).unwrap(), secret);
        assert!(open_secret(&key, "staff-2", &sealed).is_err());
    }

    #[test]
    fn the_enrolment_uri_names_the_issuer_and_the_account() {
        let secret = TotpSecret::generate();
        let e = enrolment(&secret, "ayse.yilmaz").unwrap();
        assert!(e
            .otpauth_uri
            .starts_with("otpauth://totp/Kamu%20SM%20NES:ayse.yilmaz?"));
        assert!(e
            .otpauth_uri
            .contains(&format!("secret={}", secret.base32())));
        assert!(e.qr_svg.starts_with("<svg"));
        assert!(e.qr_svg.ends_with("</svg>"));
    }

    #[test]
    fn typed_codes_may_have_spaces() {
        assert_eq!(normalise_code("123 456").as_deref(), Some("123456"));
        assert_eq!(normalise_code("12345"), None);
    }

    #[test]
    fn a_secret_does_not_show_in_debug_output() {
        let secret = TotpSecret::generate();
        assert!(!format!("{secret:?}").contains(&secret.base32()));
    }
}
