use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::problem::Problem;

use super::signing_token;
use crate::applications::e_imza;
use crate::e_imza_login;
use crate::error::ApiError;
use crate::routes::tags;
use crate::state::AppState;

/// For the signing application: the exact bytes to sign (canonical JSON): an approval
/// document, or for a login challenge a login document (purpose `login`, origin, time,
/// nonce). Their SHA-256 is the `document_sha256` of the login.
#[utoipa::path(
    tag = tags::SIGNING_APP,
    operation_id = "get_e_imza_document",
    security(("signing_token" = [])),
    responses(
        (status = 200, description = "The document", content_type = "application/json", body = String),
        (status = 401, description = "Missing or unknown signing token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already signed (`signing_code_used`), or a newer code or a changed form replaced the session (`signing_session_superseded`)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The signing session has expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/e-imza/document")]
pub async fn get_e_imza_document(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let (token, now) = (signing_token(&req)?, state.now());
    let document = state
        .db(move |conn| {
            if let Some(challenge) = e_imza_login::signing_app::by_token(conn, &token, now)? {
                return Ok(challenge.document);
            }
            Ok(e_imza::by_token(conn, &token, now)?.document)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header(("Cache-Control", "no-store"))
        .body(document))
}
