use actix_web::{post, web};
use shared::api::payments::RecordPaymentRequest;
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use super::change_as;
use crate::applications::access::Caller;
use crate::applications::{payment_records, EventContext};
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. Records a payment as the bank's receipt shows it: the amount (the
/// application's fee), the day it reached Kamu SM's account and the receipt or transaction
/// number. A prepaid application waiting for it goes into production by itself; the applicant
/// is told by e-mail and SMS (`preview_payment_notification` shows both first); the act is
/// audited (`payment_recorded`). Of concurrent recordings one wins, the others get `409`.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "record_payment_with_details",
    params(("id" = String, Path, description = "Application id")),
    request_body = RecordPaymentRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Payment recorded", body = ApplicationSummary),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to pay (paid already, or not approved), or a concurrent change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A detail is missing or wrong (`amount_mismatch`: not the application's fee; `date_in_future`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications/{id}/payment-records",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn record_payment_with_details(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<RecordPaymentRequest>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let config = state.config.clone();
    let request = body.into_inner();
    change_as(
        &state,
        Caller::Operator,
        EventContext::staff(&operator.0, client, state.now()),
        id.into_inner(),
        move |conn, app, ctx| payment_records::record(conn, app, &request, ctx, &config),
    )
    .await
    .map(Json)
}
