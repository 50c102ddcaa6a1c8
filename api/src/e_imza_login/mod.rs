//! Section 3.2: logging in with e-İmza. The login page asks for a challenge and shows its
//! one-time code; the desktop signing application (the same one that approves applications)
//! logs in with the code, signs the login document with the person's NES and uploads the CMS
//! ([`signing_app`]); the verifier checks it exactly as for an approval, and the page, which
//! polls the status, collects an applicant session for the TCKN in the certificate.
//!
//! The code alone logs nobody in: the challenge is bound to the browser that asked for it by
//! an HttpOnly, SameSite=Strict cookie holding a random id whose SHA-256 is stored, and only
//! a status call carrying that cookie can collect the session — once.

pub mod identity;
pub mod signing_app;

use crate::auth::CookieKind;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use esign::document::login::LoginDocument;
use esign::document::SigningNonce;
use shared::api::e_imza_login::{
    EImzaLoginChallenge, EImzaLoginState, EImzaLoginStatus, SigningPurpose,
};
use shared::named::Named;
use shared::signing::{SigningCommand, SigningError, SigningState};
use shared::Tckn;

use crate::applications::e_imza::{code_hash, new_code, CODE_VALIDITY};
use crate::applications::EventContext;
use crate::auth::session::start_applicant_session;
use crate::auth::{ClientInfo, Identity, LoginMethod};
use crate::clock::seconds_until;
use crate::config::Config;
use crate::db::schema::e_imza_login_challenges as challenges;
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;

/// The cookie binding a challenge to the browser that asked for it.
/// It is sent only to the two challenge routes.
pub const BINDING_COOKIE: CookieKind = CookieKind::new("nes_e_imza_login", "/api/auth/e-imza");
/// How long after the signature was accepted the page may still collect its session (it
/// polls every two seconds; a signature made in the code's last seconds must still count).
pub const COLLECT_WINDOW: Duration = Duration::minutes(2);
/// Finished challenges are kept this long (for support questions), then deleted when a new
/// one is made.
const KEEP_FOR: Duration = Duration::days(1);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = challenges)]
pub struct ChallengeRow {
    pub id: String,
    pub status: String,
    pub document: String,
    pub document_sha256: String,
    pub requested_ip: Option<String>,
    pub requested_user_agent: Option<String>,
    pub refusal_code: Option<String>,
    pub tckn: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub expires_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl ChallengeRow {
    pub fn state(&self) -> Result<SigningState, ApiError> {
        SigningState::parse(&self.status).ok_or_else(|| {
            ApiError::Internal(format!(
                "login challenge {} has status {}",
                self.id, self.status
            ))
        })
    }

    /// What `command` does to this challenge now; a refusal as the signing application is
    /// told it.
    pub fn decide(
        &self,
        command: SigningCommand,
        now: DateTime<Utc>,
    ) -> Result<(SigningState, SigningState), ApiError> {
        let from = self.state()?;
        let to = from
            .decide(
                SigningPurpose::Login,
                command,
                now,
                from_db_time(self.expires_at),
            )
            .map_err(|e| match e {
                SigningError::Expired => ApiError::SigningCodeExpired,
                SigningError::Used | SigningError::Closed => ApiError::SigningCodeUsed,
                SigningError::Superseded => ApiError::SigningSessionSuperseded,
            })?;
        Ok((from, to))
    }
}

/// Stores a challenge's step, only if it is still where it was read: of two requests moving
/// one challenge at once, one wins. Answers whether this one did.
pub fn store_step(
    conn: &mut AnyConnection,
    challenge_id: &str,
    (from, to): (SigningState, SigningState),
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let stored = diesel::update(
        challenges::table
            .find(challenge_id)
            .filter(challenges::status.eq(from.as_str())),
    )
    .set((
        challenges::status.eq(to.as_str()),
        challenges::updated_at.eq(to_db_time(now)),
    ))
    .execute(conn)?;
    Ok(stored == 1)
}

/// `scheme://host[:port]` of the public URL: the site named in every login document.
pub fn public_origin(public_url: &str) -> Result<String, ApiError> {
    let url = url::Url::parse(public_url)
        .map_err(|e| ApiError::Internal(format!("NES_PUBLIC_URL: {e}")))?;
    Ok(url.origin().ascii_serialization())
}

/// The binding cookie for a new challenge: lives as long as the challenge can be collected.
pub fn binding_cookie(raw: String, config: &Config) -> Cookie<'static> {
    BINDING_COOKIE
        .build(raw, config)
        // Strict: only the login page's own requests carry it, never a cross-site one.
        .same_site(SameSite::Strict)
        .secure(config.cookies_secure())
        .max_age(CookieDuration::seconds(
            (CODE_VALIDITY + COLLECT_WINDOW).num_seconds(),
        ))
        .finish()
}

pub fn binding_removal_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = binding_cookie(String::new(), config);
    cookie.make_removal();
    cookie
}

/// "e-İmza ile Giriş": a new challenge for the browser whose binding id hashes to
/// `binding_hash`. A challenge this browser opened before (`previous_binding_hash`) is
/// superseded, so only the newest code works.
pub fn start(
    conn: &mut AnyConnection,
    origin: &str,
    binding_hash: &str,
    previous_binding_hash: Option<&str>,
    client: &ClientInfo,
    now: DateTime<Utc>,
) -> Result<EImzaLoginChallenge, ApiError> {
    let document = LoginDocument::new(origin, now, SigningNonce::random())
        .map_err(|e| ApiError::Internal(format!("login document: {e}")))?;
    let document_text = String::from_utf8(document.as_bytes().to_vec())
        .map_err(|_| ApiError::Internal("login document is not UTF-8".into()))?;

    diesel::delete(challenges::table.filter(challenges::expires_at.lt(to_db_time(now - KEEP_FOR))))
        .execute(conn)?;
    if let Some(previous) = previous_binding_hash {
        let open: Vec<&str> = SigningState::open(SigningPurpose::Login)
            .iter()
            .map(|state| state.as_str())
            .collect();
        diesel::update(
            challenges::table
                .filter(challenges::browser_binding_hash.eq(previous))
                .filter(challenges::status.eq_any(open)),
        )
        .set((
            challenges::status.eq(SigningState::Superseded.as_str()),
            challenges::updated_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    }

    let code = new_code();
    let expires_at = now + CODE_VALIDITY;
    diesel::insert_into(challenges::table)
        .values((
            challenges::id.eq(uuid::Uuid::new_v4().to_string()),
            challenges::code_hash.eq(code_hash(&code)),
            challenges::browser_binding_hash.eq(binding_hash),
            challenges::status.eq(SigningState::Waiting.as_str()),
            challenges::document.eq(&document_text),
            challenges::document_sha256.eq(document.digest_hex()),
            challenges::requested_ip.eq(client.ip.as_deref()),
            challenges::requested_user_agent.eq(client.user_agent.as_deref()),
            challenges::created_at.eq(to_db_time(now)),
            challenges::expires_at.eq(to_db_time(expires_at)),
            challenges::updated_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    Ok(EImzaLoginChallenge {
        verification_code: code,
        expires_at,
        expires_in_seconds: seconds_until(expires_at, now),
        document_sha256: document.digest_hex(),
    })
}

/// What a status call found.
pub enum Collected {
    /// Not (yet) logged in: the status to show.
    Pending(EImzaLoginStatus),
    /// Accepted and collected now: the new session's raw id, for the cookie.
    LoggedIn {
        status: EImzaLoginStatus,
        identity: Identity,
        raw_session_id: String,
    },
}

/// The status of the newest challenge of this browser; when its signature has been
/// accepted, opens the applicant session (once: the challenge becomes `logged_in` in the
/// same transaction), ending the session the browser had before (`previous_session`).
/// `None` when this browser has no open challenge.
pub fn status(
    conn: &mut AnyConnection,
    binding_hash: &str,
    previous_session: Option<&str>,
    client: ClientInfo,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<Option<Collected>, ApiError> {
    let row: Option<ChallengeRow> = challenges::table
        .filter(challenges::browser_binding_hash.eq(binding_hash))
        .filter(challenges::status.ne(SigningState::Superseded.as_str()))
        .order(challenges::created_at.desc())
        .select(ChallengeRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let expires_at = from_db_time(row.expires_at);
    let pending = |state: EImzaLoginState| {
        Some(Collected::Pending(EImzaLoginStatus {
            status: state,
            expires_at,
            expires_in_seconds: seconds_until(expires_at, now),
            refusal_code: row.refusal_code.clone(),
        }))
    };
    match row.state()? {
        SigningState::Accepted if now < from_db_time(row.updated_at) + COLLECT_WINDOW => {
            collect(conn, &row, previous_session, client, now, config)
        }
        // Collected already: the binding cookie was removed with that answer, so whoever
        // still has it replays it — nothing to give.
        SigningState::LoggedIn => Ok(None),
        state => Ok(pending(state.login_status(now, expires_at))),
    }
}

fn collect(
    conn: &mut AnyConnection,
    row: &ChallengeRow,
    previous_session: Option<&str>,
    client: ClientInfo,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<Option<Collected>, ApiError> {
    let step = row.decide(SigningCommand::CollectLogin, now)?;
    if !store_step(conn, &row.id, step, now)? {
        // Another status call of the same browser collected it a moment ago.
        return Ok(None);
    }
    let tckn = row
        .tckn
        .as_deref()
        .and_then(|t| Tckn::parse(t).ok())
        .ok_or_else(|| ApiError::Internal("accepted login challenge without a TCKN".into()))?;
    let identity = Identity {
        tckn,
        first_name: row.first_name.clone().unwrap_or_default(),
        last_name: row.last_name.clone().unwrap_or_default(),
    };
    let ctx = EventContext::applicant(&identity.tckn, client, now);
    let method = (LoginMethod::EImza, None);
    let raw_session_id =
        start_applicant_session(conn, &identity, method, previous_session, &ctx, config)?;
    let expires_at = from_db_time(row.expires_at);
    Ok(Some(Collected::LoggedIn {
        status: EImzaLoginStatus {
            status: EImzaLoginState::LoggedIn,
            expires_at,
            expires_in_seconds: seconds_until(expires_at, now),
            refusal_code: None,
        },
        identity,
        raw_session_id,
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_the_public_urls_scheme_host_and_port() {
        assert_eq!(
            public_origin("https://nes.kamusm.gov.tr/basvuru/").unwrap(),
            "https://nes.kamusm.gov.tr"
        );
        assert_eq!(
            public_origin("http://localhost:8181").unwrap(),
            "http://localhost:8181"
        );
        assert_eq!(
            public_origin("https://NES.example.org:443").unwrap(),
            "https://nes.example.org"
        );
    }
}
