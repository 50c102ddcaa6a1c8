use actix_web::{get, web};
use shared::api::ApplicationResult;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::{read, EventContext};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Başvuru İşlemleri Sonuç": an approved application's outcome and payment steps (amount
/// and reference when the person pays, "paid by the institution" otherwise).
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "get_application_result",
    params(("id" = String, Path, description = "Application id")),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The result", body = ApplicationResult),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application, or not approved yet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications/{id}/result")]
pub async fn get_application_result(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApplicationResult>, ApiError> {
    let (id, now) = (id.into_inner(), state.now());
    let config = state.config.clone();
    let result = state
        .read_as(session, move |conn, applicant| {
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            let app = access::read(conn, &id, &Caller::from(applicant), &ctx)?;
            read::result(conn, &app, &config)
        })
        .await?;
    Ok(Json(result))
}
