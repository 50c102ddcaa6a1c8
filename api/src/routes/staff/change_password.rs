use actix_web::{put, web, HttpResponse};
use shared::api::staff::ChangeStaffPasswordRequest;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, PendingStaff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::staff::login;
use crate::staff::password::Password;
use crate::state::AppState;

/// "Parolayı değiştir": the current password and a new one (12–128 characters, not the user
/// name, not the current one, not easy to guess — zxcvbn score 3 or more against common
/// passwords, words, names and the person's own name: `password_too_weak`; no composition
/// rules). A wrong current password counts as a failed login. The person's other sessions
/// end; this one stays. Audited. The one thing an account whose password an operator set
/// (`password_change_required`) may do besides its session and logout.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "change_staff_password",
    request_body = ChangeStaffPasswordRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "No active staff session (`unauthenticated`, `second_factor_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Current password wrong (`password_incorrect`) or the new one refused; see `fields`", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Locked after too many failures (`account_locked`)", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failures: wait `retry_after_seconds` (`login_throttled`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/staff/password")]
pub async fn change_staff_password(
    state: web::Data<AppState>,
    pending: PendingStaff,
    client: ClientInfo,
    body: JsonObject<ChangeStaffPasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    let staff = pending.active()?;
    let ChangeStaffPasswordRequest {
        current_password,
        new_password,
    } = body.into_inner();
    let (current, new) = (Password::new(current_password), Password::new(new_password));
    let ctx = EventContext::staff(&staff, client, state.now());
    state
        .db(move |conn| login::change_password(conn, &staff, &current, &new, &ctx))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
