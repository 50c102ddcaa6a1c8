use actix_web::{post, web};
use shared::api::passkeys::{PasskeyRegistrationChallenge, StartPasskeyRegistrationRequest};
use shared::problem::Problem;

use super::{applicant_owner, parse_name};
use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::{registration, webauthn_of};
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Geçiş anahtarı ekle": starts registering a passkey with the given name. Answers the
/// options for `navigator.credentials.create()` (a discoverable credential; the passkeys
/// already registered are excluded) and a ceremony id valid for 5 minutes.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "start_passkey_registration",
    request_body = StartPasskeyRegistrationRequest,
    security(("session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/session`")),
    responses(
        (status = 200, description = "Options for the browser and the ceremony id", body = PasskeyRegistrationChallenge),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is empty, longer than 64 characters or has control characters", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/passkeys/registration")]
pub async fn start_passkey_registration(
    app: web::Data<AppState>,
    session: ApplicantSession,
    body: JsonObject<StartPasskeyRegistrationRequest>,
) -> Result<Json<PasskeyRegistrationChallenge>, ApiError> {
    let name = parse_name(&body.name)?;
    let webauthn = webauthn_of(&app.config)?;
    let now = app.now();
    let challenge = app
        .read_as(session, move |conn, applicant| {
            let display_name = format!("{} {}", applicant.first_name, applicant.last_name);
            let owner = applicant_owner(applicant);
            registration::start(conn, &webauthn, &owner, &display_name, name, now)
        })
        .await?;
    Ok(Json(challenge))
}
