use actix_web::{get, web};
use shared::api::feed::{PreApplicationFeed, PreApplicationFeedQuery};
use shared::problem::Problem;

use crate::applications::feed;
use crate::auth::BackOffice;
use crate::error::ApiError;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// The change feed: the institution's applications (all of them for an operator), oldest
/// change first, page by page. Keep `next_cursor` and ask again with it — at once while
/// `has_more`, later for what changes meanwhile — to learn of every change after downtime
/// without polling each id. Changes of the last 15 seconds are held back (`settled_until`).
#[utoipa::path(
    tag = tags::INTEGRATOR,
    operation_id = "list_pre_applications",
    params(PreApplicationFeedQuery),
    security(("integrator_api_key" = []), ("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "One page of changed applications", body = PreApplicationFeed),
        (status = 400, description = "A filter cannot be read (`malformed_request`)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or unknown API key, or no staff session", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A cursor this API did not give (`validation_failed`, `cursor_invalid`) or `limit` outside 1–500 (`out_of_range`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/pre-applications")]
pub async fn list_pre_applications(
    state: web::Data<AppState>,
    caller: BackOffice,
    query: web::Query<PreApplicationFeedQuery>,
) -> Result<Json<PreApplicationFeed>, ApiError> {
    let query = query.into_inner();
    let scope = caller.institution_scope().map(str::to_owned);
    let now = state.now();
    let page = state
        .db(move |conn| feed::page(conn, scope.as_deref(), &query, now))
        .await?;
    Ok(Json(page))
}
