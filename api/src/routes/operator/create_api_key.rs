use actix_web::http::header;
use actix_web::{post, web, HttpResponse};
use shared::api::operator::{validate_api_key_name, CreateApiKeyRequest, CreatedApiKey};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::write_transaction;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::operator::api_keys;
use crate::routes::tags;
use crate::state::AppState;

/// Kamu SM operators only. Creates an integrator API key for the institution: the key works
/// for that institution's pre-applications only. The answer is the only time the key is shown
/// (Kamu SM keeps its SHA-256). Audited (`api_key_created`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "create_api_key",
    params(("id" = String, Path, description = "Institution id")),
    request_body = CreateApiKeyRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 201, description = "Created; `api_key` is shown this once", body = CreatedApiKey),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such institution", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is not valid; see `fields`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/institutions/{id}/api-keys")]
pub async fn create_api_key(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<CreateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let name = validate_api_key_name(&body).map_err(ApiError::Validation)?;
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let id = id.into_inner();
    let created = state
        .write(move |conn| write_transaction(conn, |conn| api_keys::create(conn, &id, &name, &ctx)))
        .await?;
    // The key is in the body: no cache may keep it.
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(created))
}
