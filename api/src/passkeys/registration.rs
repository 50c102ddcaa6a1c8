//! Registering a passkey, for an applicant or a staff member: `start` asks the browser for
//! a discoverable credential (so that a later login needs no user name), `finish` checks the
//! answer against the stored ceremony and keeps the credential.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use shared::api::passkeys::{
    AuthenticatorAnswer, PasskeyInfo, PasskeyName, PasskeyRegistrationChallenge,
    RegisterPublicKeyCredential,
};
use webauthn_rs::prelude::{PasskeyRegistration, Webauthn};
use webauthn_rs_proto::ResidentKeyRequirement;

use super::ceremony::{self, CeremonyKind};
use super::store::{self, Owner};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;

/// What a registration ceremony keeps between its two calls.
#[derive(Serialize, Deserialize)]
struct Pending {
    /// Chosen at the start, so the finish has nothing left to refuse but the credential.
    name: String,
    state: PasskeyRegistration,
}

/// Which ceremony kind registers for this owner.
fn kind_of(owner: &Owner) -> CeremonyKind {
    match owner {
        Owner::Applicant { .. } => CeremonyKind::ApplicantRegistration,
        Owner::Staff { .. } => CeremonyKind::StaffRegistration,
    }
}

/// Starts a registration. `display_name` is what authenticators show in their account
/// picker (the person's name: the TCKN never leaves the server).
pub fn start(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    owner: &Owner,
    display_name: &str,
    name: PasskeyName,
    now: DateTime<Utc>,
) -> Result<PasskeyRegistrationChallenge, ApiError> {
    let user_handle = write_transaction(conn, |conn| store::ensure_owner(conn, owner, now))?;
    // The authenticator refuses to make a second credential for the same account.
    let exclude = store::credential_ids(conn, owner)?;
    let exclude = (!exclude.is_empty()).then_some(exclude);
    let (mut options, state) = webauthn
        .start_passkey_registration(user_handle, display_name, display_name, exclude)
        .map_err(|e| ApiError::Internal(format!("passkey registration start: {e}")))?;
    // webauthn-rs 0.5 only *discourages* resident keys for passkeys; the usernameless
    // login needs the credential (with its user handle) stored on the authenticator.
    // The server does not check this flag at finish, so asking for more is safe.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    let pending = Pending {
        name: name.as_str().to_owned(),
        state,
    };
    let ceremony_id = ceremony::begin(conn, kind_of(owner), Some(owner.id()), &pending, now)?;
    Ok(PasskeyRegistrationChallenge {
        ceremony_id,
        options,
    })
}

/// Finishes a registration: the ceremony is consumed first (committed), then the
/// credential verified and kept, with its audit entry, in one transaction.
pub fn finish(
    conn: &mut AnyConnection,
    webauthn: &Webauthn,
    owner: &Owner,
    institution_id: Option<&str>,
    ceremony_id: &str,
    credential: &AuthenticatorAnswer<RegisterPublicKeyCredential>,
    ctx: &EventContext,
) -> Result<PasskeyInfo, ApiError> {
    let pending: Pending =
        ceremony::take(conn, ceremony_id, kind_of(owner), Some(owner.id()), ctx.at)?;
    let credential = credential.credential().ok_or(ApiError::PasskeyRejected)?;
    let passkey = webauthn
        .finish_passkey_registration(credential, &pending.state)
        .map_err(|e| {
            tracing::info!(error = %e, "passkey registration refused");
            ApiError::PasskeyRejected
        })?;
    let name = PasskeyName::parse(&pending.name)
        .map_err(|e| ApiError::Internal(format!("stored passkey name: {e}")))?;
    write_transaction(conn, |conn| {
        let user_handle = store::ensure_owner(conn, owner, ctx.at)?;
        let info = store::insert(conn, user_handle, &name, &passkey, ctx.at)?;
        audit::record(
            conn,
            ctx,
            AuditAction::PasskeyRegistered,
            Outcome::Success,
            Some(&info.id),
            institution_id,
            None,
        )?;
        Ok(info)
    })
}
