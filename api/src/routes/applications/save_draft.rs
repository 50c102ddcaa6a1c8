use actix_web::{put, web, HttpResponse};
use shared::form::ApplicationFormInput;
use shared::problem::Problem;

use crate::applications::access;
use crate::applications::form;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::state::AppState;

/// Keeps what the applicant has typed so far, valid or not, so that nothing is lost on a
/// reload or a later return ("save and return"). No validation, no state change.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "save_form_draft",
    params(("id" = String, Path, description = "Application id")),
    request_body = ApplicationFormInput,
    security(("session_cookie" = [])),
    responses(
        (status = 204, description = "Draft kept"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The form can no longer be changed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/applications/{id}/draft")]
pub async fn save_form_draft(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<ApplicationFormInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, input) = (id.into_inner(), body.into_inner());
    state
        .write(move |conn| {
            access::change_as_applicant(conn, &id, &session, &client, |conn, app, ctx| {
                form::save_draft(conn, app, &input, ctx)
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
