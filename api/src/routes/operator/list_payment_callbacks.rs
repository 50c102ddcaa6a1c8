use actix_web::{get, web};
use shared::api::payment_callbacks::{PaymentCallbackFilter, PaymentCallbackList};
use shared::problem::Problem;

use crate::auth::Operator;
use crate::error::ApiError;
use crate::payment_callbacks::list;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. The payment provider's callbacks, newest first (at most 200):
/// what was applied, and what was kept without being applied — a wrong amount, an unknown
/// payment reference, a payment with nothing to pay — for an operator to sort out.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "list_payment_callbacks",
    params(PaymentCallbackFilter),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The callbacks", body = PaymentCallbackList),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/payment-callbacks")]
pub async fn list_payment_callbacks(
    state: web::Data<AppState>,
    _operator: Operator,
    query: web::Query<PaymentCallbackFilter>,
) -> Result<Json<PaymentCallbackList>, ApiError> {
    let filter = query.into_inner();
    let callbacks = state.db(move |conn| list::list(conn, &filter)).await?;
    Ok(Json(callbacks))
}
