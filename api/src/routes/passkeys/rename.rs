use actix_web::{patch, web};
use shared::api::passkeys::{PasskeyInfo, RenamePasskeyRequest};
use shared::problem::Problem;

use super::{applicant_owner, parse_name};
use crate::applications::EventContext;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::manage;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Renames one of the applicant's passkeys (1–64 characters, trimmed).
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "rename_passkey",
    params(
        ("id" = String, Path, description = "Passkey id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/session`"),
    ),
    request_body = RenamePasskeyRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Renamed", body = PasskeyInfo),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such passkey of this person", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is empty, longer than 64 characters or has control characters", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/me/passkeys/{id}")]
pub async fn rename_passkey(
    app: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<RenamePasskeyRequest>,
) -> Result<Json<PasskeyInfo>, ApiError> {
    let name = parse_name(&body.name)?;
    let (id, now) = (id.into_inner(), app.now());
    let info = app
        .read_as(session, move |conn, applicant| {
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            manage::rename(conn, &applicant_owner(applicant), None, &id, &name, &ctx)
        })
        .await?;
    Ok(Json(info))
}
