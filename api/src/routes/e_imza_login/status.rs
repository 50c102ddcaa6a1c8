use actix_web::{get, web, HttpRequest, HttpResponse};
use shared::api::e_imza_login::EImzaLoginStatus;
use shared::problem::Problem;

use super::binding_hash;
use crate::auth::hints;
use crate::auth::session::{session_cookie, SESSION_COOKIE};
use crate::auth::ClientInfo;
use crate::db::write_transaction;
use crate::e_imza_login::{self, binding_removal_cookie, Collected};
use crate::error::ApiError;
use crate::metrics::{LoginMethod, LoginOutcome};
use crate::routes::tags;
use crate::state::AppState;

/// The live status of the login challenge this browser opened: waiting for the signing
/// application, signing, refused with its reason, or expired. When the signature has been
/// accepted, this call logs the browser in: it answers `logged_in` with the session cookie
/// and removes the binding cookie, once. Without the binding cookie (another browser, or the
/// code seen over a shoulder) there is nothing to follow: 404.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "get_e_imza_login_status",
    responses(
        (status = 200, description = "The status; with `logged_in`, the session has begun", body = EImzaLoginStatus,
            headers(("Set-Cookie" = String, description = "With `logged_in`: `nes_session` (HttpOnly, SameSite=Lax) and `nes_session_hint`; `nes_e_imza_login` and `nes_e_imza_login_hint` removed"))),
        (status = 404, description = "No open login challenge from this browser", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/e-imza/challenge")]
pub async fn get_e_imza_login_status(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    let binding = binding_hash(&req, &state.config).ok_or(ApiError::NotFound)?;
    // A session this browser already had is ended, so no id survives a login.
    let previous_session = SESSION_COOKIE.read(&req, &state.config);
    let (now, config) = (state.now(), state.config.clone());
    let collected = state
        .write(move |conn| {
            write_transaction(conn, |conn| {
                e_imza_login::status(
                    conn,
                    &binding,
                    previous_session.as_deref(),
                    client.clone(),
                    now,
                    &config,
                )
            })
        })
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut response = HttpResponse::Ok();
    response.insert_header(("Cache-Control", "no-store"));
    match collected {
        Collected::Pending(status) => Ok(response.json(status)),
        Collected::LoggedIn {
            status,
            identity,
            raw_session_id,
        } => {
            tracing::info!(tckn = %identity.tckn.masked(), "logged in with e-İmza");
            state
                .metrics
                .login(LoginMethod::EImza, LoginOutcome::Success);
            Ok(response
                .cookie(session_cookie(raw_session_id, &state.config))
                .cookie(hints::session_hint(&state.config))
                .cookie(binding_removal_cookie(&state.config))
                .cookie(hints::e_imza_login_hint_removal(&state.config))
                .json(status))
        }
    }
}
