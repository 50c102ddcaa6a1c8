use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::api::passkeys::FinishPasskeyAuthenticationRequest;
use shared::problem::Problem;

use crate::auth::session::{session_cookie, SESSION_COOKIE};
use crate::auth::ClientInfo;
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::metrics::LoginMethod;
use crate::passkeys::{login, webauthn_of};
use crate::routes::tags;
use crate::state::AppState;

/// Logs in with what `navigator.credentials.get()` answered: the same applicant session as
/// an e-Devlet login, with the name remembered from the person's registration. A session
/// this browser already had is ended.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "finish_passkey_login",
    request_body = FinishPasskeyAuthenticationRequest,
    responses(
        (status = 204, description = "Logged in",
            headers(("Set-Cookie" = String, description = "`nes_session` (HttpOnly, SameSite=Lax) and its readable hint `nes_session_hint`"))),
        (status = 400, description = "The body is not a WebAuthn assertion", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Unknown credential or failed verification (`passkey_rejected`)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "Unknown, used or expired ceremony (`passkey_ceremony_expired`): start again", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/passkey/login")]
pub async fn finish_passkey_login(
    req: HttpRequest,
    app: web::Data<AppState>,
    client: ClientInfo,
    body: JsonObject<FinishPasskeyAuthenticationRequest>,
) -> Result<HttpResponse, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let previous = SESSION_COOKIE.read(&req, &app.config);
    let (now, config, request) = (app.now(), app.config.clone(), body.into_inner());
    let logged_in = app
        .db(move |conn| {
            login::finish(
                conn,
                &webauthn,
                &request,
                previous.as_deref(),
                &client,
                now,
                &config,
            )
        })
        .await;
    let logged_in = app.metrics.login_result(LoginMethod::Passkey, logged_in)?;
    tracing::info!(tckn = %logged_in.identity.tckn.masked(), "logged in with a passkey");
    Ok(HttpResponse::NoContent()
        .cookie(session_cookie(logged_in.raw_session_id, &app.config))
        .cookie(crate::auth::hints::session_hint(&app.config))
        .finish())
}
