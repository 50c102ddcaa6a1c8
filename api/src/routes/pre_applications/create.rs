use actix_web::{post, web, HttpResponse};
use shared::api::{
    CreatePreApplicationsRequest, CreatePreApplicationsResponse, RowOutcome,
    MAX_PRE_APPLICATION_BATCH,
};
use shared::problem::Problem;

use crate::applications::pre_application::{create_one, result_row, NewPreApplication};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Integrator};
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// Creates pre-applications (ön başvuru) for the people an institution's e-signature officer
/// named, and queues each person's notification e-mail (section 3.1).
///
/// Each row is accepted or rejected on its own: a bad row never blocks the good ones.
/// Sending the same open pre-application again answers `existing` with the same id.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "create_pre_applications",
    request_body = CreatePreApplicationsRequest,
    security(("integrator_api_key" = [])),
    responses(
        (status = 200, description = "Every row's outcome", body = CreatePreApplicationsResponse),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or unknown API key", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "More rows than one request takes", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/pre-applications")]
pub async fn create_pre_applications(
    state: web::Data<AppState>,
    integrator: Integrator,
    client: ClientInfo,
    body: web::Json<CreatePreApplicationsRequest>,
) -> Result<HttpResponse, ApiError> {
    let items = body.into_inner().items;
    if items.len() > MAX_PRE_APPLICATION_BATCH {
        return Err(ApiError::BatchTooLarge {
            got: items.len(),
            max: MAX_PRE_APPLICATION_BATCH,
        });
    }
    let ctx = EventContext::integrator(&integrator.name, client, state.now());
    let config = state.config.clone();
    let results = state
        .db(move |conn| {
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    let outcome = match NewPreApplication::try_from(item) {
                        Ok(row) => Ok(create_one(conn, &row, &ctx, &config)?),
                        Err(errors) => Err(errors),
                    };
                    Ok(result_row(index, outcome))
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    state.outbox_bell.notify_one();
    let count = |outcome| results.iter().filter(|r| r.outcome == outcome).count();
    Ok(HttpResponse::Ok().json(CreatePreApplicationsResponse {
        created: count(RowOutcome::Created),
        existing: count(RowOutcome::Existing),
        rejected: count(RowOutcome::Rejected),
        results,
    }))
}
