//! The staff login and the staff member's own account: password, then a TOTP code (or
//! enrolment of the authenticator app on the first login; a passkey is under
//! `routes::passkeys::staff`), the session, logout, the password change and typing the
//! password again before a second factor changes.

pub mod change_password;
pub mod confirm_totp_enrolment;
pub mod get_session;
pub mod login;
pub mod logout;
pub mod reauthenticate;
pub mod start_totp_enrolment;
pub mod verify_totp;

use actix_web::{http::header, HttpResponse};
use shared::api::staff::{field, StaffSessionInfo, StaffSessionStage};
use shared::form::FieldErrors;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::staff::staff_session_cookie;
use crate::error::ApiError;
use crate::staff::totp;
use crate::state::AppState;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(login::staff_login)
        .service(verify_totp::verify_staff_totp)
        .service(start_totp_enrolment::start_totp_enrolment)
        .service(confirm_totp_enrolment::confirm_totp_enrolment)
        .service(get_session::get_staff_session)
        .service(logout::staff_logout)
        .service(change_password::change_staff_password)
        .service(reauthenticate::reauthenticate_staff);
}

/// Six digits (spaces and hyphens allowed), else `422` with `code: totp_code_format`.
fn parse_code(typed: &str) -> Result<String, ApiError> {
    totp::normalise_code(typed).ok_or_else(|| {
        let mut fields = FieldErrors::new();
        fields.add(field::CODE, "totp_code_format");
        ApiError::Validation(fields)
    })
}

/// The answer to a completed second factor: the new session id in the cookie, and the
/// session as it now is (active, with the CSRF token of the new id).
fn active_session_response(
    state: &AppState,
    raw_id: String,
    mut info: StaffSessionInfo,
) -> HttpResponse {
    info.stage = StaffSessionStage::Active;
    info.totp_enrolled = true;
    info.csrf_token = state.config.secrets.csrf_token(&raw_id);
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(staff_session_cookie(raw_id, &state.config))
        .cookie(crate::auth::hints::staff_session_hint(&state.config))
        .json(info)
}
