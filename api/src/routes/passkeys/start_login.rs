use actix_web::{post, web};
use shared::api::passkeys::PasskeyAuthenticationChallenge;
use shared::problem::Problem;

use crate::error::ApiError;
use crate::passkeys::{login, webauthn_of};
use crate::routes::tags;
use crate::state::AppState;

/// "Geçiş Anahtarı ile Giriş": answers the options for `navigator.credentials.get()` with no
/// credential list (the person picks one of the passkeys their authenticator holds for this
/// site) and a ceremony id valid for 5 minutes.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "start_passkey_login",
    responses(
        (status = 200, description = "Options for the browser and the ceremony id", body = PasskeyAuthenticationChallenge),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/passkey/challenge")]
pub async fn start_passkey_login(
    app: web::Data<AppState>,
) -> Result<web::Json<PasskeyAuthenticationChallenge>, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    let now = app.now();
    let challenge = app
        .db(move |conn| login::start(conn, &webauthn, now))
        .await?;
    Ok(web::Json(challenge))
}
