//! What every handler can reach: the pool, the configuration, the clock, and the outbox
//! worker's wake-up bell.

use std::sync::Arc;

use actix_web::web;
use tokio::sync::Notify;

use crate::audit::{self, AuditAction};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::{AnyConnection, DbPool};
use crate::error::ApiError;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
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

    /// Runs blocking database work on actix's thread pool, never on the async executor.
    /// A refused access to an application (`ApiError::AccessDenied`) is audited here, after
    /// the work's transaction has rolled back, so the refusal stays in the trail.
    pub async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let (pool, metrics) = (self.pool.clone(), self.metrics.clone());
        web::block(move || {
            let mut conn = crate::metrics::checkout(&pool, &metrics)?;
            match work(&mut conn) {
                Err(ApiError::AccessDenied(denied)) => {
                    audit::record_now(
                        &mut conn,
                        &denied.ctx,
                        AuditAction::AccessDenied,
                        Some(&denied.application_id),
                        denied.institution_id.as_deref(),
                        Some(denied.detail),
                    )?;
                    Err(ApiError::AccessDenied(denied))
                }
                other => other,
            }
        })
        .await?
    }
}
