use actix_web::{get, web};
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use crate::applications::back_office::load_created_by;
use crate::applications::read;
use crate::auth::Integrator;
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Where one of the integrator's applications stands: state, next step and timeline.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "get_pre_application",
    params(("id" = String, Path, description = "Application id from create_pre_applications")),
    security(("integrator_api_key" = [])),
    responses(
        (status = 200, description = "The application", body = ApplicationSummary),
        (status = 401, description = "Missing or unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this integrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/pre-applications/{id}")]
pub async fn get_pre_application(
    state: web::Data<AppState>,
    integrator: Integrator,
    id: web::Path<String>,
) -> Result<web::Json<ApplicationSummary>, ApiError> {
    let id = id.into_inner();
    let summary = state
        .db(move |conn| {
            let app = load_created_by(conn, &id, &integrator.name)?;
            read::summary_of(conn, &app)
        })
        .await?;
    Ok(web::Json(summary))
}
