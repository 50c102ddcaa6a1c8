use actix_web::{http::header, post, web, HttpResponse};
use shared::api::staff::TotpEnrolment;
use shared::problem::Problem;

use crate::auth::PendingStaff;
use crate::error::ApiError;
use crate::routes::tags;
use crate::staff::login;
use crate::state::AppState;

/// First login: a new TOTP secret for the authenticator app — in base32 for typing, as an
/// `otpauth://` URI, and as a QR code (SVG drawn by this server; no QR service sees it). It
/// takes effect once a code made from it is confirmed; asking again replaces it.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "start_totp_enrolment",
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 200, description = "The secret to put into the app", body = TotpEnrolment),
        (status = 401, description = "No staff session", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already set up, or the session is already active", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/totp-enrolment")]
pub async fn start_totp_enrolment(
    state: web::Data<AppState>,
    pending: PendingStaff,
) -> Result<HttpResponse, ApiError> {
    let config = state.config.clone();
    let enrolment = state
        .db(move |conn| login::start_enrolment(conn, &pending, &config))
        .await?;
    // It carries the secret: no cache may keep it.
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(enrolment))
}
