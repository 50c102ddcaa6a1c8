use actix_web::{get, web};
use serde::Deserialize;
use shared::api::webhooks::WebhookEndpointList;
use shared::problem::Problem;

use crate::auth::BackOffice;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;
use crate::webhooks::endpoints;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EndpointListQuery {
    /// Operators: only this institution's endpoints.
    pub institution_id: Option<String>,
}

/// The caller's institution's endpoints (an operator's: every institution's, or one's).
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "list_webhook_endpoints",
    params(EndpointListQuery),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The endpoints, oldest first", body = WebhookEndpointList),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/webhooks/endpoints")]
pub async fn list_webhook_endpoints(
    state: web::Data<AppState>,
    caller: BackOffice,
    query: web::Query<EndpointListQuery>,
) -> Result<Json<WebhookEndpointList>, ApiError> {
    let scope = caller.institution_scope().map(str::to_owned);
    let institution = query.into_inner().institution_id;
    let rows = state
        .db(move |conn| {
            Ok(endpoints::list(
                conn,
                scope.as_deref(),
                institution.as_deref(),
            )?)
        })
        .await?;
    Ok(Json(WebhookEndpointList {
        endpoints: rows.iter().map(endpoints::EndpointRow::to_api).collect(),
    }))
}
