//! Typed calls of the staff area: the staff login (password, then TOTP or enrolment), the
//! staff session, the password change, and the operator's staff accounts. The staff session
//! cookie travels by itself; state-changing calls carry its CSRF token.

use gloo_net::http::Request;
use shared::api::staff::{
    ChangeStaffPasswordRequest, CreateStaffAccountRequest, CreatedStaffAccount, StaffAccount,
    StaffAccountList, StaffLoginRequest, StaffLoginResponse, StaffSessionInfo, TotpCodeRequest,
    TotpEnrolment,
};

use super::{get_json, json, prepare, segment, send, ApiError};

/// `staff_login`: user name and password; a session in stage `password_ok` on success.
pub async fn log_in(username: &str, password: &str) -> Result<StaffLoginResponse, ApiError> {
    let body = StaffLoginRequest {
        username: username.to_owned(),
        password: password.to_owned(),
    };
    json(send(prepare(Request::post("/api/staff/session"), None).json(&body)).await?).await
}

/// `get_staff_session`: who is logged in, the stage and the CSRF token.
pub async fn session() -> Result<StaffSessionInfo, ApiError> {
    get_json("/api/staff/session").await
}

/// `verify_staff_totp`: the code of the authenticator app; the session becomes active (new
/// CSRF token in the answer).
pub async fn verify_totp(code: &str, csrf: &str) -> Result<StaffSessionInfo, ApiError> {
    let body = TotpCodeRequest {
        code: code.to_owned(),
    };
    json(send(prepare(Request::post("/api/staff/session/totp"), Some(csrf)).json(&body)).await?)
        .await
}

/// `start_totp_enrolment`: a new secret, its URI and its QR code.
pub async fn start_totp_enrolment(csrf: &str) -> Result<TotpEnrolment, ApiError> {
    json(send(prepare(Request::post("/api/staff/totp-enrolment"), Some(csrf)).build()).await?).await
}

/// `confirm_totp_enrolment`: a code of the new secret; the session becomes active.
pub async fn confirm_totp_enrolment(code: &str, csrf: &str) -> Result<StaffSessionInfo, ApiError> {
    let body = TotpCodeRequest {
        code: code.to_owned(),
    };
    let request = prepare(
        Request::post("/api/staff/totp-enrolment/confirmation"),
        Some(csrf),
    );
    json(send(request.json(&body)).await?).await
}

/// `staff_logout`.
pub async fn log_out(csrf: &str) -> Result<(), ApiError> {
    send(prepare(Request::post("/api/staff/session/logout"), Some(csrf)).build()).await?;
    Ok(())
}

/// `change_staff_password`.
pub async fn change_password(current: &str, new: &str, csrf: &str) -> Result<(), ApiError> {
    let body = ChangeStaffPasswordRequest {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    send(prepare(Request::put("/api/staff/password"), Some(csrf)).json(&body)).await?;
    Ok(())
}

// ---------------------------------------------------------------- accounts (operator)

/// `list_staff_accounts`.
pub async fn accounts() -> Result<StaffAccountList, ApiError> {
    get_json("/api/operator/staff").await
}

/// `create_staff_account`: the answer carries the initial password, this once.
pub async fn create_account(
    request: &CreateStaffAccountRequest,
    csrf: &str,
) -> Result<CreatedStaffAccount, ApiError> {
    json(send(prepare(Request::post("/api/operator/staff"), Some(csrf)).json(request)).await?).await
}

/// `unlock_staff_account`, `disable_staff_account`, `enable_staff_account` or
/// `reset_staff_second_factor`: `action` is the last part of the route.
pub async fn account_action(id: &str, action: &str, csrf: &str) -> Result<StaffAccount, ApiError> {
    let path = format!("/api/operator/staff/{}/{action}", segment(id));
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}

/// `reset_staff_password`: the answer carries the new initial password, this once.
pub async fn reset_password(id: &str, csrf: &str) -> Result<CreatedStaffAccount, ApiError> {
    let path = format!("/api/operator/staff/{}/password/reset", segment(id));
    json(send(prepare(Request::post(&path), Some(csrf)).build()).await?).await
}
