use actix_web::{delete, web, HttpResponse};
use shared::problem::Problem;

use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;
use crate::webhooks;

/// Removes an endpoint; what was waiting for it is not sent.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "delete_webhook_endpoint",
    params(("id" = String, Path, description = "Endpoint id")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/webhooks/endpoints/{id}")]
pub async fn delete_webhook_endpoint(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let ctx = caller.event_context(client, state.now());
    state
        .write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                webhooks::delete_endpoint(conn, &caller, &id, &ctx)
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
