use actix_web::{get, web};
use shared::api::operator::InstitutionApiKeys;
use shared::problem::Problem;

use crate::auth::Operator;
use crate::error::ApiError;
use crate::operator::api_keys;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. An institution and its integrator API keys, newest first: names,
/// first characters, who created and revoked them and when — never the keys themselves.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "list_api_keys",
    params(("id" = String, Path, description = "Institution id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The institution and its keys", body = InstitutionApiKeys),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/institutions/{id}/api-keys")]
pub async fn list_api_keys(
    state: web::Data<AppState>,
    _operator: Operator,
    id: web::Path<String>,
) -> Result<Json<InstitutionApiKeys>, ApiError> {
    let id = id.into_inner();
    let keys = state.db(move |conn| api_keys::list(conn, &id)).await?;
    Ok(Json(keys))
}
