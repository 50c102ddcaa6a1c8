use actix_web::{patch, web};
use shared::api::passkeys::{PasskeyInfo, RenamePasskeyRequest};
use shared::problem::Problem;

use super::staff_owner;
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Staff};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::passkeys::manage;
use crate::routes::passkeys::parse_name;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Renames one of the staff member's own passkeys.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "rename_staff_passkey",
    params(
        ("id" = String, Path, description = "Passkey id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    request_body = RenamePasskeyRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Renamed", body = PasskeyInfo),
        (status = 401, description = "Not logged in, or the second factor is still due", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such passkey of this staff member", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The name is empty, longer than 64 characters or has control characters", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/staff/passkeys/{id}")]
pub async fn rename_staff_passkey(
    app: web::Data<AppState>,
    staff: Staff,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<RenamePasskeyRequest>,
) -> Result<Json<PasskeyInfo>, ApiError> {
    let name = parse_name(&body.name)?;
    let owner = staff_owner(&staff);
    let ctx = EventContext::staff(&staff, client, app.now());
    let institution_id = staff.role.institution_id().map(str::to_owned);
    let id = id.into_inner();
    let info = app
        .db(move |conn| manage::rename(conn, &owner, institution_id.as_deref(), &id, &name, &ctx))
        .await?;
    Ok(Json(info))
}
