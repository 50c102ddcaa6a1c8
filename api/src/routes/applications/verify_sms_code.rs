use actix_web::{post, web};
use shared::api::{ApplicationDetail, VerifySmsCodeRequest};
use shared::form::FieldErrors;
use shared::problem::Problem;

use crate::applications::read;
use crate::applications::sms::{self, Verification};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Devam" on the SMS Onayı page: checks the code typed (spaces and hyphens allowed).
/// A wrong code says how many tries remain; the fifth wrong try kills the code, and a hundred
/// wrong tries in a row (across codes) lock the phone verification of the application.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "verify_sms_code",
    params(("id" = String, Path, description = "Application id")),
    request_body = VerifySmsCodeRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Phone verified", body = ApplicationDetail),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No code sent, code already used, or a concurrent change", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Code expired or dead after too many wrong tries", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong code (see `tries_left`), or not six digits", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Phone verification locked after 100 wrong codes in a row (`sms_verification_locked`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/applications/{id}/sms-code/verification")]
pub async fn verify_sms_code(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<VerifySmsCodeRequest>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let Some(code) = sms::normalise_typed_code(&body.code) else {
        let mut fields = FieldErrors::default();
        fields.add("code", "sms_code_format");
        return Err(ApiError::Validation(fields));
    };
    let now = state.now();
    let id = id.into_inner();
    let (secrets, metrics) = (state.config.secrets.clone(), state.metrics.clone());
    let (at, tariff) = (now, state.config.tariff);
    let detail = state
        .change_application_as(
            session,
            id,
            client,
            move |conn, app, ctx| sms::verify(conn, app, &code, ctx, &secrets),
            move |conn, (app, outcome)| {
                metrics.sms_code(crate::metrics::SmsCodeEvent::of(&outcome));
                match outcome {
                    Verification::Verified => read::detail(conn, &app, at, &tariff),
                    Verification::Wrong { tries_left } => {
                        Err(ApiError::SmsCodeIncorrect { tries_left })
                    }
                    Verification::Exhausted => Err(ApiError::SmsCodeAttemptsExhausted),
                }
            },
        )
        .await?;
    Ok(Json(detail))
}
