//! The OAuth2 authorization-code client for e-Devlet, with `state` and PKCE (S256).
//!
//! A login attempt is kept twice: in `login_attempts` (the `state`'s SHA-256 and the PKCE
//! verifier, ten minutes, deleted when used) and in a short-lived cookie in the browser
//! that started it. The callback must present the same `state` in its query and in that
//! cookie, so a callback URL opened in another browser (login CSRF) fails, and each attempt
//! can finish once.
//!
//! Outbound HTTP uses `AppState::http`, which must not follow redirects (the `oauth2`
//! crate's SSRF warning); `startup` builds it with `redirect::Policy::none()`.

use crate::auth::CookieKind;
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::http::header;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use oauth2::basic::{BasicClient, BasicErrorResponse, BasicErrorResponseType, BasicTokenType};
use oauth2::{
    AuthUrl, AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointNotSet, EndpointSet,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, RequestTokenError, Scope, TokenResponse,
    TokenUrl,
};
use serde::Deserialize;
use shared::{PersonName, Tckn};

use crate::auth::session::Identity;
use crate::config::Config;
use crate::db::schema::login_attempts;
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{constant_time_eq, random_token, sha256_hex};
use crate::state::AppState;

/// The cookie binding a login attempt to the browser that started it.
/// It is sent only to the login routes.
pub const LOGIN_STATE_COOKIE: CookieKind = CookieKind::new("nes_login_state", "/api/auth/edevlet");
/// How long a person has at e-Devlet before the attempt is forgotten.
pub const ATTEMPT_LIFETIME: Duration = Duration::minutes(10);

type EdevletClient =
    BasicClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// Where to send the browser, and the `state` for its cookie.
pub struct LoginStart {
    pub authorize_url: String,
    pub state: String,
}

impl std::fmt::Debug for LoginStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginStart(<redacted>)")
    }
}

/// What e-Devlet sent back to the callback.
#[derive(Clone, PartialEq)]
pub enum Callback {
    /// The person logged in: a code to trade for a token.
    Code { code: String, state: String },
    /// The person cancelled, or e-Devlet refused the request.
    Error {
        error: String,
        state: Option<String>,
    },
}

impl std::fmt::Debug for Callback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Callback::Code { .. } => f.write_str("Callback::Code(<redacted>)"),
            Callback::Error { error, .. } => f
                .debug_struct("Callback::Error")
                .field("error", &printable(error))
                .finish_non_exhaustive(),
        }
    }
}

impl Callback {
    /// Reads the callback's query parameters (RFC 6749 §4.1.2 and §4.1.2.1).
    pub fn from_params(
        code: Option<String>,
        state: Option<String>,
        error: Option<String>,
    ) -> Result<Callback, ApiError> {
        let state = state.filter(|s| !s.is_empty());
        match (
            code.filter(|c| !c.is_empty()),
            error.filter(|e| !e.is_empty()),
            state,
        ) {
            (_, Some(error), state) => Ok(Callback::Error { error, state }),
            (Some(code), None, Some(state)) => Ok(Callback::Code { code, state }),
            (Some(_), None, None) => Err(ApiError::LoginFailed("the callback carries no state")),
            (None, None, _) => Err(ApiError::LoginFailed(
                "the callback carries neither code nor error",
            )),
        }
    }

    fn state(&self) -> Option<&str> {
        match self {
            Callback::Code { state, .. } => Some(state),
            Callback::Error { state, .. } => state.as_deref(),
        }
    }
}

fn oauth_client(config: &Config) -> Result<EdevletClient, ApiError> {
    let url_error = |what: &str| {
        let what = what.to_owned();
        move |e: url::ParseError| {
            ApiError::Internal(format!("the e-Devlet {what} URL is not valid: {e}"))
        }
    };
    Ok(
        BasicClient::new(ClientId::new(config.edevlet.client_id.clone()))
            .set_client_secret(ClientSecret::new(config.edevlet.client_secret.clone()))
            .set_auth_uri(
                AuthUrl::new(config.edevlet.authorize_url.clone())
                    .map_err(url_error("authorize"))?,
            )
            .set_token_uri(
                TokenUrl::new(config.edevlet.token_url.clone()).map_err(url_error("token"))?,
            )
            .set_redirect_uri(
                RedirectUrl::new(super::redirect_uri(config)).map_err(url_error("redirect"))?,
            ),
    )
}

/// Starts a login: records the attempt and returns where to send the browser.
pub async fn start_login(app: &AppState) -> Result<LoginStart, ApiError> {
    let client = oauth_client(&app.config)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state) = client
        .authorize_url(|| CsrfToken::new(random_token()))
        .add_scope(Scope::new(app.config.edevlet.scope.clone()))
        .set_pkce_challenge(challenge)
        .url();
    let state = state.secret().clone();
    let state_hash = sha256_hex(state.as_bytes());
    let verifier = verifier.secret().clone();
    let now = app.now();
    app.db(move |conn| record_attempt(conn, &state_hash, &verifier, now))
        .await?;
    Ok(LoginStart {
        authorize_url: url.into(),
        state,
    })
}

fn record_attempt(
    conn: &mut AnyConnection,
    state_hash: &str,
    verifier: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    // Abandoned attempts are swept here rather than by a separate job.
    diesel::delete(login_attempts::table.filter(login_attempts::expires_at.le(to_db_time(now))))
        .execute(conn)?;
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::state_hash.eq(state_hash),
            login_attempts::pkce_verifier.eq(verifier),
            login_attempts::created_at.eq(to_db_time(now)),
            login_attempts::expires_at.eq(to_db_time(now + ATTEMPT_LIFETIME)),
        ))
        .execute(conn)?;
    Ok(())
}

/// What became of a stored attempt when the callback asked for it.
#[derive(Debug, PartialEq)]
enum Attempt {
    /// Alive and now consumed: its PKCE verifier.
    Live(String),
    Expired,
    /// Never started, or already used.
    Unknown,
}

/// Takes the attempt out of the table: whoever deletes the row owns it, so two callbacks
/// racing with the same `state` cannot both go on.
fn take_attempt(
    conn: &mut AnyConnection,
    state_hash: &str,
    now: DateTime<Utc>,
) -> Result<Attempt, ApiError> {
    let row: Option<(String, NaiveDateTime)> = login_attempts::table
        .find(state_hash)
        .select((login_attempts::pkce_verifier, login_attempts::expires_at))
        .first(conn)
        .optional()?;
    let Some((verifier, expires_at)) = row else {
        return Ok(Attempt::Unknown);
    };
    let deleted = diesel::delete(login_attempts::table.find(state_hash)).execute(conn)?;
    Ok(if deleted != 1 {
        Attempt::Unknown
    } else if now >= from_db_time(expires_at) {
        Attempt::Expired
    } else {
        Attempt::Live(verifier)
    })
}

/// Finishes a login: checks the `state` against the browser's cookie and the stored
/// attempt, trades the code for a token and asks e-Devlet who the person is.
///
/// Errors are `LoginFailed` (bad, replayed or expired `state`, missing cookie, cancelled,
/// code refused) or `IdentityProviderUnavailable` (e-Devlet unreachable or answering
/// nonsense); their texts name the reason for the log and never hold codes or tokens.
pub async fn finish_login(
    app: &AppState,
    callback: Callback,
    browser_state: Option<&str>,
) -> Result<Identity, ApiError> {
    let Some(state) = callback.state() else {
        return Err(ApiError::LoginFailed("the callback carries no state"));
    };
    let Some(browser_state) = browser_state.filter(|s| !s.is_empty()) else {
        return Err(ApiError::LoginFailed(
            "the browser has no login-state cookie (another browser, or cookies blocked)",
        ));
    };
    if !constant_time_eq(state, browser_state) {
        return Err(ApiError::LoginFailed(
            "the state does not match the one this browser started with",
        ));
    }
    let state_hash = sha256_hex(state.as_bytes());
    let now = app.now();
    let verifier = match app
        .db(move |conn| take_attempt(conn, &state_hash, now))
        .await?
    {
        Attempt::Live(verifier) => verifier,
        Attempt::Expired => return Err(ApiError::LoginFailed("the login attempt expired")),
        Attempt::Unknown => {
            return Err(ApiError::LoginFailed(
                "the login attempt is unknown or was already used",
            ))
        }
    };
    let code = match callback {
        Callback::Code { code, .. } => code,
        Callback::Error { error, .. } => return Err(provider_error(&error)),
    };

    let token = oauth_client(&app.config)?
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(verifier))
        .request_async(&app.http)
        .await
        .map_err(token_error)?;
    let bearer = match token.token_type() {
        BasicTokenType::Bearer => true,
        BasicTokenType::Extension(kind) => kind.eq_ignore_ascii_case("bearer"),
        BasicTokenType::Mac => false,
    };
    if !bearer {
        return Err(ApiError::IdentityProviderUnavailable(
            "the token endpoint issued a token that is not a bearer token".into(),
        ));
    }
    let info = fetch_userinfo(app, token.access_token().secret()).await?;
    identity_from(info)
}

/// The `error` e-Devlet sent back instead of a code.
fn provider_error(error: &str) -> ApiError {
    match error {
        "access_denied" => ApiError::LoginFailed("the person cancelled at e-Devlet"),
        "server_error" | "temporarily_unavailable" => {
            ApiError::IdentityProviderUnavailable(format!("e-Devlet answered `{error}`"))
        }
        other => ApiError::IdentityProviderUnavailable(format!(
            "e-Devlet refused the authorization request: `{}`",
            printable(other)
        )),
    }
}

fn token_error<RE: std::error::Error>(e: RequestTokenError<RE, BasicErrorResponse>) -> ApiError {
    match e {
        RequestTokenError::ServerResponse(response)
            if *response.error() == BasicErrorResponseType::InvalidGrant =>
        {
            ApiError::LoginFailed("e-Devlet refused the authorization code")
        }
        RequestTokenError::ServerResponse(response) => {
            ApiError::IdentityProviderUnavailable(format!(
                "the token endpoint answered `{}`",
                printable(response.error().as_ref())
            ))
        }
        RequestTokenError::Request(e) => ApiError::IdentityProviderUnavailable(format!(
            "the token endpoint could not be reached: {}",
            error_chain(&e)
        )),
        RequestTokenError::Parse(e, _body) => ApiError::IdentityProviderUnavailable(format!(
            "the token endpoint's answer is unreadable at `{}`",
            e.path()
        )),
        RequestTokenError::Other(why) => ApiError::IdentityProviderUnavailable(format!(
            "the token endpoint's answer is not usable: {}",
            printable(&why)
        )),
    }
}

/// An error with its causes, for the log ("client error: … : connection refused").
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// A provider-supplied word, cut and cleaned for the log.
fn printable(text: &str) -> String {
    text.chars()
        .take(80)
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// e-Devlet's answer about the person (Turkish keys).
#[derive(Deserialize)]
struct UserInfo {
    #[serde(alias = "kimlikNo", deserialize_with = "string_or_number")]
    tckn: String,
    ad: String,
    soyad: String,
}

/// The number may come as a JSON string or a JSON number.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(u64),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Text(text) => text,
        Raw::Number(number) => number.to_string(),
    })
}

async fn fetch_userinfo(app: &AppState, access_token: &str) -> Result<UserInfo, ApiError> {
    let unavailable = |what: String| ApiError::IdentityProviderUnavailable(what);
    let response = app
        .http
        .get(&app.config.edevlet.userinfo_url)
        .bearer_auth(access_token)
        .header(header::ACCEPT.as_str(), "application/json")
        .send()
        .await
        .map_err(|e| {
            unavailable(format!(
                "the userinfo endpoint could not be reached: {}",
                error_chain(&e)
            ))
        })?;
    let status = response.status();
    if !status.is_success() {
        return Err(unavailable(format!(
            "the userinfo endpoint answered {status}"
        )));
    }
    response
        .json::<UserInfo>()
        .await
        .map_err(|_| unavailable("the userinfo answer is not the expected JSON".into()))
}

/// Maps e-Devlet's answer to an identity; anything malformed is the provider's fault.
fn identity_from(info: UserInfo) -> Result<Identity, ApiError> {
    let tckn = Tckn::parse(&info.tckn).map_err(|e| {
        ApiError::IdentityProviderUnavailable(format!(
            "the userinfo TC Kimlik No is not valid ({})",
            e.code()
        ))
    })?;
    let name = |value: &str, which: &str| {
        PersonName::parse(value).map_err(|e| {
            ApiError::IdentityProviderUnavailable(format!(
                "the userinfo {which} is not a valid name ({})",
                e.code()
            ))
        })
    };
    Ok(Identity {
        tckn,
        first_name: name(&info.ad, "first name")?.as_str().to_owned(),
        last_name: name(&info.soyad, "last name")?.as_str().to_owned(),
    })
}

/// The cookie holding `state` until the callback: HttpOnly, SameSite=Lax (the way back from
/// e-Devlet is a cross-site top-level navigation), only for the login routes, as long as
/// the attempt lives.
pub fn login_state_cookie(state: String, config: &Config) -> Cookie<'static> {
    LOGIN_STATE_COOKIE
        .build(state, config)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::seconds(ATTEMPT_LIFETIME.num_seconds()))
        .finish()
}

pub fn login_state_removal_cookie(config: &Config) -> Cookie<'static> {
    let mut cookie = login_state_cookie(String::new(), config);
    cookie.make_removal();
    cookie
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::db::testing::fresh_database;

    fn config() -> Config {
        Config::from_lookup(|name| match name {
            "NES_PUBLIC_URL" => Some("http://127.0.0.1:9999".to_owned()),
            _ => None,
        })
        .unwrap()
    }

    #[test]
    fn the_authorize_url_carries_state_pkce_scope_and_redirect() {
        let config = config();
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let expected_challenge = challenge.as_str().to_owned();
        let (url, state) = oauth_client(&config)
            .unwrap()
            .authorize_url(|| CsrfToken::new(random_token()))
            .add_scope(Scope::new(config.edevlet.scope.clone()))
            .set_pkce_challenge(challenge)
            .url();
        let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
        assert!(url
            .as_str()
            .starts_with("http://127.0.0.1:9999/edevlet-sim/oauth2/authorize?"));
        assert_eq!(query["response_type"], "code");
        assert_eq!(query["client_id"], "nes-basvuru");
        assert_eq!(
            query["redirect_uri"],
            "http://127.0.0.1:9999/api/auth/edevlet/callback"
        );
        assert_eq!(query["scope"], "Kimlik-Dogrula");
        assert_eq!(query["state"], *state.secret());
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(query["code_challenge"], expected_challenge);
        {
            use base64::Engine;
            use sha2::Digest;
            let digest = sha2::Sha256::digest(verifier.secret().as_bytes());
            let recomputed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest);
            assert_eq!(recomputed, expected_challenge, "S256 of the verifier");
        }
        assert!(state.secret().len() >= 43, "256-bit state");
    }

    #[test]
    fn a_callback_is_a_code_with_state_or_an_error() {
        assert!(matches!(
            Callback::from_params(Some("c".into()), Some("s".into()), None),
            Ok(Callback::Code { .. })
        ));
        assert!(matches!(
            Callback::from_params(None, Some("s".into()), Some("access_denied".into())),
            Ok(Callback::Error { .. })
        ));
        assert!(Callback::from_params(Some("c".into()), None, None).is_err());
        assert!(Callback::from_params(None, Some("s".into()), None).is_err());
        let debug = format!(
            "{:?}",
            Callback::from_params(Some("secret-code".into()), Some("s".into()), None).unwrap()
        );
        assert!(!debug.contains("secret-code"));
    }

    #[test]
    fn a_stored_attempt_can_be_taken_once_and_only_while_alive() {
        let db = fresh_database();
        let mut conn = db.connection();
        let now = Utc::now();
        record_attempt(&mut conn, "h1", "verifier-1", now).unwrap();
        assert_eq!(
            take_attempt(&mut conn, "h1", now).unwrap(),
            Attempt::Live("verifier-1".into())
        );
        assert_eq!(
            take_attempt(&mut conn, "h1", now).unwrap(),
            Attempt::Unknown
        );

        record_attempt(&mut conn, "h2", "verifier-2", now).unwrap();
        let later = now + ATTEMPT_LIFETIME;
        assert_eq!(
            take_attempt(&mut conn, "h2", later).unwrap(),
            Attempt::Expired
        );
        assert_eq!(
            take_attempt(&mut conn, "h2", now).unwrap(),
            Attempt::Unknown
        );
        assert_eq!(
            take_attempt(&mut conn, "never", now).unwrap(),
            Attempt::Unknown
        );
    }

    #[test]
    fn starting_a_login_sweeps_expired_attempts() {
        let db = fresh_database();
        let mut conn = db.connection();
        let now = Utc::now();
        record_attempt(&mut conn, "old", "v", now).unwrap();
        record_attempt(&mut conn, "new", "v", now + ATTEMPT_LIFETIME).unwrap();
        let left: i64 = login_attempts::table.count().get_result(&mut conn).unwrap();
        assert_eq!(left, 1);
    }

    #[test]
    fn userinfo_maps_to_an_identity() {
        let info: UserInfo =
            serde_json::from_str(r#"{"tckn":"10000000146","ad":" Ayşe ","soyad":"Yılmaz"}"#)
                .unwrap();
        let identity = identity_from(info).unwrap();
        assert_eq!(identity.tckn.as_str(), "10000000146");
        assert_eq!(identity.first_name, "Ayşe");
        assert_eq!(identity.last_name, "Yılmaz");

        let numeric: UserInfo =
            serde_json::from_str(r#"{"kimlikNo":10000000146,"ad":"A","soyad":"B"}"#).unwrap();
        assert_eq!(identity_from(numeric).unwrap().tckn.as_str(), "10000000146");
    }

    #[test]
    fn a_bad_tckn_or_name_from_the_provider_is_the_providers_fault() {
        for json in [
            r#"{"tckn":"10000000147","ad":"A","soyad":"B"}"#,
            r#"{"tckn":"10000000146","ad":"","soyad":"B"}"#,
            r#"{"tckn":"10000000146","ad":"A","soyad":"<script>"}"#,
        ] {
            let info: UserInfo = serde_json::from_str(json).unwrap();
            assert!(
                matches!(
                    identity_from(info),
                    Err(ApiError::IdentityProviderUnavailable(_))
                ),
                "{json}"
            );
        }
    }

    #[test]
    fn provider_errors_are_classified() {
        assert!(matches!(
            provider_error("access_denied"),
            ApiError::LoginFailed(_)
        ));
        assert!(matches!(
            provider_error("temporarily_unavailable"),
            ApiError::IdentityProviderUnavailable(_)
        ));
        let odd = provider_error("\u{1b}[31mred\nnew line");
        assert!(!odd.to_string().contains('\n'));
    }

    #[test]
    fn the_state_cookie_is_http_only_lax_and_scoped_to_the_login_routes() {
        let cookie = login_state_cookie("s".into(), &config());
        assert_eq!(cookie.http_only(), Some(true));
        assert_eq!(cookie.same_site(), Some(SameSite::Lax));
        assert_eq!(cookie.path(), Some("/api/auth/edevlet"));
        assert_eq!(cookie.max_age(), Some(CookieDuration::minutes(10)));
        let removal = login_state_removal_cookie(&config());
        assert_eq!(removal.path(), Some("/api/auth/edevlet"));
        assert_eq!(removal.value(), "");
    }
}
