use actix_web::{delete, web, HttpResponse};
use shared::problem::Problem;

use super::staff_owner;
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Staff};
use crate::error::ApiError;
use crate::passkeys::manage;
use crate::routes::tags;
use crate::state::AppState;

/// Removes one of the staff member's own passkeys (TOTP stays as the second factor). Asks
/// for the password typed within the last five minutes, like adding one.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "remove_staff_passkey",
    params(
        ("id" = String, Path, description = "Passkey id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not logged in, or the second factor is still due", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token (`csrf_token_invalid`), the password not typed in the last five minutes (`reauthentication_required`), or the password set by an operator is still to be changed (`password_change_required`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such passkey of this staff member", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/staff/passkeys/{id}")]
pub async fn remove_staff_passkey(
    app: web::Data<AppState>,
    staff: Staff,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    staff.require_recent_authentication(app.now())?;
    let owner = staff_owner(&staff);
    let ctx = EventContext::staff(&staff, client, app.now());
    let institution_id = staff.role.institution_id().map(str::to_owned);
    let id = id.into_inner();
    app.db(move |conn| manage::remove(conn, &owner, institution_id.as_deref(), &id, &ctx))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
