//! The database pool as operators see it: how long checkouts wait, how many give up, and how
//! many connections are in use, idle and allowed.

use std::time::Instant;

use super::Metrics;
use crate::db::{DbConn, DbPool};

/// Checks a connection out of `pool`, timing the wait. `AppState::db` and the outbox worker
/// take every connection through here, so the histogram sees the waits of both.
pub fn checkout(pool: &DbPool, metrics: &Metrics) -> Result<DbConn, diesel::r2d2::PoolError> {
    let started = Instant::now();
    let conn = pool.get();
    // r2d2 answers an error only once its connection timeout has passed.
    metrics.pool_checkout(started.elapsed(), conn.is_err());
    conn
}

/// The pool's connections at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolState {
    pub in_use: u32,
    pub idle: u32,
    pub max: u32,
}

impl PoolState {
    pub fn of(pool: &DbPool) -> PoolState {
        let state = pool.state();
        PoolState {
            in_use: state.connections.saturating_sub(state.idle_connections),
            idle: state.idle_connections,
            max: pool.max_size(),
        }
    }
}
