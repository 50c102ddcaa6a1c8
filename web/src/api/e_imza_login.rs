//! Typed calls of the e-İmza login ("e-İmza ile Giriş"). Nobody is logged in yet, so there is
//! no CSRF token to send; the challenge is bound to this browser by an HttpOnly cookie the
//! API sets and the browser sends back by itself.

use gloo_net::http::Request;
use shared::api::e_imza_login::{EImzaLoginChallenge, EImzaLoginStatus};

use super::{get_json, json, prepare, send, ApiError};

const CHALLENGE_PATH: &str = "/api/auth/e-imza/challenge";

/// "e-İmza ile Giriş": a new one-time code for the signing application (the previous code of
/// this browser stops working).
pub async fn start_e_imza_login() -> Result<EImzaLoginChallenge, ApiError> {
    json(send(prepare(Request::post(CHALLENGE_PATH), None).build()).await?).await
}

/// The status of this browser's login challenge; `Ok(None)` when it has none (HTTP 404). The
/// answer `logged_in` carries the session cookie.
pub async fn e_imza_login_status() -> Result<Option<EImzaLoginStatus>, ApiError> {
    match get_json(CHALLENGE_PATH).await {
        Ok(status) => Ok(Some(status)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}
