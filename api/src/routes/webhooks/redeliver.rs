use actix_web::{post, web, HttpResponse};
use shared::api::webhooks::WebhookDelivery;
use shared::problem::Problem;

use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;
use crate::webhooks;

/// Sends a message again — the same body and `webhook-id`, so the receiver can tell it is
/// the same event — with a fresh retry schedule. The endpoint must be enabled.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "redeliver_webhook",
    params(
        ("id" = String, Path, description = "Endpoint id"),
        ("delivery_id" = String, Path, description = "The delivery to send again"),
    ),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 202, description = "Queued again", body = WebhookDelivery),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution, or no such delivery to it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The endpoint is disabled: enable it first (`endpoint`: `disabled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/webhooks/endpoints/{id}/deliveries/{delivery_id}/redelivery",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn redeliver_webhook(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, delivery_id) = path.into_inner();
    let ctx = caller.event_context(client, state.now());
    let queued = state
        .write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                webhooks::redeliver(conn, &caller, &id, &delivery_id, &ctx)
            })
        })
        .await?;
    Ok(HttpResponse::Accepted().json(queued))
}
