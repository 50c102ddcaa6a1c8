use actix_web::{get, web};
use shared::api::staff::StaffAccountList;
use shared::problem::Problem;

use crate::auth::Operator;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::staff::accounts;
use crate::state::AppState;

/// Kamu SM operators only. Every staff account (operators first, then by user name), with
/// whether it has set up its authenticator app, its failed logins in a row and whether it is
/// locked. Never a password hash or a TOTP secret.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "list_staff_accounts",
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The accounts", body = StaffAccountList),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/staff")]
pub async fn list_staff_accounts(
    state: web::Data<AppState>,
    _operator: Operator,
) -> Result<Json<StaffAccountList>, ApiError> {
    let accounts = state.db(accounts::list).await?;
    Ok(Json(StaffAccountList { accounts }))
}
