//! The Kamu SM operator's screens under `/kamusm/…`: institutions and their API keys, the
//! applications of every institution, and one application (payment, production, shipping,
//! audit trail).
//!
//! They run on the staff session (its own cookie and CSRF token): a 401 leads to the staff
//! login, never to the applicant's "session ended" page.

pub mod application;
pub mod applications;
pub mod institution;
pub mod institutions;
pub mod messages;
pub mod payment;
pub mod payment_callbacks;
pub mod webhooks;

use leptos::prelude::*;

use crate::components::area_nav::AreaNav;
use crate::components::feedback::ErrorView;

use crate::api::{self, ApiError};
use crate::i18n::T;
use crate::state::Crumb;
use crate::texts::S;

pub const INSTITUTIONS_PATH: &str = "/kamusm/kurumlar";
pub const APPLICATIONS_PATH: &str = "/kamusm/basvurular";
pub const STAFF_PATH: &str = "/kamusm/personel";
pub const PAYMENT_CALLBACKS_PATH: &str = "/kamusm/odeme-bildirimleri";

/// `/kamusm/kurumlar/{id}`.
pub fn institution_path(id: &str) -> String {
    format!("{INSTITUTIONS_PATH}/{}", api::segment(id))
}

/// `/kamusm/basvurular/{id}`.
pub fn application_path(id: &str) -> String {
    format!("{APPLICATIONS_PATH}/{}", api::segment(id))
}

/// Home, an operator list, then the current page.
pub fn operator_trail(list: (T, &'static str), here: T) -> Vec<Crumb> {
    vec![
        Crumb::link(T::ServiceName, "/"),
        Crumb::link(list.0, list.1),
        Crumb::here(here),
    ]
}

/// The staff session's CSRF token for a state-changing call.
pub async fn staff_csrf() -> Result<String, ApiError> {
    api::operator::staff_session().await.map(|s| s.csrf_token)
}

/// The area's menu, in order.
const OPERATOR_MENU: &[(&str, T)] = &[
    (APPLICATIONS_PATH, S::OperatorApplicationsTitle),
    (INSTITUTIONS_PATH, S::OperatorInstitutionsTitle),
    (STAFF_PATH, S::StaffAccounts),
    (PAYMENT_CALLBACKS_PATH, S::PaymentCallbacks),
];

/// The operator area's own menu; the current page is marked for assistive technology.
#[component]
pub fn OperatorNav(current: &'static str) -> impl IntoView {
    view! {
        <AreaNav
            label=S::OperatorNavLabel
            current
            links=OPERATOR_MENU
        />
    }
}

/// Shown instead of an operator page whose data could not be loaded (it carries the `h1`):
/// a missing staff session goes to the login; anything else says what went wrong.
#[component]
pub fn OperatorLoadError(
    error: ApiError,
    /// Where "back" leads: the list the page belongs to.
    back: (T, &'static str),
    retry: Callback<()>,
) -> impl IntoView {
    view! { <ErrorView error not_found=(T::NotFoundTitle, S::OperatorNotFound) back retry /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_the_id_in_one_segment() {
        assert_eq!(application_path("a/b"), "/kamusm/basvurular/a%2Fb");
        assert_eq!(institution_path("x y"), "/kamusm/kurumlar/x%20y");
    }
}
