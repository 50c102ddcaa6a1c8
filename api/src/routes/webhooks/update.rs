use actix_web::{patch, web};
use shared::api::webhooks::{UpdateWebhookEndpointRequest, WebhookEndpoint};
use shared::problem::Problem;

use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;
use crate::webhooks;

/// Changes an endpoint's URL, description or events, or pauses (`enabled: false`) or enables
/// it again (`enabled: true`; a disabled endpoint's failure run starts afresh). Messages
/// that failed while it was disabled can then be sent again with `redeliver_webhook`.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "update_webhook_endpoint",
    params(("id" = String, Path, description = "Endpoint id")),
    request_body = UpdateWebhookEndpointRequest,
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The endpoint as changed", body = WebhookEndpoint),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`url` not https (production), malformed or a private address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/webhooks/endpoints/{id}")]
pub async fn update_webhook_endpoint(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<UpdateWebhookEndpointRequest>,
) -> Result<Json<WebhookEndpoint>, ApiError> {
    let (id, request, config) = (id.into_inner(), body.into_inner(), state.config.clone());
    let ctx = caller.event_context(client, state.now());
    let endpoint = state
        .write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                webhooks::update_endpoint(conn, &caller, &id, &request, &ctx, &config)
            })
        })
        .await?;
    Ok(Json(endpoint))
}
