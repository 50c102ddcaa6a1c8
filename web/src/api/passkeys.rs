//! Typed calls of the passkeys area, and the browser half of each WebAuthn ceremony: the
//! API's options go to `navigator.credentials` (webauthn-rs-proto's `wasm` conversions turn
//! base64url into ArrayBuffers and back), the authenticator's answer goes back to the API.

use gloo_net::http::Request;
use shared::api::passkeys::{
    CreationChallengeResponse, FinishPasskeyAuthenticationRequest,
    FinishPasskeyRegistrationRequest, MyPasskeys, PasskeyAuthenticationChallenge, PasskeyInfo,
    PasskeyRegistrationChallenge, PublicKeyCredential, RegisterPublicKeyCredential,
    RenamePasskeyRequest, RequestChallengeResponse, StartPasskeyRegistrationRequest,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{get_json, json, prepare, segment, send, ApiError};
use crate::i18n::{Lang, T};

/// Whose passkeys: the applicant's (`/api/me/passkeys`) or the staff member's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasskeyOwner {
    Applicant,
    Staff,
}

impl PasskeyOwner {
    fn base(self) -> &'static str {
        match self {
            PasskeyOwner::Applicant => "/api/me/passkeys",
            PasskeyOwner::Staff => "/api/staff/passkeys",
        }
    }
}

/// Why the browser did not give a credential.
#[derive(Debug, Clone, PartialEq)]
pub enum BrowserRefusal {
    /// No WebAuthn in this browser (or not a secure context).
    Unsupported,
    /// The person cancelled, or the request timed out (`NotAllowedError`).
    Cancelled,
    /// The authenticator already holds a passkey for this account (`InvalidStateError`).
    AlreadyOnDevice,
    /// Anything else the browser said (its exception name).
    Other(String),
}

/// A passkey ceremony failed at the API or in the browser.
#[derive(Debug, Clone, PartialEq)]
pub enum PasskeyError {
    Api(ApiError),
    Browser(BrowserRefusal),
}

impl From<ApiError> for PasskeyError {
    fn from(e: ApiError) -> Self {
        PasskeyError::Api(e)
    }
}

impl PasskeyError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PasskeyError::Api(e) => e.message(lang),
            PasskeyError::Browser(refusal) => match refusal {
                BrowserRefusal::Unsupported => T::PasskeyUnsupported,
                BrowserRefusal::Cancelled => T::PasskeyCancelled,
                BrowserRefusal::AlreadyOnDevice => T::PasskeyAlreadyOnDevice,
                BrowserRefusal::Other(_) => T::PasskeyBrowserFailed,
            }
            .get(lang)
            .to_owned(),
        }
    }
}

// ---------------------------------------------------------------- managing passkeys

pub async fn list(owner: PasskeyOwner) -> Result<MyPasskeys, ApiError> {
    get_json(owner.base()).await
}

pub async fn rename(
    owner: PasskeyOwner,
    id: &str,
    name: &str,
    csrf: &str,
) -> Result<PasskeyInfo, ApiError> {
    let path = format!("{}/{}", owner.base(), segment(id));
    let body = RenamePasskeyRequest {
        name: name.to_owned(),
    };
    json(send(prepare(Request::patch(&path), Some(csrf)).json(&body)).await?).await
}

pub async fn remove(owner: PasskeyOwner, id: &str, csrf: &str) -> Result<(), ApiError> {
    let path = format!("{}/{}", owner.base(), segment(id));
    send(prepare(Request::delete(&path), Some(csrf)).build()).await?;
    Ok(())
}

/// Registers a new passkey named `name`: the API's options, the authenticator, the API.
pub async fn register(
    owner: PasskeyOwner,
    name: &str,
    csrf: &str,
) -> Result<PasskeyInfo, PasskeyError> {
    let start = format!("{}/registration", owner.base());
    let body = StartPasskeyRegistrationRequest {
        name: name.to_owned(),
    };
    let challenge: PasskeyRegistrationChallenge =
        json(send(prepare(Request::post(&start), Some(csrf)).json(&body)).await?).await?;
    let credential = create_credential(challenge.options).await?;
    let finish = FinishPasskeyRegistrationRequest {
        ceremony_id: challenge.ceremony_id,
        credential: credential.into(),
    };
    Ok(json(send(prepare(Request::post(owner.base()), Some(csrf)).json(&finish)).await?).await?)
}

// ---------------------------------------------------------------- logging in

/// "Geçiş Anahtarı ile Giriş": on success the browser holds the applicant's session cookie.
pub async fn log_in() -> Result<(), PasskeyError> {
    let challenge: PasskeyAuthenticationChallenge =
        json(send(prepare(Request::post("/api/auth/passkey/challenge"), None).build()).await?)
            .await?;
    let credential = get_credential(challenge.options).await?;
    let finish = FinishPasskeyAuthenticationRequest {
        ceremony_id: challenge.ceremony_id,
        credential: credential.into(),
    };
    send(prepare(Request::post("/api/auth/passkey/login"), None).json(&finish)).await?;
    Ok(())
}

/// A staff member's second factor: on success the staff session is active (new cookie).
pub async fn verify_staff(csrf: &str) -> Result<(), PasskeyError> {
    let start = "/api/staff/session/passkey/challenge";
    let challenge: PasskeyAuthenticationChallenge =
        json(send(prepare(Request::post(start), Some(csrf)).build()).await?).await?;
    let credential = get_credential(challenge.options).await?;
    let finish = FinishPasskeyAuthenticationRequest {
        ceremony_id: challenge.ceremony_id,
        credential: credential.into(),
    };
    let path = "/api/staff/session/passkey";
    send(prepare(Request::post(path), Some(csrf)).json(&finish)).await?;
    Ok(())
}

// ---------------------------------------------------------------- the browser

fn credentials() -> Result<web_sys::CredentialsContainer, BrowserRefusal> {
    let window = web_sys::window().ok_or(BrowserRefusal::Unsupported)?;
    let supported =
        js_sys::Reflect::has(&window, &JsValue::from_str("PublicKeyCredential")).unwrap_or(false);
    if !supported {
        return Err(BrowserRefusal::Unsupported);
    }
    Ok(window.navigator().credentials())
}

fn refusal(error: JsValue) -> BrowserRefusal {
    let name = error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "AbortError" => BrowserRefusal::Cancelled,
        "InvalidStateError" => BrowserRefusal::AlreadyOnDevice,
        "NotSupportedError" | "SecurityError" => BrowserRefusal::Unsupported,
        _ => BrowserRefusal::Other(name),
    }
}

async fn public_key_credential(
    promise: Result<js_sys::Promise, JsValue>,
) -> Result<web_sys::PublicKeyCredential, BrowserRefusal> {
    let value = JsFuture::from(promise.map_err(refusal)?)
        .await
        .map_err(refusal)?;
    value
        .dyn_into::<web_sys::PublicKeyCredential>()
        .map_err(|_| BrowserRefusal::Other("no credential".into()))
}

async fn create_credential(
    options: CreationChallengeResponse,
) -> Result<RegisterPublicKeyCredential, BrowserRefusal> {
    let container = credentials()?;
    let options: web_sys::CredentialCreationOptions = options.into();
    let credential = public_key_credential(container.create_with_options(&options)).await?;
    Ok(RegisterPublicKeyCredential::from(credential))
}

async fn get_credential(
    options: RequestChallengeResponse,
) -> Result<PublicKeyCredential, BrowserRefusal> {
    let container = credentials()?;
    let options: web_sys::CredentialRequestOptions = options.into();
    let credential = public_key_credential(container.get_with_options(&options)).await?;
    Ok(PublicKeyCredential::from(credential))
}

impl From<BrowserRefusal> for PasskeyError {
    fn from(refusal: BrowserRefusal) -> Self {
        PasskeyError::Browser(refusal)
    }
}
