use actix_web::{post, web, HttpResponse};
use shared::api::passkeys::{FinishPasskeyRegistrationRequest, PasskeyInfo};
use shared::problem::Problem;

use super::applicant_owner;
use crate::applications::EventContext;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::{registration, webauthn_of};
use crate::routes::tags;
use crate::state::AppState;

/// Finishes a registration with what `navigator.credentials.create()` answered. The ceremony
/// is used up before the credential is checked: it cannot be finished twice.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "finish_passkey_registration",
    request_body = FinishPasskeyRegistrationRequest,
    security(("session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/session`")),
    responses(
        (status = 201, description = "The passkey is registered", body = PasskeyInfo),
        (status = 400, description = "The body is not a WebAuthn registration", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in (`unauthenticated`), or the credential failed verification (`passkey_rejected`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "This credential is already registered", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Unknown, used or expired ceremony (`passkey_ceremony_expired`): start again", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/passkeys")]
pub async fn finish_passkey_registration(
    app: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    body: JsonObject<FinishPasskeyRegistrationRequest>,
) -> Result<HttpResponse, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let (request, now) = (body.into_inner(), app.now());
    let info = app
        .read_as(session, move |conn, applicant| {
            let owner = applicant_owner(applicant);
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            registration::finish(
                conn,
                &webauthn,
                &owner,
                None,
                &request.ceremony_id,
                &request.credential,
                &ctx,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(info))
}
