//! Staff sessions: the institution's e-signature officer and the Kamu SM operator. Like the
//! applicant's session, the cookie holds a random 256-bit id and the database only its
//! SHA-256. A session starts in stage `password_ok` (the password was right) and becomes
//! `active` only after the second factor (TOTP or a passkey); nothing but the second-factor
//! endpoints accepts it before that.

use crate::auth::CookieKind;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use futures_util::future::LocalBoxFuture;

use super::ClientInfo;
use crate::applications::EventContext;
use crate::audit::{self, AuditAction};
use crate::config::Config;
use crate::db::schema::{staff_sessions, staff_users};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};
use crate::state::AppState;

pub const STAFF_SESSION_COOKIE: CookieKind = CookieKind::new("nes_staff_session", "/");
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::seconds(60);
/// How long typing the password (at login or again) allows adding or removing a second
/// factor without typing it once more.
pub const REAUTHENTICATION_HOLDS_FOR: Duration = Duration::minutes(5);

/// How far a staff session has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStage {
    /// The password was right; the second factor is still due.
    PasswordOk,
    /// Both factors done.
    Active,
}

impl SessionStage {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::PasswordOk => "password_ok",
            SessionStage::Active => "active",
        }
    }

    pub fn parse(s: &str) -> Option<SessionStage> {
        match s {
            "password_ok" => Some(SessionStage::PasswordOk),
            "active" => Some(SessionStage::Active),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffRole {
    /// Kurum e-İmza sorumlusu: sees and acts on one institution only.
    Officer { institution_id: String },
    /// Kamu SM operator: every institution.
    Operator,
}

impl StaffRole {
    pub fn as_str(&self) -> &'static str {
        match self {
            StaffRole::Officer { .. } => "officer",
            StaffRole::Operator => "operator",
        }
    }

    /// From the stored `role` and `institution_id` columns.
    pub fn from_columns(role: &str, institution_id: Option<String>) -> Option<StaffRole> {
        match (role, institution_id) {
            ("officer", Some(institution_id)) => Some(StaffRole::Officer { institution_id }),
            ("operator", None) => Some(StaffRole::Operator),
            _ => None,
        }
    }

    pub fn institution_id(&self) -> Option<&str> {
        match self {
            StaffRole::Officer { institution_id } => Some(institution_id),
            StaffRole::Operator => None,
        }
    }
}

/// A staff member with an active session (both factors done).
#[derive(Clone)]
pub struct Staff {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: StaffRole,
    pub csrf_token: String,
    raw_session_id: String,
    pub idle_expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    /// When the password was last typed in this session (the login or a reauthentication).
    reauthenticated_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staff")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl Staff {
    pub fn raw_session_id(&self) -> &str {
        &self.raw_session_id
    }

    /// Adding or removing a second factor asks for the password again unless it was typed
    /// in this session within [`REAUTHENTICATION_HOLDS_FOR`]: a session left open on a
    /// desk is not enough to change how its owner logs in.
    pub fn require_recent_authentication(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        match self.reauthenticated_at {
            Some(at) if now < at + REAUTHENTICATION_HOLDS_FOR => Ok(()),
            _ => Err(ApiError::ReauthenticationRequired),
        }
    }
}

/// A staff session in any stage: for the second-factor and enrolment endpoints.
#[derive(Debug, Clone)]
pub struct PendingStaff {
    pub staff: Staff,
    pub stage: SessionStage,
    /// The password was set by an operator and must be changed before anything else.
    pub password_change_required: bool,
}

impl PendingStaff {
    /// For the second-factor steps: only a session whose password was right and whose
    /// second factor is still due.
    pub fn awaiting_second_factor(&self) -> Result<(), ApiError> {
        match self.stage {
            SessionStage::PasswordOk => Ok(()),
            SessionStage::Active => Err(ApiError::Conflict),
        }
    }

    /// Both factors done, whether or not the password must still be changed: for the
    /// password change itself.
    pub fn active(self) -> Result<Staff, ApiError> {
        match self.stage {
            SessionStage::Active => Ok(self.staff),
            SessionStage::PasswordOk => Err(ApiError::SecondFactorRequired),
        }
    }
}

impl FromRequest for PendingStaff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

impl FromRequest for Staff {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { active(&req).await })
    }
}

/// An active session whose owner has chosen their own password.
async fn active(req: &HttpRequest) -> Result<Staff, ApiError> {
    let pending = authenticate(req).await?;
    if pending.password_change_required && pending.stage == SessionStage::Active {
        return Err(ApiError::PasswordChangeRequired);
    }
    pending.active()
}

/// A Kamu SM operator; any other staff member is refused with 403 (and the refusal audited).
#[derive(Debug, Clone)]
pub struct Operator(pub Staff);

impl FromRequest for Operator {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let staff = active(&req).await?;
            match staff.role {
                StaffRole::Operator => Ok(Operator(staff)),
                StaffRole::Officer { .. } => Err(deny(&req, &staff).await),
            }
        })
    }
}

/// An institution's e-signature officer, with the one institution they act for.
#[derive(Debug, Clone)]
pub struct Officer {
    pub staff: Staff,
    pub institution_id: String,
}

impl FromRequest for Officer {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let staff = active(&req).await?;
            match staff.role.clone() {
                StaffRole::Officer { institution_id } => Ok(Officer {
                    staff,
                    institution_id,
                }),
                StaffRole::Operator => Err(deny(&req, &staff).await),
            }
        })
    }
}

/// Records that `staff` asked for something their role does not allow, and the 403.
pub async fn deny(req: &HttpRequest, staff: &Staff) -> ApiError {
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return ApiError::Forbidden;
    };
    let ctx = EventContext::staff(staff, ClientInfo::of(req), state.now());
    let path = req.path().to_owned();
    let institution = staff.role.institution_id().map(str::to_owned);
    let recorded = state
        .db(move |conn| {
            audit::record_now(
                conn,
                &ctx,
                AuditAction::AccessDenied,
                Some(&path),
                institution.as_deref(),
                None,
            )
        })
        .await;
    if let Err(e) = recorded {
        tracing::error!(error = ?e, "could not audit a refused request");
    }
    ApiError::Forbidden
}

async fn authenticate(req: &HttpRequest) -> Result<PendingStaff, ApiError> {
    let (state, raw_id) = super::session::session_cookie_and_csrf(req, STAFF_SESSION_COOKIE)?;
    let csrf_token = state.config.secrets.csrf_token(&raw_id);
    let now = state.now();
    let idle = state.config.session_idle;
    let id_hash = sha256_hex(raw_id.as_bytes());
    let live = state
        .db(move |conn| load_and_touch(conn, &id_hash, now, idle))
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(PendingStaff {
        staff: Staff {
            id: live.staff_id,
            username: live.username,
            display_name: live.display_name,
            role: live.role,
            csrf_token,
            raw_session_id: raw_id,
            idle_expires_at: live.idle_expires_at,
            absolute_expires_at: live.absolute_expires_at,
            reauthenticated_at: live.reauthenticated_at,
        },
        stage: live.stage,
        password_change_required: live.password_change_required,
    })
}

struct LiveSession {
    staff_id: String,
    username: String,
    display_name: String,
    role: StaffRole,
    stage: SessionStage,
    idle_expires_at: DateTime<Utc>,
    absolute_expires_at: DateTime<Utc>,
    reauthenticated_at: Option<DateTime<Utc>>,
    password_change_required: bool,
}

type SessionRow = (
    (
        String,
        String,
        NaiveDateTime,
        NaiveDateTime,
        Option<NaiveDateTime>,
    ),
    (
        String,
        String,
        String,
        Option<String>,
        Option<NaiveDateTime>,
        bool,
    ),
);

/// The session if it is alive and its account is not disabled; an expired one is deleted.
fn load_and_touch(
    conn: &mut AnyConnection,
    id_hash: &str,
    now: DateTime<Utc>,
    idle: Duration,
) -> Result<Option<LiveSession>, ApiError> {
    let row: Option<SessionRow> = staff_sessions::table
        .inner_join(staff_users::table)
        .filter(staff_sessions::id_hash.eq(id_hash))
        .select((
            (
                staff_sessions::staff_id,
                staff_sessions::stage,
                staff_sessions::last_seen_at,
                staff_sessions::absolute_expires_at,
                staff_sessions::reauthenticated_at,
            ),
            (
                staff_users::username,
                staff_users::display_name,
                staff_users::role,
                staff_users::institution_id,
                staff_users::disabled_at,
                staff_users::password_change_required,
            ),
        ))
        .first(conn)
        .optional()?;
    let Some((
        (staff_id, stage, last_seen, absolute, reauthenticated),
        (username, display_name, role, inst, disabled, password_change_required),
    )) = row
    else {
        return Ok(None);
    };
    let (last_seen, absolute) = (from_db_time(last_seen), from_db_time(absolute));
    if now >= last_seen + idle || now >= absolute || disabled.is_some() {
        diesel::delete(staff_sessions::table.find(id_hash)).execute(conn)?;
        return Ok(None);
    }
    let stage = SessionStage::parse(&stage)
        .ok_or_else(|| ApiError::Internal(format!("staff session with stage `{stage}`")))?;
    let role = StaffRole::from_columns(&role, inst)
        .ok_or_else(|| ApiError::Internal(format!("staff {staff_id} has role `{role}`")))?;
    let mut seen = last_seen;
    if now - last_seen >= TOUCH_EVERY {
        diesel::update(staff_sessions::table.find(id_hash))
            .set(staff_sessions::last_seen_at.eq(to_db_time(now)))
            .execute(conn)?;
        seen = now;
    }
    Ok(Some(LiveSession {
        staff_id,
        username,
        display_name,
        role,
        stage,
        idle_expires_at: (seen + idle).min(absolute),
        absolute_expires_at: absolute,
        reauthenticated_at: reauthenticated.map(from_db_time),
        password_change_required,
    }))
}

/// Starts a staff session and returns the raw id for the cookie.
pub fn create_staff_session(
    conn: &mut AnyConnection,
    staff_id: &str,
    stage: SessionStage,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<String, ApiError> {
    let raw_id = random_token();
    // Reaching `active` means the password (and the second factor) were just typed.
    let reauthenticated_at = (stage == SessionStage::Active).then(|| to_db_time(now));
    diesel::insert_into(staff_sessions::table)
        .values((
            staff_sessions::reauthenticated_at.eq(reauthenticated_at),
            staff_sessions::id_hash.eq(sha256_hex(raw_id.as_bytes())),
            staff_sessions::staff_id.eq(staff_id),
            staff_sessions::stage.eq(stage.as_str()),
            staff_sessions::created_at.eq(to_db_time(now)),
            staff_sessions::last_seen_at.eq(to_db_time(now)),
            staff_sessions::absolute_expires_at.eq(to_db_time(now + config.session_absolute)),
        ))
        .execute(conn)?;
    Ok(raw_id)
}

/// Moves a session to `stage`. Reaching `active` replaces the session id (the caller sets
/// the returned id as the new cookie), so an id seen before the second factor is worthless
/// after it.
pub fn set_session_stage(
    conn: &mut AnyConnection,
    raw_id: &str,
    stage: SessionStage,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<String, ApiError> {
    let old_hash = sha256_hex(raw_id.as_bytes());
    let staff_id: String = staff_sessions::table
        .find(&old_hash)
        .select(staff_sessions::staff_id)
        .first(conn)
        .optional()?
        .ok_or(ApiError::Unauthenticated)?;
    diesel::delete(staff_sessions::table.find(&old_hash)).execute(conn)?;
    create_staff_session(conn, &staff_id, stage, now, config)
}

/// The password was typed again in this session (`reauthenticate_staff`).
pub fn mark_reauthenticated(
    conn: &mut AnyConnection,
    raw_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    diesel::update(staff_sessions::table.find(sha256_hex(raw_id.as_bytes())))
        .set(staff_sessions::reauthenticated_at.eq(Some(to_db_time(now))))
        .execute(conn)?;
    Ok(())
}

pub fn delete_staff_session(conn: &mut AnyConnection, raw_id: &str) -> Result<(), ApiError> {
    diesel::delete(staff_sessions::table.find(sha256_hex(raw_id.as_bytes()))).execute(conn)?;
    Ok(())
}

/// Ends every session of one staff member (password changed, account disabled).
pub fn delete_all_staff_sessions(conn: &mut AnyConnection, staff_id: &str) -> Result<(), ApiError> {
    diesel::delete(staff_sessions::table.filter(staff_sessions::staff_id.eq(staff_id)))
        .execute(conn)?;
    Ok(())
}

pub fn staff_session_cookie(raw_id: String, config: &Config) -> Cookie<'static> {
    STAFF_SESSION_COOKIE
        .build(raw_id, config)
        // Staff never arrive from another site's redirect: Strict costs nothing here.
        .same_site(SameSite::Strict)
        .secure(config.cookies_secure())
        .max_age(CookieDuration::seconds(
            config.session_absolute.num_seconds(),
        ))
        .finish()
}

pub fn staff_removal_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = staff_session_cookie(String::new(), config);
    cookie.make_removal();
    cookie
}
