//! WebAuthn ceremonies between `start_*` and `finish_*`: their state stays on the server,
//! the browser holds only a random id. The row is deleted — in a transaction of its own,
//! committed — before the answer is verified, so a ceremony can be finished once at most,
//! whatever the verification says.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::db::schema::webauthn_ceremonies;
use crate::db::{from_db_time, to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};

/// As long as the browser gives the person to answer the authenticator.
pub const LIFETIME: Duration = Duration::minutes(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeremonyKind {
    ApplicantRegistration,
    ApplicantLogin,
    StaffRegistration,
    StaffVerification,
}

impl CeremonyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CeremonyKind::ApplicantRegistration => "applicant_registration",
            CeremonyKind::ApplicantLogin => "applicant_login",
            CeremonyKind::StaffRegistration => "staff_registration",
            CeremonyKind::StaffVerification => "staff_verification",
        }
    }
}

/// Stores a new ceremony for `owner` (none for a login that does not know who is coming)
/// and answers its id for the browser. Expired ceremonies are swept on the way.
pub fn begin<S: Serialize>(
    conn: &mut AnyConnection,
    kind: CeremonyKind,
    owner: Option<&str>,
    state: &S,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let state = serde_json::to_string(state)
        .map_err(|e| ApiError::Internal(format!("ceremony state: {e}")))?;
    let id = random_token();
    write_transaction(conn, |conn| {
        diesel::delete(
            webauthn_ceremonies::table.filter(webauthn_ceremonies::expires_at.le(to_db_time(now))),
        )
        .execute(conn)?;
        diesel::insert_into(webauthn_ceremonies::table)
            .values((
                webauthn_ceremonies::id_hash.eq(sha256_hex(id.as_bytes())),
                webauthn_ceremonies::kind.eq(kind.as_str()),
                webauthn_ceremonies::owner.eq(owner),
                webauthn_ceremonies::state.eq(&state),
                webauthn_ceremonies::created_at.eq(to_db_time(now)),
                webauthn_ceremonies::expires_at.eq(to_db_time(now + LIFETIME)),
            ))
            .execute(conn)?;
        Ok::<_, ApiError>(())
    })?;
    Ok(id)
}

/// Removes the ceremony `id` of this kind and owner, commits, and answers its state.
/// Unknown, already used, someone else's or expired: `410 passkey_ceremony_expired`.
pub fn take<S: DeserializeOwned>(
    conn: &mut AnyConnection,
    id: &str,
    kind: CeremonyKind,
    owner: Option<&str>,
    now: DateTime<Utc>,
) -> Result<S, ApiError> {
    let id_hash = sha256_hex(id.as_bytes());
    let taken = write_transaction(conn, |conn| {
        let mut query = webauthn_ceremonies::table
            .find(&id_hash)
            .filter(webauthn_ceremonies::kind.eq(kind.as_str()))
            .into_boxed();
        query = match owner {
            Some(owner) => query.filter(webauthn_ceremonies::owner.eq(owner)),
            None => query.filter(webauthn_ceremonies::owner.is_null()),
        };
        let row: Option<(String, chrono::NaiveDateTime)> = query
            .select((webauthn_ceremonies::state, webauthn_ceremonies::expires_at))
            .first(conn)
            .optional()?;
        let Some((state, expires_at)) = row else {
            return Ok(None);
        };
        // Zero rows deleted: a concurrent finish took it first.
        let deleted = diesel::delete(webauthn_ceremonies::table.find(&id_hash)).execute(conn)?;
        Ok::<_, ApiError>((deleted == 1 && now < from_db_time(expires_at)).then_some(state))
    })?;
    let state = taken.ok_or(ApiError::PasskeyCeremonyExpired)?;
    serde_json::from_str(&state).map_err(|e| ApiError::Internal(format!("ceremony state: {e}")))
}
