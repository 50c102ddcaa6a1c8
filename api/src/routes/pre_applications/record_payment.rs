use actix_web::{post, web};
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use super::change_as;
use crate::applications::access::Caller;
use crate::applications::{back_office, payment_records, EventContext};
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// Kamu SM operators only. Records that the person's payment reached Kamu SM: a prepaid
/// order waiting for it goes into production by itself. The applicant is told by e-mail and
/// SMS; the act is audited (`payment_recorded`). The first version: it records the fee as
/// paid today without a receipt number; `record_payment_with_details` records what the bank's
/// receipt says and checks the amount.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "record_payment",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Payment recorded", body = ApplicationSummary),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to pay (paid already, paid by the institution, or not approved), or a concurrent change", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications/{id}/payment",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn record_payment(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<Json<ApplicationSummary>, ApiError> {
    let config = state.config.clone();
    change_as(
        &state,
        Caller::Operator,
        EventContext::staff(&operator.0, client, state.now()),
        id.into_inner(),
        move |conn, app, ctx| {
            let details = payment_records::without_details(app, ctx.at, &config);
            back_office::record_payment(conn, app, &details, ctx, &config)
        },
    )
    .await
    .map(Json)
}
