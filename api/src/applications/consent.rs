//! Working with e-Onay needs the person's earlier consent (section 3.4.1). It belongs to
//! the person, not to one application.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::Tckn;

use super::row::Application;
use super::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::schema::persons;
use crate::db::{from_db_time, is_unique_violation, to_db_time, AnyConnection};
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
    if let Some(at) = consent_given_at(conn, tckn)? {
        return Ok(at);
    }
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
    }
    consent_given_at(conn, tckn)?.ok_or_else(|| ApiError::Internal("consent vanished".into()))
}

/// Stores the consent unless a parallel request did first: answers whether this one did.
fn store_consent(
    conn: &mut AnyConnection,
    tckn: &Tckn,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(persons::table)
            .values((
                persons::tckn.eq(tckn.as_str()),
                persons::e_onay_consent_at.eq(Some(to_db_time(now))),
                persons::created_at.eq(to_db_time(now)),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => {
            let updated = diesel::update(
                persons::table
                    .find(tckn.as_str())
                    .filter(persons::e_onay_consent_at.is_null()),
            )
            .set(persons::e_onay_consent_at.eq(Some(to_db_time(now))))
            .execute(conn)?;
            Ok(updated == 1)
        }
        Err(e) => Err(e.into()),
    }
}
