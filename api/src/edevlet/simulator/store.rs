//! What the simulator remembers between requests: authorization codes (single use, 60 s)
//! and access tokens (300 s). They live in the database, not in a process's memory, because
//! several API processes serve behind one load balancer: the code one of them issues is
//! redeemed at whichever answers the token request. Only their SHA-256 is stored. Time is a
//! parameter of every operation.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::schema::{edevlet_simulator_codes as codes, edevlet_simulator_tokens as tokens};
use crate::db::{from_db_time, to_db_time, write_transaction, AnyConnection};
use crate::secrets::{constant_time_eq, random_token, sha256_hex};

pub const CODE_LIFETIME: Duration = Duration::seconds(60);
pub const TOKEN_LIFETIME: Duration = Duration::seconds(300);

/// The binding of a new code: who approved (their TC Kimlik No), for which client, redirect
/// and PKCE challenge.
pub struct CodeRequest<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub code_challenge: &'a str,
    pub tckn: &'a str,
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

impl std::fmt::Debug for IssuedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedToken")
            .field("access_token", &"<redacted>")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

#[derive(Insertable)]
#[diesel(table_name = codes)]
struct NewCodeRow<'a> {
    code_hash: &'a str,
    client_id: &'a str,
    redirect_uri: &'a str,
    code_challenge: &'a str,
    tckn: &'a str,
    expires_at: chrono::NaiveDateTime,
}

/// A stored code, as read before the DELETE that redeems it.
#[derive(Queryable, Selectable)]
#[diesel(table_name = codes)]
struct CodeRow {
    client_id: String,
    redirect_uri: String,
    code_challenge: String,
    tckn: String,
    expires_at: chrono::NaiveDateTime,
}

impl CodeRow {
    /// Everything the token request must match, in the order RFC 6749 §4.1.3 lists it.
    fn check(&self, redemption: &Redemption<'_>, now: DateTime<Utc>) -> Result<(), GrantError> {
        if now >= from_db_time(self.expires_at) {
            return Err(GrantError::Expired);
        }
        if self.client_id != redemption.client_id {
            return Err(GrantError::ClientMismatch);
        }
        if self.redirect_uri != redemption.redirect_uri {
            return Err(GrantError::RedirectUriMismatch);
        }
        if !is_pkce_syntax(redemption.code_verifier)
            || !constant_time_eq(
                &s256_challenge(redemption.code_verifier),
                &self.code_challenge,
            )
        {
            return Err(GrantError::PkceMismatch);
        }
        Ok(())
    }
}

#[derive(Insertable)]
#[diesel(table_name = tokens)]
struct NewTokenRow<'a> {
    token_hash: &'a str,
    tckn: &'a str,
    expires_at: chrono::NaiveDateTime,
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

/// Issues a single-use authorization code, and forgets the codes that expired unused.
pub fn issue_code(
    conn: &mut AnyConnection,
    request: CodeRequest<'_>,
    now: DateTime<Utc>,
) -> QueryResult<String> {
    diesel::delete(codes::table.filter(codes::expires_at.le(to_db_time(now)))).execute(conn)?;
    let code = random_token();
    diesel::insert_into(codes::table)
        .values(NewCodeRow {
            code_hash: &sha256_hex(code.as_bytes()),
            client_id: request.client_id,
            redirect_uri: request.redirect_uri,
            code_challenge: request.code_challenge,
            tckn: request.tckn,
            expires_at: to_db_time(now + CODE_LIFETIME),
        })
        .execute(conn)?;
    Ok(code)
}

/// Trades a code for an access token. The code is gone after the first attempt, whether
/// that attempt succeeds or not, so a refusal is committed too: the outer `Result` is the
/// database failing, the inner one the simulator's answer.
///
/// The DELETE decides who redeems: of two concurrent requests with one code only one removes
/// the row (PostgreSQL makes the second DELETE wait for the first and then find nothing;
/// SQLite lets one writer at a time, and the loser's retry reads the row gone).
pub fn redeem_code(
    conn: &mut AnyConnection,
    redemption: Redemption<'_>,
    now: DateTime<Utc>,
) -> QueryResult<Result<IssuedToken, GrantError>> {
    let code_hash = sha256_hex(redemption.code.as_bytes());
    write_transaction(conn, |conn| {
        let Some(code) = codes::table
            .find(&code_hash)
            .select(CodeRow::as_select())
            .first(conn)
            .optional()?
        else {
            return Ok(Err(GrantError::UnknownCode));
        };
        let removed = diesel::delete(codes::table.find(&code_hash)).execute(conn)?;
        if removed != 1 {
            return Ok(Err(GrantError::UnknownCode));
        }
        if let Err(refused) = code.check(&redemption, now) {
            return Ok(Err(refused));
        }
        issue_token(conn, &code.tckn, now).map(Ok)
    })
}

/// Stores a new access token for the citizen `tckn`, and forgets the tokens that expired.
fn issue_token(
    conn: &mut AnyConnection,
    tckn: &str,
    now: DateTime<Utc>,
) -> QueryResult<IssuedToken> {
    diesel::delete(tokens::table.filter(tokens::expires_at.le(to_db_time(now)))).execute(conn)?;
    let access_token = random_token();
    diesel::insert_into(tokens::table)
        .values(NewTokenRow {
            token_hash: &sha256_hex(access_token.as_bytes()),
            tckn,
            expires_at: to_db_time(now + TOKEN_LIFETIME),
        })
        .execute(conn)?;
    Ok(IssuedToken {
        access_token,
        expires_in: TOKEN_LIFETIME.num_seconds(),
    })
}

/// The TC Kimlik No of the person an access token speaks for, while it is valid.
pub fn tckn_for_token(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> QueryResult<Option<String>> {
    tokens::table
        .find(sha256_hex(token.as_bytes()))
        .filter(tokens::expires_at.gt(to_db_time(now)))
        .select(tokens::tckn)
        .first(conn)
        .optional()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::clock::{Clock, SystemClock};
    use crate::db::testing::{fresh_database, TestDatabase};
    use crate::edevlet::simulator::citizens::test_citizens;

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const REDIRECT: &str = "http://127.0.0.1:8080/api/auth/edevlet/callback";

    /// A fresh database and a connection to it.
    fn store() -> (TestDatabase, crate::db::AnyConnection) {
        let db = fresh_database();
        let conn = db.connection();
        (db, conn)
    }

    fn issue(conn: &mut AnyConnection, now: DateTime<Utc>) -> String {
        issue_code(
            conn,
            CodeRequest {
                client_id: "nes-basvuru",
                redirect_uri: REDIRECT,
                code_challenge: &s256_challenge(VERIFIER),
                tckn: test_citizens()[0].tckn,
            },
            now,
        )
        .unwrap()
    }

    fn redemption(code: &str) -> Redemption<'_> {
        Redemption {
            code,
            client_id: "nes-basvuru",
            redirect_uri: REDIRECT,
            code_verifier: VERIFIER,
        }
    }

    fn redeem(
        conn: &mut AnyConnection,
        redemption: Redemption<'_>,
        now: DateTime<Utc>,
    ) -> Result<IssuedToken, GrantError> {
        redeem_code(conn, redemption, now).unwrap()
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
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        assert!(code.len() >= 22, "at least 128 bits");
        let token = redeem(&mut conn, redemption(&code), now).unwrap();
        assert_eq!(token.expires_in, 300);
        let citizen = tckn_for_token(&mut conn, &token.access_token, now)
            .unwrap()
            .unwrap();
        assert_eq!(citizen, test_citizens()[0].tckn);
    }

    #[test]
    fn codes_and_tokens_are_stored_only_as_their_sha256() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        let stored_codes: Vec<String> = codes::table
            .select(codes::code_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(stored_codes, vec![sha256_hex(code.as_bytes())]);

        let token = redeem(&mut conn, redemption(&code), now).unwrap();
        let stored_tokens: Vec<String> = tokens::table
            .select(tokens::token_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(
            stored_tokens,
            vec![sha256_hex(token.access_token.as_bytes())]
        );
    }

    #[test]
    fn a_code_can_be_used_only_once() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        assert!(redeem(&mut conn, redemption(&code), now).is_ok());
        assert_eq!(
            redeem(&mut conn, redemption(&code), now).err(),
            Some(GrantError::UnknownCode)
        );
    }

    #[test]
    fn of_two_concurrent_redemptions_of_one_code_exactly_one_wins() {
        let db = fresh_database();
        let now = SystemClock.now();
        for _ in 0..10 {
            let code = issue(&mut db.connection(), now);
            let start = std::sync::Barrier::new(2);
            let results: Vec<Result<IssuedToken, GrantError>> = std::thread::scope(|scope| {
                let racers: Vec<_> = (0..2)
                    .map(|_| {
                        let mut conn = db.connection();
                        let (code, start) = (&code, &start);
                        scope.spawn(move || {
                            start.wait();
                            redeem(&mut conn, redemption(code), now)
                        })
                    })
                    .collect();
                racers.into_iter().map(|r| r.join().unwrap()).collect()
            });
            let winners = results.iter().filter(|r| r.is_ok()).count();
            assert_eq!(winners, 1, "{results:?}");
            assert!(results
                .iter()
                .any(|r| r.as_ref().err() == Some(&GrantError::UnknownCode)));
        }
    }

    #[test]
    fn a_wrong_code_verifier_is_refused_and_burns_the_code() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        let other_verifier = "x".repeat(43);
        let wrong = Redemption {
            code_verifier: &other_verifier,
            ..redemption(&code)
        };
        assert_eq!(
            redeem(&mut conn, wrong, now).err(),
            Some(GrantError::PkceMismatch)
        );
        assert_eq!(
            redeem(&mut conn, redemption(&code), now).err(),
            Some(GrantError::UnknownCode)
        );
    }

    #[test]
    fn a_verifier_of_bad_syntax_is_refused_even_if_it_hashes_right() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue_code(
            &mut conn,
            CodeRequest {
                client_id: "nes-basvuru",
                redirect_uri: REDIRECT,
                code_challenge: &s256_challenge("short"),
                tckn: test_citizens()[0].tckn,
            },
            now,
        )
        .unwrap();
        let short = Redemption {
            code_verifier: "short",
            ..redemption(&code)
        };
        assert_eq!(
            redeem(&mut conn, short, now).err(),
            Some(GrantError::PkceMismatch)
        );
    }

    #[test]
    fn a_code_expires_after_sixty_seconds() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        assert_eq!(
            redeem(&mut conn, redemption(&code), now + Duration::seconds(60)).err(),
            Some(GrantError::Expired)
        );
    }

    #[test]
    fn issuing_a_code_forgets_the_codes_that_expired() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let stale = issue(&mut conn, now);
        let later = now + CODE_LIFETIME;
        let fresh = issue(&mut conn, later);
        let stored: Vec<String> = codes::table
            .select(codes::code_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(stored, vec![sha256_hex(fresh.as_bytes())]);
        assert_eq!(
            redeem(&mut conn, redemption(&stale), later).err(),
            Some(GrantError::UnknownCode)
        );
    }

    #[test]
    fn a_code_is_bound_to_its_client_and_redirect_uri() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        let other_client = Redemption {
            client_id: "someone-else",
            ..redemption(&code)
        };
        assert_eq!(
            redeem(&mut conn, other_client, now).err(),
            Some(GrantError::ClientMismatch)
        );
        let code = issue(&mut conn, now);
        let other_redirect = Redemption {
            redirect_uri: "http://evil.example/callback",
            ..redemption(&code)
        };
        assert_eq!(
            redeem(&mut conn, other_redirect, now).err(),
            Some(GrantError::RedirectUriMismatch)
        );
    }

    #[test]
    fn an_access_token_expires_after_five_minutes() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        let token = redeem(&mut conn, redemption(&code), now).unwrap();
        let citizen_at =
            |conn: &mut AnyConnection, at| tckn_for_token(conn, &token.access_token, at).unwrap();
        assert!(citizen_at(&mut conn, now + Duration::seconds(299)).is_some());
        assert!(citizen_at(&mut conn, now + Duration::seconds(300)).is_none());
        assert!(tckn_for_token(&mut conn, "made-up", now).unwrap().is_none());
    }

    #[test]
    fn issuing_a_token_forgets_the_tokens_that_expired() {
        let (_db, mut conn) = store();
        let now = SystemClock.now();
        let code = issue(&mut conn, now);
        redeem(&mut conn, redemption(&code), now).unwrap();
        let later = now + TOKEN_LIFETIME;
        let code = issue(&mut conn, later);
        let fresh = redeem(&mut conn, redemption(&code), later).unwrap();
        let stored: Vec<String> = tokens::table
            .select(tokens::token_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(stored, vec![sha256_hex(fresh.access_token.as_bytes())]);
    }
}
