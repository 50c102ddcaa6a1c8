use actix_web::{delete, web, HttpResponse};
use shared::problem::Problem;

use super::applicant_owner;
use crate::applications::EventContext;
use crate::auth::{ApplicantSession, ClientInfo};
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
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (id, now) = (id.into_inner(), app.now());
    app.read_as(session, move |conn, applicant| {
        let ctx = EventContext::applicant(&applicant.tckn, client, now);
        manage::remove(conn, &applicant_owner(applicant), None, &id, &ctx)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
