//! Institutions (kurumlar): the operator lists them and creates new ones. Code and name are
//! each unique; a second institution with either answers `already_exists`.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::operator::{Institution, InstitutionList, NewInstitution};

use super::unique_violation_is_already_exists;
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::schema::{api_keys, institutions};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;

type InstitutionRow = (String, String, String, NaiveDateTime);

fn columns() -> (
    institutions::id,
    institutions::code,
    institutions::name,
    institutions::created_at,
) {
    (
        institutions::id,
        institutions::code,
        institutions::name,
        institutions::created_at,
    )
}

fn institution((id, code, name, created_at): InstitutionRow, active_api_keys: u32) -> Institution {
    Institution {
        id,
        code,
        name,
        created_at: from_db_time(created_at),
        active_api_keys,
    }
}

/// How many unrevoked keys each institution has (institutions are few: counted here).
fn active_key_counts(
    conn: &mut AnyConnection,
    only: Option<&str>,
) -> Result<HashMap<String, u32>, ApiError> {
    let mut query = api_keys::table
        .filter(api_keys::revoked_at.is_null())
        .select(api_keys::institution_id)
        .into_boxed();
    if let Some(id) = only {
        query = query.filter(api_keys::institution_id.eq(id.to_owned()));
    }
    let mut counts = HashMap::new();
    for id in query.load::<String>(conn)? {
        *counts.entry(id).or_insert(0) += 1;
    }
    Ok(counts)
}

pub fn list(conn: &mut AnyConnection) -> Result<InstitutionList, ApiError> {
    let rows: Vec<InstitutionRow> = institutions::table
        .order(institutions::name.asc())
        .select(columns())
        .load(conn)?;
    let counts = active_key_counts(conn, None)?;
    Ok(InstitutionList {
        institutions: rows
            .into_iter()
            .map(|row| {
                let keys = counts.get(&row.0).copied().unwrap_or(0);
                institution(row, keys)
            })
            .collect(),
    })
}

pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Institution, ApiError> {
    let row: InstitutionRow = institutions::table
        .find(id)
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)?;
    let keys = active_key_counts(conn, Some(id))?
        .get(id)
        .copied()
        .unwrap_or(0);
    Ok(institution(row, keys))
}

/// Creates the institution and audits it (`institution_created`).
pub fn create(
    conn: &mut AnyConnection,
    new: &NewInstitution,
    ctx: &EventContext,
) -> Result<Institution, ApiError> {
    let taken: i64 = institutions::table
        .filter(
            institutions::code
                .eq(&new.code)
                .or(institutions::name.eq(&new.name)),
        )
        .count()
        .get_result(conn)?;
    if taken > 0 {
        return Err(ApiError::AlreadyExists);
    }
    let id = crate::db::new_row_id();
    diesel::insert_into(institutions::table)
        .values((
            institutions::id.eq(&id),
            institutions::code.eq(&new.code),
            institutions::name.eq(&new.name),
            institutions::created_at.eq(to_db_time(ctx.at)),
            institutions::created_by.eq(ctx.actor.id.as_deref().unwrap_or_default()),
        ))
        .execute(conn)
        .map_err(unique_violation_is_already_exists)?;
    audit::record(
        conn,
        ctx,
        AuditAction::InstitutionCreated,
        Outcome::Success,
        Some(&id),
        Some(&id),
        Some(&new.code),
    )?;
    get(conn, &id)
}
