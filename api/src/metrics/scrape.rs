//! The values read when Prometheus scrapes rather than counted as they happen: the pool's
//! connections and the outbox backlog.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, min};
use diesel::prelude::*;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::sync::atomic::AtomicU64;

use super::pool::PoolState;
use super::PREFIX;
use crate::db::schema::outbox;
use crate::db::{from_db_time, AnyConnection};
use crate::state::AppState;

/// Messages not yet delivered or given up (queued, waiting for a retry, or being sent).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutboxBacklog {
    pub pending: i64,
    /// 0 when nothing is pending.
    pub oldest_age_seconds: f64,
}

impl OutboxBacklog {
    pub fn read(conn: &mut AnyConnection, now: DateTime<Utc>) -> QueryResult<OutboxBacklog> {
        let (pending, oldest): (i64, Option<NaiveDateTime>) = outbox::table
            .filter(crate::notify::outbox::pending())
            .select((count_star(), min(outbox::created_at)))
            .get_result(conn)?;
        let age = oldest.map_or(0.0, |created| {
            let millis = (now - from_db_time(created)).num_milliseconds().max(0);
            millis as f64 / 1000.0
        });
        Ok(OutboxBacklog {
            pending,
            oldest_age_seconds: age,
        })
    }
}

/// What one scrape read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScrapeTime {
    pub pool: PoolState,
    /// `None` when the database did not answer: the outbox series are then left out (absent,
    /// not zero, so an alert on the backlog cannot mistake an outage for an empty queue).
    pub outbox: Option<OutboxBacklog>,
}

impl ScrapeTime {
    pub async fn read(state: &AppState) -> ScrapeTime {
        let now = state.now();
        let outbox = state
            .db(move |conn| Ok(OutboxBacklog::read(conn, now)?))
            .await
            .inspect_err(|e| tracing::warn!(error = %e, "metrics: cannot read the outbox backlog"))
            .ok();
        // Read after the outbox query, whose connection is back in the pool by now.
        ScrapeTime {
            pool: PoolState::of(&state.database.pool),
            outbox,
        }
    }

    /// A registry made for this scrape only, holding the values just read.
    pub(super) fn registry(&self) -> Registry {
        let mut registry = Registry::with_prefix(PREFIX);
        let gauge = |value: u32| {
            let gauge = Gauge::<i64>::default();
            gauge.set(i64::from(value));
            gauge
        };
        registry.register(
            "db_pool_connections_in_use",
            "Database connections checked out of the pool now",
            gauge(self.pool.in_use),
        );
        registry.register(
            "db_pool_connections_idle",
            "Open database connections waiting in the pool now",
            gauge(self.pool.idle),
        );
        registry.register(
            "db_pool_connections_max",
            "The most connections the pool opens (DATABASE_MAX_CONNECTIONS)",
            gauge(self.pool.max),
        );
        if let Some(backlog) = self.outbox {
            let pending = Gauge::<i64>::default();
            pending.set(backlog.pending);
            registry.register(
                "outbox_pending_messages",
                "Outbox messages not yet delivered or given up",
                pending,
            );
            let age = Gauge::<f64, AtomicU64>::default();
            age.set(backlog.oldest_age_seconds);
            registry.register(
                "outbox_oldest_pending_age_seconds",
                "Age of the oldest pending outbox message (0 when none is pending)",
                age,
            );
        }
        registry
    }
}
