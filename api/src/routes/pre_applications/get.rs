use actix_web::{get, web};
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::read;
use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Where one of the institution's applications stands (any, for an operator): state, next
/// step and timeline.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "get_pre_application",
    params(("id" = String, Path, description = "Application id from create_pre_applications")),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The application", body = ApplicationSummary),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of the caller's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/pre-applications/{id}")]
pub async fn get_pre_application(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let id = id.into_inner();
    let ctx = caller.event_context(client, state.now());
    let caller = Caller::from(&caller);
    let summary = state
        .db(move |conn| {
            let app = access::read(conn, &id, &caller, &ctx)?;
            read::summary_of(conn, &app)
        })
        .await?;
    Ok(Json(summary))
}
