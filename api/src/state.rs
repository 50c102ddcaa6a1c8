//! What every handler can reach: the pool, the configuration, the clock, and the outbox
//! worker's wake-up bell.

use std::sync::Arc;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::{AnyConnection, Database};
use crate::error::ApiError;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    /// The database: reads on the pool, changes through SQLite's writer or PostgreSQL's pool.
    pub database: Database,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// Rung after a transaction queued a message, so it leaves at once instead of at the
    /// worker's next poll.
    pub outbox_bell: Arc<Notify>,
    pub http: reqwest::Client,
    /// Checks e-İmza signatures against the configured roots and CRLs; `None` when no root
    /// is configured (approval with e-İmza is then unavailable).
    pub signature_verifier: Option<Arc<esign::verify::Verifier>>,
    /// This instance's counters, served at `/metrics`.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Database work that reads (see [`Database::read`]).
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.database.read(work).await
    }

    /// Database work that changes something (see [`Database::change`]).
    pub async fn write<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.database.change(work).await
    }

    /// A change, then a read for the answer (see [`Database::change_then_read`]).
    pub async fn write_then_read<T, U, W, R>(&self, change: W, read: R) -> Result<U, ApiError>
    where
        T: Send + 'static,
        U: Send + 'static,
        W: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        R: FnOnce(&mut AnyConnection, T) -> Result<U, ApiError> + Send + 'static,
    {
        self.database.change_then_read(change, read).await
    }
}
