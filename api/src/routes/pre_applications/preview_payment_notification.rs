use actix_web::{post, web};
use shared::api::payments::{PaymentPreview, RecordPaymentRequest};
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::{payment_records, EventContext};
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. What recording this payment would do and send — whether
/// production starts, the e-mail and the SMS to the applicant, word for word — after the same
/// checks as `record_payment_with_details`. Changes nothing: the operator confirms, then
/// records.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "preview_payment_notification",
    params(("id" = String, Path, description = "Application id")),
    request_body = RecordPaymentRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "What recording would send", body = PaymentPreview),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to pay (paid already, or not approved)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A detail is missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pre-applications/{id}/payment-records/preview")]
pub async fn preview_payment_notification(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<RecordPaymentRequest>,
) -> Result<Json<PaymentPreview>, ApiError> {
    let config = state.config.clone();
    let request = body.into_inner();
    let id = id.into_inner();
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let preview = state
        .db(move |conn| {
            let app = access::read(conn, &id, &Caller::Operator, &ctx)?;
            payment_records::preview(&app, &request, ctx.at, &config)
        })
        .await?;
    Ok(Json(preview))
}
