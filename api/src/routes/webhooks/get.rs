use actix_web::{get, web};
use shared::api::webhooks::WebhookEndpoint;
use shared::problem::Problem;

use crate::auth::BackOffice;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;
use crate::webhooks::endpoints;

/// One endpoint: its settings and health (`failing_since`, `disabled_reason`).
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "get_webhook_endpoint",
    params(("id" = String, Path, description = "Endpoint id")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The endpoint", body = WebhookEndpoint),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/endpoints/{id}")]
pub async fn get_webhook_endpoint(
    state: web::Data<AppState>,
    caller: BackOffice,
    id: web::Path<String>,
) -> Result<Json<WebhookEndpoint>, ApiError> {
    let scope = caller.institution_scope().map(str::to_owned);
    let id = id.into_inner();
    let endpoint = state
        .db(move |conn| endpoints::find(conn, &id, scope.as_deref()))
        .await?;
    Ok(Json(endpoint.to_api()))
}
