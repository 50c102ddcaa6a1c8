use actix_web::{post, web};
use shared::api::{ApplicationSummary, RecordProductionEventRequest};
use shared::problem::Problem;

use super::change_as;
use crate::applications::access::Caller;
use crate::applications::{back_office, EventContext};
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. Records the next production step: `produced`, `shipped` (with
/// `courier` and `tracking_number`, both required) or `delivered`. The applicant sees it on
/// Başvuru İşlemleri (the tracking number with the `shipped` event) and is told by e-mail and
/// SMS; the act is audited (`production_event_recorded`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "record_production_event",
    params(("id" = String, Path, description = "Application id")),
    request_body = RecordProductionEventRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Step recorded", body = ApplicationSummary),
        (status = 400, description = "Unknown event", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not the next step of the application, or a concurrent change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`shipped` without a valid courier or tracking number", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications/{id}/production-events",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn record_production_event(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<RecordProductionEventRequest>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let config = state.config.clone();
    let request = body.into_inner();
    change_as(
        &state,
        Caller::Operator,
        EventContext::staff(&operator.0, client, state.now()),
        id.into_inner(),
        move |conn, app, ctx| {
            back_office::record_production_event(conn, app, &request, ctx, &config)
        },
    )
    .await
    .map(Json)
}
