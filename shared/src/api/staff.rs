//! API types of the staff area: the staff login in two steps (password, then a TOTP code or a
//! passkey), TOTP enrolment, the password change, and the operator's staff accounts.
//!
//! The password and user-name rules live here so that the browser checks exactly what the API
//! checks. Types that carry a password, a TOTP secret or a code redact it in `Debug`.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::named::Named;

/// NIST SP 800-63B §5.1.1.2: at least 8 characters, more for accounts that matter; ours guard
/// every institution's data, hence 12.
pub const MIN_PASSWORD_LENGTH: usize = 12;
/// Long passphrases are welcome; the cap only bounds the hashing work per request.
pub const MAX_PASSWORD_LENGTH: usize = 128;
pub const MIN_USERNAME_LENGTH: usize = 3;
pub const MAX_USERNAME_LENGTH: usize = 64;
pub const MAX_DISPLAY_NAME_LENGTH: usize = 100;

/// Field names of the staff forms, as the API's `fields` uses them.
pub mod field {
    pub const USERNAME: &str = "username";
    pub const PASSWORD: &str = "password";
    pub const CURRENT_PASSWORD: &str = "current_password";
    pub const NEW_PASSWORD: &str = "new_password";
    pub const DISPLAY_NAME: &str = "display_name";
    pub const EMAIL: &str = "email";
    pub const ROLE: &str = "role";
    pub const INSTITUTION_ID: &str = "institution_id";
    pub const CODE: &str = "code";
}

/// Why a new password is refused: NIST SP 800-63B's rules (length, not the user name), no
/// composition rules. `Some(code)` names the problem; the codes are stable.
pub fn password_problem(username: &str, password: &str) -> Option<&'static str> {
    let length = password.chars().count();
    if length == 0 {
        Some("required")
    } else if length < MIN_PASSWORD_LENGTH {
        Some("password_too_short")
    } else if length > MAX_PASSWORD_LENGTH {
        Some("password_too_long")
    } else if password.trim().to_lowercase() == username.trim().to_lowercase() {
        Some("password_is_username")
    } else {
        None
    }
}

/// The user name as stored: trimmed and in lower case, so `Ayse.Yilmaz` and `ayse.yilmaz`
/// are one account.
pub fn normalise_username(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Checks a new account's user name (after [`normalise_username`]): 3–64 characters of
/// `a-z 0-9 . _ -`, starting with a letter or digit. Also safe inside an `otpauth://` label.
pub fn username_problem(username: &str) -> Option<&'static str> {
    let length = username.chars().count();
    if length == 0 {
        Some("required")
    } else if length < MIN_USERNAME_LENGTH {
        Some("too_short")
    } else if length > MAX_USERNAME_LENGTH {
        Some("too_long")
    } else if !username
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-'))
        || !username
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        Some("invalid_characters")
    } else {
        None
    }
}

/// A TOTP secret in base32, in groups of four for typing into an authenticator app by hand.
pub fn group_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The two staff roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffRoleKind {
    /// Kurum e-İmza sorumlusu: one institution's e-signature officer.
    Officer,
    /// Kamu SM operatörü: every institution.
    Operator,
}

impl Named for StaffRoleKind {
    const ALL: &'static [StaffRoleKind] = &[StaffRoleKind::Officer, StaffRoleKind::Operator];

    fn as_str(self) -> &'static str {
        match self {
            StaffRoleKind::Officer => "officer",
            StaffRoleKind::Operator => "operator",
        }
    }
}

crate::deserialize_by_name!(StaffRoleKind);

impl StaffRoleKind {
    /// Where the browser app takes this role after login.
    pub fn home_path(self) -> &'static str {
        match self {
            StaffRoleKind::Officer => "/kurum/basvurular",
            StaffRoleKind::Operator => "/kamusm/basvurular",
        }
    }
}

// ---------------------------------------------------------------- login

/// Step one of the staff login.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StaffLoginRequest {
    #[cfg_attr(feature = "server", schema(example = "ayse.yilmaz"))]
    pub username: String,
    pub password: String,
}

impl fmt::Debug for StaffLoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffLoginRequest")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// What the second step of the login is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffLoginNextStep {
    /// Enter the code of the authenticator app (or use a passkey).
    Totp,
    /// First login: set up the authenticator app.
    TotpEnrolment,
}

/// The password was right: a session in stage `password_ok` is open (cookie
/// `nes_staff_session`); the second factor comes next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffLoginResponse {
    pub stage: StaffLoginNextStep,
    /// The person has a passkey, which may replace the TOTP code.
    pub passkey_available: bool,
}

/// A six-digit code from the authenticator app (spaces allowed).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TotpCodeRequest {
    #[cfg_attr(feature = "server", schema(example = "123456"))]
    pub code: String,
}

impl fmt::Debug for TotpCodeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpCodeRequest { code: <redacted> }")
    }
}

/// A new TOTP secret to put into the authenticator app; it takes effect once a code made from
/// it is confirmed.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct TotpEnrolment {
    /// Base32 (RFC 4648, no padding), for typing in by hand.
    pub secret: String,
    /// `otpauth://totp/…` as in the QR code.
    pub otpauth_uri: String,
    /// The QR code of `otpauth_uri`, drawn by the server as an SVG document.
    pub qr_svg: String,
}

impl fmt::Debug for TotpEnrolment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpEnrolment(<redacted>)")
    }
}

/// Where a staff session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffSessionStage {
    /// The password was right; the second factor is still to come.
    PasswordOk,
    /// Fully logged in.
    Active,
}

/// The logged-in staff member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffSessionInfo {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: StaffRoleKind,
    /// The officer's institution; none for an operator.
    pub institution_id: Option<String>,
    pub institution_name: Option<String>,
    pub stage: StaffSessionStage,
    pub totp_enrolled: bool,
    /// A passkey is registered, which may replace the TOTP code.
    pub passkey_available: bool,
    /// The password was set by an operator (a new account, or a reset): it must be changed
    /// before anything else is allowed (`password_change_required`).
    #[serde(default)]
    pub password_change_required: bool,
    /// Send this in the `X-CSRF-Token` header of every state-changing request. It changes when
    /// the session becomes active.
    pub csrf_token: String,
}

/// The password again, before a second factor is added or removed
/// (`reauthenticate_staff`).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct StaffReauthenticationRequest {
    pub password: String,
}

impl fmt::Debug for StaffReauthenticationRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaffReauthenticationRequest(<redacted>)")
    }
}

/// "Parolayı değiştir".
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ChangeStaffPasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

impl fmt::Debug for ChangeStaffPasswordRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChangeStaffPasswordRequest(<redacted>)")
    }
}

// ---------------------------------------------------------------- accounts (operator)

/// A staff account as the operator sees it: never a password hash or a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffAccount {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: StaffRoleKind,
    pub institution_id: Option<String>,
    pub institution_name: Option<String>,
    pub totp_enrolled: bool,
    /// Locked after too many failed logins; an operator unlocks it.
    pub locked: bool,
    /// Failed logins in a row since the last successful one.
    pub consecutive_failures: u32,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    /// Disabled by an operator: no login, no session.
    pub disabled: bool,
    /// The password was set by an operator and has not been changed by its owner yet.
    #[serde(default)]
    pub password_change_required: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct StaffAccountList {
    pub accounts: Vec<StaffAccount>,
}

/// A new officer (with their institution) or operator (without).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CreateStaffAccountRequest {
    #[cfg_attr(feature = "server", schema(example = "ayse.yilmaz"))]
    pub username: String,
    #[cfg_attr(feature = "server", schema(example = "Ayşe Yılmaz"))]
    pub display_name: String,
    pub email: Option<String>,
    /// `officer` or `operator`.
    #[cfg_attr(feature = "server", schema(example = "officer"))]
    pub role: String,
    /// Required for an officer, refused for an operator.
    pub institution_id: Option<String>,
}

/// The account and its initial password, shown this once: the person changes it after their
/// first login.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreatedStaffAccount {
    pub account: StaffAccount,
    pub initial_password: String,
}

impl fmt::Debug for CreatedStaffAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreatedStaffAccount")
            .field("account", &self.account)
            .field("initial_password", &"<redacted>")
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_needs_twelve_characters_and_no_composition() {
        assert_eq!(
            password_problem("ali", "kısa parola"),
            Some("password_too_short")
        );
        assert_eq!(password_problem("ali", "uzun bir parola cümlesi"), None);
        assert_eq!(password_problem("ali", "aaaaaaaaaaaa"), None);
        assert_eq!(password_problem("ali", ""), Some("required"));
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        // 12 characters, 24 bytes.
        assert_eq!(password_problem("ali", "ğğğğğğğğğğğğ"), None);
        assert_eq!(
            password_problem("ali", "ğğğğğğğğğğğ"),
            Some("password_too_short")
        );
    }

    #[test]
    fn a_passphrase_may_be_long_but_not_endless() {
        assert_eq!(password_problem("ali", &"a".repeat(128)), None);
        assert_eq!(
            password_problem("ali", &"a".repeat(129)),
            Some("password_too_long")
        );
    }

    #[test]
    fn the_user_name_is_not_a_password() {
        assert_eq!(
            password_problem("ayse.yilmaz.01", "Ayse.Yilmaz.01"),
            Some("password_is_username")
        );
    }

    #[test]
    fn user_names_are_short_plain_and_lower_case() {
        assert_eq!(normalise_username("  Ayse.Yilmaz "), "ayse.yilmaz");
        assert_eq!(username_problem("ayse.yilmaz"), None);
        assert_eq!(username_problem("op-1_x"), None);
        assert_eq!(username_problem("ab"), Some("too_short"));
        assert_eq!(username_problem(""), Some("required"));
        assert_eq!(username_problem(&"a".repeat(65)), Some("too_long"));
        for bad in ["ayşe", "a b c", "a:b", ".ayse", "ayse@kurum"] {
            assert_eq!(username_problem(bad), Some("invalid_characters"), "{bad}");
        }
    }

    #[test]
    fn a_secret_is_grouped_by_four_for_typing() {
        assert_eq!(group_secret("ABCDEFGHIJ"), "ABCD EFGH IJ");
        assert_eq!(group_secret("AB CD"), "ABCD");
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let login = StaffLoginRequest {
            username: "ali".into(),
            password: "çok gizli parola".into(),
        };
        assert!(!format!("{login:?}").contains("gizli"));
        let code = TotpCodeRequest {
            code: "123456".into(),
        };
        assert!(!format!("{code:?}").contains("123456"));
        let enrolment = TotpEnrolment {
            secret: "JBSWY3DPEHPK3PXP".into(),
            otpauth_uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP".into(),
            qr_svg: String::new(),
        };
        assert!(!format!("{enrolment:?}").contains("JBSWY3DPEHPK3PXP"));
    }

    #[test]
    fn each_role_has_its_home() {
        assert_eq!(StaffRoleKind::Officer.home_path(), "/kurum/basvurular");
        assert_eq!(StaffRoleKind::Operator.home_path(), "/kamusm/basvurular");
        assert_eq!(
            StaffRoleKind::parse("operator"),
            Some(StaffRoleKind::Operator)
        );
        assert_eq!(StaffRoleKind::parse("admin"), None);
    }
}
