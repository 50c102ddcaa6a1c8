//! Logging in with e-İmza: the login page's two calls (start a challenge, follow its status
//! and collect the session). The signing application's side goes through the e-İmza routes
//! of the approval, which hand a login challenge's code or token to [`signature`].

pub mod signature;
pub mod start;
pub mod status;

use actix_web::HttpRequest;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::config::Config;
use crate::e_imza_login::BINDING_COOKIE;
use crate::secrets::sha256_hex;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start::start_e_imza_login)
        .service(status::get_e_imza_login_status);
}

/// SHA-256 of the binding id this browser's cookie holds, if it sent one.
fn binding_hash(req: &HttpRequest, config: &Config) -> Option<String> {
    BINDING_COOKIE
        .read(req, config)
        .map(|raw| sha256_hex(raw.as_bytes()))
}
