//! How somebody logged in: what the audit trail and the login metrics call each way.

/// How somebody logged in. The staff login has steps: the password, then the second factor
/// (a TOTP code, the code that confirms TOTP enrolment at the first login, or a passkey).
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub enum LoginMethod {
    EDevlet,
    EImza,
    Passkey,
    StaffPassword,
    StaffTotp,
    StaffTotpEnrolment,
    StaffPasskey,
}

impl LoginMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginMethod::EDevlet => "e_devlet",
            LoginMethod::EImza => "e_imza",
            LoginMethod::Passkey => "passkey",
            LoginMethod::StaffPassword => "staff_password",
            LoginMethod::StaffTotp => "staff_totp",
            LoginMethod::StaffTotpEnrolment => "staff_totp_enrolment",
            LoginMethod::StaffPasskey => "staff_passkey",
        }
    }
}
