use actix_web::{post, web, HttpRequest, HttpResponse};
use shared::api::e_imza_login::EImzaLoginChallenge;
use shared::problem::Problem;

use super::binding_hash;
use crate::auth::ClientInfo;
use crate::db::write_transaction;
use crate::e_imza_login::{self, binding_cookie, public_origin};
use crate::error::ApiError;
use crate::rate_limit;
use crate::routes::tags;
use crate::secrets::{random_token, sha256_hex};
use crate::state::AppState;

/// "e-İmza ile Giriş": opens a login challenge and answers its one-time verification code
/// ("Doğrulama Kodu") for the signing application, and the SHA-256 of the login document it
/// will sign (purpose `login`, this site's origin, the time, a server nonce). Valid ten
/// minutes, single use, bound to this browser by the `nes_e_imza_login` cookie (HttpOnly,
/// SameSite=Strict): only this browser can collect the session. A new challenge replaces the
/// browser's previous one.
#[utoipa::path(
    tag = tags::SESSION,
    operation_id = "start_e_imza_login",
    responses(
        (status = 201, description = "Challenge opened", body = EImzaLoginChallenge,
            headers(("Set-Cookie" = String, description = "`nes_e_imza_login` (HttpOnly, SameSite=Strict, Path=/api/auth/e-imza) and its readable hint `nes_e_imza_login_hint` (Path=/)"))),
        (status = 429, description = "Too many of these from this client or from everyone just now (`rate_limited`)", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait"))),
        (status = 503, description = "e-İmza is not configured (no trusted roots)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/e-imza/challenge")]
pub async fn start_e_imza_login(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
) -> Result<HttpResponse, ApiError> {
    if state.signature_trust.is_none() {
        return Err(ApiError::EImzaUnavailable);
    }
    state.spend(&rate_limit::E_IMZA_LOGIN, &client).await?;
    let origin = public_origin(&state.config.public_url)?;
    let previous = binding_hash(&req, &state.config);
    let raw_binding = random_token();
    let binding = sha256_hex(raw_binding.as_bytes());
    let now = state.now();
    let challenge = state
        .write(move |conn| {
            write_transaction(conn, |conn| {
                e_imza_login::start(conn, &origin, &binding, previous.as_deref(), &client, now)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .cookie(binding_cookie(raw_binding, &state.config))
        .cookie(crate::auth::hints::e_imza_login_hint(&state.config))
        .json(challenge))
}
