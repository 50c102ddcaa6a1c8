use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use shared::api::SessionInfo;
use shared::problem::Problem;

use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Who is logged in, the CSRF token for state-changing requests, whether the person has
/// consented to e-Onay, and when the session ends.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "get_session",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The current session", body = SessionInfo),
        (status = 401, description = "Not logged in, or the session has ended", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Unexpected error (logged)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is not available", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/session")]
pub async fn get_session(
    app: web::Data<AppState>,
    session: ApplicantSession,
) -> Result<HttpResponse, ApiError> {
    let (applicant, consent_given_at) = app.applicant_with_consent(session).await?;
    let info = SessionInfo {
        csrf_token: applicant.csrf_token(&app.config.secrets),
        tckn_masked: applicant.tckn.masked(),
        first_name: applicant.first_name,
        last_name: applicant.last_name,
        e_onay_consent_given: consent_given_at.is_some(),
        idle_expires_at: applicant.idle_expires_at,
        absolute_expires_at: applicant.absolute_expires_at,
    };
    // It carries the CSRF token: no cache may keep it.
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(info))
}
