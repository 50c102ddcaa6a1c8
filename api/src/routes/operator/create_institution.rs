use actix_web::{post, web, HttpResponse};
use shared::api::operator::{validate_institution, CreateInstitutionRequest, Institution};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::write_transaction;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::operator::institutions;
use crate::routes::tags;
use crate::state::AppState;

/// Kamu SM operators only. Creates an institution; its code and its name must each be new.
/// Audited (`institution_created`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "create_institution",
    request_body = CreateInstitutionRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 201, description = "Created", body = Institution),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An institution with this code or name exists", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Code or name not valid; see `fields`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/institutions")]
pub async fn create_institution(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    body: JsonObject<CreateInstitutionRequest>,
) -> Result<HttpResponse, ApiError> {
    let new = validate_institution(&body).map_err(ApiError::Validation)?;
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let created = state
        .write(move |conn| write_transaction(conn, |conn| institutions::create(conn, &new, &ctx)))
        .await?;
    Ok(HttpResponse::Created().json(created))
}
