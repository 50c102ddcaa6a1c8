use actix_web::{post, web, HttpResponse};
use shared::api::SmsStatus;
use shared::problem::Problem;

use crate::applications::sms;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Sends a new SMS code ("Kod gelmedi mi?") to the phone of the submitted form. At most one
/// a minute and five an hour; a new code replaces the previous one.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "send_sms_code",
    params(("id" = String, Path, description = "Application id")),
    security(("session_cookie" = [])),
    responses(
        (status = 202, description = "Code queued for sending", body = SmsStatus),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No form awaiting SMS verification", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Phone verification locked after 100 wrong codes in a row (`sms_verification_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too soon, or too many this hour (see `retry_after_seconds`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/applications/{id}/sms-code")]
pub async fn send_sms_code(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let now = state.now();
    let id = id.into_inner();
    let secrets = state.config.secrets.clone();
    let at = now;
    let status = state
        .change_application_as(
            session,
            id,
            client,
            move |conn, app, ctx| sms::resend(conn, app, ctx, &secrets),
            move |conn, (app, ())| {
                sms::status(conn, &app.id, at)?
                    .ok_or_else(|| ApiError::Internal("a code was just sent".into()))
            },
        )
        .await?;
    state.metrics.sms_code(crate::metrics::SmsCodeEvent::Sent);
    Ok(HttpResponse::Accepted().json(status))
}
