use actix_web::{get, web};
use shared::api::officer::InstitutionApplicationDetail;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Officer};
use crate::error::ApiError;
use crate::officer::detail;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// One of the institution's applications: state, timeline, the person, and whether the
/// notification e-mail can be sent again. Another institution's application answers 404,
/// like one that does not exist.
#[utoipa::path(
    tag = tags::OFFICER,
    operation_id = "get_institution_application",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The application with its timeline", body = InstitutionApplicationDetail),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an institution's e-signature officer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of the officer's institution", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/officer/applications/{id}")]
pub async fn get_institution_application(
    state: web::Data<AppState>,
    officer: Officer,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<InstitutionApplicationDetail>, ApiError> {
    let now = state.now();
    let ctx = EventContext::staff(&officer.staff, client, now);
    let id = id.into_inner();
    let detail = state
        .db(move |conn| {
            let caller = Caller::Institution {
                institution_id: officer.institution_id,
            };
            let app = access::read(conn, &id, &caller, &ctx)?;
            detail::detail(conn, &app, now)
        })
        .await?;
    Ok(Json(detail))
}
