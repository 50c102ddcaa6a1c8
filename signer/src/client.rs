//! The three e-İmza routes of the API, over HTTP(S) with rustls and timeouts:
//! `POST /api/e-imza/login`, `GET /api/e-imza/document`, `POST /api/e-imza/signature`.
//!
//! Errors are RFC 9457 problem details with a stable snake_case `code`; this client keeps the
//! status, the code and the detail, and leaves their meaning to [`crate::flow`].

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::blocking::{Client, Response};
use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Url;
use serde::Deserialize;

use crate::code::VerificationCode;

/// How long to wait for a TCP/TLS connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one whole request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest document the app accepts (the real ones are a few kilobytes).
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// The server's base URL: http or https, without query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl(Url);

/// Why a text is not a server URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ServerUrlError(String);

impl ServerUrl {
    pub fn parse(text: &str) -> Result<ServerUrl, ServerUrlError> {
        let text = text.trim();
        let mut url = Url::parse(text).map_err(|e| ServerUrlError(e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(ServerUrlError("only http and https URLs".into()));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(ServerUrlError("no host".into()));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(ServerUrlError("no query or fragment".into()));
        }
        // Routes are appended to the path: make it end with exactly one slash.
        let path = format!("{}/", url.path().trim_end_matches('/'));
        url.set_path(&path);
        Ok(ServerUrl(url))
    }

    /// `route` (without a leading slash) under this base.
    fn join(&self, route: &str) -> Result<Url, ApiError> {
        self.0
            .join(route)
            .map_err(|e| ApiError::Unexpected(format!("URL: {e}")))
    }

    /// `scheme://host[:port]`, as a browser writes the origin of a page on this server.
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    /// Whether this is a login document's site: the same origin, or — for a server on this
    /// machine — the same scheme and port under another loopback name (`localhost` and
    /// `127.0.0.1` are one place).
    pub fn serves_origin(&self, origin: &str) -> bool {
        if self.origin() == origin {
            return true;
        }
        let Ok(other) = Url::parse(origin) else {
            return false;
        };
        is_loopback(&self.0)
            && is_loopback(&other)
            && self.0.scheme() == other.scheme()
            && self.0.port_or_known_default() == other.port_or_known_default()
    }

    /// Whether the connection is unencrypted to a host other than this machine.
    pub fn is_plain_http_to_another_host(&self) -> bool {
        self.0.scheme() == "http"
            && !matches!(
                self.0.host_str(),
                Some("localhost" | "127.0.0.1" | "[::1]" | "::1")
            )
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The bearer token of one signing session. Never shown.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct SigningToken(String);

impl fmt::Debug for SigningToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningToken(***)")
    }
}

/// What a code's signature is for: approving an application or logging in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// "e-İmza ile Onayla" on an application (what a server that does not say means).
    #[default]
    Approval,
    /// "e-İmza ile Giriş" on the login page.
    Login,
}

/// The browser that asked to log in, as the server saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Requester {
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
}

/// The answer to a login with the verification code. The application fields come with an
/// approval, `requested_by` with a login.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SigningSession {
    pub signing_token: SigningToken,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub purpose: Purpose,
    #[serde(default)]
    pub application_reference: Option<String>,
    #[serde(default)]
    pub applicant_name: Option<String>,
    #[serde(default)]
    pub tckn_masked: Option<String>,
    #[serde(default)]
    pub requested_by: Option<Requester>,
    pub document_sha256: String,
}

/// The answer to an accepted signature.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SignatureAccepted {
    pub status: String,
    #[serde(default)]
    pub purpose: Purpose,
    #[serde(default)]
    pub application_reference: Option<String>,
}

/// An error answer, as far as it could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: u16,
    /// The stable snake_case code, when the body was problem details.
    pub code: Option<String>,
    pub title: Option<String>,
    pub detail: Option<String>,
}

/// The problem-details fields this client reads; unknown codes are kept as text.
#[derive(Deserialize)]
struct ProblemBody {
    code: Option<String>,
    title: Option<String>,
    detail: Option<String>,
}

/// What went wrong talking to the server.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No connection, a timeout, a TLS failure…
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The server answered with an error status.
    #[error("the server answered {}: {}", .0.status, .0.code.as_deref().unwrap_or("-"))]
    Problem(Problem),
    /// The server answered something this app does not understand.
    #[error("unexpected answer from the server: {0}")]
    Unexpected(String),
}

fn transport(error: reqwest::Error) -> ApiError {
    if error.is_connect() || error.is_timeout() || error.is_request() {
        // Keep the cause chain: "connection refused", "dns error", "certificate…".
        let mut text = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        ApiError::Unreachable(text)
    } else {
        ApiError::Unexpected(error.to_string())
    }
}

/// A client of the e-İmza routes on one server.
#[derive(Debug, Clone)]
pub struct ApiClient {
    http: Client,
    base: ServerUrl,
}

impl ApiClient {
    pub fn new(base: ServerUrl) -> Result<ApiClient, ApiError> {
        let http = Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("eimza-uygulamasi/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::Unexpected(e.to_string()))?;
        Ok(ApiClient { http, base })
    }

    /// `POST /api/e-imza/login` with the verification code.
    pub fn login(&self, code: &VerificationCode) -> Result<SigningSession, ApiError> {
        let response = self
            .http
            .post(self.base.join("api/e-imza/login")?)
            .header(ACCEPT, "application/json")
            .json(&serde_json::json!({ "code": code.as_str() }))
            .send()
            .map_err(transport)?;
        let response = success(response)?;
        response
            .json::<SigningSession>()
            .map_err(|e| ApiError::Unexpected(format!("login answer: {e}")))
    }

    /// `GET /api/e-imza/document`: the exact bytes to sign.
    pub fn document(&self, token: &SigningToken) -> Result<Vec<u8>, ApiError> {
        let response = self
            .http
            .get(self.base.join("api/e-imza/document")?)
            .header(AUTHORIZATION, bearer(token)?)
            .send()
            .map_err(transport)?;
        let response = success(response)?;
        let bytes = response.bytes().map_err(transport)?;
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(ApiError::Unexpected(format!(
                "document of {} bytes",
                bytes.len()
            )));
        }
        Ok(bytes.to_vec())
    }

    /// `POST /api/e-imza/signature` with the DER CMS.
    pub fn upload_signature(
        &self,
        token: &SigningToken,
        cms_der: Vec<u8>,
    ) -> Result<SignatureAccepted, ApiError> {
        let response = self
            .http
            .post(self.base.join("api/e-imza/signature")?)
            .header(AUTHORIZATION, bearer(token)?)
            .header(CONTENT_TYPE, "application/cms")
            .header(ACCEPT, "application/json")
            .body(cms_der)
            .send()
            .map_err(transport)?;
        let response = success(response)?;
        response
            .json::<SignatureAccepted>()
            .map_err(|e| ApiError::Unexpected(format!("signature answer: {e}")))
    }
}

fn bearer(token: &SigningToken) -> Result<HeaderValue, ApiError> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.0))
        .map_err(|_| ApiError::Unexpected("the signing token is not a header value".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

/// The response if its status is 2xx; otherwise its problem details.
fn success(response: Response) -> Result<Response, ApiError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    // An unreadable body still leaves the status to go by.
    let body = response.bytes().unwrap_or_default();
    let parsed: Option<ProblemBody> = serde_json::from_slice(&body).ok();
    Err(ApiError::Problem(Problem {
        status: status.as_u16(),
        code: parsed.as_ref().and_then(|p| p.code.clone()),
        title: parsed.as_ref().and_then(|p| p.title.clone()),
        detail: parsed.and_then(|p| p.detail),
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_get_one_trailing_slash_so_routes_join_under_them() {
        let url = ServerUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            url.join("api/e-imza/login").unwrap().as_str(),
            "http://127.0.0.1:8080/api/e-imza/login"
        );
        let prefixed = ServerUrl::parse(" https://nes.example.gov.tr/basvuru// ").unwrap();
        assert_eq!(
            prefixed.join("api/e-imza/login").unwrap().as_str(),
            "https://nes.example.gov.tr/basvuru/api/e-imza/login"
        );
    }

    #[test]
    fn urls_that_are_not_http_are_refused() {
        for text in [
            "ftp://example.org",
            "127.0.0.1:8080",
            "not a url",
            "http://x/?a=b",
        ] {
            assert!(ServerUrl::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn plain_http_is_flagged_only_for_other_hosts() {
        assert!(!ServerUrl::parse("http://localhost:8080")
            .unwrap()
            .is_plain_http_to_another_host());
        assert!(ServerUrl::parse("http://nes.example.org")
            .unwrap()
            .is_plain_http_to_another_host());
        assert!(!ServerUrl::parse("https://nes.example.org")
            .unwrap()
            .is_plain_http_to_another_host());
    }

    #[test]
    fn a_login_documents_site_must_be_the_server_the_app_talks_to() {
        let server = ServerUrl::parse("https://nes.kamusm.gov.tr").unwrap();
        assert_eq!(server.origin(), "https://nes.kamusm.gov.tr");
        assert!(server.serves_origin("https://nes.kamusm.gov.tr"));
        assert!(!server.serves_origin("https://nes.kamusm.gov.tr.example.org"));
        assert!(!server.serves_origin("http://nes.kamusm.gov.tr"));
        let local = ServerUrl::parse("http://127.0.0.1:8181/").unwrap();
        assert!(local.serves_origin("http://localhost:8181"));
        assert!(!local.serves_origin("http://localhost:8182"));
        assert!(!local.serves_origin("http://evil.example:8181"));
    }

    #[test]
    fn an_answer_without_a_purpose_is_an_approval_and_a_login_has_no_application() {
        let approval: SigningSession = serde_json::from_value(serde_json::json!({
            "signing_token": "t",
            "expires_at": "2026-11-23T10:00:00Z",
            "application_reference": "NES-2026-000123",
            "applicant_name": "Ayşe Yılmaz",
            "tckn_masked": "100******46",
            "document_sha256": "00",
        }))
        .unwrap();
        assert_eq!(approval.purpose, Purpose::Approval);
        let login: SigningSession = serde_json::from_value(serde_json::json!({
            "signing_token": "t",
            "expires_at": "2026-11-23T10:00:00Z",
            "purpose": "login",
            "requested_by": { "ip": "203.0.113.7" },
            "document_sha256": "00",
        }))
        .unwrap();
        assert_eq!(login.purpose, Purpose::Login);
        assert_eq!(login.application_reference, None);
        assert_eq!(
            login.requested_by.and_then(|r| r.ip).as_deref(),
            Some("203.0.113.7")
        );
    }

    #[test]
    fn the_signing_token_never_appears_in_debug_output() {
        let session: SigningSession = serde_json::from_value(serde_json::json!({
            "signing_token": "s3cr3t-token",
            "expires_at": "2026-11-23T10:00:00Z",
            "application_reference": "NES-2026-000123",
            "applicant_name": "Ayşe Yılmaz",
            "tckn_masked": "100******46",
            "document_sha256": "00",
        }))
        .unwrap();
        assert!(!format!("{session:?}").contains("s3cr3t"));
    }
}
