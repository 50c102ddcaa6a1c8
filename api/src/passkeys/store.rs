//! Owners and their credentials in the database. Every query about a credential names its
//! owner, so nobody can see, rename or remove another person's passkey (it is "not found").

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use shared::api::passkeys::{PasskeyInfo, PasskeyName};
use uuid::Uuid;
use webauthn_rs::prelude::{CredentialID, Passkey};

use crate::db::schema::{passkey_owners, passkeys};
use crate::db::{from_db_time, is_unique_violation, to_db_time, AnyConnection};
use crate::error::ApiError;

/// Whose passkeys: an applicant (by TCKN, with the name e-Devlet gave) or a staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Applicant {
        tckn: String,
        first_name: String,
        last_name: String,
    },
    Staff {
        id: String,
    },
}

impl Owner {
    pub fn kind(&self) -> &'static str {
        match self {
            Owner::Applicant { .. } => "applicant",
            Owner::Staff { .. } => "staff",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Owner::Applicant { tckn, .. } => tckn,
            Owner::Staff { id } => id,
        }
    }

    fn names(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Owner::Applicant {
                first_name,
                last_name,
                ..
            } => (Some(first_name), Some(last_name)),
            Owner::Staff { .. } => (None, None),
        }
    }
}

/// The owner's WebAuthn user handle, created on first use. An applicant's name is refreshed
/// each time, so a later passkey login greets them as e-Devlet last did.
pub fn ensure_owner(
    conn: &mut AnyConnection,
    owner: &Owner,
    now: DateTime<Utc>,
) -> Result<Uuid, ApiError> {
    let (first_name, last_name) = owner.names();
    if let Some(handle) = user_handle_of(conn, owner)? {
        diesel::update(passkey_owners::table.find(handle.to_string()))
            .set((
                passkey_owners::first_name.eq(first_name),
                passkey_owners::last_name.eq(last_name),
                passkey_owners::updated_at.eq(to_db_time(now)),
            ))
            .execute(conn)?;
        return Ok(handle);
    }
    let handle = Uuid::new_v4();
    diesel::insert_into(passkey_owners::table)
        .values((
            passkey_owners::user_handle.eq(handle.to_string()),
            passkey_owners::owner_kind.eq(owner.kind()),
            passkey_owners::owner_id.eq(owner.id()),
            passkey_owners::first_name.eq(first_name),
            passkey_owners::last_name.eq(last_name),
            passkey_owners::created_at.eq(to_db_time(now)),
            passkey_owners::updated_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    Ok(handle)
}

fn user_handle_of(conn: &mut AnyConnection, owner: &Owner) -> Result<Option<Uuid>, ApiError> {
    let handle: Option<String> = passkey_owners::table
        .filter(passkey_owners::owner_kind.eq(owner.kind()))
        .filter(passkey_owners::owner_id.eq(owner.id()))
        .select(passkey_owners::user_handle)
        .first(conn)
        .optional()?;
    handle
        .map(|h| Uuid::parse_str(&h).map_err(|e| ApiError::Internal(format!("user handle: {e}"))))
        .transpose()
}

type Row = (String, String, String, NaiveDateTime, Option<NaiveDateTime>);

fn info((id, name, _passkey, created_at, last_used_at): Row) -> PasskeyInfo {
    PasskeyInfo {
        id,
        name,
        created_at: from_db_time(created_at),
        last_used_at: last_used_at.map(from_db_time),
    }
}

fn owned_rows(conn: &mut AnyConnection, owner: &Owner) -> Result<Vec<Row>, ApiError> {
    Ok(passkeys::table
        .inner_join(passkey_owners::table)
        .filter(passkey_owners::owner_kind.eq(owner.kind()))
        .filter(passkey_owners::owner_id.eq(owner.id()))
        .order((passkeys::created_at.asc(), passkeys::id.asc()))
        .select((
            passkeys::id,
            passkeys::name,
            passkeys::passkey,
            passkeys::created_at,
            passkeys::last_used_at,
        ))
        .load(conn)?)
}

/// The owner's passkeys, oldest first.
pub fn list(conn: &mut AnyConnection, owner: &Owner) -> Result<Vec<PasskeyInfo>, ApiError> {
    Ok(owned_rows(conn, owner)?.into_iter().map(info).collect())
}

/// The owner's credentials as webauthn-rs needs them (to exclude or to allow).
pub fn owned_passkeys(
    conn: &mut AnyConnection,
    owner: &Owner,
) -> Result<Vec<(String, Passkey)>, ApiError> {
    owned_rows(conn, owner)?
        .into_iter()
        .map(|(id, _, json, _, _)| Ok((id, parse_passkey(&json)?)))
        .collect()
}

pub fn credential_ids(
    conn: &mut AnyConnection,
    owner: &Owner,
) -> Result<Vec<CredentialID>, ApiError> {
    Ok(owned_passkeys(conn, owner)?
        .into_iter()
        .map(|(_, passkey)| passkey.cred_id().clone())
        .collect())
}

/// Keeps a newly registered credential. One already registered (to anybody) is refused.
pub fn insert(
    conn: &mut AnyConnection,
    user_handle: Uuid,
    name: &PasskeyName,
    passkey: &Passkey,
    now: DateTime<Utc>,
) -> Result<PasskeyInfo, ApiError> {
    let id = Uuid::new_v4().to_string();
    let inserted = diesel::insert_into(passkeys::table)
        .values((
            passkeys::id.eq(&id),
            passkeys::user_handle.eq(user_handle.to_string()),
            passkeys::credential_id.eq(credential_key(passkey.cred_id())),
            passkeys::name.eq(name.as_str()),
            passkeys::passkey.eq(passkey_json(passkey)?),
            passkeys::created_at.eq(to_db_time(now)),
        ))
        .execute(conn);
    match inserted {
        Err(e) if is_unique_violation(&e) => return Err(ApiError::AlreadyExists),
        other => other?,
    };
    Ok(PasskeyInfo {
        id,
        name: name.as_str().to_owned(),
        created_at: from_db_time(to_db_time(now)),
        last_used_at: None,
    })
}

pub fn rename(
    conn: &mut AnyConnection,
    owner: &Owner,
    id: &str,
    name: &PasskeyName,
) -> Result<PasskeyInfo, ApiError> {
    let handle = user_handle_of(conn, owner)?.ok_or(ApiError::NotFound)?;
    let changed = diesel::update(
        passkeys::table
            .find(id)
            .filter(passkeys::user_handle.eq(handle.to_string())),
    )
    .set(passkeys::name.eq(name.as_str()))
    .execute(conn)?;
    if changed == 0 {
        return Err(ApiError::NotFound);
    }
    list(conn, owner)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or(ApiError::NotFound)
}

/// Removes the owner's passkey `id`.
pub fn remove(conn: &mut AnyConnection, owner: &Owner, id: &str) -> Result<(), ApiError> {
    let handle = user_handle_of(conn, owner)?.ok_or(ApiError::NotFound)?;
    let removed = diesel::delete(
        passkeys::table
            .find(id)
            .filter(passkeys::user_handle.eq(handle.to_string())),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(ApiError::NotFound);
    }
    Ok(())
}

/// Removes every passkey of the owner (a staff member's second factor reset); answers how
/// many there were.
pub fn remove_all(conn: &mut AnyConnection, owner: &Owner) -> Result<usize, ApiError> {
    let Some(handle) = user_handle_of(conn, owner)? else {
        return Ok(0);
    };
    Ok(
        diesel::delete(passkeys::table.filter(passkeys::user_handle.eq(handle.to_string())))
            .execute(conn)?,
    )
}

/// A credential found by what the authenticator answered (user handle and credential id).
pub struct FoundCredential {
    pub id: String,
    pub owner_kind: String,
    pub owner_id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub passkey: Passkey,
}

/// Passkey id and JSON, owner kind and id, first and last name.
type FoundRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

pub fn find(
    conn: &mut AnyConnection,
    user_handle: Uuid,
    credential_id: &[u8],
) -> Result<Option<FoundCredential>, ApiError> {
    let row: Option<FoundRow> = passkeys::table
        .inner_join(passkey_owners::table)
        .filter(passkeys::credential_id.eq(credential_key(credential_id)))
        .filter(passkeys::user_handle.eq(user_handle.to_string()))
        .select((
            passkeys::id,
            passkeys::passkey,
            passkey_owners::owner_kind,
            passkey_owners::owner_id,
            passkey_owners::first_name,
            passkey_owners::last_name,
        ))
        .first(conn)
        .optional()?;
    row.map(|(id, json, owner_kind, owner_id, first_name, last_name)| {
        Ok(FoundCredential {
            id,
            owner_kind,
            owner_id,
            first_name,
            last_name,
            passkey: parse_passkey(&json)?,
        })
    })
    .transpose()
}

/// After a successful authentication: the counter and backup state the authenticator
/// reported (when they changed), and when it was used.
pub fn record_use(
    conn: &mut AnyConnection,
    id: &str,
    passkey: &Passkey,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    diesel::update(passkeys::table.find(id))
        .set((
            passkeys::passkey.eq(passkey_json(passkey)?),
            passkeys::last_used_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The credential id as stored: base64url without padding, as WebAuthn writes it.
fn credential_key(id: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(id)
}

fn passkey_json(passkey: &Passkey) -> Result<String, ApiError> {
    serde_json::to_string(passkey).map_err(|e| ApiError::Internal(format!("passkey: {e}")))
}

fn parse_passkey(json: &str) -> Result<Passkey, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(format!("stored passkey: {e}")))
}
