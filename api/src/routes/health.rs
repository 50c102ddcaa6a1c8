use actix_web::{get, web, HttpResponse};
use diesel::connection::SimpleConnection;
use shared::api::Health;

use super::tags;
use crate::error::ApiError;
use crate::state::AppState;

/// The process is up.
#[utoipa::path(
    tag = tags::OPERATIONS,
    operation_id = "healthz",
    responses((status = 200, description = "Alive", body = Health))
)]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// How long readiness waits for a connection: a load balancer's probe wants a quick answer.
const READINESS_CHECKOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// The service can serve requests: its database answers.
#[utoipa::path(
    tag = tags::OPERATIONS,
    operation_id = "readyz",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database does not answer (`database_unavailable`, with `Retry-After`)", body = shared::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let pool = state.database.pool.clone();
    web::block(move || {
        let mut conn = pool.get_timeout(READINESS_CHECKOUT)?;
        conn.batch_execute("SELECT 1")
            .map_err(|e| ApiError::NoConnection(e.to_string()))
    })
    .await??;
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}
