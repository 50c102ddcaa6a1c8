//! Throttling and lockout of staff logins, after NIST SP 800-63B §5.2.2: counted per user
//! name as typed (known or not, so that the answers reveal nothing), free for the first few
//! failures, then a delay that doubles with each failure up to a quarter of an hour, and from
//! 100 consecutive failures a lock of an hour after each further failure (time-boxed, so that
//! nobody can lock a colleague out for good by typing their name; an operator can lift it
//! sooner). A completed login (both factors) resets the count; TOTP failures count like password failures.
//!
//! The policy is pure (`delay_after`, `gate`); the rest reads and writes `login_throttle`
//! inside the caller's transaction. An attempt is counted before it is judged (`reserve`), so
//! parallel attempts cannot pass the gate together. Time is always a parameter.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::clock::seconds_until;
use crate::db::schema::login_throttle;
use crate::db::{from_db_time, is_unique_violation, to_db_time, AnyConnection};
use crate::error::ApiError;

/// Failures in a row answered without any delay (typos happen).
pub const FREE_FAILURES: i32 = 5;
/// The lock: NIST allows at most 100 consecutive failed attempts.
pub const LOCK_AT: i32 = 100;
/// How long a lock lasts after the failure that set or renewed it.
pub const LOCK_DURATION: Duration = Duration::hours(1);
/// The longest delay between two attempts.
pub const MAX_DELAY: Duration = Duration::minutes(15);
/// Longest stored subject: a typed user name is not trusted to be short.
const MAX_SUBJECT_CHARS: usize = 128;

/// The throttle's key for a user name (normalised as for login).
pub fn subject(username: &str) -> String {
    let name: String = username.chars().take(MAX_SUBJECT_CHARS).collect();
    format!("staff:{name}")
}

/// How long to wait after the `failures`-th consecutive failure before the next attempt:
/// none for the first five, then 2, 4, 8 … seconds, at most fifteen minutes.
pub fn delay_after(failures: i32) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::zero();
    }
    let exponent = u32::try_from(failures - FREE_FAILURES).unwrap_or(u32::MAX);
    // 2^10 s is already beyond the cap; larger exponents are capped without computing them.
    if exponent >= 10 {
        return MAX_DELAY;
    }
    Duration::seconds(1_i64 << exponent).min(MAX_DELAY)
}

/// What the throttle table says about one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub consecutive_failures: i32,
    pub last_failure_at: DateTime<Utc>,
    pub locked: bool,
}

/// Whether an attempt may be made now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Open,
    /// Too soon after the last failure.
    Wait {
        retry_after_seconds: u64,
    },
    Locked {
        retry_after_seconds: u64,
    },
}

pub fn gate(state: Option<ThrottleState>, now: DateTime<Utc>) -> Gate {
    let Some(state) = state else {
        return Gate::Open;
    };
    if state.locked || state.consecutive_failures >= LOCK_AT {
        let open_at = state.last_failure_at + LOCK_DURATION;
        return if now < open_at {
            Gate::Locked {
                retry_after_seconds: seconds_until(open_at, now).max(1),
            }
        } else {
            Gate::Open
        };
    }
    let open_at = state.last_failure_at + delay_after(state.consecutive_failures);
    if now < open_at {
        Gate::Wait {
            retry_after_seconds: seconds_until(open_at, now).max(1),
        }
    } else {
        Gate::Open
    }
}

impl Gate {
    /// The refusal to answer, if the gate is shut.
    pub fn refusal(self) -> Option<ApiError> {
        match self {
            Gate::Open => None,
            Gate::Wait {
                retry_after_seconds,
            } => Some(ApiError::LoginThrottled {
                retry_after_seconds,
            }),
            Gate::Locked {
                retry_after_seconds,
            } => Some(ApiError::AccountLocked {
                retry_after_seconds,
            }),
        }
    }
}

/// What counting an attempt as failed led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AfterFailure {
    pub consecutive_failures: i32,
    /// This failure locked the account.
    pub locked_now: bool,
    /// The gate for the next attempt.
    pub next: Gate,
}

impl AfterFailure {
    /// The answer to the failed attempt: the failure itself (`failed`), unless it started a
    /// wait or locked the account, which the person needs to know at once.
    pub fn answer(self, failed: ApiError) -> ApiError {
        self.next.refusal().unwrap_or(failed)
    }
}

/// Takes one attempt for `subject`, in the caller's transaction (commit it before judging the
/// attempt): refused with `login_throttled` or `account_locked` when the gate is shut;
/// otherwise the attempt is counted as a failure now, on the subject's row locked for the
/// transaction. A burst of parallel attempts therefore passes the gate only as far as the
/// count allows, and every attempt judged is counted; one that turns out right is given
/// back with [`refund`] (or forgotten with [`reset`] when the login completes).
pub fn reserve(
    conn: &mut AnyConnection,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<AfterFailure, ApiError> {
    let state = lock_or_create(conn, subject, now)?;
    if let Some(refusal) = gate(Some(state), now).refusal() {
        return Err(refusal);
    }
    let failures = state.consecutive_failures.saturating_add(1);
    let locked_now = !state.locked && failures >= LOCK_AT;
    diesel::update(login_throttle::table.find(subject))
        .set((
            login_throttle::consecutive_failures.eq(failures),
            login_throttle::last_failure_at.eq(to_db_time(now)),
        ))
        .execute(conn)?;
    if locked_now {
        diesel::update(login_throttle::table.find(subject))
            .set(login_throttle::locked_at.eq(Some(to_db_time(now))))
            .execute(conn)?;
    }
    let next = gate(
        Some(ThrottleState {
            consecutive_failures: failures,
            last_failure_at: now,
            locked: state.locked || locked_now,
        }),
        now,
    );
    Ok(AfterFailure {
        consecutive_failures: failures,
        locked_now,
        next,
    })
}

/// Gives back an attempt [`reserve`] counted that turned out right.
pub fn refund(conn: &mut AnyConnection, subject: &str) -> Result<(), ApiError> {
    diesel::update(
        login_throttle::table
            .find(subject)
            .filter(login_throttle::consecutive_failures.gt(0)),
    )
    .set(login_throttle::consecutive_failures.eq(login_throttle::consecutive_failures - 1))
    .execute(conn)?;
    Ok(())
}

/// The subject's row, locked until the transaction ends (created when it is the subject's
/// first attempt).
fn lock_or_create(
    conn: &mut AnyConnection,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<ThrottleState, ApiError> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(login_throttle::table)
            .values((
                login_throttle::subject.eq(subject),
                login_throttle::consecutive_failures.eq(0),
                login_throttle::last_failure_at.eq(to_db_time(now)),
            ))
            .execute(conn)
    });
    match inserted {
        // A row already there (the savepoint keeps the transaction usable on PostgreSQL).
        Err(e) if is_unique_violation(&e) => {}
        other => {
            other?;
        }
    }
    type Row = (i32, chrono::NaiveDateTime, Option<chrono::NaiveDateTime>);
    let columns = (
        login_throttle::consecutive_failures,
        login_throttle::last_failure_at,
        login_throttle::locked_at,
    );
    let (failures, last, locked): Row = match conn {
        AnyConnection::Postgresql(pg) => login_throttle::table
            .find(subject)
            .select(columns)
            .for_update()
            .first(pg)?,
        // The write transaction holds SQLite's writer lock already.
        AnyConnection::Sqlite(_) => login_throttle::table
            .find(subject)
            .select(columns)
            .first(conn)?,
    };
    Ok(ThrottleState {
        consecutive_failures: failures,
        last_failure_at: from_db_time(last),
        locked: locked.is_some(),
    })
}

/// Forgets the failures: after a completed login, or when an operator unlocks the account.
pub fn reset(conn: &mut AnyConnection, subject: &str) -> Result<(), ApiError> {
    diesel::delete(login_throttle::table.find(subject)).execute(conn)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap() + Duration::seconds(seconds)
    }

    fn state(failures: i32, last: i64) -> Option<ThrottleState> {
        Some(ThrottleState {
            consecutive_failures: failures,
            last_failure_at: at(last),
            locked: false,
        })
    }

    #[test]
    fn the_first_five_failures_cost_no_wait() {
        for n in 0..=5 {
            assert_eq!(delay_after(n), Duration::zero(), "{n}");
        }
    }

    #[test]
    fn the_wait_doubles_from_the_sixth_failure() {
        assert_eq!(delay_after(6), Duration::seconds(2));
        assert_eq!(delay_after(7), Duration::seconds(4));
        assert_eq!(delay_after(10), Duration::seconds(32));
        assert_eq!(delay_after(14), Duration::seconds(512));
    }

    #[test]
    fn the_wait_never_exceeds_fifteen_minutes() {
        assert_eq!(delay_after(15), MAX_DELAY);
        assert_eq!(delay_after(99), MAX_DELAY);
        assert_eq!(delay_after(i32::MAX), MAX_DELAY);
    }

    #[test]
    fn nobody_is_held_back_without_failures() {
        assert_eq!(gate(None, at(0)), Gate::Open);
        assert_eq!(gate(state(5, 0), at(0)), Gate::Open);
    }

    #[test]
    fn a_wait_runs_from_the_last_failure_and_says_how_long_is_left() {
        assert_eq!(
            gate(state(7, 0), at(1)),
            Gate::Wait {
                retry_after_seconds: 3
            }
        );
        assert_eq!(gate(state(7, 0), at(4)), Gate::Open);
    }

    #[test]
    fn the_hundredth_failure_locks_for_an_hour_from_each_failure() {
        assert_eq!(gate(state(99, 0), at(3600)), Gate::Open);
        assert_eq!(
            gate(state(100, 0), at(60)),
            Gate::Locked {
                retry_after_seconds: 3540
            }
        );
        // Time-boxed: an hour after the last failure one more attempt may be made.
        assert_eq!(gate(state(100, 0), at(3600)), Gate::Open);
        assert_eq!(
            gate(state(150, 0), at(3599)),
            Gate::Locked {
                retry_after_seconds: 1
            }
        );
        let locked = Some(ThrottleState {
            consecutive_failures: 3,
            last_failure_at: at(0),
            locked: true,
        });
        assert_eq!(
            gate(locked, at(1800)),
            Gate::Locked {
                retry_after_seconds: 1800
            }
        );
        assert_eq!(gate(locked, at(86_400)), Gate::Open);
    }

    #[test]
    fn the_answer_to_a_failure_names_a_wait_it_started() {
        let free = AfterFailure {
            consecutive_failures: 3,
            locked_now: false,
            next: Gate::Open,
        };
        assert!(matches!(
            free.answer(ApiError::StaffLoginFailed),
            ApiError::StaffLoginFailed
        ));
        let waiting = AfterFailure {
            next: Gate::Wait {
                retry_after_seconds: 2,
            },
            ..free
        };
        assert!(matches!(
            waiting.answer(ApiError::TotpInvalid),
            ApiError::LoginThrottled {
                retry_after_seconds: 2
            }
        ));
    }

    #[test]
    fn subjects_are_per_user_name_and_bounded() {
        assert_eq!(subject("ayse"), "staff:ayse");
        assert_eq!(subject(&"x".repeat(1000)).len(), 6 + MAX_SUBJECT_CHARS);
    }
}
