use actix_web::{post, web, HttpResponse};
use shared::api::staff::StaffReauthenticationRequest;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Staff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::staff::login;
use crate::staff::password::Password;
use crate::state::AppState;

/// The password typed again, so that this session may add or remove a second factor (a
/// passkey) for the next five minutes; those calls answer `403 reauthentication_required`
/// without it. A login counts as typing it. A wrong password counts as a failed login.
/// Audited (`staff_reauthenticated`).
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "reauthenticate_staff",
    request_body = StaffReauthenticationRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 204, description = "Confirmed for the next five minutes"),
        (status = 401, description = "No active staff session (`unauthenticated`, `second_factor_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token, or the password set by an operator is still to be changed (`password_change_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The password is wrong (`password_incorrect` on `password`)", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Locked after too many failures (`account_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures: wait `retry_after_seconds` (`login_throttled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session/reauthentication")]
pub async fn reauthenticate_staff(
    state: web::Data<AppState>,
    staff: Staff,
    client: ClientInfo,
    body: JsonObject<StaffReauthenticationRequest>,
) -> Result<HttpResponse, ApiError> {
    let password = Password::new(body.into_inner().password);
    let ctx = EventContext::staff(&staff, client, state.now());
    state
        .db(move |conn| login::reauthenticate(conn, &staff, &password, &ctx))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
