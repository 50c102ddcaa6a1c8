//! Staff passwords: argon2id (RFC 9106 / OWASP parameters, the `argon2` crate's defaults) in
//! PHC string format. Hashing and verifying take tens of milliseconds of CPU, so callers run
//! them on the blocking pool (`AppState::db` or `web::block`), never on the async executor.
//!
//! An unknown user name is verified against a dummy hash made once with the same parameters:
//! a wrong user name costs the same time as a wrong password and says nothing about who
//! exists.

use std::fmt;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::Rng;

use crate::error::ApiError;

/// A password as typed. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(typed: impl Into<String>) -> Password {
        Password(typed.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// The stored form: an argon2id PHC string (algorithm, parameters, salt and hash).
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHashString(String);

impl PasswordHashString {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PasswordHashString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PasswordHashString(<redacted>)")
    }
}

/// Words every guesser of a Kamu SM or public-sector password tries first, beyond zxcvbn's
/// own (English) lists of common passwords, names and words.
const LOCAL_GUESSES: &[&str] = &[
    "kamusm",
    "kamu",
    "tubitak",
    "bilgem",
    "nes",
    "eimza",
    "e-imza",
    "imza",
    "sertifika",
    "parola",
    "sifre",
    "şifre",
    "personel",
    "kurum",
    "turkiye",
    "türkiye",
    "ankara",
    "istanbul",
    "izmir",
    "galatasaray",
    "fenerbahce",
    "fenerbahçe",
    "besiktas",
    "beşiktaş",
    "trabzonspor",
    "qwerty",
    "asdfgh",
    "123456",
    "mustafa",
    "mehmet",
    "ahmet",
    "ayse",
    "ayşe",
    "fatma",
];

/// The lowest zxcvbn score accepted: 3 is "safely unguessable" (about 10^10 guesses), the
/// level its authors recommend where an offline attack on slow hashes is the threat.
const MIN_STRENGTH: u8 = 3;

/// Why a new password is refused: the length rules of `shared` (which the browser checks
/// too), then the strength estimate of zxcvbn against its lists of common passwords, words
/// and names, the user's own name and [`LOCAL_GUESSES`] (`password_too_weak`). Run where
/// the password is chosen; never on login, where any stored password is judged by its hash.
pub fn policy_problem(username: &str, display_name: &str, password: &str) -> Option<&'static str> {
    if let Some(code) = shared::api::staff::password_problem(username, password) {
        return Some(code);
    }
    let mut personal: Vec<String> = vec![username.to_owned()];
    personal.extend(username.split(['.', '_', '-']).map(str::to_owned));
    personal.extend(display_name.split_whitespace().map(str::to_lowercase));
    personal.extend(personal.clone().iter().map(|word| fold_turkish(word)));
    personal.extend(LOCAL_GUESSES.iter().map(|word| (*word).to_owned()));
    personal.retain(|word| word.chars().count() >= 3);
    let inputs: Vec<&str> = personal.iter().map(String::as_str).collect();
    // zxcvbn finds the person's names only as whole words; what is left without them
    // (`ayseyilmaz2026` → `2026`) must be strong on its own.
    let mut rest = fold_turkish(&password.to_lowercase());
    for word in &personal {
        rest = rest.replace(word.as_str(), "");
    }
    let weakest = [password, rest.as_str()]
        .into_iter()
        .map(|candidate| u8::from(zxcvbn::zxcvbn(candidate, &inputs).score()))
        .min()
        .unwrap_or(0);
    (weakest < MIN_STRENGTH).then_some("password_too_weak")
}

/// Turkish letters as people type them on a keyboard without them (`Ayşe` → `ayse`).
fn fold_turkish(word: &str) -> String {
    word.to_lowercase()
        .chars()
        .map(|c| match c {
            'ş' => 's',
            'ı' => 'i',
            'ğ' => 'g',
            'ü' => 'u',
            'ö' => 'o',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

/// Hashes `password` with a fresh random salt. Blocking.
pub fn hash_password(password: &Password) -> Result<PasswordHashString, ApiError> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| PasswordHashString(hash.to_string()))
        .map_err(|e| ApiError::Internal(format!("password hashing failed: {e}")))
}

/// Whether `password` matches `stored`; with no stored hash (unknown user) the same work is
/// done against the dummy hash and the answer is no. Blocking.
pub fn verify_password(stored: Option<&str>, password: &Password) -> bool {
    let hash = stored.unwrap_or_else(|| dummy_hash());
    let Ok(parsed) = PasswordHash::new(hash) else {
        tracing::error!("a stored password hash is not a PHC string");
        return false;
    };
    let matches = Argon2::default()
        .verify_password(password.expose().as_bytes(), &parsed)
        .is_ok();
    matches && stored.is_some()
}

/// The hash of a random password nobody knows, made once per process.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let unknowable = Password::new(random_password());
        hash_password(&unknowable)
            .map(|h| h.0)
            // Hashing a fresh random password cannot fail with valid parameters; should it
            // ever, a fixed valid PHC string of the same parameters keeps the timing.
            .unwrap_or_else(|_| FALLBACK_DUMMY.to_owned())
    })
}

const FALLBACK_DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$\
    0M0s5rdD3v/5Xb3Vh+Nl0bP5kJ7GZz3aP7/WbQk3Xh0";

/// A random initial password (for an operator to hand over) and its hash. Blocking.
pub fn initial_password() -> Result<(String, PasswordHashString), ApiError> {
    let initial = random_password();
    let hash = hash_password(&Password::new(initial.clone()))?;
    Ok((initial, hash))
}

/// The alphabet of initial passwords: no 0/O, 1/l/I, so they can be read out and typed.
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const PASSWORD_GROUPS: usize = 5;
const PASSWORD_GROUP_LENGTH: usize = 4;

/// A random initial password like `k7Rm-pQ2x-…`: 20 characters from 56 (≈ 116 bits), in
/// groups of four for reading out; 24 characters in all, above the minimum length.
pub fn random_password() -> String {
    let mut rng = rand::rngs::OsRng;
    (0..PASSWORD_GROUPS)
        .map(|_| {
            (0..PASSWORD_GROUP_LENGTH)
                .map(|_| {
                    let i = rng.gen_range(0..PASSWORD_ALPHABET.len());
                    char::from(PASSWORD_ALPHABET.get(i).copied().unwrap_or(b'x'))
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_in_phc_form_and_verifies_only_its_password() {
        let hash = hash_password(&Password::new("doğru at pil zımba")).unwrap();
        assert!(hash.as_str().starts_with("$argon2id$v=19$"));
        assert!(verify_password(
            Some(hash.as_str()),
            &Password::new("doğru at pil zımba")
        ));
        assert!(!verify_password(
            Some(hash.as_str()),
            &Password::new("doğru at pil zımbа")
        ));
    }

    #[test]
    fn the_same_password_hashes_differently_each_time() {
        let p = Password::new("bir parola daha uzun");
        assert_ne!(hash_password(&p).unwrap(), hash_password(&p).unwrap());
    }

    #[test]
    fn an_unknown_user_never_verifies() {
        assert!(!verify_password(None, &Password::new("anything at all")));
    }

    #[test]
    fn the_dummy_hash_has_the_parameters_of_real_hashes() {
        let real = hash_password(&Password::new("bir parola daha uzun")).unwrap();
        let params = |h: &str| h.split('$').nth(3).unwrap().to_owned();
        assert_eq!(params(dummy_hash()), params(real.as_str()));
        assert!(PasswordHash::new(FALLBACK_DUMMY).is_ok());
    }

    #[test]
    fn initial_passwords_are_long_random_and_pass_the_policy() {
        let a = random_password();
        assert_eq!(a.chars().count(), 24);
        assert_ne!(a, random_password());
        assert_eq!(shared::api::staff::password_problem("ali", &a), None);
    }

    #[test]
    fn common_or_personal_passwords_are_too_weak_even_when_long() {
        for weak in [
            "aaaaaaaaaaaa",
            "123456789012",
            "password1234",
            "galatasaray1905",
            "ayseyilmaz2026",
            "AyşeYılmaz.1985",
            "ayse.yilmaz.2026",
            "qwertyuiopasdf",
        ] {
            assert_eq!(
                policy_problem("ayse.yilmaz", "Ayşe Yılmaz", weak),
                Some("password_too_weak"),
                "{weak} accepted"
            );
        }
        for strong in ["doğru at pil zımba", "mavi kayık sabah yedide kalkar"] {
            assert_eq!(policy_problem("ayse.yilmaz", "Ayşe Yılmaz", strong), None);
        }
        assert_eq!(
            policy_problem("ali", "Ali", "kısa"),
            Some("password_too_short")
        );
        assert_eq!(policy_problem("ali", "Ali", &random_password()), None);
    }

    #[test]
    fn passwords_do_not_show_in_debug_output() {
        let p = Password::new("gizli parola burada");
        assert!(!format!("{p:?}").contains("gizli"));
        let h = hash_password(&p).unwrap();
        assert!(!format!("{h:?}").contains("argon2"));
    }
}
