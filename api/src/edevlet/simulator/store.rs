//! What the simulator remembers between requests: authorization codes (single use, 60 s)
//! and access tokens (300 s), in memory. Time is a parameter of every operation.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use super::citizens::TestCitizen;
use crate::secrets::{constant_time_eq, random_token};

pub const CODE_LIFETIME: Duration = Duration::seconds(60);
pub const TOKEN_LIFETIME: Duration = Duration::seconds(300);

/// What a code was issued for; the token request must match all of it.
struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    citizen: &'static TestCitizen,
    expires_at: DateTime<Utc>,
}

struct TokenGrant {
    citizen: &'static TestCitizen,
    expires_at: DateTime<Utc>,
}

/// The binding of a new code: who approved, for which client, redirect and PKCE challenge.
pub struct CodeRequest<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub code_challenge: &'a str,
    pub citizen: &'static TestCitizen,
}

/// The code exchange as the token endpoint received it.
pub struct Redemption<'a> {
    pub code: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub code_verifier: &'a str,
}

/// Why a code was refused. All are `invalid_grant` on the wire; the detail is for tests
/// and the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantError {
    /// Never issued, or already used.
    UnknownCode,
    Expired,
    ClientMismatch,
    RedirectUriMismatch,
    PkceMismatch,
}

impl GrantError {
    pub fn description(self) -> &'static str {
        match self {
            GrantError::UnknownCode => "the code is unknown or was already used",
            GrantError::Expired => "the code has expired",
            GrantError::ClientMismatch => "the code was issued to another client",
            GrantError::RedirectUriMismatch => {
                "redirect_uri differs from the authorization request"
            }
            GrantError::PkceMismatch => "code_verifier does not match code_challenge",
        }
    }
}

pub struct IssuedToken {
    pub access_token: String,
    pub expires_in: i64,
}

#[derive(Default)]
pub struct SimulatorStore {
    codes: Mutex<HashMap<String, CodeGrant>>,
    tokens: Mutex<HashMap<String, TokenGrant>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The maps stay consistent even if a holder panicked: every change is one insert or remove.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `BASE64URL(SHA256(verifier))` without padding (RFC 7636 §4.2).
pub fn s256_challenge(verifier: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// 43 to 128 characters of `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"` (RFC 7636 §4.1);
/// the same syntax holds for an S256 challenge.
pub fn is_pkce_syntax(value: &str) -> bool {
    (43..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

impl SimulatorStore {
    /// Issues a single-use authorization code.
    pub fn issue_code(&self, request: CodeRequest<'_>, now: DateTime<Utc>) -> String {
        let code = random_token();
        let mut codes = lock(&self.codes);
        codes.retain(|_, grant| grant.expires_at > now);
        codes.insert(
            code.clone(),
            CodeGrant {
                client_id: request.client_id.to_owned(),
                redirect_uri: request.redirect_uri.to_owned(),
                code_challenge: request.code_challenge.to_owned(),
                citizen: request.citizen,
                expires_at: now + CODE_LIFETIME,
            },
        );
        code
    }

    /// Trades a code for an access token. The code is gone after the first attempt,
    /// whether that attempt succeeds or not.
    pub fn redeem_code(
        &self,
        redemption: Redemption<'_>,
        now: DateTime<Utc>,
    ) -> Result<IssuedToken, GrantError> {
        let grant = lock(&self.codes)
            .remove(redemption.code)
            .ok_or(GrantError::UnknownCode)?;
        if now >= grant.expires_at {
            return Err(GrantError::Expired);
        }
        if grant.client_id != redemption.client_id {
            return Err(GrantError::ClientMismatch);
        }
        if grant.redirect_uri != redemption.redirect_uri {
            return Err(GrantError::RedirectUriMismatch);
        }
        if !is_pkce_syntax(redemption.code_verifier)
            || !constant_time_eq(
                &s256_challenge(redemption.code_verifier),
                &grant.code_challenge,
            )
        {
            return Err(GrantError::PkceMismatch);
        }

        let access_token = random_token();
        let mut tokens = lock(&self.tokens);
        tokens.retain(|_, token| token.expires_at > now);
        tokens.insert(
            access_token.clone(),
            TokenGrant {
                citizen: grant.citizen,
                expires_at: now + TOKEN_LIFETIME,
            },
        );
        Ok(IssuedToken {
            access_token,
            expires_in: TOKEN_LIFETIME.num_seconds(),
        })
    }

    /// The person an access token speaks for, while it is valid.
    pub fn citizen_for_token(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Option<&'static TestCitizen> {
        lock(&self.tokens)
            .get(token)
            .filter(|grant| now < grant.expires_at)
            .map(|grant| grant.citizen)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::edevlet::simulator::citizens::test_citizens;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn issue(store: &SimulatorStore, now: DateTime<Utc>) -> String {
        store.issue_code(
            CodeRequest {
                client_id: "nes-basvuru",
                redirect_uri: "http://127.0.0.1:8080/api/auth/edevlet/callback",
                code_challenge: &s256_challenge(VERIFIER),
                citizen: &test_citizens()[0],
            },
            now,
        )
    }

    fn redemption(code: &str) -> Redemption<'_> {
        Redemption {
            code,
            client_id: "nes-basvuru",
            redirect_uri: "http://127.0.0.1:8080/api/auth/edevlet/callback",
            code_verifier: VERIFIER,
        }
    }

    #[test]
    fn the_s256_challenge_is_the_one_of_rfc_7636_appendix_b() {
        assert_eq!(
            s256_challenge(VERIFIER),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn a_code_buys_a_token_that_names_the_citizen() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        assert!(code.len() >= 22, "at least 128 bits");
        let token = store.redeem_code(redemption(&code), now).unwrap();
        assert_eq!(token.expires_in, 300);
        let citizen = store.citizen_for_token(&token.access_token, now).unwrap();
        assert_eq!(citizen.tckn, test_citizens()[0].tckn);
    }

    #[test]
    fn a_code_can_be_used_only_once() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        assert!(store.redeem_code(redemption(&code), now).is_ok());
        assert_eq!(
            store.redeem_code(redemption(&code), now).err(),
            Some(GrantError::UnknownCode)
        );
    }

    #[test]
    fn a_wrong_code_verifier_is_refused_and_burns_the_code() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        let other_verifier = "x".repeat(43);
        let wrong = Redemption {
            code_verifier: &other_verifier,
            ..redemption(&code)
        };
        assert_eq!(
            store.redeem_code(wrong, now).err(),
            Some(GrantError::PkceMismatch)
        );
        assert_eq!(
            store.redeem_code(redemption(&code), now).err(),
            Some(GrantError::UnknownCode)
        );
    }

    #[test]
    fn a_verifier_of_bad_syntax_is_refused_even_if_it_hashes_right() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = store.issue_code(
            CodeRequest {
                client_id: "nes-basvuru",
                redirect_uri: "http://127.0.0.1:8080/api/auth/edevlet/callback",
                code_challenge: &s256_challenge("short"),
                citizen: &test_citizens()[0],
            },
            now,
        );
        let short = Redemption {
            code_verifier: "short",
            ..redemption(&code)
        };
        assert_eq!(
            store.redeem_code(short, now).err(),
            Some(GrantError::PkceMismatch)
        );
    }

    #[test]
    fn a_code_expires_after_sixty_seconds() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        assert_eq!(
            store
                .redeem_code(redemption(&code), now + Duration::seconds(60))
                .err(),
            Some(GrantError::Expired)
        );
    }

    #[test]
    fn a_code_is_bound_to_its_client_and_redirect_uri() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        let other_client = Redemption {
            client_id: "someone-else",
            ..redemption(&code)
        };
        assert_eq!(
            store.redeem_code(other_client, now).err(),
            Some(GrantError::ClientMismatch)
        );
        let code = issue(&store, now);
        let other_redirect = Redemption {
            redirect_uri: "http://evil.example/callback",
            ..redemption(&code)
        };
        assert_eq!(
            store.redeem_code(other_redirect, now).err(),
            Some(GrantError::RedirectUriMismatch)
        );
    }

    #[test]
    fn an_access_token_expires_after_five_minutes() {
        let store = SimulatorStore::default();
        let now = Utc::now();
        let code = issue(&store, now);
        let token = store.redeem_code(redemption(&code), now).unwrap();
        assert!(store
            .citizen_for_token(&token.access_token, now + Duration::seconds(299))
            .is_some());
        assert!(store
            .citizen_for_token(&token.access_token, now + Duration::seconds(300))
            .is_none());
        assert!(store.citizen_for_token("made-up", now).is_none());
    }
}
