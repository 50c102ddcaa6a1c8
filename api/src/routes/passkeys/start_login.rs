use actix_web::{post, web};
use shared::api::passkeys::PasskeyAuthenticationChallenge;
use shared::problem::Problem;

use crate::auth::ClientInfo;
use crate::error::ApiError;
use crate::passkeys::{login, webauthn_of};
use crate::rate_limit;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// "Geçiş Anahtarı ile Giriş": answers the options for `navigator.credentials.get()` with no
/// credential list (the person picks one of the passkeys their authenticator holds for this
/// site) and a ceremony id valid for 5 minutes.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "start_passkey_login",
    responses(
        (status = 200, description = "Options for the browser and the ceremony id", body = PasskeyAuthenticationChallenge),
        (status = 429, description = "Too many of these from this client or from everyone just now (`rate_limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "Passkeys are not configured on this server", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/passkey/challenge")]
pub async fn start_passkey_login(
    app: web::Data<AppState>,
    client: ClientInfo,
) -> Result<Json<PasskeyAuthenticationChallenge>, ApiError> {
    let webauthn = webauthn_of(&app.config)?;
    app.spend(&rate_limit::PASSKEY_LOGIN, &client).await?;
    let now = app.now();
    let challenge = app
        .db(move |conn| login::start(conn, &webauthn, now))
        .await?;
    Ok(Json(challenge))
}
