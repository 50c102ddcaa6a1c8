//! The small server on `NES_METRICS_BIND`: `/metrics` and nothing else, started and stopped
//! with the main server (`startup::Application`).

use std::net::TcpListener;

use actix_web::dev::{Server, ServerHandle};
use actix_web::{web, App, HttpResponse, HttpServer};
use tokio::task::JoinHandle;

use crate::routes::fallback::methods_other_than;
use crate::routes::metrics::get_metrics;
use crate::startup::StartupError;
use crate::state::AppState;

/// Bound and built, not yet serving.
pub struct MetricsServer(Server);

/// Serving until [`RunningMetricsServer::stop`].
pub struct RunningMetricsServer {
    handle: ServerHandle,
    task: JoinHandle<std::io::Result<()>>,
}

impl MetricsServer {
    /// Binds `NES_METRICS_BIND`, when it is set.
    pub fn start(state: &AppState) -> Result<Option<MetricsServer>, StartupError> {
        let Some(address) = state.config.metrics.own_listener else {
            return Ok(None);
        };
        let listener =
            TcpListener::bind(address).map_err(|source| StartupError::Bind { address, source })?;
        let address = listener.local_addr()?;
        let state = state.clone();
        // One worker is plenty for a scrape every few seconds. Signals are left to the main
        // server, which stops this one when it stops.
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(state.clone()))
                .service(get_metrics)
                // Another method on /metrics: 405 with Allow, as on the main listener.
                .service(web::resource("/metrics").default_service(methods_other_than("GET")))
                .default_service(web::to(HttpResponse::NotFound))
        })
        .workers(1)
        .disable_signals()
        .shutdown_timeout(1)
        .listen(listener)?
        .run();
        tracing::info!(%address, "metrics served on their own listener");
        Ok(Some(MetricsServer(server)))
    }

    /// Starts serving on the current tokio runtime.
    pub fn run(self) -> RunningMetricsServer {
        RunningMetricsServer {
            handle: self.0.handle(),
            task: tokio::spawn(self.0),
        }
    }
}

impl RunningMetricsServer {
    /// Stops accepting, lets a scrape in flight finish, and waits for it.
    pub async fn stop(self) {
        self.handle.stop(true).await;
        match self.task.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "the metrics listener failed"),
            Err(e) => tracing::error!(error = %e, "the metrics listener ended abnormally"),
        }
    }
}
