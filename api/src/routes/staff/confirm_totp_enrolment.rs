use actix_web::{post, web, HttpResponse};
use shared::api::staff::{StaffSessionInfo, TotpCodeRequest};
use shared::problem::Problem;

use super::{active_session_response, parse_code};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, PendingStaff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::metrics::LoginMethod;
use crate::routes::tags;
use crate::staff::login;
use crate::state::AppState;

/// First login, continued: a code made from the new secret sets up the app and completes the
/// login (the session becomes active under a new id). A wrong code counts as a failed login.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "confirm_totp_enrolment",
    request_body = TotpCodeRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 200, description = "Set up and logged in", body = StaffSessionInfo,
            headers(("Set-Cookie" = String, description = "`nes_staff_session` with the new session id"))),
        (status = 401, description = "No staff session, or a wrong code (`totp_invalid`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token, or no enrolment started (`totp_enrolment_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already set up, or the session is already active", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not six digits; see `fields`", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Locked after too many failures (`account_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures: wait `retry_after_seconds` (`login_throttled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/totp-enrolment/confirmation")]
pub async fn confirm_totp_enrolment(
    state: web::Data<AppState>,
    pending: PendingStaff,
    client: ClientInfo,
    body: JsonObject<TotpCodeRequest>,
) -> Result<HttpResponse, ApiError> {
    let code = parse_code(&body.code)?;
    let ctx = EventContext::staff(&pending.staff, client, state.now());
    let config = state.config.clone();
    let result = state
        .db(move |conn| {
            let raw_id = login::confirm_enrolment(conn, &pending, &code, &ctx, &config)?;
            let info = login::session_info(conn, &pending)?;
            Ok((raw_id, info))
        })
        .await;
    let (raw_id, info) = state
        .metrics
        .login_result(LoginMethod::StaffTotpEnrolment, result)?;
    Ok(active_session_response(&state, raw_id, info))
}
