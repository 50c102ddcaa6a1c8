//! Login with e-Devlet: the OAuth2 authorization-code client ([`client`]) and, for
//! development and tests, a built-in stand-in for the gateway ([`simulator`]).

pub mod client;
pub mod simulator;

pub use client::{
    finish_login, login_state_cookie, login_state_removal_cookie, start_login, Callback,
    LoginStart, LOGIN_STATE_COOKIE,
};

use crate::config::Config;

/// Where e-Devlet sends the browser back to, below the public URL.
pub const CALLBACK_PATH: &str = "/api/auth/edevlet/callback";

/// The redirect URI registered at e-Devlet: `{public_url}/api/auth/edevlet/callback`.
pub fn redirect_uri(config: &Config) -> String {
    format!("{}{CALLBACK_PATH}", config.public_url)
}
