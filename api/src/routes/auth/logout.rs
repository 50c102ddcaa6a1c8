use actix_web::{post, web, HttpResponse};
use shared::problem::Problem;

use crate::auth::session::{delete_session, removal_cookie};
use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Ends the session: the server forgets it and the browser's cookie is removed.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "logout",
    security(("session_cookie" = [])),
    params(
        ("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/session`"),
    ),
    responses(
        (status = 204, description = "Logged out; the session cookie is removed",
            headers(("Set-Cookie" = String, description = "`nes_session` and its readable hint `nes_session_hint` removed"))),
        (status = 401, description = "Not logged in, or the session has already ended", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing or wrong CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 500, description = "Unexpected error (logged)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is not available", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/session/logout")]
pub async fn logout(
    app: web::Data<AppState>,
    session: ApplicantSession,
) -> Result<HttpResponse, ApiError> {
    let id_hash = session.id_hash().to_owned();
    app.write_as(session, move |conn, applicant| {
        Ok(delete_session(conn, applicant.raw_session_id())?)
    })
    .await?;
    // The database announces the end to every instance; this one need not wait to hear it.
    app.sessions.evict_session(&id_hash);
    Ok(HttpResponse::NoContent()
        .cookie(removal_cookie(&app.config))
        .cookie(crate::auth::hints::session_hint_removal(&app.config))
        .finish())
}
