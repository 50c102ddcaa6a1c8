//! Server-side sessions. The cookie holds a random 256-bit id; the database holds only its
//! SHA-256, so a copy of the table logs nobody in. Sessions end after an idle period and
//! after an absolute lifetime, whichever comes first.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::auth::CookieKind;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{dev::Payload, http::Method, web, FromRequest, HttpRequest};
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use shared::Tckn;

use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::session_cache::CachedSession;
use crate::auth::LoginMethod;
use crate::config::Config;
use crate::db::schema::{persons, sessions};
use crate::db::{from_db_time, natively, to_db_time, AnyConnection, DbTime};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex, Secrets};
use crate::state::AppState;

pub const SESSION_COOKIE: CookieKind = CookieKind::new("nes_session", "/");
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// `last_seen_at` is written at most this often, not on every request.
pub(crate) const TOUCH_EVERY: Duration = Duration::seconds(60);

/// Who the identity provider said the person is.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub tckn: Tckn,
    pub first_name: String,
    pub last_name: String,
}

/// The one way an applicant session starts, whatever the login (`method`; `passkey_id` names
/// the passkey used, for the audit trail): the session this browser had before ends (no id
/// survives a login), a new one begins, and the login is audited — all in the caller's
/// transaction. Answers the raw id for the cookie.
pub fn start_applicant_session(
    conn: &mut AnyConnection,
    identity: &Identity,
    (method, passkey_id): (LoginMethod, Option<&str>),
    previous_session: Option<&str>,
    ctx: &EventContext,
    config: &Config,
) -> Result<String, ApiError> {
    if let Some(previous) = previous_session {
        delete_session(conn, previous)?;
    }
    let raw_id = create_session(conn, identity, ctx.at, config)?;
    let (action, detail) = match method {
        LoginMethod::Passkey => (AuditAction::PasskeyLogin, None),
        _ => (AuditAction::ApplicantLogin, Some(method.as_str())),
    };
    audit::record(
        conn,
        ctx,
        action,
        Outcome::Success,
        passkey_id,
        None,
        detail,
    )?;
    Ok(raw_id)
}

/// Stores a new session for `identity` and returns the raw id for the cookie.
fn create_session(
    conn: &mut AnyConnection,
    identity: &Identity,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<String, diesel::result::Error> {
    let raw_id = random_token();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(sha256_hex(raw_id.as_bytes())),
            sessions::tckn.eq(identity.tckn.as_str()),
            sessions::first_name.eq(&identity.first_name),
            sessions::last_name.eq(&identity.last_name),
            sessions::created_at.eq(to_db_time(now)),
            sessions::last_seen_at.eq(to_db_time(now)),
            sessions::absolute_expires_at.eq(to_db_time(now + config.session_absolute)),
        ))
        .execute(conn)?;
    Ok(raw_id)
}

pub fn delete_session(conn: &mut AnyConnection, raw_id: &str) -> Result<(), diesel::result::Error> {
    diesel::delete(sessions::table.find(sha256_hex(raw_id.as_bytes()))).execute(conn)?;
    Ok(())
}

pub fn session_cookie(raw_id: String, config: &Config) -> Cookie<'static> {
    SESSION_COOKIE
        .build(raw_id, config)
        // Lax, not Strict: the way back from e-Devlet is a cross-site top-level navigation.
        // State-changing requests are covered by the CSRF token instead.
        .same_site(SameSite::Lax)
        .secure(config.cookies_secure())
        .max_age(CookieDuration::seconds(
            config.session_absolute.num_seconds(),
        ))
        .finish()
}

pub fn removal_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = session_cookie(String::new(), config);
    cookie.make_removal();
    cookie
}

/// A logged-in applicant, as the session says.
#[derive(Debug, Clone)]
pub struct Applicant {
    pub tckn: Tckn,
    pub first_name: String,
    pub last_name: String,
    raw_session_id: String,
    pub idle_expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
}

impl Applicant {
    pub fn raw_session_id(&self) -> &str {
        &self.raw_session_id
    }

    /// The session's CSRF token (what `GET /api/session` hands the browser app), made when
    /// asked for: most requests only check the one they carry.
    pub fn csrf_token(&self, secrets: &Secrets) -> String {
        secrets.csrf_token(&self.raw_session_id)
    }
}

/// An applicant's session as the request carries it: the cookie, with its CSRF token checked
/// on state-changing methods. Whose it is, is looked up with the request's own database work
/// (`AppState::read_as` and friends), not in a trip to the database of its own.
#[derive(Debug, Clone)]
pub struct ApplicantSession {
    raw_id: String,
    /// The key of the session's row, hashed once for the request's look-ups.
    id_hash: String,
    now: DateTime<Utc>,
    idle: Duration,
    /// Set by the look-up when the session is due for its once-a-minute touch; shared by the
    /// clones, so the request sees what the look-up inside its database work found.
    touch_due: Arc<AtomicBool>,
}

/// The session's columns a look-up reads: TCKN, first and last name, last seen, and the
/// absolute expiry ([`SESSION_SELECTION`]).
pub type SessionRow = (String, String, String, DbTime, DbTime);

/// [`SessionRow`]'s columns, as diesel selects them (also in `page_query`'s own statement).
pub type SessionSelection = (
    sessions::tckn,
    sessions::first_name,
    sessions::last_name,
    sessions::last_seen_at,
    sessions::absolute_expires_at,
);
pub const SESSION_SELECTION: SessionSelection = (
    sessions::tckn,
    sessions::first_name,
    sessions::last_name,
    sessions::last_seen_at,
    sessions::absolute_expires_at,
);

impl FromRequest for ApplicantSession {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(
            session_cookie_and_csrf(req, SESSION_COOKIE).map(|(state, raw_id)| ApplicantSession {
                id_hash: sha256_hex(raw_id.as_bytes()),
                raw_id,
                now: state.now(),
                idle: state.config.session_idle,
                touch_due: Arc::default(),
            }),
        )
    }
}

impl ApplicantSession {
    /// The key of the session's row.
    pub fn id_hash(&self) -> &str {
        &self.id_hash
    }

    /// The applicant, while the session lives (idle and absolute expiry). An ended session
    /// is only refused here; the sweep removes it.
    pub fn look_up(&self, conn: &mut AnyConnection) -> Result<Applicant, ApiError> {
        let row = self.row(conn)?;
        self.admit(row)
    }

    /// [`Self::look_up`] inside a change, with the session's row `row` wherever it was read:
    /// the session is touched at once when due (the change writes anyway).
    pub fn admit_and_touch(
        &self,
        conn: &mut AnyConnection,
        row: Option<SessionRow>,
    ) -> Result<Applicant, ApiError> {
        let applicant = self.admit(row)?;
        if self.touch_is_due() {
            self.touch(conn)?;
        }
        Ok(applicant)
    }

    /// The session's row, if there is one (for [`Self::admit`]).
    pub fn row(&self, conn: &mut AnyConnection) -> Result<Option<SessionRow>, ApiError> {
        let row = natively!(conn, |conn| sessions::table
            .find(self.id_hash())
            .select(SESSION_SELECTION)
            .first(conn)
            .optional())?;
        Ok(row)
    }

    /// [`Self::look_up`] and when the person consented to e-Onay, in one statement (one round
    /// trip on PostgreSQL): what `GET /api/session` answers, with what was read for the
    /// instance's copy ([`crate::auth::session_cache`]).
    pub fn look_up_with_consent(
        &self,
        conn: &mut AnyConnection,
    ) -> Result<(Applicant, CachedSession), ApiError> {
        let row: Option<(SessionRow, Option<DbTime>)> = natively!(conn, |conn| sessions::table
            .left_join(persons::table.on(persons::tckn.eq(sessions::tckn)))
            .filter(sessions::id_hash.eq(self.id_hash()))
            .select((SESSION_SELECTION, persons::e_onay_consent_at.nullable()))
            .first(conn)
            .optional())?;
        let (row, consent_given_at) = row.ok_or(ApiError::Unauthenticated)?;
        let applicant = self.admit(Some(row.clone()))?;
        Ok((
            applicant,
            CachedSession {
                row,
                consent_given_at: consent_given_at.map(chrono::NaiveDateTime::from),
            },
        ))
    }

    /// What [`Self::look_up`] makes of the session's row, wherever it was read: the
    /// applicant while the session lives, and whether it is due to be touched
    /// ([`Self::touch_is_due`]).
    pub fn admit(&self, row: Option<SessionRow>) -> Result<Applicant, ApiError> {
        let (tckn, first_name, last_name, last_seen, absolute) =
            row.ok_or(ApiError::Unauthenticated)?;
        let (last_seen, absolute) = (from_db_time(last_seen.0), from_db_time(absolute.0));
        if self.now >= last_seen + self.idle || self.now >= absolute {
            return Err(ApiError::Unauthenticated);
        }
        let touch_due = self.now - last_seen >= TOUCH_EVERY;
        let seen = if touch_due { self.now } else { last_seen };
        let tckn = Tckn::parse(&tckn)
            .map_err(|e| ApiError::Internal(format!("stored session has a bad TCKN: {e}")))?;
        self.touch_due.store(touch_due, Ordering::Relaxed);
        Ok(Applicant {
            tckn,
            first_name,
            last_name,
            raw_session_id: self.raw_id.clone(),
            idle_expires_at: (seen + self.idle).min(absolute),
            absolute_expires_at: absolute,
        })
    }

    /// When the request came (the session's expiry is judged at this instant).
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Whether a look-up found the session due for its once-a-minute touch.
    pub fn touch_is_due(&self) -> bool {
        self.touch_due.load(Ordering::Relaxed)
    }

    /// Records that the session was used now (idle expiry counts from here), a write done at
    /// most once a minute.
    pub fn touch(&self, conn: &mut AnyConnection) -> Result<(), ApiError> {
        crate::db::execute_prepared(
            conn,
            diesel::update(sessions::table.find(self.id_hash()))
                .set(sessions::last_seen_at.eq(to_db_time(self.now))),
        )?;
        Ok(())
    }
}

/// The state and the raw session id from `cookie_name`, the session's CSRF token checked
/// against `X-CSRF-Token` on state-changing methods. Shared by applicant and staff sessions.
pub(super) fn session_cookie_and_csrf(
    req: &HttpRequest,
    cookie: CookieKind,
) -> Result<(web::Data<AppState>, String), ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?
        .clone();
    let raw_id = cookie
        .read(req, &state.config)
        .ok_or(ApiError::Unauthenticated)?;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let sent = req
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !state.config.secrets.csrf_token_matches(&raw_id, sent) {
            return Err(ApiError::CsrfTokenInvalid);
        }
    }
    Ok((state, raw_id))
}
