//! Rows that anyone can make without logging in (request budgets, login throttles for typed
//! user names), sessions that have ended and idempotency keys past their day: deleted by a periodic job (`jobs::PURGE`), so
//! that no table grows with what nobody will read again.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::db::schema::{login_throttle, sessions, staff_sessions};
use crate::db::{to_db_time, AnyConnection};
use crate::error::ApiError;

/// How long an unlocked throttle row outlives its last failure: far past the longest wait
/// (`staff::throttle::MAX_DELAY`), so that forgetting it lets nobody through sooner.
const THROTTLE_KEPT_FOR: Duration = Duration::days(1);

/// What one run deleted, for the log.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    pub rate_limit_windows: usize,
    pub login_throttles: usize,
    pub applicant_sessions: usize,
    pub staff_sessions: usize,
    pub idempotency_keys: usize,
}

impl Purged {
    pub fn total(&self) -> usize {
        self.rate_limit_windows
            + self.login_throttles
            + self.applicant_sessions
            + self.staff_sessions
            + self.idempotency_keys
    }
}

/// Deletes ended request-budget windows, stale unlocked login throttles and sessions past
/// their idle or absolute end.
pub fn run(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    session_idle: Duration,
) -> Result<Purged, ApiError> {
    let at = to_db_time(now);
    let idle_since = to_db_time(now - session_idle);
    Ok(Purged {
        rate_limit_windows: crate::rate_limit::purge(conn, now)?,
        login_throttles: diesel::delete(
            login_throttle::table
                .filter(login_throttle::locked_at.is_null())
                .filter(login_throttle::last_failure_at.lt(to_db_time(now - THROTTLE_KEPT_FOR))),
        )
        .execute(conn)?,
        applicant_sessions: diesel::delete(
            sessions::table.filter(
                sessions::absolute_expires_at
                    .le(at)
                    .or(sessions::last_seen_at.lt(idle_since)),
            ),
        )
        .execute(conn)?,
        staff_sessions: diesel::delete(
            staff_sessions::table.filter(
                staff_sessions::absolute_expires_at
                    .le(at)
                    .or(staff_sessions::last_seen_at.lt(idle_since)),
            ),
        )
        .execute(conn)?,
        idempotency_keys: crate::idempotency::store::purge(conn, now)?,
    })
}
