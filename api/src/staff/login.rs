//! The staff login as use cases: the password opens a session in stage `password_ok`; a TOTP
//! code (or enrolment of the authenticator app on the first login, or a passkey) makes it
//! `active` under a new session id. Every attempt is counted by the throttle before it is
//! judged (`throttle::reserve`, committed at once), so parallel attempts cannot pass its gate
//! together; a right one is given back, a wrong one audited before the error is answered.
//!
//! These functions block (argon2, database): callers run them through `AppState::db`. Time
//! comes from the `EventContext`.

use diesel::prelude::*;
use shared::api::staff::{
    field, normalise_username, StaffLoginNextStep, StaffLoginResponse, StaffRoleKind,
    StaffSessionInfo, StaffSessionStage, TotpEnrolment,
};
use shared::form::FieldErrors;

use super::password::{hash_password, policy_problem, verify_password, Password};
use super::throttle::{self, AfterFailure};
use super::totp::{self, CodeCheck};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::staff::{
    create_staff_session, delete_staff_session, mark_reauthenticated, set_session_stage,
    PendingStaff, SessionStage,
};
use crate::auth::Staff;
use crate::config::Config;
use crate::db::schema::{institutions, staff_sessions, staff_users};
use crate::db::{to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::passkeys::store::{self as passkey_store, Owner};
use crate::secrets::sha256_hex;

/// What the password step needs of an account.
struct Candidate {
    id: String,
    password_hash: String,
    institution_id: Option<String>,
    totp_enrolled: bool,
    disabled: bool,
}

fn candidate(conn: &mut AnyConnection, username: &str) -> Result<Option<Candidate>, ApiError> {
    type Row = (
        String,
        String,
        Option<String>,
        Option<chrono::NaiveDateTime>,
        Option<chrono::NaiveDateTime>,
    );
    let row: Option<Row> = staff_users::table
        .filter(staff_users::username.eq(username))
        .select((
            staff_users::id,
            staff_users::password_hash,
            staff_users::institution_id,
            staff_users::totp_enabled_at,
            staff_users::disabled_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(id, password_hash, institution_id, totp, disabled)| Candidate {
            id,
            password_hash,
            institution_id,
            totp_enrolled: totp.is_some(),
            disabled: disabled.is_some(),
        },
    ))
}

/// A failed attempt, as audited.
struct Attempt<'a> {
    action: AuditAction,
    target: &'a str,
    institution_id: Option<&'a str>,
    reason: &'a str,
}

/// Takes one attempt of `subject` from the throttle, committed before the attempt is judged.
fn reserve_attempt(
    conn: &mut AnyConnection,
    subject: &str,
    ctx: &EventContext,
) -> Result<AfterFailure, ApiError> {
    write_transaction(conn, |conn| throttle::reserve(conn, subject, ctx.at))
}

/// Audits a failed attempt (already counted by [`reserve_attempt`]) and a lock it caused, in a
/// transaction of its own; answers the error to give, `failed` or the wait or lock it began.
/// Must be called outside any transaction, so that the audit survives the error.
fn fail(
    conn: &mut AnyConnection,
    after: AfterFailure,
    ctx: &EventContext,
    attempt: Attempt<'_>,
    failed: ApiError,
) -> ApiError {
    let audited = write_transaction(conn, |conn| {
        let detail = format!(
            "{}; failure {} in a row",
            attempt.reason, after.consecutive_failures
        );
        audit::record(
            conn,
            ctx,
            attempt.action,
            Outcome::Failure,
            Some(attempt.target),
            attempt.institution_id,
            Some(&detail),
        )?;
        if after.locked_now {
            audit::record(
                conn,
                ctx,
                AuditAction::StaffLocked,
                Outcome::Success,
                Some(attempt.target),
                attempt.institution_id,
                Some(&format!(
                    "locked after {} failures",
                    after.consecutive_failures
                )),
            )?;
        }
        Ok::<_, ApiError>(())
    });
    match audited {
        Ok(()) => after.answer(failed),
        Err(e) => e,
    }
}

/// Step one: user name and password. An unknown or disabled user name costs the same time
/// and gets the same answer as a wrong password. Answers the new session's raw id.
pub fn login_with_password(
    conn: &mut AnyConnection,
    typed_username: &str,
    password: &Password,
    ctx: &EventContext,
    config: &Config,
) -> Result<(String, StaffLoginResponse), ApiError> {
    let username = normalise_username(typed_username);
    let subject = throttle::subject(&username);
    let reserved = reserve_attempt(conn, &subject, ctx)?;
    let found = candidate(conn, &username)?;
    let usable_hash = found
        .as_ref()
        .filter(|c| !c.disabled)
        .map(|c| c.password_hash.as_str());
    if !verify_password(usable_hash, password) {
        let target: String = username.chars().take(128).collect();
        let institution_id = found.as_ref().and_then(|c| c.institution_id.clone());
        return Err(fail(
            conn,
            reserved,
            ctx,
            Attempt {
                action: AuditAction::StaffLoginFailed,
                target: &target,
                institution_id: institution_id.as_deref(),
                reason: "password",
            },
            ApiError::StaffLoginFailed,
        ));
    }
    let Some(account) = found else {
        // verify_password never says yes without a stored hash.
        return Err(ApiError::StaffLoginFailed);
    };
    let passkey_available = has_passkey(conn, &account.id)?;
    let raw_id = write_transaction(conn, |conn| {
        throttle::refund(conn, &subject)?;
        create_staff_session(conn, &account.id, SessionStage::PasswordOk, ctx.at, config)
    })?;
    let stage = if account.totp_enrolled {
        StaffLoginNextStep::Totp
    } else {
        StaffLoginNextStep::TotpEnrolment
    };
    Ok((
        raw_id,
        StaffLoginResponse {
            stage,
            passkey_available,
        },
    ))
}

/// Whether the staff member has registered a passkey (which may replace the TOTP code).
fn has_passkey(conn: &mut AnyConnection, staff_id: &str) -> Result<bool, ApiError> {
    let owner = Owner::Staff {
        id: staff_id.to_owned(),
    };
    Ok(!passkey_store::list(conn, &owner)?.is_empty())
}

struct TotpColumns {
    secret_sealed: Option<String>,
    pending_sealed: Option<String>,
    last_step: Option<i64>,
}

fn totp_columns(conn: &mut AnyConnection, staff_id: &str) -> Result<TotpColumns, ApiError> {
    let (secret_sealed, pending_sealed, last_step): (Option<String>, Option<String>, Option<i64>) =
        staff_users::table
            .find(staff_id)
            .select((
                staff_users::totp_secret_sealed,
                staff_users::totp_pending_secret_sealed,
                staff_users::totp_last_step,
            ))
            .first(conn)
            .optional()?
            .ok_or(ApiError::Unauthenticated)?;
    Ok(TotpColumns {
        secret_sealed,
        pending_sealed,
        last_step,
    })
}

/// A completed login: the failures are forgotten, the session becomes active under a new
/// id, and the login is audited. In the caller's transaction; answers the new raw id.
/// Also for other second factors (passkeys), which should call it instead of only moving
/// the session.
pub fn complete_login(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
    method: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<String, ApiError> {
    throttle::reset(conn, &throttle::subject(&pending.staff.username))?;
    let raw_id = set_session_stage(
        conn,
        pending.staff.raw_session_id(),
        SessionStage::Active,
        ctx.at,
        config,
    )?;
    audit::record(
        conn,
        ctx,
        AuditAction::StaffLogin,
        Outcome::Success,
        Some(&pending.staff.username),
        pending.staff.role.institution_id(),
        Some(method),
    )?;
    Ok(raw_id)
}

/// Step two: the code of the authenticator app. Answers the new (active) session's raw id.
pub fn verify_totp(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
    code: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<String, ApiError> {
    pending.awaiting_second_factor()?;
    let staff = &pending.staff;
    let subject = throttle::subject(&staff.username);
    let columns = totp_columns(conn, &staff.id)?;
    let sealed = columns
        .secret_sealed
        .ok_or(ApiError::TotpEnrolmentRequired)?;
    let reserved = reserve_attempt(conn, &subject, ctx)?;
    let secret = totp::open_secret(&config.secrets, &staff.id, &sealed)?;
    let (reason, failed) = match totp::check_code(&secret, code, ctx.at, columns.last_step) {
        CodeCheck::Accepted { step } => {
            let step = i64::try_from(step).map_err(|e| ApiError::Internal(e.to_string()))?;
            return write_transaction(conn, |conn| {
                // Only if no request used this step meanwhile: two tabs, one code, one login.
                let claimed = diesel::update(
                    staff_users::table.find(&staff.id).filter(
                        staff_users::totp_last_step
                            .is_null()
                            .or(staff_users::totp_last_step.lt(step)),
                    ),
                )
                .set(staff_users::totp_last_step.eq(Some(step)))
                .execute(conn)?;
                if claimed == 0 {
                    return Err(ApiError::TotpReplayed);
                }
                complete_login(conn, pending, "totp", ctx, config)
            });
        }
        CodeCheck::Invalid => ("totp_invalid", ApiError::TotpInvalid),
        CodeCheck::Replayed => ("totp_replayed", ApiError::TotpReplayed),
    };
    Err(fail(
        conn,
        reserved,
        ctx,
        Attempt {
            action: AuditAction::StaffSecondFactorFailed,
            target: &staff.username,
            institution_id: staff.role.institution_id(),
            reason,
        },
        failed,
    ))
}

/// First login: a new secret for the authenticator app, kept sealed as pending until a code
/// made from it is confirmed. Asking again replaces it.
pub fn start_enrolment(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
    config: &Config,
) -> Result<TotpEnrolment, ApiError> {
    pending.awaiting_second_factor()?;
    let staff = &pending.staff;
    if totp_columns(conn, &staff.id)?.secret_sealed.is_some() {
        return Err(ApiError::Conflict);
    }
    let secret = totp::TotpSecret::generate();
    let sealed = totp::seal_secret(&config.secrets, &staff.id, &secret)?;
    let enrolment = totp::enrolment(&secret, &staff.username)?;
    write_transaction(conn, |conn| {
        diesel::update(
            staff_users::table
                .find(&staff.id)
                .filter(staff_users::totp_secret_sealed.is_null()),
        )
        .set(staff_users::totp_pending_secret_sealed.eq(Some(&sealed)))
        .execute(conn)?;
        Ok::<_, ApiError>(())
    })?;
    Ok(enrolment)
}

/// First login, continued: a valid code of the pending secret enrols it and completes the
/// login. Answers the new (active) session's raw id.
pub fn confirm_enrolment(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
    code: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<String, ApiError> {
    pending.awaiting_second_factor()?;
    let staff = &pending.staff;
    let subject = throttle::subject(&staff.username);
    let columns = totp_columns(conn, &staff.id)?;
    if columns.secret_sealed.is_some() {
        return Err(ApiError::Conflict);
    }
    let sealed = columns
        .pending_sealed
        .ok_or(ApiError::TotpEnrolmentRequired)?;
    let reserved = reserve_attempt(conn, &subject, ctx)?;
    let secret = totp::open_secret(&config.secrets, &staff.id, &sealed)?;
    match totp::check_code(&secret, code, ctx.at, None) {
        CodeCheck::Accepted { step } => {
            let step = i64::try_from(step).map_err(|e| ApiError::Internal(e.to_string()))?;
            write_transaction(conn, |conn| {
                let enrolled = diesel::update(
                    staff_users::table
                        .find(&staff.id)
                        .filter(staff_users::totp_secret_sealed.is_null())
                        .filter(staff_users::totp_pending_secret_sealed.eq(&sealed)),
                )
                .set((
                    staff_users::totp_secret_sealed.eq(Some(&sealed)),
                    staff_users::totp_pending_secret_sealed.eq(None::<String>),
                    staff_users::totp_enabled_at.eq(Some(to_db_time(ctx.at))),
                    staff_users::totp_last_step.eq(Some(step)),
                ))
                .execute(conn)?;
                if enrolled == 0 {
                    // Another tab enrolled or started over meanwhile.
                    return Err(ApiError::Conflict);
                }
                audit::record(
                    conn,
                    ctx,
                    AuditAction::TotpEnrolled,
                    Outcome::Success,
                    Some(&staff.username),
                    staff.role.institution_id(),
                    None,
                )?;
                complete_login(conn, pending, "totp_enrolment", ctx, config)
            })
        }
        CodeCheck::Invalid | CodeCheck::Replayed => Err(fail(
            conn,
            reserved,
            ctx,
            Attempt {
                action: AuditAction::StaffSecondFactorFailed,
                target: &staff.username,
                institution_id: staff.role.institution_id(),
                reason: "totp_enrolment_invalid",
            },
            ApiError::TotpInvalid,
        )),
    }
}

/// Ends the session (in any stage) and audits it.
pub fn logout(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        delete_staff_session(conn, pending.staff.raw_session_id())?;
        audit::record(
            conn,
            ctx,
            AuditAction::StaffLogout,
            Outcome::Success,
            Some(&pending.staff.username),
            pending.staff.role.institution_id(),
            None,
        )
    })
}

/// Who is logged in, for the browser app.
pub fn session_info(
    conn: &mut AnyConnection,
    pending: &PendingStaff,
) -> Result<StaffSessionInfo, ApiError> {
    let staff = &pending.staff;
    let (totp_enabled, institution_name): (Option<chrono::NaiveDateTime>, Option<String>) =
        staff_users::table
            .left_join(institutions::table)
            .filter(staff_users::id.eq(&staff.id))
            .select((staff_users::totp_enabled_at, institutions::name.nullable()))
            .first(conn)
            .optional()?
            .ok_or(ApiError::Unauthenticated)?;
    let role = match staff.role {
        crate::auth::StaffRole::Officer { .. } => StaffRoleKind::Officer,
        crate::auth::StaffRole::Operator => StaffRoleKind::Operator,
    };
    Ok(StaffSessionInfo {
        id: staff.id.clone(),
        username: staff.username.clone(),
        display_name: staff.display_name.clone(),
        role,
        institution_id: staff.role.institution_id().map(str::to_owned),
        institution_name,
        stage: match pending.stage {
            SessionStage::PasswordOk => StaffSessionStage::PasswordOk,
            SessionStage::Active => StaffSessionStage::Active,
        },
        totp_enrolled: totp_enabled.is_some(),
        passkey_available: has_passkey(conn, &staff.id)?,
        password_change_required: pending.password_change_required,
        csrf_token: staff.csrf_token.clone(),
    })
}

/// The password of the logged-in person typed again, judged like a login: a wrong one counts
/// as a failed login (audited as `action` with `reason`, and may lock the account); a right
/// one gives its attempt back.
fn confirm_password(
    conn: &mut AnyConnection,
    staff: &Staff,
    typed: &Password,
    field_name: &str,
    action: AuditAction,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let subject = throttle::subject(&staff.username);
    let reserved = reserve_attempt(conn, &subject, ctx)?;
    let stored: String = staff_users::table
        .find(&staff.id)
        .select(staff_users::password_hash)
        .first(conn)
        .optional()?
        .ok_or(ApiError::Unauthenticated)?;
    if !verify_password(Some(&stored), typed) {
        let mut errors = FieldErrors::new();
        errors.add(field_name, "password_incorrect");
        return Err(fail(
            conn,
            reserved,
            ctx,
            Attempt {
                action,
                target: &staff.username,
                institution_id: staff.role.institution_id(),
                reason: "current_password_incorrect",
            },
            ApiError::Validation(errors),
        ));
    }
    write_transaction(conn, |conn| throttle::refund(conn, &subject))
}

/// "Parolayı değiştir": the current password again (a wrong one counts as a failed login),
/// a new one that meets the policy (`policy_problem`) and differs from it. Every other
/// session of the person ends; this one stays. A password set by an operator is thereby
/// replaced by one only its owner knows.
pub fn change_password(
    conn: &mut AnyConnection,
    staff: &Staff,
    current: &Password,
    new: &Password,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    confirm_password(
        conn,
        staff,
        current,
        field::CURRENT_PASSWORD,
        AuditAction::StaffPasswordChanged,
        ctx,
    )?;
    let mut errors = FieldErrors::new();
    if let Some(code) = policy_problem(&staff.username, &staff.display_name, new.expose()) {
        errors.add(field::NEW_PASSWORD, code);
    } else if new.expose() == current.expose() {
        errors.add(field::NEW_PASSWORD, "password_unchanged");
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let hash = hash_password(new)?;
    let this_session = sha256_hex(staff.raw_session_id().as_bytes());
    write_transaction(conn, |conn| {
        diesel::update(staff_users::table.find(&staff.id))
            .set((
                staff_users::password_hash.eq(hash.as_str()),
                staff_users::password_change_required.eq(false),
            ))
            .execute(conn)?;
        diesel::delete(
            staff_sessions::table
                .filter(staff_sessions::staff_id.eq(&staff.id))
                .filter(staff_sessions::id_hash.ne(&this_session)),
        )
        .execute(conn)?;
        mark_reauthenticated(conn, staff.raw_session_id(), ctx.at)?;
        audit::record(
            conn,
            ctx,
            AuditAction::StaffPasswordChanged,
            Outcome::Success,
            Some(&staff.username),
            staff.role.institution_id(),
            None,
        )
    })
}

/// The password typed again before a second factor is added or removed: holds for this
/// session for `REAUTHENTICATION_HOLDS_FOR`. Audited either way.
pub fn reauthenticate(
    conn: &mut AnyConnection,
    staff: &Staff,
    password: &Password,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    confirm_password(
        conn,
        staff,
        password,
        field::PASSWORD,
        AuditAction::StaffReauthenticated,
        ctx,
    )?;
    write_transaction(conn, |conn| {
        mark_reauthenticated(conn, staff.raw_session_id(), ctx.at)?;
        audit::record(
            conn,
            ctx,
            AuditAction::StaffReauthenticated,
            Outcome::Success,
            Some(&staff.username),
            staff.role.institution_id(),
            None,
        )
    })
}
