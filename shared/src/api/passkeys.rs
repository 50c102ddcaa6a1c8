//! API types of the passkeys area: registering a passkey, listing, renaming and removing
//! one's passkeys, and logging in (or, for staff, passing the second factor) with one.
//!
//! A ceremony is started by one call and finished by the next: the first answers a random
//! `ceremony_id` with the options for `navigator.credentials`, the second sends the id back
//! with what the authenticator answered. The WebAuthn parts are webauthn-rs's own JSON types.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
pub use webauthn_rs_proto::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse,
};

/// The longest passkey name, in characters.
pub const MAX_PASSKEY_NAME_LENGTH: usize = 64;
/// The field a name's validation error is reported under.
pub const PASSKEY_NAME_FIELD: &str = "name";

/// A name the person gives a passkey ("İş bilgisayarım"): trimmed, 1 to 64 characters, no
/// control or invisible formatting characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasskeyName(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasskeyNameError {
    #[error("the name is empty")]
    Empty,
    #[error("a passkey name can be at most 64 characters long")]
    TooLong,
    #[error("the name contains control or invisible characters")]
    InvalidCharacters,
}

impl PasskeyNameError {
    /// The field error code (the same codes as the form's fields).
    pub fn code(self) -> &'static str {
        match self {
            PasskeyNameError::Empty => "required",
            PasskeyNameError::TooLong => "too_long",
            PasskeyNameError::InvalidCharacters => "invalid_characters",
        }
    }
}

impl PasskeyName {
    pub fn parse(raw: &str) -> Result<PasskeyName, PasskeyNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(PasskeyNameError::Empty);
        }
        if name.chars().count() > MAX_PASSKEY_NAME_LENGTH {
            return Err(PasskeyNameError::TooLong);
        }
        if name.chars().any(|c| {
            c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        }) {
            return Err(PasskeyNameError::InvalidCharacters);
        }
        Ok(PasskeyName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PasskeyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// "Geçiş anahtarı ekle": the name the new passkey will have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StartPasskeyRegistrationRequest {
    #[cfg_attr(feature = "server", schema(example = "İş bilgisayarım"))]
    pub name: String,
}

/// Options for `navigator.credentials.create()`, and the ceremony to send back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyRegistrationChallenge {
    /// Send it back with the credential; valid for 5 minutes, once.
    pub ceremony_id: String,
    /// WebAuthn `CredentialCreationOptions` (binary fields base64url).
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub options: CreationChallengeResponse,
}

/// What the authenticator answered, as it came: a WebAuthn credential of the expected shape,
/// or a JSON object that is not one. The document says only "an object" (the WebAuthn JSON
/// is webauthn-rs's), so an object of another shape is a credential that fails verification
/// (`passkey_rejected`), not an unreadable request; anything but an object is unreadable.
#[derive(Debug, Clone)]
pub enum AuthenticatorAnswer<T> {
    Credential(Box<T>),
    NotACredential,
}

impl<T> AuthenticatorAnswer<T> {
    /// The credential, if the object was one.
    pub fn credential(&self) -> Option<&T> {
        match self {
            AuthenticatorAnswer::Credential(credential) => Some(credential),
            AuthenticatorAnswer::NotACredential => None,
        }
    }
}

impl<T> From<T> for AuthenticatorAnswer<T> {
    fn from(credential: T) -> Self {
        AuthenticatorAnswer::Credential(Box::new(credential))
    }
}

impl<T: Serialize> Serialize for AuthenticatorAnswer<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AuthenticatorAnswer::Credential(credential) => credential.serialize(serializer),
            AuthenticatorAnswer::NotACredential => {
                serde_json::Map::<String, serde_json::Value>::new().serialize(serializer)
            }
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for AuthenticatorAnswer<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        Ok(
            match serde_json::from_value(serde_json::Value::Object(object)) {
                Ok(credential) => AuthenticatorAnswer::Credential(Box::new(credential)),
                Err(_) => AuthenticatorAnswer::NotACredential,
            },
        )
    }
}

/// What the authenticator created, for the ceremony it was asked in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FinishPasskeyRegistrationRequest {
    pub ceremony_id: String,
    /// The `PublicKeyCredential` of `navigator.credentials.create()` (binary fields base64url).
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub credential: AuthenticatorAnswer<RegisterPublicKeyCredential>,
}

/// One registered passkey (nothing secret: the public key stays on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyInfo {
    pub id: String,
    pub name: String,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// The last login (or second factor) with it; none yet after registration.
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MyPasskeys {
    /// Oldest first.
    pub items: Vec<PasskeyInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RenamePasskeyRequest {
    #[cfg_attr(feature = "server", schema(example = "Telefonum"))]
    pub name: String,
}

/// Options for `navigator.credentials.get()`, and the ceremony to send back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PasskeyAuthenticationChallenge {
    /// Send it back with the assertion; valid for 5 minutes, once.
    pub ceremony_id: String,
    /// WebAuthn `CredentialRequestOptions` (binary fields base64url).
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub options: RequestChallengeResponse,
}

/// What the authenticator signed, for the ceremony it was asked in.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FinishPasskeyAuthenticationRequest {
    pub ceremony_id: String,
    /// The `PublicKeyCredential` of `navigator.credentials.get()` (binary fields base64url).
    #[cfg_attr(feature = "server", schema(value_type = Object))]
    pub credential: AuthenticatorAnswer<PublicKeyCredential>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_object_that_is_no_credential_is_read_as_such() {
        let request: FinishPasskeyAuthenticationRequest =
            serde_json::from_str(r#"{"ceremony_id": "c", "credential": {"id": 3}}"#).unwrap();
        assert!(request.credential.credential().is_none());
    }

    #[test]
    fn a_credential_that_is_no_object_is_unreadable() {
        let read = serde_json::from_str::<FinishPasskeyAuthenticationRequest>(
            r#"{"ceremony_id": "c", "credential": ["id", "raw"]}"#,
        );
        assert!(read.is_err());
    }

    #[test]
    fn a_name_is_trimmed() {
        assert_eq!(
            PasskeyName::parse("  Telefonum ").unwrap().as_str(),
            "Telefonum"
        );
    }

    #[test]
    fn an_empty_name_is_required() {
        assert_eq!(PasskeyName::parse("   "), Err(PasskeyNameError::Empty));
        assert_eq!(PasskeyNameError::Empty.code(), "required");
    }

    #[test]
    fn sixty_four_characters_are_allowed_and_sixty_five_are_not() {
        let ok = "ğ".repeat(64);
        assert_eq!(PasskeyName::parse(&ok).unwrap().as_str(), ok);
        assert_eq!(
            PasskeyName::parse(&"ğ".repeat(65)),
            Err(PasskeyNameError::TooLong)
        );
    }

    #[test]
    fn control_and_invisible_characters_are_refused() {
        assert_eq!(
            PasskeyName::parse("a\u{0007}b"),
            Err(PasskeyNameError::InvalidCharacters)
        );
        assert_eq!(
            PasskeyName::parse("a\u{202E}b"),
            Err(PasskeyNameError::InvalidCharacters)
        );
    }
}
