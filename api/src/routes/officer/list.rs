use actix_web::{get, web};
use shared::api::officer::{InstitutionApplications, InstitutionApplicationsQuery};
use shared::problem::Problem;

use crate::auth::Officer;
use crate::error::ApiError;
use crate::officer::list::{self, Filters};
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// The officer's institution's applications, newest change first, one page at a time:
/// filtered by state, by creation day (Türkiye time, both ends included) and by "stalled for
/// N days" (not finished, and no timeline event for at least N days).
#[utoipa::path(
    tag = tags::OFFICER,
    operation_id = "list_institution_applications",
    params(InstitutionApplicationsQuery),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "One page of the institution's applications", body = InstitutionApplications),
        (status = 400, description = "A parameter cannot be read (unknown state, not a date)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an institution's e-signature officer", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is out of range; see `fields`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/officer/applications")]
pub async fn list_institution_applications(
    state: web::Data<AppState>,
    officer: Officer,
    query: web::Query<InstitutionApplicationsQuery>,
) -> Result<Json<InstitutionApplications>, ApiError> {
    let filters = Filters::parse(&query, state.now()).map_err(ApiError::Validation)?;
    let page = state
        .db(move |conn| list::list(conn, &officer.institution_id, &filters))
        .await?;
    Ok(Json(page))
}
