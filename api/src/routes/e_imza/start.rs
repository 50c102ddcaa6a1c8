use actix_web::{post, web, HttpResponse};
use shared::api::{EImzaSigningSession, StartEImzaSigningRequest};
use shared::problem::Problem;

use crate::applications::access;
use crate::applications::e_imza;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::state::AppState;

/// "e-İmza ile Onayla": after the phone is verified and the Taahhütname read, opens a
/// signing session and answers its one-time verification code ("Doğrulama Kodu") for the
/// signing application. Valid ten minutes, single use, bound to this application and this
/// browser session; a new one replaces the previous.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "start_e_imza_signing",
    params(("id" = String, Path, description = "Application id")),
    request_body = StartEImzaSigningRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 201, description = "Signing session opened", body = EImzaSigningSession),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Phone not verified, or already approved", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The completion deadline has passed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Taahhütname not the current one, or not accepted", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "e-İmza approval is not configured", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/applications/{id}/e-imza")]
pub async fn start_e_imza_signing(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<StartEImzaSigningRequest>,
) -> Result<HttpResponse, ApiError> {
    if state.signature_trust.is_none() {
        return Err(ApiError::EImzaUnavailable);
    }
    let (id, request) = (id.into_inner(), body.into_inner());
    let session = state
        .write(move |conn| {
            let browser = session.id_hash();
            let (_, started) =
                access::change_as_applicant(conn, &id, &session, &client, |conn, app, ctx| {
                    e_imza::start(
                        conn,
                        app,
                        browser,
                        &request.taahhutname_version,
                        &request.taahhutname_sha256,
                        request.accepted,
                        ctx,
                    )
                })?;
            Ok(started)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(session))
}
