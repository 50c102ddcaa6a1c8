//! How libpq reaches the PostgreSQL server a URL names. Every request's work is a few round
//! trips, so the way matters: on one machine the server's Unix socket is 12–20 % faster on the
//! applicant path than loopback TCP with the TLS libpq takes by default (docs/deployment.md,
//! "Reaching PostgreSQL"). The server says so at start-up when it could do better, and the
//! benchmark names the way in its report.

use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The host is a directory: the server's Unix socket.
    Socket,
    /// TCP to this machine, without TLS (`sslmode=disable` or `allow`).
    LoopbackPlain,
    /// TCP to this machine with TLS whenever the server offers it (libpq's default, `prefer`).
    LoopbackTls,
    /// TCP to another machine.
    Remote,
}

impl Route {
    /// The route of `url`, with `pgsslmode` the `PGSSLMODE` libpq would read when the URL has
    /// no `sslmode`. A URL that does not parse is left to libpq to refuse: `Remote`.
    pub fn of(url: &str, pgsslmode: Option<&str>) -> Route {
        let Ok(parsed) = Url::parse(url) else {
            return Route::Remote;
        };
        let query = |key: &str| {
            parsed
                .query_pairs()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.into_owned())
        };
        let host = query("host").unwrap_or_else(|| {
            let host = parsed.host_str().unwrap_or_default();
            percent_decoded(host)
        });
        if host.is_empty() || host.starts_with('/') {
            // No host at all is libpq's default socket too.
            return Route::Socket;
        }
        if !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]" | "::1") {
            return Route::Remote;
        }
        let sslmode = query("sslmode").or_else(|| pgsslmode.map(str::to_owned));
        match sslmode.as_deref() {
            Some("disable" | "allow") => Route::LoopbackPlain,
            _ => Route::LoopbackTls,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Route::Socket => "its Unix socket",
            Route::LoopbackPlain => "loopback TCP without TLS",
            Route::LoopbackTls => "loopback TCP, with TLS when the server offers it",
            Route::Remote => "TCP to another machine",
        }
    }
}

fn percent_decoded(text: &str) -> String {
    url::form_urlencoded::parse(format!("h={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// Logs a hint when `url` reaches a server on this machine the slow way.
pub fn advise(url: &str) {
    let pgsslmode = std::env::var("PGSSLMODE").ok();
    match Route::of(url, pgsslmode.as_deref()) {
        Route::LoopbackTls => tracing::info!(
            "DATABASE_URL reaches PostgreSQL on this machine over TCP, where libpq takes TLS \
             whenever the server offers it: its Unix socket is faster (docs/deployment.md, \
             \"Reaching PostgreSQL\")"
        ),
        Route::LoopbackPlain => tracing::info!(
            "DATABASE_URL reaches PostgreSQL on this machine over TCP: its Unix socket is \
             faster (docs/deployment.md, \"Reaching PostgreSQL\")"
        ),
        Route::Socket | Route::Remote => {}
    }
}

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn each_way_to_the_server_is_told_apart() {
        let socket = "postgres://nes@%2Fvar%2Frun%2Fpostgresql/nes";
        assert_eq!(Route::of(socket, None), Route::Socket);
        assert_eq!(
            Route::of("postgres:///nes?host=/run/postgresql", None),
            Route::Socket
        );
        assert_eq!(Route::of("postgresql:///nes", None), Route::Socket);
        let loopback = "postgres://postgres@127.0.0.1:5432/postgres";
        assert_eq!(Route::of(loopback, None), Route::LoopbackTls);
        assert_eq!(
            Route::of("postgres://nes@localhost/nes?sslmode=require", None),
            Route::LoopbackTls
        );
        assert_eq!(Route::of(loopback, Some("disable")), Route::LoopbackPlain);
        assert_eq!(
            Route::of(&format!("{loopback}?sslmode=disable"), Some("require")),
            Route::LoopbackPlain,
            "the URL's sslmode wins over PGSSLMODE"
        );
        assert_eq!(
            Route::of("postgres://nes@[::1]:5432/nes", None),
            Route::LoopbackTls
        );
        assert_eq!(
            Route::of(
                "postgres://nes@db.internal:5432/nes?sslmode=verify-full",
                None
            ),
            Route::Remote
        );
    }
}
