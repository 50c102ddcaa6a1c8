//! An applicant's usernameless login with a passkey: the browser offers whichever
//! discoverable credential the person picks; its user handle names the owner. Success opens
//! the same kind of session as e-Devlet, with the name kept from the person's registration.

use chrono::{DateTime, Utc};
use shared::api::passkeys::{FinishPasskeyAuthenticationRequest, PasskeyAuthenticationChallenge};
use shared::Tckn;
use webauthn_rs::prelude::{DiscoverableAuthentication, DiscoverableKey, Webauthn};

use super::ceremony::{self, CeremonyKind};
use super::store;
use crate::applications::transition::ActorKind;
use crate::applications::{Actor, EventContext};
use crate::audit::{self, AuditAction};
use crate::auth::session::{start_applicant_session, Identity};
use crate::auth::ClientInfo;
use crate::auth::LoginMethod;
use crate::config::Config;
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;

pub fn start(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    now: DateTime<Utc>,
) -> Result<PasskeyAuthenticationChallenge, ApiError> {
    let (mut options, state) = webauthn
        .start_discoverable_authentication()
        .map_err(|e| ApiError::Internal(format!("passkey login start: {e}")))?;
    // webauthn-rs marks this for conditional mediation (autofill); the page asks on a
    // button press instead, which is the plain modal request.
    options.mediation = None;
    let ceremony_id = ceremony::begin(conn, CeremonyKind::ApplicantLogin, None, &state, now)?;
    Ok(PasskeyAuthenticationChallenge {
        ceremony_id,
        options,
    })
}

/// Who logged in and the new session's raw id (for the cookie).
pub struct LoggedIn {
    pub identity: Identity,
    pub raw_session_id: String,
}

/// Checks the assertion; on success ends `previous_session` (if this browser had one) and
/// opens a new one. Every refusal is audited in a transaction of its own.
pub fn finish(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    request: &FinishPasskeyAuthenticationRequest,
    previous_session: Option<&str>,
    client: &ClientInfo,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<LoggedIn, ApiError> {
    let anonymous = EventContext {
        actor: Actor {
            kind: ActorKind::Anonymous,
            id: None,
        },
        client: client.clone(),
        at: now,
    };
    let refuse = |conn: &mut AnyConnection, target: Option<&str>, reason: &str| {
        audit::record_now(
            conn,
            &anonymous,
            AuditAction::PasskeyLoginFailed,
            target,
            None,
            Some(reason),
        )?;
        Ok::<_, ApiError>(ApiError::PasskeyRejected)
    };
    // An object that is no WebAuthn assertion cannot pass: refused before the ceremony is
    // looked at, like a credential that fails verification.
    let Some(credential) = request.credential.credential() else {
        return Err(refuse(conn, None, "not_a_credential")?);
    };
    let state: DiscoverableAuthentication = ceremony::take(
        conn,
        &request.ceremony_id,
        CeremonyKind::ApplicantLogin,
        None,
        now,
    )?;

    let Ok((user_handle, credential_id)) =
        webauthn.identify_discoverable_authentication(credential)
    else {
        return Err(refuse(conn, None, "no_user_handle")?);
    };
    let found = store::find(conn, user_handle, credential_id)?
        .filter(|found| found.owner_kind == "applicant");
    let Some(mut found) = found else {
        return Err(refuse(conn, None, "unknown_credential")?);
    };
    let result = match webauthn.finish_discoverable_authentication(
        credential,
        state,
        &[DiscoverableKey::from(&found.passkey)],
    ) {
        Ok(result) => result,
        Err(e) => {
            tracing::info!(error = %e, "passkey login refused");
            return Err(refuse(conn, Some(&found.id), "verification_failed")?);
        }
    };
    let tckn = Tckn::parse(&found.owner_id)
        .map_err(|e| ApiError::Internal(format!("stored passkey owner: {e}")))?;
    let identity = Identity {
        tckn,
        first_name: found.first_name.clone().unwrap_or_default(),
        last_name: found.last_name.clone().unwrap_or_default(),
    };
    // The counter (a clone shows itself by going backwards) and the backup state.
    found.passkey.update_credential(&result);
    let ctx = EventContext::applicant(&identity.tckn, client.clone(), now);
    let raw_session_id = write_transaction(conn, |conn| {
        store::record_use(conn, &found.id, &found.passkey, now)?;
        let method = (LoginMethod::Passkey, Some(found.id.as_str()));
        start_applicant_session(conn, &identity, method, previous_session, &ctx, config)
    })?;
    Ok(LoggedIn {
        identity,
        raw_session_id,
    })
}
