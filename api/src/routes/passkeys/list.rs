use actix_web::{get, web};
use shared::api::passkeys::MyPasskeys;
use shared::problem::Problem;

use super::applicant_owner;
use crate::auth::ApplicantSession;
use crate::error::ApiError;
use crate::passkeys::store;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Geçiş Anahtarlarım": the applicant's passkeys, oldest first.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "list_my_passkeys",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The applicant's passkeys", body = MyPasskeys),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me/passkeys")]
pub async fn list_my_passkeys(
    app: web::Data<AppState>,
    session: ApplicantSession,
) -> Result<Json<MyPasskeys>, ApiError> {
    let items = app
        .read_as(session, move |conn, applicant| {
            store::list(conn, &applicant_owner(applicant))
        })
        .await?;
    Ok(Json(MyPasskeys { items }))
}
