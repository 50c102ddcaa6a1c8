//! The staff session as the browser app knows it (its own cookie and CSRF token, apart from
//! the applicant's), and where each stage of the staff login leads.

use leptos::prelude::*;
use shared::api::staff::{StaffSessionInfo, StaffSessionStage};

use crate::api::{self, hints, ApiError};

pub const LOGIN_PATH: &str = "/personel/giris";
pub const SECOND_FACTOR_PATH: &str = "/personel/dogrulama";
pub const ENROLMENT_PATH: &str = "/personel/dogrulama-kurulumu";
pub const PASSWORD_PATH: &str = "/personel/parola";
/// The password page offered right after the first login (`ilk=1`).
pub const FIRST_LOGIN_PASSWORD_PATH: &str = "/personel/parola?ilk=1";

#[derive(Debug, Clone, PartialEq)]
pub enum StaffSessionState {
    /// Not asked yet.
    Unknown,
    Known(StaffSessionInfo),
    /// No staff session (or it has ended).
    Absent,
}

/// Provided by the app; the staff pages and the header read it.
#[derive(Debug, Clone, Copy)]
pub struct StaffSession {
    pub state: RwSignal<StaffSessionState>,
}

impl StaffSession {
    pub fn new() -> StaffSession {
        StaffSession {
            state: RwSignal::new(StaffSessionState::Unknown),
        }
    }

    /// The staff member logged in, if known (tracked).
    pub fn info(&self) -> Option<StaffSessionInfo> {
        match self.state.get() {
            StaffSessionState::Known(info) => Some(info),
            _ => None,
        }
    }

    /// Asks the API; a 401 means no session.
    pub async fn load(self) -> Result<StaffSessionInfo, ApiError> {
        // Without the hint there is no session to ask about, and the question would only be
        // answered by a 401 (an error in every browser's console).
        if !hints::present(hints::STAFF_SESSION) {
            self.state.set(StaffSessionState::Absent);
            return Err(ApiError::Unauthenticated);
        }
        let result = api::staff::session().await;
        match &result {
            Ok(info) => self.state.set(StaffSessionState::Known(info.clone())),
            Err(ApiError::Unauthenticated) => {
                hints::forget(hints::STAFF_SESSION);
                self.state.set(StaffSessionState::Absent);
            }
            // Unknown stays unknown: the next page asks again.
            Err(_) => {}
        }
        result
    }

    /// The session changed (second factor done): its new id has a new CSRF token.
    pub fn set(&self, info: StaffSessionInfo) {
        self.state.set(StaffSessionState::Known(info));
    }

    /// Logged out, or a 401 arrived.
    pub fn ended(&self) {
        self.state.set(StaffSessionState::Absent);
    }

    /// A new login began: what was known is stale.
    pub fn forget(&self) {
        self.state.set(StaffSessionState::Unknown);
    }

    /// The CSRF token for a state-changing call, asking the API if it is not known yet.
    pub async fn csrf(self) -> Result<String, ApiError> {
        if let Some(StaffSessionState::Known(info)) = self.state.try_get_untracked() {
            return Ok(info.csrf_token);
        }
        self.load().await.map(|info| info.csrf_token)
    }
}

impl Default for StaffSession {
    fn default() -> Self {
        StaffSession::new()
    }
}

/// The app provides one; a page rendered without it gets one of its own.
pub fn use_staff_session() -> StaffSession {
    use_context::<StaffSession>().unwrap_or_else(|| {
        let session = StaffSession::new();
        provide_context(session);
        session
    })
}

/// Where a staff member belongs now: the second-factor step that is due, the password
/// change an operator's password calls for, else their home (the officer's or the
/// operator's list).
pub fn next_path(info: &StaffSessionInfo) -> &'static str {
    match (info.stage, info.totp_enrolled) {
        (StaffSessionStage::Active, _) if info.password_change_required => {
            FIRST_LOGIN_PASSWORD_PATH
        }
        (StaffSessionStage::Active, _) => info.role.home_path(),
        (StaffSessionStage::PasswordOk, true) => SECOND_FACTOR_PATH,
        (StaffSessionStage::PasswordOk, false) => ENROLMENT_PATH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::staff::StaffRoleKind;

    fn info(role: StaffRoleKind, stage: StaffSessionStage, enrolled: bool) -> StaffSessionInfo {
        StaffSessionInfo {
            id: "s".into(),
            username: "u".into(),
            display_name: "U".into(),
            role,
            institution_id: None,
            institution_name: None,
            stage,
            totp_enrolled: enrolled,
            passkey_available: false,
            password_change_required: false,
            csrf_token: "t".into(),
        }
    }

    #[test]
    fn an_active_session_goes_home_by_role() {
        let officer = info(StaffRoleKind::Officer, StaffSessionStage::Active, true);
        assert_eq!(next_path(&officer), "/kurum/basvurular");
        let operator = info(StaffRoleKind::Operator, StaffSessionStage::Active, true);
        assert_eq!(next_path(&operator), "/kamusm/basvurular");
    }

    #[test]
    fn a_password_set_by_an_operator_is_changed_first() {
        let mut given = info(StaffRoleKind::Officer, StaffSessionStage::Active, true);
        given.password_change_required = true;
        assert_eq!(next_path(&given), FIRST_LOGIN_PASSWORD_PATH);
    }

    #[test]
    fn after_the_password_comes_the_code_or_the_enrolment() {
        let enrolled = info(StaffRoleKind::Officer, StaffSessionStage::PasswordOk, true);
        assert_eq!(next_path(&enrolled), SECOND_FACTOR_PATH);
        let first = info(StaffRoleKind::Officer, StaffSessionStage::PasswordOk, false);
        assert_eq!(next_path(&first), ENROLMENT_PATH);
    }
}
