use actix_web::{get, web};
use shared::api::operator::{ApplicationFilter, OperatorApplicationPage};
use shared::problem::Problem;

use crate::auth::Operator;
use crate::error::ApiError;
use crate::operator::applications;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. The applications of every institution, most recently changed
/// first, one page at a time; filtered by institution and state, searched by reference (or a
/// part of it) or by a whole TC Kimlik No.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "list_all_applications",
    params(ApplicationFilter),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "One page of applications", body = OperatorApplicationPage),
        (status = 400, description = "A parameter cannot be read (e.g. an unknown state)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range (`validation_failed`, `fields`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/applications")]
pub async fn list_all_applications(
    state: web::Data<AppState>,
    _operator: Operator,
    query: web::Query<ApplicationFilter>,
) -> Result<Json<OperatorApplicationPage>, ApiError> {
    let filter = query.into_inner();
    filter.check().map_err(ApiError::Validation)?;
    let page = state
        .db(move |conn| applications::list(conn, &filter))
        .await?;
    Ok(Json(page))
}
