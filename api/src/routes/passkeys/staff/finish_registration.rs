use actix_web::{post, web, HttpResponse};
use shared::api::passkeys::{FinishPasskeyRegistrationRequest, PasskeyInfo};
use shared::problem::Problem;

use super::staff_owner;
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Staff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::{registration, webauthn_of};
use crate::routes::tags;
use crate::state::AppState;

/// Finishes a staff member's passkey registration; the ceremony is used up first.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "finish_staff_passkey_registration",
    request_body = FinishPasskeyRegistrationRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 201, description = "The passkey is registered", body = PasskeyInfo),
        (status = 400, description = "The body is not a WebAuthn registration", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in, or the credential failed verification (`passkey_rejected`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This credential is already registered", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Unknown, used or expired ceremony (`passkey_ceremony_expired`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/passkeys")]
pub async fn finish_staff_passkey_registration(
    app: web::Data<AppState>,
    staff: Staff,
    client: ClientInfo,
    body: JsonObject<FinishPasskeyRegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let owner = staff_owner(&staff);
    let ctx = EventContext::staff(&staff, client, app.now());
    let institution_id = staff.role.institution_id().map(str::to_owned);
    let request = body.into_inner();
    let info = app
        .db(move |conn| {
            registration::finish(
                conn,
                &webauthn,
                &owner,
                institution_id.as_deref(),
                &request.ceremony_id,
                &request.credential,
                &ctx,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(info))
}
