//! The typed client of the REST API: one function per call the screens make, one error type.
//!
//! Same origin as the API, so the session cookie travels by itself (`credentials:
//! same-origin`); every state-changing call carries the session's CSRF token in
//! `X-CSRF-Token`. Errors are RFC 9457 problem bodies with a stable `code`; a fetch that
//! never reached the server is [`ApiError::Network`], never a "not found".

pub mod e_imza_login;
pub mod hints;
pub mod passkeys;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::api::{
    ApplicationDetail, ApplicationResult, ApproveWithEOnayRequest, EImzaSigningSession,
    EImzaSigningStatus, EOnayConsent, EOnayConsentRequest, MyApplications, MyApplicationsQuery,
    SessionInfo, SigningAppDownloads, SmsStatus, StartEImzaSigningRequest, Taahhutname,
    VerifySmsCodeRequest,
};
use shared::form::ApplicationFormInput;
use shared::problem::{ErrorCode, Problem};
use web_sys::RequestCredentials;

use crate::i18n::messages::{problem_message, retry_after, sms_tries_left};
use crate::i18n::{Lang, T};

/// Where the browser goes (full navigation, not fetch) to log in with e-Devlet.
pub const EDEVLET_LOGIN_URL: &str = "/api/auth/edevlet/login";

const CSRF_HEADER: &str = "X-CSRF-Token";

/// Everything a call can end in, other than success.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down, connection reset).
    Network,
    /// No session, or it has ended (HTTP 401).
    Unauthenticated,
    /// The API answered with a problem body.
    Problem(Problem),
    /// Anything else: an answer that is not what the API promises.
    Unexpected(String),
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Problem(p) => Some(p.code),
            ApiError::Unauthenticated => Some(ErrorCode::Unauthenticated),
            _ => None,
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::Problem(p) if p.status == 404)
    }

    /// Our side failed (5xx), or the answer made no sense.
    pub fn is_server_error(&self) -> bool {
        match self {
            ApiError::Problem(p) => p.status >= 500,
            ApiError::Unexpected(_) => true,
            _ => false,
        }
    }

    /// One sentence (or two) for the person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiError::Network => T::NetworkText.get(lang).to_owned(),
            ApiError::Unauthenticated => problem_message(lang, ErrorCode::Unauthenticated).into(),
            ApiError::Unexpected(_) => T::ServerErrorText.get(lang).to_owned(),
            ApiError::Problem(p) => match (p.code, p.tries_left, p.retry_after_seconds) {
                (ErrorCode::SmsCodeIncorrect, Some(n), _) => sms_tries_left(lang, n),
                (_, _, Some(seconds)) => {
                    format!(
                        "{} {}",
                        problem_message(lang, p.code),
                        retry_after(lang, seconds)
                    )
                }
                _ if p.status >= 500 => {
                    format!(
                        "{} {}",
                        problem_message(lang, p.code),
                        T::ServerErrorText.get(lang)
                    )
                }
                _ => problem_message(lang, p.code).to_owned(),
            },
        }
    }

    /// The technical detail worth showing: a server error's, and why a CSV cannot be read.
    pub fn detail(&self) -> Option<String> {
        match self {
            ApiError::Problem(p) if p.status >= 500 && !p.detail.is_empty() => {
                Some(p.detail.clone())
            }
            // A CSV that cannot be read says why (it may quote the file).
            ApiError::Problem(p) if p.code == ErrorCode::CsvMalformed && !p.detail.is_empty() => {
                Some(p.detail.clone())
            }
            ApiError::Unexpected(what) => Some(what.clone()),
            _ => None,
        }
    }
}

/// Turns a failed answer into an [`ApiError`].
pub fn classify(status: u16, body: &str) -> ApiError {
    match serde_json::from_str::<Problem>(body) {
        // Other 401s (the signing application's codes) are problems of their own.
        Ok(problem) if problem.code == ErrorCode::Unauthenticated => ApiError::Unauthenticated,
        Ok(problem) => ApiError::Problem(problem),
        Err(_) if status == 401 => ApiError::Unauthenticated,
        Err(_) => ApiError::Unexpected(format!("HTTP {status}")),
    }
}

/// Percent-encodes one path segment (ids come from the address bar). A segment of dots
/// (which URLs treat as "this" or "parent" folder, even encoded) becomes `-`, an id that
/// matches nothing.
pub fn segment(raw: &str) -> String {
    if raw.bytes().all(|b| b == b'.') {
        return "-".to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn application_path(id: &str, rest: &str) -> String {
    format!("/api/applications/{}{rest}", segment(id))
}

/// The evidence package of the applicant's approved application: a plain link (a GET with the
/// session cookie; the answer is a ZIP download).
pub fn evidence_url(id: &str) -> String {
    application_path(id, "/evidence")
}

// ---------------------------------------------------------------- the building blocks
// Each app's own calls (the staff app's `api::officer`, …) are made of these.

/// Same-origin credentials, JSON accepted, and the CSRF token of a state-changing call.
pub fn prepare(builder: RequestBuilder, csrf: Option<&str>) -> RequestBuilder {
    let builder = builder
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json");
    match csrf {
        Some(token) => builder.header(CSRF_HEADER, token),
        None => builder,
    }
}

/// Sends; a non-2xx answer becomes its [`ApiError`].
pub async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request.map_err(|e| ApiError::Unexpected(e.to_string()))?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let body = response.text().await.map_err(|_| ApiError::Network)?;
    Err(classify(status, &body))
}

pub async fn json<R: DeserializeOwned>(response: Response) -> Result<R, ApiError> {
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    serde_json::from_str(&text).map_err(|e| ApiError::Unexpected(e.to_string()))
}

pub async fn get_json<R: DeserializeOwned>(path: &str) -> Result<R, ApiError> {
    json(send(prepare(Request::get(path), None).build()).await?).await
}

// ---------------------------------------------------------------- session

pub async fn session() -> Result<SessionInfo, ApiError> {
    get_json("/api/session").await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    send(prepare(Request::post("/api/session/logout"), Some(csrf)).build()).await?;
    Ok(())
}

// ---------------------------------------------------------------- applications

pub async fn my_applications(query: MyApplicationsQuery) -> Result<MyApplications, ApiError> {
    get_json(&format!("/api/applications{}", query.to_query_string())).await
}

pub async fn application(id: &str) -> Result<ApplicationDetail, ApiError> {
    get_json(&application_path(id, "")).await
}

pub async fn save_draft(
    id: &str,
    input: &ApplicationFormInput,
    csrf: &str,
) -> Result<(), ApiError> {
    let path = application_path(id, "/draft");
    send(prepare(Request::put(&path), Some(csrf)).json(input)).await?;
    Ok(())
}

/// Saves the draft with a request that outlives the page (`keepalive`), for when the page is
/// being left or reloaded. Nobody is left to read the answer, so it is not awaited.
pub fn save_draft_on_exit(id: &str, input: &ApplicationFormInput, csrf: &str) {
    let Ok(body) = serde_json::to_string(input) else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("PUT");
    // web-sys has no setter for `keepalive` yet; it is a plain field of the init object.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Ok(headers) = web_sys::Headers::new() {
        // Setting these two plain headers cannot fail.
        let _ = headers.set("Content-Type", "application/json");
        let _ = headers.set(CSRF_HEADER, csrf);
        init.set_headers(&headers);
    }
    init.set_body(&wasm_bindgen::JsValue::from_str(&body));
    if let Some(window) = web_sys::window() {
        // The promise is dropped on purpose: the page is going away.
        let _ = window.fetch_with_str_and_init(&application_path(id, "/draft"), &init);
    }
}

pub async fn submit_form(
    id: &str,
    input: &ApplicationFormInput,
    csrf: &str,
) -> Result<ApplicationDetail, ApiError> {
    let path = application_path(id, "/form");
    json(send(prepare(Request::put(&path), Some(csrf)).json(input)).await?).await
}

pub async fn send_sms_code(id: &str, csrf: &str) -> Result<SmsStatus, ApiError> {
    let path = application_path(id, "/sms-code");
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

pub async fn verify_sms_code(
    id: &str,
    code: &str,
    csrf: &str,
) -> Result<ApplicationDetail, ApiError> {
    let path = application_path(id, "/sms-code/verification");
    let body = VerifySmsCodeRequest {
        code: code.to_owned(),
    };
    json(send(prepare(Request::post(&path), Some(csrf)).json(&body)).await?).await
}

pub async fn taahhutname() -> Result<Taahhutname, ApiError> {
    get_json("/api/taahhutname").await
}

pub async fn give_e_onay_consent(csrf: &str) -> Result<EOnayConsent, ApiError> {
    let body = EOnayConsentRequest { accepted: true };
    json(send(prepare(Request::put("/api/me/e-onay-consent"), Some(csrf)).json(&body)).await?).await
}

pub async fn approve_with_e_onay(
    id: &str,
    request: &ApproveWithEOnayRequest,
    csrf: &str,
) -> Result<ApplicationResult, ApiError> {
    let path = application_path(id, "/e-onay");
    json(send(prepare(Request::post(&path), Some(csrf)).json(request)).await?).await
}

pub async fn result(id: &str) -> Result<ApplicationResult, ApiError> {
    get_json(&application_path(id, "/result")).await
}

// ---------------------------------------------------------------- e-İmza

/// "e-İmza ile Onayla": opens a signing session and answers its one-time verification code.
/// A new call replaces the previous code.
pub async fn start_e_imza(
    id: &str,
    request: &StartEImzaSigningRequest,
    csrf: &str,
) -> Result<EImzaSigningSession, ApiError> {
    let path = application_path(id, "/e-imza");
    json(send(prepare(Request::post(&path), Some(csrf)).json(request)).await?).await
}

/// The status of the signing session this browser opened; `Ok(None)` when it opened none
/// (HTTP 404 — callers load the application first, so a 404 here is about the session).
pub async fn e_imza_status(id: &str) -> Result<Option<EImzaSigningStatus>, ApiError> {
    match get_json(&application_path(id, "/e-imza")).await {
        Ok(status) => Ok(Some(status)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Where to get the signing application: builds per platform and how to build it.
pub async fn signing_app_downloads() -> Result<SigningAppDownloads, ApiError> {
    get_json("/api/e-imza/app").await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem_json(code: &str, status: u16, extra: &str) -> String {
        format!(
            r#"{{"type":"urn:nes:problem:{code}","title":"t","status":{status},"detail":"d","code":"{code}"{extra}}}"#
        )
    }

    #[test]
    fn a_401_is_unauthenticated_with_or_without_a_body() {
        assert_eq!(
            classify(401, &problem_json("unauthenticated", 401, "")),
            ApiError::Unauthenticated
        );
        assert_eq!(classify(401, ""), ApiError::Unauthenticated);
    }

    #[test]
    fn a_401_about_a_signing_code_is_not_a_lost_session() {
        let error = classify(401, &problem_json("signing_code_invalid", 401, ""));
        assert_eq!(error.code(), Some(ErrorCode::SigningCodeInvalid));
    }

    #[test]
    fn a_problem_body_is_kept_whole() {
        let error = classify(
            422,
            &problem_json("sms_code_incorrect", 422, r#","tries_left":2"#),
        );
        let ApiError::Problem(p) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(p.code, ErrorCode::SmsCodeIncorrect);
        assert_eq!(p.tries_left, Some(2));
        assert_eq!(
            error.message(Lang::Tr),
            "Kod doğru değil. 2 deneme hakkınız kaldı."
        );
    }

    #[test]
    fn a_404_is_not_found_but_a_network_failure_is_not() {
        assert!(classify(404, &problem_json("not_found", 404, "")).is_not_found());
        assert!(!ApiError::Network.is_not_found());
        assert_eq!(
            ApiError::Network.message(Lang::Tr),
            T::NetworkText.get(Lang::Tr)
        );
    }

    #[test]
    fn a_gateway_page_instead_of_a_problem_is_a_server_error() {
        let error = classify(502, "<html>Bad Gateway</html>");
        assert!(error.is_server_error());
        assert_eq!(error.detail().as_deref(), Some("HTTP 502"));
    }

    #[test]
    fn server_errors_show_their_detail_and_client_errors_do_not() {
        let e500 = classify(500, &problem_json("internal_error", 500, ""));
        assert_eq!(e500.detail().as_deref(), Some("d"));
        let e409 = classify(409, &problem_json("conflict", 409, ""));
        assert_eq!(e409.detail(), None);
    }

    #[test]
    fn waiting_times_are_part_of_the_message() {
        let error = classify(
            429,
            &problem_json("sms_resend_too_soon", 429, r#","retry_after_seconds":30"#),
        );
        assert!(error
            .message(Lang::En)
            .ends_with("Try again in 30 seconds."));
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(segment("0b9f-AZ_~"), "0b9f-AZ_~");
        assert_eq!(segment("../x y"), "%2E%2E%2Fx%20y");
        assert_eq!(segment(".."), "-");
        assert_eq!(segment(""), "-");
        assert_eq!(
            application_path("a/b", "/form"),
            "/api/applications/a%2Fb/form"
        );
    }
}
