use actix_web::{get, web};
use shared::api::passkeys::MyPasskeys;
use shared::problem::Problem;

use super::staff_owner;
use crate::auth::Staff;
use crate::error::ApiError;
use crate::passkeys::store;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// The logged-in staff member's passkeys, oldest first.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "list_staff_passkeys",
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The staff member's passkeys", body = MyPasskeys),
        (status = 401, description = "Not logged in, or the second factor is still due", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/passkeys")]
pub async fn list_staff_passkeys(
    app: web::Data<AppState>,
    staff: Staff,
) -> Result<Json<MyPasskeys>, ApiError> {
    let owner = staff_owner(&staff);
    let items = app.db(move |conn| store::list(conn, &owner)).await?;
    Ok(Json(MyPasskeys { items }))
}
