use actix_web::{get, web};
use shared::api::EImzaSigningStatus;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::e_imza;
use crate::applications::EventContext;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::secrets::sha256_hex;
use crate::state::AppState;

/// The live status of the signing session this browser opened: waiting for the signing
/// application, signing, "İşlem Başarılı" (accepted), refused with its reason, or expired.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "get_e_imza_signing_status",
    params(("id" = String, Path, description = "Application id")),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The status", body = EImzaSigningStatus),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person, or no signing session from this browser", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications/{id}/e-imza")]
pub async fn get_e_imza_signing_status(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<EImzaSigningStatus>, ApiError> {
    let (id, now) = (id.into_inner(), state.now());
    let status = state
        .read_as(session, move |conn, applicant| {
            let browser = sha256_hex(applicant.raw_session_id().as_bytes());
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            let app = access::read(conn, &id, &Caller::from(applicant), &ctx)?;
            e_imza::status(conn, &app.id, &browser, now)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(Json(status))
}
