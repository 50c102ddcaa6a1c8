use actix_web::{post, web};
use shared::api::{ApplicationSummary, RecordProductionEventRequest};
use shared::problem::Problem;

use super::change_as_integrator;
use crate::applications::back_office;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Records a production step (produced, shipped, delivered), which the applicant then sees
/// on Başvuru İşlemleri.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "record_production_event",
    params(("id" = String, Path, description = "Application id")),
    request_body = RecordProductionEventRequest,
    security(("integrator_api_key" = [])),
    responses(
        (status = 200, description = "Step recorded", body = ApplicationSummary),
        (status = 400, description = "Unknown event", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this integrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not the next step of the application", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pre-applications/{id}/production-events")]
pub async fn record_production_event(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    id: web::Path<String>,
    body: web::Json<RecordProductionEventRequest>,
) -> Result<web::Json<ApplicationSummary>, ApiError> {
    let event = body.event;
    change_as_integrator(
        &state,
        integrator,
        client,
        id.into_inner(),
        move |conn, app, ctx| back_office::record_production_event(conn, app, event, ctx),
    )
    .await
}
