use actix_web::{get, web};
use shared::api::MyApplications;
use shared::problem::Problem;

use crate::applications::read;
use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// "Devam Eden ve Tamamlanmış Başvurular": the logged-in person's applications, ongoing and
/// completed, each with its state, next action and timeline.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "list_my_applications",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The person's applications", body = MyApplications),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications")]
pub async fn list_my_applications(
    state: web::Data<AppState>,
    session: ApplicantSession,
) -> Result<web::Json<MyApplications>, ApiError> {
    let list = state
        .quick_read_as(session, move |conn, applicant| {
            read::my_applications(conn, &applicant.tckn)
        })
        .await?;
    Ok(web::Json(list))
}
