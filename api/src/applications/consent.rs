//! Working with e-Onay needs the person's earlier consent (section 3.4.1). It belongs to
//! the person, not to one application.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::Tckn;

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

/// Records the consent; giving it again keeps the first moment.
pub fn give_consent(
    conn: &mut AnyConnection,
    tckn: &Tckn,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ApiError> {
    if let Some(at) = consent_given_at(conn, tckn)? {
        return Ok(at);
    }
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
        Ok(_) => Ok(now),
        Err(e) if is_unique_violation(&e) => {
            diesel::update(
                persons::table
                    .find(tckn.as_str())
                    .filter(persons::e_onay_consent_at.is_null()),
            )
            .set(persons::e_onay_consent_at.eq(Some(to_db_time(now))))
            .execute(conn)?;
            consent_given_at(conn, tckn)?
                .ok_or_else(|| ApiError::Internal("consent vanished".into()))
        }
        Err(e) => Err(e.into()),
    }
}
