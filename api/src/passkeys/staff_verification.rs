//! A passkey instead of TOTP as a staff member's second factor: after the password, the
//! browser is asked for one of this staff member's registered credentials; success moves the
//! session to `active` (with a new id, as TOTP does).

use chrono::{DateTime, Utc};
use shared::api::passkeys::{FinishPasskeyAuthenticationRequest, PasskeyAuthenticationChallenge};
use webauthn_rs::prelude::{PasskeyAuthentication, Webauthn};

use super::ceremony::{self, CeremonyKind};
use super::store::{self, Owner};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::staff::PendingStaff;
use crate::config::Config;
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::secrets::sha256_hex;
use crate::staff::login::complete_login;
use crate::staff::throttle;

/// The ceremony belongs to this session, not merely to the staff member: another browser
/// that knows the password cannot finish it.
fn session_key(pending: &PendingStaff) -> String {
    sha256_hex(pending.staff.raw_session_id().as_bytes())
}

fn owner(pending: &PendingStaff) -> Owner {
    Owner::Staff {
        id: pending.staff.id.clone(),
    }
}

pub fn start(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    pending: &PendingStaff,
    now: DateTime<Utc>,
) -> Result<PasskeyAuthenticationChallenge, ApiError> {
    pending.awaiting_second_factor()?;
    let passkeys: Vec<_> = store::owned_passkeys(conn, &owner(pending))?
        .into_iter()
        .map(|(_, passkey)| passkey)
        .collect();
    if passkeys.is_empty() {
        return Err(ApiError::PasskeyRejected);
    }
    let (options, state) = webauthn
        .start_passkey_authentication(&passkeys)
        .map_err(|e| ApiError::Internal(format!("staff passkey start: {e}")))?;
    let ceremony_id = ceremony::begin(
        conn,
        CeremonyKind::StaffVerification,
        Some(&session_key(pending)),
        &state,
        now,
    )?;
    Ok(PasskeyAuthenticationChallenge {
        ceremony_id,
        options,
    })
}

/// Answers the new session id (for the cookie). A refusal is audited and committed.
pub fn finish(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    pending: &PendingStaff,
    request: &FinishPasskeyAuthenticationRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<String, ApiError> {
    pending.awaiting_second_factor()?;
    // A passkey is a second factor like TOTP: the same throttle gates and counts it, before
    // it is judged (a completed login forgets the count).
    let subject = throttle::subject(&pending.staff.username);
    let reserved = write_transaction(conn, |conn| throttle::reserve(conn, &subject, ctx.at))?;
    let state: PasskeyAuthentication = ceremony::take(
        conn,
        &request.ceremony_id,
        CeremonyKind::StaffVerification,
        Some(&session_key(pending)),
        ctx.at,
    )?;
    let institution_id = pending.staff.role.institution_id();
    let refuse = |conn: &mut AnyConnection, target: Option<&str>, reason: &str| {
        audit::record_now(
            conn,
            ctx,
            AuditAction::PasskeyLoginFailed,
            target,
            institution_id,
            Some(reason),
        )?;
        Ok::<_, ApiError>(reserved.answer(ApiError::PasskeyRejected))
    };

    let Some(credential) = request.credential.credential() else {
        return Err(refuse(
            conn,
            Some(&pending.staff.username),
            "not_a_credential",
        )?);
    };
    let used = credential.get_credential_id();
    let mine = store::owned_passkeys(conn, &owner(pending))?
        .into_iter()
        .find(|(_, passkey)| passkey.cred_id().as_slice() == used);
    let Some((id, mut passkey)) = mine else {
        return Err(refuse(
            conn,
            Some(&pending.staff.username),
            "unknown_credential",
        )?);
    };
    let result = match webauthn.finish_passkey_authentication(credential, &state) {
        Ok(result) => result,
        Err(e) => {
            tracing::info!(error = %e, "staff passkey refused");
            return Err(refuse(conn, Some(&id), "verification_failed")?);
        }
    };
    passkey.update_credential(&result);
    write_transaction(conn, |conn| {
        store::record_use(conn, &id, &passkey, ctx.at)?;
        let raw = complete_login(conn, pending, "passkey", ctx, config)?;
        audit::record(
            conn,
            ctx,
            AuditAction::PasskeyLogin,
            Outcome::Success,
            Some(&id),
            institution_id,
            None,
        )?;
        Ok(raw)
    })
}
