use actix_web::{get, web};
use shared::api::ApplicationResult;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::{read, EventContext};
use crate::auth::{Applicant, ClientInfo};
use crate::error::ApiError;
use crate::routes::tags;
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
    applicant: Applicant,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<web::Json<ApplicationResult>, ApiError> {
    let id = id.into_inner();
    let ctx = EventContext::applicant(&applicant.tckn, client, state.now());
    let caller = Caller::Applicant(applicant.tckn);
    let config = state.config.clone();
    let result = state
        .db(move |conn| {
            let app = access::read(conn, &id, &caller, &ctx)?;
            read::result(conn, &app, &config)
        })
        .await?;
    Ok(web::Json(result))
}
