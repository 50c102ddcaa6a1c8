use actix_web::{post, web};
use shared::api::operator::ApiKeyInfo;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::write_transaction;
use crate::error::ApiError;
use crate::operator::api_keys;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. Revokes an API key: it is refused (401 `api_key_invalid`) from
/// the next request on. Revoking a revoked key changes nothing. Audited (`api_key_revoked`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "revoke_api_key",
    params(("id" = String, Path, description = "API key id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The key, revoked", body = ApiKeyInfo),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such key", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/api-keys/{id}/revocation")]
pub async fn revoke_api_key(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApiKeyInfo>, ApiError> {
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let id = id.into_inner();
    let key = state
        .write(move |conn| write_transaction(conn, |conn| api_keys::revoke(conn, &id, &ctx)))
        .await?;
    Ok(Json(key))
}
