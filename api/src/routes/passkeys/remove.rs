use actix_web::{delete, web, HttpResponse};
use shared::problem::Problem;

use super::applicant_owner;
use crate::applications::EventContext;
use crate::auth::{Applicant, ClientInfo};
use crate::error::ApiError;
use crate::passkeys::manage;
use crate::routes::tags;
use crate::state::AppState;

/// Removes one of the applicant's passkeys: it cannot log in any more. (The authenticator
/// keeps its copy until the person deletes it there.)
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "remove_passkey",
    params(
        ("id" = String, Path, description = "Passkey id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/session`"),
    ),
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such passkey of this person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/me/passkeys/{id}")]
pub async fn remove_passkey(
    app: web::Data<AppState>,
    applicant: Applicant,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let owner = applicant_owner(&applicant);
    let ctx = EventContext::applicant(&applicant.tckn, client, app.now());
    let id = id.into_inner();
    app.db(move |conn| manage::remove(conn, &owner, None, &id, &ctx))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
