//! A stand-in for the e-Devlet OAuth2 gateway, for development and tests only (the
//! configuration refuses it in production). It plays *another site*: server-rendered HTML,
//! nothing shared with the SPA, and the client talks to it over HTTP exactly as it would to
//! the real gateway.
//!
//! - `GET  /oauth2/authorize`: the login form (authorization code flow, PKCE S256 required);
//! - `POST /oauth2/authorize`: checks T.C. Kimlik No and password, sends a code back;
//! - `POST /oauth2/token`: code → access token (client secret in the body or HTTP Basic);
//! - `GET  /oauth2/userinfo`: `{"tckn", "ad", "soyad"}` for the bearer token.
//!
//! The people it knows are in [`citizens`].

mod authorize;
pub mod citizens;
mod html;
mod store;
mod token;

use std::collections::HashMap;

use actix_web::web;

pub use citizens::{test_citizens, TestCitizen};
pub use html::{hidden_inputs, BANNER};

use crate::config::Config;
use crate::routes::fallback::methods_other_than;

/// The one scope e-Devlet grants this service.
pub const SUPPORTED_SCOPE: &str = "Kimlik-Dogrula";

/// Registers the simulator's routes, relative to the scope it is mounted in
/// (`/edevlet-sim`). What it remembers between requests is in the database (`store`), so
/// any worker of any API process can answer any of them.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/oauth2/authorize")
            .route(web::get().to(authorize::show))
            .route(web::post().to(authorize::submit))
            .default_service(methods_other_than("GET, POST")),
    )
    .service(
        web::resource("/oauth2/token")
            .route(web::post().to(token::token))
            .default_service(methods_other_than("POST")),
    )
    .service(
        web::resource("/oauth2/userinfo")
            .route(web::get().to(token::userinfo))
            .default_service(methods_other_than("GET")),
    );
}

/// The one client the simulator knows: this service, as configured.
#[derive(Clone, PartialEq, Eq)]
pub struct Registration {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

impl Registration {
    pub fn of(config: &Config) -> Registration {
        Registration {
            client_id: config.edevlet.client_id.clone(),
            client_secret: config.edevlet.client_secret.clone(),
            redirect_uri: super::redirect_uri(config),
        }
    }

    /// `scheme://host[:port]` of the redirect URI, for the pages' `form-action`.
    fn redirect_origin(&self) -> Option<String> {
        let url = url::Url::parse(&self.redirect_uri).ok()?;
        Some(url.origin().ascii_serialization()).filter(|origin| origin != "null")
    }
}

/// Request parameters, each name at most once.
pub type Params = HashMap<String, String>;

/// Parses `application/x-www-form-urlencoded` (a body or a query string). A repeated name
/// is an error, as RFC 6749 §3.1 wants.
pub fn parse_pairs(input: &[u8]) -> Result<Params, String> {
    let mut params = Params::new();
    for (name, value) in url::form_urlencoded::parse(input) {
        if params
            .insert(name.to_string(), value.into_owned())
            .is_some()
        {
            return Err(name.into_owned());
        }
    }
    Ok(params)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_sent_twice_is_refused() {
        assert_eq!(parse_pairs(b"a=1&b=2&a=3"), Err("a".to_owned()));
        let params = parse_pairs(b"state=x%2By&scope=Kimlik-Dogrula").unwrap();
        assert_eq!(params["state"], "x+y");
    }

    #[test]
    fn the_redirect_origin_drops_the_path() {
        let reg = Registration {
            client_id: "c".into(),
            client_secret: "s".into(),
            redirect_uri: "http://127.0.0.1:8080/api/auth/edevlet/callback".into(),
        };
        assert_eq!(
            reg.redirect_origin().as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert!(!format!("{reg:?}").contains("\"s\""));
    }
}
