use actix_web::{put, web};
use shared::api::ApplicationDetail;
use shared::form::ApplicationFormInput;
use shared::problem::Problem;

use crate::applications::{form, read};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::metrics::SmsCodeEvent;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Devam" on the Başvuru Formu: validates and stores the form and sends an SMS code to the
/// mobile phone given. Field errors come back under `fields`, with the same codes as the
/// browser's own validation; nothing stored before is lost.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "submit_application_form",
    params(("id" = String, Path, description = "Application id")),
    request_body = ApplicationFormInput,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Form stored, code sent (see `sms`)", body = ApplicationDetail),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The form can no longer be changed, or a concurrent change", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The completion deadline has passed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Field errors", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/applications/{id}/form")]
pub async fn submit_application_form(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<ApplicationFormInput>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let now = state.now();
    let (id, input) = (id.into_inner(), body.into_inner());
    let secrets = state.config.secrets.clone();
    let (at, tariff) = (now, state.config.tariff);
    let (detail, code_sent) = state
        .change_application_as(
            session,
            id,
            client,
            move |conn, app, ctx| form::submit(conn, app, &input, ctx, &secrets),
            move |conn, (app, code_sent)| Ok((read::detail(conn, &app, at, &tariff)?, code_sent)),
        )
        .await?;
    if code_sent {
        state.metrics.sms_code(SmsCodeEvent::Sent);
    }
    Ok(Json(detail))
}
