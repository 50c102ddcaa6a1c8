use actix_web::{get, http::header, web, HttpResponse};
use shared::api::staff::StaffSessionInfo;
use shared::problem::Problem;

use crate::auth::PendingStaff;
use crate::error::ApiError;
use crate::routes::tags;
use crate::staff::login;
use crate::state::AppState;

/// The staff member logged in, the session's stage (`password_ok` while the second factor is
/// due) and the CSRF token for state-changing requests.
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "get_staff_session",
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The current staff session", body = StaffSessionInfo),
        (status = 401, description = "No staff session, or it has ended", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is not available", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/staff/session")]
pub async fn get_staff_session(
    state: web::Data<AppState>,
    pending: PendingStaff,
) -> Result<HttpResponse, ApiError> {
    let info = state
        .db(move |conn| login::session_info(conn, &pending))
        .await?;
    // It carries the CSRF token: no cache may keep it.
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(info))
}
