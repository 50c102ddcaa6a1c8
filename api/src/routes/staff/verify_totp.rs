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

/// Staff login, step two: the six-digit code of the authenticator app (one step of clock
/// difference accepted). A code is accepted once (`totp_replayed` afterwards). Success makes
/// the session active under a new id (new cookie, new CSRF token in the answer). A wrong code
/// counts as a failed login for the throttle.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "verify_staff_totp",
    request_body = TotpCodeRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 200, description = "Logged in; the session is active", body = StaffSessionInfo,
            headers(("Set-Cookie" = String, description = "`nes_staff_session` with the new session id"))),
        (status = 401, description = "No staff session (`unauthenticated`), wrong code (`totp_invalid`) or a code already used (`totp_replayed`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token, or the authenticator app is not set up yet (`totp_enrolment_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is already done", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not six digits; see `fields`", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Locked after too many failures (`account_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures: wait `retry_after_seconds` (`login_throttled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session/totp")]
pub async fn verify_staff_totp(
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
            let raw_id = login::verify_totp(conn, &pending, &code, &ctx, &config)?;
            let info = login::session_info(conn, &pending)?;
            Ok((raw_id, info))
        })
        .await;
    let (raw_id, info) = state.metrics.login_result(LoginMethod::StaffTotp, result)?;
    Ok(active_session_response(&state, raw_id, info))
}
