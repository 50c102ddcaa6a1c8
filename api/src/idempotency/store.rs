//! The `idempotency_keys` rows: claimed by the first request, answered from by its retries.
//! Every decision is one conditional statement, so that parallel requests with one key —
//! on one instance or several — agree on which of them does the work.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use crate::db::schema::idempotency_keys as keys;
use crate::db::{is_unique_violation, to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;

/// How long a first answer is kept for its retries (the IETF draft leaves it to the server;
/// Stripe keeps 24 hours).
pub const KEPT_FOR: Duration = Duration::hours(24);

/// How long a first request may run before a retry may take its key over: longer than any
/// request is let run, so only a request whose instance died is taken over.
pub const LEASE: Duration = Duration::seconds(60);

/// One request as the store knows it: who sent it, with which key, and what it asked.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub caller: String,
    pub key: String,
    pub fingerprint: String,
}

/// A kept answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// What to do with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Do the work, then [`record`] its answer (or [`release`] the key).
    Run,
    /// The same request was answered: send this again.
    Replay(StoredAnswer),
    /// The same request is running now.
    InUse,
    /// The key was used for another request.
    Reused,
}

type Row = (
    String,
    Option<i32>,
    Option<String>,
    Option<Vec<u8>>,
    NaiveDateTime,
    NaiveDateTime,
);

/// Claims the key for `attempt`, or says why not.
pub fn claim(
    conn: &mut AnyConnection,
    attempt: &Attempt,
    now: DateTime<Utc>,
) -> Result<Claim, ApiError> {
    write_transaction(conn, |conn| {
        // A savepoint: on PostgreSQL a failed insert would poison the whole transaction.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(keys::table)
                .values((
                    keys::caller.eq(&attempt.caller),
                    keys::idempotency_key.eq(&attempt.key),
                    keys::fingerprint.eq(&attempt.fingerprint),
                    keys::locked_until.eq(to_db_time(now + LEASE)),
                    keys::created_at.eq(to_db_time(now)),
                    keys::expires_at.eq(to_db_time(now + KEPT_FOR)),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => return Ok(Claim::Run),
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
        let row: Option<Row> = keys::table
            .find((&attempt.caller, &attempt.key))
            .select((
                keys::fingerprint,
                keys::status_code,
                keys::content_type,
                keys::response_body,
                keys::locked_until,
                keys::expires_at,
            ))
            .first(conn)
            .optional()?;
        // Deleted by an expiry or a release between our insert and our read.
        let Some((fingerprint, status, content_type, body, locked_until, expires_at)) = row else {
            return Ok(Claim::InUse);
        };
        let mine = keys::table
            .filter(keys::caller.eq(&attempt.caller))
            .filter(keys::idempotency_key.eq(&attempt.key));
        if expires_at <= to_db_time(now) {
            // A day-old key starts afresh, whatever it was used for.
            let taken = diesel::update(mine.filter(keys::expires_at.eq(expires_at)))
                .set((
                    keys::fingerprint.eq(&attempt.fingerprint),
                    keys::status_code.eq(None::<i32>),
                    keys::content_type.eq(None::<String>),
                    keys::response_body.eq(None::<Vec<u8>>),
                    keys::locked_until.eq(to_db_time(now + LEASE)),
                    keys::created_at.eq(to_db_time(now)),
                    keys::expires_at.eq(to_db_time(now + KEPT_FOR)),
                ))
                .execute(conn)?;
            return Ok(if taken == 1 { Claim::Run } else { Claim::InUse });
        }
        if fingerprint != attempt.fingerprint {
            return Ok(Claim::Reused);
        }
        if let Some(status) = status {
            return Ok(Claim::Replay(StoredAnswer {
                status: u16::try_from(status).unwrap_or(500),
                content_type,
                body: body.unwrap_or_default(),
            }));
        }
        if locked_until > to_db_time(now) {
            return Ok(Claim::InUse);
        }
        // The first request's instance died before it answered: this one takes over.
        let taken = diesel::update(
            mine.filter(keys::status_code.is_null())
                .filter(keys::locked_until.eq(locked_until)),
        )
        .set(keys::locked_until.eq(to_db_time(now + LEASE)))
        .execute(conn)?;
        Ok(if taken == 1 { Claim::Run } else { Claim::InUse })
    })
}

/// Keeps the answer of the request that claimed the key.
pub fn record(
    conn: &mut AnyConnection,
    attempt: &Attempt,
    answer: &StoredAnswer,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        diesel::update(
            keys::table
                .filter(keys::caller.eq(&attempt.caller))
                .filter(keys::idempotency_key.eq(&attempt.key))
                .filter(keys::fingerprint.eq(&attempt.fingerprint))
                .filter(keys::status_code.is_null()),
        )
        .set((
            keys::status_code.eq(i32::from(answer.status)),
            keys::content_type.eq(&answer.content_type),
            keys::response_body.eq(&answer.body),
        ))
        .execute(conn)?;
        Ok(())
    })
}

/// Gives the key back unanswered (the work failed on our side): a retry runs it again.
pub fn release(conn: &mut AnyConnection, attempt: &Attempt) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        diesel::delete(
            keys::table
                .filter(keys::caller.eq(&attempt.caller))
                .filter(keys::idempotency_key.eq(&attempt.key))
                .filter(keys::fingerprint.eq(&attempt.fingerprint))
                .filter(keys::status_code.is_null()),
        )
        .execute(conn)?;
        Ok(())
    })
}

/// Deletes the keys past their day (the purge job).
pub fn purge(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    Ok(diesel::delete(keys::table.filter(keys::expires_at.le(to_db_time(now)))).execute(conn)?)
}
