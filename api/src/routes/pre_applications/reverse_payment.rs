use actix_web::{post, web};
use shared::api::payments::ReversePaymentRequest;
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

/// Kamu SM operators only. Takes a recorded payment back (recorded on the wrong application,
/// returned by the bank) before the card is produced: a prepaid application waits for the
/// payment again, a person who pays owes it again. The reason is kept on the payment's record
/// and in the audit trail (`payment_reversed`). Of concurrent reversals one wins, the others
/// get `409`.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "reverse_payment",
    params(("id" = String, Path, description = "Application id")),
    request_body = ReversePaymentRequest,
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Payment reversed", body = ApplicationSummary),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No recorded payment, or the card is produced already, or a concurrent change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications/{id}/payment/reversal",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn reverse_payment(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
    body: JsonObject<ReversePaymentRequest>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let request = body.into_inner();
    change_as(
        &state,
        Caller::Operator,
        EventContext::staff(&operator.0, client, state.now()),
        id.into_inner(),
        move |conn, app, ctx| payment_records::reverse(conn, app, &request, ctx),
    )
    .await
    .map(Json)
}
