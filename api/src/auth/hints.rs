//! Cookies the page may read, each beside an HttpOnly cookie it cannot: they say only that
//! the other cookie was set, so that the browser app does not ask the API a question whose
//! answer can only be an error.
//!
//! An anonymous visitor's page used to call `GET /api/session` (401) and
//! `GET /api/auth/e-imza/challenge` (404) on every load, and browsers log every 4xx answer
//! to a fetch as a console error. The page now asks only when the hint is there. A hint
//! holds no secret (its value is `1`) and grants nothing: the HttpOnly cookie still decides
//! every request. It lives exactly as long as its cookie, is removed with it, and a page
//! that meets a 401 anyway (a session ended on the server) removes it itself, so a stale
//! hint costs one request. docs/architecture.md, "The browser app", says why this and not
//! an operation that answers 200 for nobody.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};

use super::CookieKind;
use crate::applications::e_imza::CODE_VALIDITY;
use crate::config::Config;
use crate::e_imza_login::COLLECT_WINDOW;

/// Beside the applicant's session cookie.
pub const SESSION_HINT: CookieKind = CookieKind::new("nes_session_hint", "/");
/// Beside the staff session cookie.
pub const STAFF_SESSION_HINT: CookieKind = CookieKind::new("nes_staff_session_hint", "/");
/// Beside the e-İmza login's binding cookie.
pub const E_IMZA_LOGIN_HINT: CookieKind = CookieKind::new("nes_e_imza_login_hint", "/");

fn hint(kind: CookieKind, seconds: i64, config: &Config) -> Cookie<'static> {
    kind.build("1".to_owned(), config)
        .http_only(false)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::seconds(seconds))
        .finish()
}

fn removal(mut cookie: Cookie<'static>) -> Cookie<'static> {
    cookie.make_removal();
    cookie
}

/// Set with the session cookie, for as long.
pub fn session_hint(config: &Config) -> Cookie<'static> {
    hint(SESSION_HINT, config.session_absolute.num_seconds(), config)
}

pub fn session_hint_removal(config: &Config) -> Cookie<'static> {
    removal(session_hint(config))
}

/// Set with the staff session cookie, for as long.
pub fn staff_session_hint(config: &Config) -> Cookie<'static> {
    hint(
        STAFF_SESSION_HINT,
        config.session_absolute.num_seconds(),
        config,
    )
}

pub fn staff_session_hint_removal(config: &Config) -> Cookie<'static> {
    removal(staff_session_hint(config))
}

/// Set with the binding cookie of an e-İmza login challenge, for as long.
pub fn e_imza_login_hint(config: &Config) -> Cookie<'static> {
    let seconds = (CODE_VALIDITY + COLLECT_WINDOW).num_seconds();
    hint(E_IMZA_LOGIN_HINT, seconds, config)
}

pub fn e_imza_login_hint_removal(config: &Config) -> Cookie<'static> {
    removal(e_imza_login_hint(config))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_hint_is_readable_by_the_page_holds_no_secret_and_lives_as_long_as_its_cookie() {
        let config = Config::from_lookup(|_| None).unwrap();
        let hint = session_hint(&config);
        assert_eq!(hint.http_only(), Some(false));
        assert_eq!(hint.value(), "1");
        assert_eq!(hint.path(), Some("/"));
        let session = crate::auth::session::session_cookie("x".into(), &config);
        assert_eq!(hint.max_age(), session.max_age());
        let binding = crate::e_imza_login::binding_cookie("x".into(), &config);
        assert_eq!(e_imza_login_hint(&config).max_age(), binding.max_age());
        assert_eq!(session_hint_removal(&config).value(), "");
    }
}
