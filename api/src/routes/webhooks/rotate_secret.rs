use actix_web::{post, web};
use shared::api::webhooks::WebhookEndpointSecret;
use shared::problem::Problem;

use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;
use crate::webhooks;

/// A new signing secret, shown this once. For 24 hours messages are signed with both the new
/// and the previous secret (two `v1,` entries in `webhook-signature`), so the receiver can
/// switch without missing one.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "rotate_webhook_secret",
    params(("id" = String, Path, description = "Endpoint id")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The new secret; keep it", body = WebhookEndpointSecret),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/webhooks/endpoints/{id}/secret-rotation",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<WebhookEndpointSecret>, ApiError> {
    let (id, config) = (id.into_inner(), state.config.clone());
    let ctx = caller.event_context(client, state.now());
    let rotated = state
        .write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                webhooks::rotate_secret(conn, &caller, &id, &ctx, &config)
            })
        })
        .await?;
    Ok(Json(rotated))
}
