use actix_web::{post, web};
use shared::api::officer::NotificationResent;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Officer};
use crate::error::ApiError;
use crate::officer::resend;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Sends the pre-application's notification e-mail again (through the outbox), while the
/// application still waits for the applicant (before approval, deadline not passed); at
/// most once every ten minutes per application, the first e-mail included.
#[utoipa::path(
    tag = tags::OFFICER,
    operation_id = "resend_pre_application_email",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The e-mail is queued", body = NotificationResent),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an institution's e-signature officer, or the CSRF header is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of the officer's institution", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The application is approved or closed: the applicant has nothing left to do", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The application's deadline has passed", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Sent too recently; `retry_after_seconds` says when", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/officer/applications/{id}/notification",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn resend_pre_application_email(
    state: web::Data<AppState>,
    officer: Officer,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<NotificationResent>, ApiError> {
    let ctx = EventContext::staff(&officer.staff, client, state.now());
    let config = state.config.clone();
    let id = id.into_inner();
    let resent = state
        .write(move |conn| {
            let caller = Caller::Institution {
                institution_id: officer.institution_id,
            };
            let (_, resent) = access::change(conn, &id, &caller, &ctx, |conn, app| {
                resend::resend(conn, app, &ctx, &config)
            })?;
            Ok(resent)
        })
        .await?;
    Ok(Json(resent))
}
