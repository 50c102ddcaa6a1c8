use actix_web::{post, web, HttpResponse};
use shared::api::webhooks::{CreateWebhookEndpointRequest, WebhookEndpointSecret};
use shared::problem::Problem;

use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::state::AppState;
use crate::webhooks;

/// Registers an endpoint for the caller's institution (an operator names one). The answer
/// holds the signing secret, shown this once: every message carries `webhook-id`,
/// `webhook-timestamp` and `webhook-signature` (`v1,` base64 of HMAC-SHA256 over
/// `id.timestamp.body` with the secret's bytes), per the Standard Webhooks specification.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "create_webhook_endpoint",
    request_body = CreateWebhookEndpointRequest,
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 201, description = "Registered; keep the secret", body = WebhookEndpointSecret),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Another institution named by an institution's caller, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`url` not https (production), malformed, or a private address (`private_address`); `institution_id` missing (operators) or unknown; ten endpoints already (`too_many_endpoints`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/webhooks/endpoints",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn create_webhook_endpoint(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    body: JsonObject<CreateWebhookEndpointRequest>,
) -> Result<HttpResponse, ApiError> {
    let (request, config) = (body.into_inner(), state.config.clone());
    let ctx = caller.event_context(client, state.now());
    let created = state
        .write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                webhooks::create_endpoint(conn, &caller, &request, &ctx, &config)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}
