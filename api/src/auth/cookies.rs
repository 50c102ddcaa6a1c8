//! Our cookies: each one's name, the path it is valid for, and how it is sent and read.
//!
//! On https the name carries a prefix the browser enforces: `__Host-` for a cookie of the
//! whole site (then accepted only with `Secure`, from this host alone, for path `/`, so a
//! sibling subdomain or a clear-text answer can neither plant nor shadow a session) and
//! `__Secure-` for one scoped to a path, which `__Host-` does not allow. Plain http (local
//! development, the tests) keeps the bare name: browsers refuse the prefixes there.

use actix_web::cookie::{Cookie, CookieBuilder};
use actix_web::HttpRequest;

use crate::config::Config;

#[derive(Debug, Clone, Copy)]
pub struct CookieKind {
    pub base: &'static str,
    pub path: &'static str,
}

impl CookieKind {
    pub const fn new(base: &'static str, path: &'static str) -> CookieKind {
        CookieKind { base, path }
    }

    /// The name as sent to and read from the browser under `config`.
    pub fn name(self, config: &Config) -> String {
        match (config.cookies_secure(), self.path) {
            (false, _) => self.base.to_owned(),
            (true, "/") => format!("__Host-{}", self.base),
            (true, _) => format!("__Secure-{}", self.base),
        }
    }

    /// The cookie with its name, path, `HttpOnly` and `Secure` (on https); the caller adds
    /// its SameSite and lifetime.
    pub fn build(self, value: String, config: &Config) -> CookieBuilder<'static> {
        Cookie::build(self.name(config), value)
            .path(self.path)
            .http_only(true)
            .secure(config.cookies_secure())
    }

    /// The value this browser sent, unless missing or empty.
    pub fn read(self, req: &HttpRequest, config: &Config) -> Option<String> {
        req.cookie(&self.name(config))
            .map(|c| c.value().to_owned())
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn config(public_url: &str) -> Config {
        let public_url = public_url.to_owned();
        Config::from_lookup(move |name| (name == "NES_PUBLIC_URL").then(|| public_url.clone()))
            .unwrap()
    }

    #[test]
    fn https_names_carry_the_prefix_the_browser_enforces() {
        let https = config("https://nes.example.gov.tr");
        assert_eq!(CookieKind::new("a", "/").name(&https), "__Host-a");
        assert_eq!(CookieKind::new("b", "/api/x").name(&https), "__Secure-b");
        let built = CookieKind::new("a", "/").build("v".into(), &https).finish();
        assert_eq!(built.secure(), Some(true));
        assert_eq!(built.path(), Some("/"));
        assert_eq!(built.domain(), None);
    }

    #[test]
    fn plain_http_keeps_the_bare_name() {
        let http = config("http://127.0.0.1:8080");
        assert_eq!(CookieKind::new("a", "/").name(&http), "a");
        assert_eq!(CookieKind::new("b", "/api/x").name(&http), "b");
    }
}
