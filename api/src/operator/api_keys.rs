//! Integrator API keys: one institution each. The key is 256 random bits, shown once in the
//! answer that creates it; Kamu SM keeps only its SHA-256 (looked up through a unique index by
//! `auth::Integrator`), its name and its first characters. A revoked key is refused from the
//! next request on.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::operator::{ApiKeyInfo, CreatedApiKey, InstitutionApiKeys};

use super::{institutions, unique_violation_is_already_exists};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::integrator::key_prefix;
use crate::db::schema::api_keys;
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};

/// Every key starts with this, so a leaked one is easy to recognise (secret scanners).
pub const KEY_PREFIX: &str = "nes_";

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct ApiKeyRow {
    id: String,
    institution_id: String,
    name: String,
    key_prefix: String,
    created_at: NaiveDateTime,
    created_by: String,
    revoked_at: Option<NaiveDateTime>,
    revoked_by: Option<String>,
    last_used_at: Option<NaiveDateTime>,
}

impl From<ApiKeyRow> for ApiKeyInfo {
    fn from(row: ApiKeyRow) -> Self {
        ApiKeyInfo {
            id: row.id,
            institution_id: row.institution_id,
            name: row.name,
            key_prefix: row.key_prefix,
            created_at: from_db_time(row.created_at),
            created_by: row.created_by,
            revoked_at: row.revoked_at.map(from_db_time),
            revoked_by: row.revoked_by,
            last_used_at: row.last_used_at.map(from_db_time),
        }
    }
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<ApiKeyInfo, ApiError> {
    api_keys::table
        .find(id)
        .select(ApiKeyRow::as_select())
        .first(conn)
        .optional()?
        .map(ApiKeyInfo::from)
        .ok_or(ApiError::NotFound)
}

/// The institution and its keys, newest first.
pub fn list(
    conn: &mut AnyConnection,
    institution_id: &str,
) -> Result<InstitutionApiKeys, ApiError> {
    let institution = institutions::get(conn, institution_id)?;
    let keys = api_keys::table
        .filter(api_keys::institution_id.eq(institution_id))
        .order((api_keys::created_at.desc(), api_keys::id.asc()))
        .select(ApiKeyRow::as_select())
        .load(conn)?
        .into_iter()
        .map(ApiKeyInfo::from)
        .collect();
    Ok(InstitutionApiKeys { institution, keys })
}

/// Makes a key for the institution and audits it (`api_key_created`). The answer is the only
/// place the key ever appears.
pub fn create(
    conn: &mut AnyConnection,
    institution_id: &str,
    name: &str,
    ctx: &EventContext,
) -> Result<CreatedApiKey, ApiError> {
    institutions::get(conn, institution_id)?;
    let raw = format!("{KEY_PREFIX}{}", random_token());
    let id = crate::db::new_row_id();
    let prefix = key_prefix(&raw);
    diesel::insert_into(api_keys::table)
        .values((
            api_keys::id.eq(&id),
            api_keys::institution_id.eq(institution_id),
            api_keys::name.eq(name),
            api_keys::key_prefix.eq(&prefix),
            api_keys::key_hash.eq(sha256_hex(raw.as_bytes())),
            api_keys::created_at.eq(to_db_time(ctx.at)),
            api_keys::created_by.eq(ctx.actor.id.as_deref().unwrap_or_default()),
        ))
        .execute(conn)
        .map_err(unique_violation_is_already_exists)?;
    audit::record(
        conn,
        ctx,
        AuditAction::ApiKeyCreated,
        Outcome::Success,
        Some(&id),
        Some(institution_id),
        Some(&format!("{prefix}… {name}")),
    )?;
    Ok(CreatedApiKey {
        api_key: raw,
        key: load(conn, &id)?,
    })
}

/// Revokes the key and audits it (`api_key_revoked`). Revoking a revoked key changes nothing
/// and answers it as it is.
pub fn revoke(
    conn: &mut AnyConnection,
    key_id: &str,
    ctx: &EventContext,
) -> Result<ApiKeyInfo, ApiError> {
    let key = load(conn, key_id)?;
    if key.revoked_at.is_some() {
        return Ok(key);
    }
    diesel::update(
        api_keys::table
            .find(key_id)
            .filter(api_keys::revoked_at.is_null()),
    )
    .set((
        api_keys::revoked_at.eq(Some(to_db_time(ctx.at))),
        api_keys::revoked_by.eq(ctx.actor.id.as_deref()),
    ))
    .execute(conn)?;
    audit::record(
        conn,
        ctx,
        AuditAction::ApiKeyRevoked,
        Outcome::Success,
        Some(key_id),
        Some(&key.institution_id),
        Some(&format!("{}… {}", key.key_prefix, key.name)),
    )?;
    load(conn, key_id)
}
