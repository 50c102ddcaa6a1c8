use actix_web::{http::header, post, web, HttpResponse};
use shared::api::staff::{CreateStaffAccountRequest, CreatedStaffAccount};
use shared::problem::Problem;

use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::db::write_transaction;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::staff::accounts::{self, NewStaff, StaffInput};
use crate::state::AppState;

/// Kamu SM operators only. Creates an institution's e-signature officer (`role: officer`,
/// with `institution_id`) or another operator (`role: operator`, without). The answer carries
/// a random initial password, this once only: hand it over safely; at the first login the
/// person sets up the authenticator app and must then change the password before anything
/// else (`password_change_required`). Audited
/// (`staff_created`).
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "create_staff_account",
    request_body = CreateStaffAccountRequest,
    security(("staff_session_cookie" = [])),
    params(("X-CSRF-Token" = String, Header, description = "The `csrf_token` from `GET /api/staff/session`")),
    responses(
        (status = 201, description = "Created; the initial password is shown this once", body = CreatedStaffAccount),
        (status = 400, description = "The body is not valid JSON of this shape", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator, or the CSRF token is missing", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The user name is taken (`already_exists`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is not valid (e.g. `institution_unknown`); see `fields`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/staff")]
pub async fn create_staff_account(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    body: JsonObject<CreateStaffAccountRequest>,
) -> Result<HttpResponse, ApiError> {
    let input = StaffInput::parse(&body).map_err(ApiError::Validation)?;
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let (account, initial_password) = state
        .write(move |conn| {
            // Hashing before the transaction, which may be retried.
            let (new, initial_password) = NewStaff::with_initial_password(input)?;
            let account = write_transaction(conn, |conn| accounts::create_staff(conn, &new, &ctx))?;
            Ok((account, initial_password))
        })
        .await?;
    // It carries a password: no cache may keep it.
    Ok(HttpResponse::Created()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(CreatedStaffAccount {
            account,
            initial_password,
        }))
}
