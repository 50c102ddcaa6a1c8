use actix_web::{get, web};
use shared::api::{MyApplications, MyApplicationsQuery};
use shared::problem::Problem;

use crate::applications::read;
use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Devam Eden ve Tamamlanmış Başvurular": the logged-in person's applications, ongoing and
/// completed, each with its state, next action and timeline. With `page` and/or `per_page`,
/// one page of them — the ongoing ones first, then the completed ones, each newest first —
/// with the totals; without either, all of them on one page (as before paging existed).
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "list_my_applications",
    params(MyApplicationsQuery),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The person's applications", body = MyApplications),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`page` or `per_page` out of range (`validation_failed`, `fields`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications")]
pub async fn list_my_applications(
    state: web::Data<AppState>,
    session: ApplicantSession,
    query: web::Query<MyApplicationsQuery>,
) -> Result<Json<MyApplications>, ApiError> {
    let query = query.into_inner();
    query.check().map_err(ApiError::Validation)?;
    let list = state
        .quick_read_as(session, move |conn, applicant| {
            read::my_applications(conn, &applicant.tckn, &query)
        })
        .await?;
    Ok(Json(list))
}
