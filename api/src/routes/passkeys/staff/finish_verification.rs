use actix_web::{post, web, HttpResponse};
use shared::api::passkeys::FinishPasskeyAuthenticationRequest;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::staff::staff_session_cookie;
use crate::auth::{ClientInfo, PendingStaff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::metrics::LoginMethod;
use crate::passkeys::{staff_verification, webauthn_of};
use crate::routes::tags;
use crate::state::AppState;

/// The passkey instead of the TOTP code: on success the session becomes active, under a new
/// id (new cookie). A refusal is audited.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "finish_staff_passkey_verification",
    request_body = FinishPasskeyAuthenticationRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 204, description = "Second factor done; the session is active",
            headers(("Set-Cookie" = String, description = "`nes_staff_session` with the new session id, and its readable hint `nes_staff_session_hint`"))),
        (status = 400, description = "The body is not a WebAuthn assertion", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session (`unauthenticated`), or not one of this staff member's passkeys or failed verification (`passkey_rejected`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is already done", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Unknown, used or expired ceremony (`passkey_ceremony_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session/passkey")]
pub async fn finish_staff_passkey_verification(
    app: web::Data<AppState>,
    pending: PendingStaff,
    client: ClientInfo,
    body: JsonObject<FinishPasskeyAuthenticationRequest>,
) -> Result<HttpResponse, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let ctx = EventContext::staff(&pending.staff, client, app.now());
    let (config, request) = (app.config.clone(), body.into_inner());
    let raw_session_id = app
        .db(move |conn| {
            staff_verification::finish(conn, &webauthn, &pending, &request, &ctx, &config)
        })
        .await;
    let raw_session_id = app
        .metrics
        .login_result(LoginMethod::StaffPasskey, raw_session_id)?;
    Ok(HttpResponse::NoContent()
        .cookie(staff_session_cookie(raw_session_id, &app.config))
        .cookie(crate::auth::hints::staff_session_hint(&app.config))
        .finish())
}
