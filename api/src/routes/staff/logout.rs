use actix_web::{post, web, HttpResponse};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::staff::staff_removal_cookie;
use crate::auth::{ClientInfo, PendingStaff};
use crate::error::ApiError;
use crate::routes::tags;
use crate::staff::login;
use crate::state::AppState;

/// Ends the staff session (in any stage): the server forgets it and the cookie is removed.
/// Audited (`staff_logout`).
#[utoipa::path(
    tag = tags::STAFF,
    operation_id = "staff_logout",
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 204, description = "Logged out",
            headers(("Set-Cookie" = String, description = "`nes_staff_session` and its readable hint `nes_staff_session_hint` removed"))),
        (status = 401, description = "No staff session, or it has already ended", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/staff/session/logout")]
pub async fn staff_logout(
    state: web::Data<AppState>,
    pending: PendingStaff,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    let ctx = EventContext::staff(&pending.staff, client, state.now());
    state
        .db(move |conn| login::logout(conn, &pending, &ctx))
        .await?;
    Ok(HttpResponse::NoContent()
        .cookie(staff_removal_cookie(&state.config))
        .cookie(crate::auth::hints::staff_session_hint_removal(
            &state.config,
        ))
        .finish())
}
