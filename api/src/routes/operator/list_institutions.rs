use actix_web::{get, web};
use shared::api::operator::InstitutionList;
use shared::problem::Problem;

use crate::auth::Operator;
use crate::error::ApiError;
use crate::operator::institutions;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. Every institution, by name, with its number of usable API keys.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "list_institutions",
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The institutions", body = InstitutionList),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/institutions")]
pub async fn list_institutions(
    state: web::Data<AppState>,
    _operator: Operator,
) -> Result<Json<InstitutionList>, ApiError> {
    Ok(Json(state.db(institutions::list).await?))
}
