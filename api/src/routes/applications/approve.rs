use actix_web::{post, web};
use shared::api::{ApplicationResult, ApproveWithEOnayRequest};
use shared::problem::Problem;

use crate::applications::{approval, read};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "E-Onay": approves the form after the phone is verified, with the person's earlier
/// e-Onay consent, the version and SHA-256 of the Taahhütname read, and the box ticked.
/// Records the time, address, user agent and Taahhütname version; production starts (or
/// waits for a prepaid order's payment). Answers the result page's content.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "approve_with_e_onay",
    params(("id" = String, Path, description = "Application id")),
    request_body = ApproveWithEOnayRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Approved: \"E-Onaylı Başvuru Tamamlandı\"", body = ApplicationResult),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Phone not verified, no e-Onay consent, already approved, or a concurrent approval", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The completion deadline has passed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Taahhütname not the current one, or not accepted", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/applications/{id}/e-onay")]
pub async fn approve_with_e_onay(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<ApproveWithEOnayRequest>,
) -> Result<Json<ApplicationResult>, ApiError> {
    let (id, request) = (id.into_inner(), body.into_inner());
    let (config, state_config) = (state.config.clone(), state.config.clone());
    let result = state
        .change_application_as(
            session,
            id,
            client,
            move |conn, app, ctx| approval::approve_with_e_onay(conn, app, &request, ctx, &config),
            move |conn, (app, ())| read::result(conn, &app, &state_config),
        )
        .await?;
    Ok(Json(result))
}
