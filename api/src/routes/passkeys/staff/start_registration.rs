use actix_web::{post, web};
use shared::api::passkeys::{PasskeyRegistrationChallenge, StartPasskeyRegistrationRequest};
use shared::problem::Problem;

use super::staff_owner;
use crate::auth::Staff;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::{registration, webauthn_of};
use crate::routes::passkeys::parse_name;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Starts registering a passkey for the logged-in staff member (to use instead of TOTP).
/// Adding a way to log in asks for the password typed within the last five minutes (at the
/// login or by `reauthenticate_staff`), else `403 reauthentication_required`.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "start_staff_passkey_registration",
    request_body = StartPasskeyRegistrationRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 200, description = "Options for the browser and the ceremony id", body = PasskeyRegistrationChallenge),
        (status = 401, description = "Not logged in, or the second factor is still due", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token (`csrf_token_invalid`), the password not typed in the last five minutes (`reauthentication_required`), or the password set by an operator is still to be changed (`password_change_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is empty, longer than 64 characters or has control characters", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/passkeys/registration")]
pub async fn start_staff_passkey_registration(
    app: web::Data<AppState>,
    staff: Staff,
    body: JsonObject<StartPasskeyRegistrationRequest>,
) -> Result<Json<PasskeyRegistrationChallenge>, ApiError> {
    staff.require_recent_authentication(app.now())?;
    let name = parse_name(&body.name)?;
    let webauthn = webauthn_of(&app.config)?;
    let owner = staff_owner(&staff);
    let display_name = staff.display_name.clone();
    let now = app.now();
    let challenge = app
        .db(move |conn| registration::start(conn, &webauthn, &owner, &display_name, name, now))
        .await?;
    Ok(Json(challenge))
}
