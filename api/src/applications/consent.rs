//! Working with e-Onay needs the person's earlier consent (section 3.4.1). It belongs to
//! the person, not to one application.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::query_dsl::methods::FilterDsl;
use diesel::upsert::excluded;
use shared::Tckn;

use super::row::Application;
use super::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::schema::persons;
use crate::db::{execute_prepared, from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;

pub fn consent_given_at(
    conn: &mut AnyConnection,
    tckn: &Tckn,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let at: Option<Option<chrono::NaiveDateTime>> = persons::table
        .find(tckn.as_str())
        .select(persons::e_onay_consent_at)
        .first(conn)
        .optional()?;
    Ok(at.flatten().map(from_db_time))
}

/// Whether the application's person has consented to e-Onay: as the statement that locked the
/// row read it when it asked, else asked now.
pub fn consented(conn: &mut AnyConnection, app: &Application) -> Result<bool, ApiError> {
    match app.e_onay_consent_at {
        Some(known) => Ok(known.is_some()),
        None => Ok(consent_given_at(conn, app.tckn())?.is_some()),
    }
}

/// Records the consent, audited with the client it came from; giving it again keeps the
/// first moment and records nothing more.
pub fn give_consent(
    conn: &mut AnyConnection,
    tckn: &Tckn,
    ctx: &EventContext,
) -> Result<DateTime<Utc>, ApiError> {
    if store_consent(conn, tckn, ctx.at)? {
        audit::record(
            conn,
            ctx,
            AuditAction::EOnayConsentGiven,
            Outcome::Success,
            None,
            None,
            None,
        )?;
        // As stored, to the database's precision.
        return Ok(from_db_time(to_db_time(ctx.at)));
    }
    consent_given_at(conn, tckn)?.ok_or_else(|| ApiError::Internal("consent vanished".into()))
}

/// Stores the consent unless the person gave it before or a parallel request did first, in
/// one statement: answers whether this one did.
fn store_consent(
    conn: &mut AnyConnection,
    tckn: &Tckn,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let now = to_db_time(now);
    let upsert = diesel::insert_into(persons::table)
        .values((
            persons::tckn.eq(tckn.as_str()),
            persons::e_onay_consent_at.eq(Some(now)),
            persons::created_at.eq(now),
        ))
        .on_conflict(persons::tckn)
        .do_update()
        .set(persons::e_onay_consent_at.eq(excluded(persons::e_onay_consent_at)));
    // `DO UPDATE … WHERE`: a consent given before stays as it was, and no row is changed.
    let stored = execute_prepared(
        conn,
        FilterDsl::filter(upsert, persons::e_onay_consent_at.is_null()),
    )?;
    Ok(stored == 1)
}
