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

/// The service can serve requests: its database answers.
#[utoipa::path(
    tag = tags::OPERATIONS,
    operation_id = "readyz",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database does not answer", body = shared::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db(|conn| {
            conn.batch_execute("SELECT 1")
                .map_err(|e| ApiError::Unavailable(e.to_string()))
        })
        .await
        .map_err(|e| match e {
            ApiError::Unavailable(_) => e,
            other => ApiError::Unavailable(other.to_string()),
        })?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ready".into(),
    }))
}
