//! The screens of the institution's e-signature officer (kurum e-İmza sorumlusu) under
//! `/kurum/…`: the institution's applications with filters, one application (timeline,
//! notification e-mail again, cancel), one new pre-application, and the CSV import.
//!
//! They run on the staff session (its own cookie and CSRF token): a 401 leads to the staff
//! login, never to the applicant's "session ended" page.

pub mod application;
pub mod applications;
pub mod create;
pub mod import;
pub mod messages;
pub mod webhooks;

use crate::texts::S;
use leptos::prelude::*;

use crate::components::area_nav::AreaNav;
use crate::components::feedback::ErrorView;
use shared::problem::ErrorCode;

use crate::api::{self, ApiError};
use crate::i18n::T;
use crate::state::Crumb;

pub const LIST_PATH: &str = "/kurum/basvurular";
pub const CREATE_PATH: &str = "/kurum/on-basvuru";
pub const IMPORT_PATH: &str = "/kurum/toplu-yukleme";
/// Linked from the e-mail sent when an endpoint is disabled: a contract.
pub const WEBHOOKS_PATH: &str = "/kurum/webhooklar";
use crate::pages::staff::session::{
    FIRST_LOGIN_PASSWORD_PATH, LOGIN_PATH as STAFF_LOGIN_PATH,
    SECOND_FACTOR_PATH as STAFF_SECOND_FACTOR_PATH,
};

/// `/kurum/basvurular/{id}`.
pub fn application_path(id: &str) -> String {
    format!("{LIST_PATH}/{}", api::segment(id))
}

/// Home, the officer's list, then the current page.
pub fn officer_trail(here: T) -> Vec<Crumb> {
    vec![
        Crumb::link(T::ServiceName, "/"),
        Crumb::link(S::OfficerApplicationsTitle, LIST_PATH),
        Crumb::here(here),
    ]
}

/// Where a failed staff call leads, if it needs a login step first: no session → the login;
/// the password done but not the second factor → that step; a password set by an operator
/// → its change.
pub fn login_needed(error: &ApiError) -> Option<&'static str> {
    match error {
        ApiError::Unauthenticated => Some(STAFF_LOGIN_PATH),
        ApiError::Problem(p) if p.code == ErrorCode::SecondFactorRequired => {
            Some(STAFF_SECOND_FACTOR_PATH)
        }
        ApiError::Problem(p) if p.code == ErrorCode::PasswordChangeRequired => {
            Some(FIRST_LOGIN_PASSWORD_PATH)
        }
        _ => None,
    }
}

/// The area's menu, in order.
const OFFICER_MENU: &[(&str, T)] = &[
    (LIST_PATH, S::OfficerApplicationsTitle),
    (CREATE_PATH, S::OfficerCreateTitle),
    (IMPORT_PATH, S::OfficerImportTitle),
    (WEBHOOKS_PATH, S::WebhooksTitle),
];

/// The officer area's own menu; the current page is marked for assistive technology.
#[component]
pub fn OfficerNav(current: &'static str) -> impl IntoView {
    view! {
        <AreaNav
            label=S::OfficerNavLabel
            current
            links=OFFICER_MENU
        />
    }
}

/// Shown instead of an officer page whose data could not be loaded (it carries the `h1`):
/// a missing staff session goes to the login; anything else says what went wrong.
#[component]
pub fn OfficerLoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    view! {
        <ErrorView
            error
            not_found=(T::ApplicationNotFoundTitle, S::OfficerApplicationNotFound)
            back=(S::OfficerBackToList, LIST_PATH)
            retry
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::problem::Problem;

    #[test]
    fn a_missing_staff_session_leads_to_the_staff_login_not_the_applicants_page() {
        assert_eq!(
            login_needed(&ApiError::Unauthenticated),
            Some(STAFF_LOGIN_PATH)
        );
        let half = ApiError::Problem(Problem::new(ErrorCode::SecondFactorRequired, ""));
        assert_eq!(login_needed(&half), Some(STAFF_SECOND_FACTOR_PATH));
        let given = ApiError::Problem(Problem::new(ErrorCode::PasswordChangeRequired, ""));
        assert_eq!(login_needed(&given), Some(FIRST_LOGIN_PASSWORD_PATH));
        let forbidden = ApiError::Problem(Problem::new(ErrorCode::Forbidden, ""));
        assert_eq!(login_needed(&forbidden), None);
    }

    #[test]
    fn application_paths_keep_the_id_in_one_segment() {
        assert_eq!(application_path("a/b"), "/kurum/basvurular/a%2Fb");
    }
}
