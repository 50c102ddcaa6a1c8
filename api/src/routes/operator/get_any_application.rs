use actix_web::{get, web};
use shared::api::operator::OperatorApplication;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::operator::applications;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. One application of any institution: the applicant, the timeline,
/// payment, shipment, and what the operator may record next (`allowed_actions`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "get_any_application",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The application", body = OperatorApplication),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/applications/{id}")]
pub async fn get_any_application(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<OperatorApplication>, ApiError> {
    let (id, now, config) = (id.into_inner(), state.now(), state.config.clone());
    let ctx = EventContext::staff(&operator.0, client, now);
    let application = state
        .db(move |conn| {
            let app = access::read(conn, &id, &Caller::Operator, &ctx)?;
            applications::get(conn, &app, now, &config)
        })
        .await?;
    Ok(Json(application))
}
