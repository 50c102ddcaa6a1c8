use actix_web::{get, web};
use shared::api::operator::AuditTrail;
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::operator::audit_trail;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. The audit trail of an application, newest first: the audit log's
/// entries about it (who, what, outcome, from where) and its timeline events.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "get_application_audit_trail",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The audit trail", body = AuditTrail),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/applications/{id}/audit")]
pub async fn get_application_audit_trail(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<AuditTrail>, ApiError> {
    let id = id.into_inner();
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let trail = state
        .db(move |conn| {
            let app = access::read(conn, &id, &Caller::Operator, &ctx)?;
            audit_trail::for_application(conn, &app)
        })
        .await?;
    Ok(Json(trail))
}
