use actix_web::{post, web};
use shared::api::staff::StaffAccount;
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::write_transaction;
use crate::error::ApiError;
use crate::routes::tags;
use crate::staff::accounts;
use crate::state::AppState;

/// Kamu SM operators only. Lifts the lock of an account locked after 100 failed logins in a
/// row, and forgets its failures (any wait ends too). Audited (`staff_unlocked`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "unlock_staff_account",
    params(
        ("id" = String, Path, description = "Staff account id"),
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`"),
    ),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Unlocked", body = StaffAccount),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff/{id}/unlock")]
pub async fn unlock_staff_account(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<web::Json<StaffAccount>, ApiError> {
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let id = id.into_inner();
    let account = state
        .write(move |conn| write_transaction(conn, |conn| accounts::unlock(conn, &id, &ctx)))
        .await?;
    Ok(web::Json(account))
}
