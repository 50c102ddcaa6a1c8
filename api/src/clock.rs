//! Time is a parameter: everything asks the clock in the application state, so tests can
//! move it (an SMS code's expiry, a session's idle timeout) without sleeping.

use std::sync::Mutex;

use chrono::{DateTime, Duration, DurationRound, Utc};

pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        to_microseconds(Utc::now())
    }
}

/// PostgreSQL keeps microseconds and SQLite whatever it is given: cutting every time to
/// microseconds makes a time read back equal to the time written, on both.
fn to_microseconds(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(Duration::microseconds(1)).unwrap_or(t)
}

/// A clock that only moves when told to. Starts at the real time so stored data looks real.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<DateTime<Utc>>,
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock {
            now: Mutex::new(to_microseconds(Utc::now())),
        }
    }
}

impl ManualClock {
    pub fn advance(&self, by: Duration) {
        let mut now = self
            .now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now = to_microseconds(*now + by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .now
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Whole seconds from `now` until `later`, rounded up ("try again in 40 s" must never be too
/// early); zero when `later` has passed.
pub fn seconds_until(later: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let millis = (later - now).num_milliseconds().max(0);
    u64::try_from((millis + 999) / 1000).unwrap_or(0)
}
