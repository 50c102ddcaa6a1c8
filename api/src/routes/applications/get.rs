use actix_web::{get, web};
use shared::api::ApplicationDetail;
use shared::problem::Problem;

use crate::applications::read;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// One of the person's applications with its locked fields, form, SMS status and approval.
/// Another person's application answers 404, exactly like one that does not exist.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "get_application",
    params(("id" = String, Path, description = "Application id")),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The application", body = ApplicationDetail),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this person", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications/{id}")]
pub async fn get_application(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApplicationDetail>, ApiError> {
    let (id, tariff) = (id.into_inner(), state.config.tariff);
    let detail = state
        .quick_read_joined(session, move |conn, session| {
            read::page_as(conn, session, &id, client, &tariff)
        })
        .await?;
    Ok(Json(detail))
}
