//! Logging in with e-İmza: the login page's challenge and its live status, and what the
//! signing application is told about a login it is asked to sign.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What a signing session's signature is for; the signing application shows it ("Onay" or
/// "Giriş") and the document to sign says the same.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SigningPurpose {
    /// Approving an application ("e-İmza ile Onayla").
    #[default]
    Approval,
    /// Logging in to Online İşlemler ("e-İmza ile Giriş").
    Login,
}

/// The browser that asked to log in, as the server saw it: shown by the signing application
/// so that a person signs only a login they started themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct LoginRequester {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(example = "203.0.113.7"))]
    pub ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

/// "e-İmza ile Giriş": the one-time code the login page shows for the signing application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaLoginChallenge {
    /// Shown once, to be copied into the signing application.
    #[cfg_attr(feature = "server", schema(example = "7KQ4-9XWM-2HRT"))]
    pub verification_code: String,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub expires_in_seconds: u64,
    /// SHA-256 of the login document the signing application will show and sign.
    pub document_sha256: String,
}

/// Where a login challenge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EImzaLoginState {
    /// The code waits for the signing application.
    Waiting,
    /// The signing application logged in with the code; the signature is awaited.
    Signing,
    /// The signature was accepted and this answer carries the session cookie.
    LoggedIn,
    /// The signature was refused; see `refusal_code`.
    Refused,
    /// The code's ten minutes passed without a signature.
    Expired,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EImzaLoginStatus {
    pub status: EImzaLoginState,
    #[serde(with = "crate::rfc3339")]
    pub expires_at: DateTime<Utc>,
    pub expires_in_seconds: u64,
    /// Why the signature was refused (an `ErrorCode` name, as for approvals), when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal_code: Option<String>,
}
