use actix_web::{post, web, HttpResponse};
use shared::api::{
    CreatePreApplicationsRequest, CreatePreApplicationsResponse, RowOutcome,
    MAX_PRE_APPLICATION_BATCH,
};
use shared::problem::Problem;

use crate::applications::pre_application::{
    create_all, result_row, validate_row, NewPreApplication,
};
use crate::auth::{BackOffice, ClientInfo};
use crate::error::ApiError;
use crate::institutions;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::state::AppState;

/// Creates pre-applications (ön başvuru) for the people an institution's e-signature officer
/// named, and queues each person's notification e-mail (section 3.1).
///
/// Callers: an institution's API key or its officer's session (rows are for that
/// institution; `institution` may be left empty) or a Kamu SM operator (each row names an
/// existing institution by code or name).
///
/// Each row is accepted or rejected on its own: a bad row never blocks the good ones.
/// Sending the same person again while their pre-application with this institution is open
/// answers `existing` with the same id (whatever the row's `institution` wording). Other
/// institutions' applications for the same person neither block a row nor show in the answer.
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "create_pre_applications",
    request_body = CreatePreApplicationsRequest,
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "Every row's outcome", body = CreatePreApplicationsResponse),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "More rows than one request takes", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/pre-applications",
    wrap = "actix_web::middleware::from_fn(crate::idempotency::guard)"
)]
pub async fn create_pre_applications(
    state: web::Data<AppState>,
    caller: BackOffice,
    client: ClientInfo,
    body: JsonObject<CreatePreApplicationsRequest>,
) -> Result<HttpResponse, ApiError> {
    let items = body.into_inner().items;
    if items.len() > MAX_PRE_APPLICATION_BATCH {
        return Err(ApiError::BatchTooLarge {
            got: items.len(),
            max: MAX_PRE_APPLICATION_BATCH,
        });
    }
    let ctx = caller.event_context(client, state.now());
    let config = state.config.clone();
    let scope_id = caller.institution_scope().map(str::to_owned);
    let results = state
        .write(move |conn| {
            let scope = match scope_id {
                Some(id) => Some(institutions::find(conn, &id)?.ok_or_else(|| {
                    ApiError::Internal(format!("the caller's institution {id} is missing"))
                })?),
                None => None,
            };
            let mut valid: Vec<NewPreApplication> = Vec::with_capacity(items.len());
            let checked = items
                .iter()
                .map(
                    |item| Ok(validate_row(conn, scope.as_ref(), item)?.map(|row| valid.push(row))),
                )
                .collect::<Result<Vec<_>, ApiError>>()?;
            let mut created = create_all(conn, &valid, &ctx, &config)?.into_iter();
            checked
                .into_iter()
                .enumerate()
                .map(|(index, row)| {
                    let outcome = match row {
                        Ok(()) => created.next().ok_or_else(|| {
                            ApiError::Internal("no outcome for a valid row".into())
                        })?,
                        Err(errors) => Err(errors),
                    };
                    Ok(result_row(index, outcome))
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    let count = |outcome| results.iter().filter(|r| r.outcome == outcome).count();
    Ok(HttpResponse::Ok().json(CreatePreApplicationsResponse {
        created: count(RowOutcome::Created),
        existing: count(RowOutcome::Existing),
        rejected: count(RowOutcome::Rejected),
        results,
    }))
}
