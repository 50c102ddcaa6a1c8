use actix_web::{get, http::header, web, HttpResponse};
use utoipa_actix_web::service_config::ServiceConfig;

use super::tags;
use crate::error::ApiError;
use crate::metrics::{MetricsExposure, ScrapeTime, CONTENT_TYPE};
use crate::state::AppState;

/// The service's metrics for Prometheus: requests per operationId and status, the database
/// pool, the outbox, SMS codes and logins (docs/architecture.md, "Metrics"). On the main
/// listener in development; in production only with `NES_METRICS_PUBLIC=true`, and on
/// `NES_METRICS_BIND` when that is set.
#[utoipa::path(
    tag = tags::OPERATIONS,
    operation_id = "metrics",
    responses(
        (status = 200, description = "The Prometheus text format, version 0.0.4",
            body = String, content_type = "text/plain; version=0.0.4; charset=utf-8"),
    )
)]
#[get("/metrics")]
pub async fn get_metrics(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = ScrapeTime::read(&state).await;
    let text = state
        .metrics
        .render(&now)
        .map_err(|e| ApiError::Internal(format!("cannot encode the metrics: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type(CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(text))
}

/// Registers `/metrics` on the main listener when the configuration says so (and only then
/// is it in the OpenAPI document).
pub fn configure(cfg: &mut ServiceConfig, exposure: MetricsExposure) {
    if exposure.on_main_listener {
        cfg.service(get_metrics);
    }
}
