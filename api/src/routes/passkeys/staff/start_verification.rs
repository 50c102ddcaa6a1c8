use actix_web::{post, web};
use shared::api::passkeys::PasskeyAuthenticationChallenge;
use shared::problem::Problem;

use crate::auth::PendingStaff;
use crate::error::ApiError;
use crate::passkeys::{staff_verification, webauthn_of};
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Geçiş anahtarı kullan" on the second-factor page: answers the options for
/// `navigator.credentials.get()` listing this staff member's passkeys, bound to this session.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "start_staff_passkey_verification",
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 200, description = "Options for the browser and the ceremony id", body = PasskeyAuthenticationChallenge),
        (status = 401, description = "No staff session (`unauthenticated`), or no passkey registered (`passkey_rejected`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is already done", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session/passkey/challenge")]
pub async fn start_staff_passkey_verification(
    app: web::Data<AppState>,
    pending: PendingStaff,
) -> Result<Json<PasskeyAuthenticationChallenge>, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let now = app.now();
    let challenge = app
        .db(move |conn| staff_verification::start(conn, &webauthn, &pending, now))
        .await?;
    Ok(Json(challenge))
}
