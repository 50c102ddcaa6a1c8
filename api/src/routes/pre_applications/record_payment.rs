use actix_web::{post, web};
use shared::api::ApplicationSummary;
use shared::problem::Problem;

use super::change_as_integrator;
use crate::applications::back_office;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Records that the person's payment reached Kamu SM. A prepaid order waiting for it goes
/// into production.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "record_payment",
    params(("id" = String, Path, description = "Application id")),
    security(("integrator_api_key" = [])),
    responses(
        (status = 200, description = "Payment recorded", body = ApplicationSummary),
        (status = 401, description = "Missing or unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application of this integrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing to pay (paid already, paid by the institution, or not approved)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pre-applications/{id}/payment")]
pub async fn record_payment(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<web::Json<ApplicationSummary>, ApiError> {
    change_as_integrator(
        &state,
        integrator,
        client,
        id.into_inner(),
        back_office::record_payment,
    )
    .await
}
