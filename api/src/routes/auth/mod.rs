//! Login with e-Devlet, the session, logout. The two login routes are browser navigations,
//! so they answer with redirects, never with JSON: success goes to the SPA's
//! "Başvuru İşlemleri" page, failure to `/?giris_hatasi=<code>`.

pub mod finish_edevlet_login;
pub mod get_session;
pub mod logout;
pub mod start_edevlet_login;

use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};
use shared::problem::ErrorCode;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiError;

/// The SPA page a successful login lands on.
pub const AFTER_LOGIN: &str = "/basvuru-islemleri";
/// The query parameter carrying a failed login's code to the SPA's home page.
pub const LOGIN_ERROR_PARAM: &str = "giris_hatasi";

/// Routes under `/api`.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(start_edevlet_login::start_edevlet_login)
        .service(finish_edevlet_login::finish_edevlet_login)
        .service(get_session::get_session)
        .service(logout::logout);
}

fn see_other(location: &str) -> HttpResponseBuilder {
    let mut response = HttpResponse::SeeOther();
    response
        .insert_header((header::LOCATION, location.to_owned()))
        .insert_header((header::CACHE_CONTROL, "no-store"));
    response
}

/// The code the SPA shows for a failed login: only two, whatever the cause, so the page
/// can say either "try again" or "e-Devlet is not answering".
pub fn login_error_code(error: &ApiError) -> ErrorCode {
    match error.code() {
        ErrorCode::IdentityProviderUnavailable => ErrorCode::IdentityProviderUnavailable,
        _ => ErrorCode::LoginFailed,
    }
}

/// Logs why a login failed (never codes or tokens: the texts of `ApiError::LoginFailed`
/// and `IdentityProviderUnavailable` hold none) and sends the browser home.
fn login_failed(error: &ApiError) -> HttpResponseBuilder {
    let code = login_error_code(error);
    match error {
        ApiError::LoginFailed(_) => tracing::warn!(reason = %error, "e-Devlet login failed"),
        _ => tracing::error!(reason = %error, "e-Devlet login failed"),
    }
    see_other(&format!("/?{LOGIN_ERROR_PARAM}={code}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_login_names_one_of_two_codes() {
        assert_eq!(
            login_error_code(&ApiError::LoginFailed("x")),
            ErrorCode::LoginFailed
        );
        assert_eq!(
            login_error_code(&ApiError::IdentityProviderUnavailable("x".into())),
            ErrorCode::IdentityProviderUnavailable
        );
        assert_eq!(
            login_error_code(&ApiError::Internal("x".into())),
            ErrorCode::LoginFailed
        );
    }
}
