use actix_web::{post, web, HttpResponse};
use shared::api::{EImzaLogin, EImzaLoginRequest};
use shared::problem::Problem;

use crate::applications::e_imza;
use crate::db::write_transaction;
use crate::e_imza_login::signing_app as login_challenge;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::tags;
use crate::state::AppState;

/// For the signing application: logs in with the verification code from the page (once)
/// and answers a bearer token with what is to be signed: `purpose` says whether the code is
/// an application's approval ("e-İmza ile Onayla") or a login ("e-İmza ile Giriş").
#[utoipa::path(
    tag = tags::SIGNING_APP,
    operation_id = "e_imza_login",
    request_body = EImzaLoginRequest,
    responses(
        (status = 200, description = "Logged in", body = EImzaLogin),
        (status = 401, description = "Unknown code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code was already used (`signing_code_used`), or a newer code or a changed form replaced it (`signing_session_superseded`)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The code has expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/e-imza/login")]
pub async fn e_imza_login(
    state: web::Data<AppState>,
    body: JsonObject<EImzaLoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let (code, now) = (body.into_inner().code, state.now());
    let login = state
        .write(move |conn| {
            write_transaction(conn, |conn| {
                // The code of a login challenge ("e-İmza ile Giriş"), or of an approval.
                match login_challenge::log_in(conn, &code, now)? {
                    Some(login) => Ok(login),
                    None => e_imza::login(conn, &code, now),
                }
            })
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(login))
}
