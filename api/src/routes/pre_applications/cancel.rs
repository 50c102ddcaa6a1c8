use actix_web::{post, web};
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use super::change_as;
use crate::applications::access::Caller;
use crate::applications::back_office;
use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Cancels an application before production starts (the person left the institution, was
/// named by mistake…).
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "cancel_pre_application",
    params(("id" = String, Path, description = "Application id")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Cancelled", body = ApplicationSummary),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of the caller's institution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Production has started, or a concurrent change", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications/{id}/cancellation",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn cancel_pre_application(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let ctx = caller.event_context(client, state.now());
    change_as(
        &state,
        Caller::from(&caller),
        ctx,
        id.into_inner(),
        back_office::cancel,
    )
    .await
    .map(Json)
}
