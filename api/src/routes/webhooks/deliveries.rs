use actix_web::{get, web};
use shared::api::webhooks::WebhookDeliveryList;
use shared::problem::Problem;

use crate::auth::BackOffice;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;
use crate::webhooks::{deliveries, endpoints};

/// The endpoint's delivery log: its latest 100 messages, newest first, each with its status
/// and every attempt (time, the endpoint's answer code, the error, how long it took).
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "list_webhook_deliveries",
    params(("id" = String, Path, description = "Endpoint id")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The log", body = WebhookDeliveryList),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such endpoint of the caller's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/endpoints/{id}/deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    caller: BackOffice,
    id: web::Path<String>,
) -> Result<Json<WebhookDeliveryList>, ApiError> {
    let scope = caller.institution_scope().map(str::to_owned);
    let id = id.into_inner();
    let list = state
        .db(move |conn| {
            let endpoint = endpoints::find(conn, &id, scope.as_deref())?;
            deliveries::recent(conn, &endpoint)
        })
        .await?;
    Ok(Json(WebhookDeliveryList { deliveries: list }))
}
