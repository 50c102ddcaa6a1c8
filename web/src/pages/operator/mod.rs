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

use crate::pages::staff::load_error::StaffLoadError;

use crate::api::{self, ApiError};
use crate::app::use_nav;
use crate::i18n::T;
use crate::pages::officer::login_needed;
use crate::state::{tx, use_i18n, Crumb};

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

/// The operator area's own menu; the current page is marked for assistive technology.
#[component]
pub fn OperatorNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, text: T| {
        view! {
            <li>
                <a
                    class="officer-nav-link"
                    href=href
                    aria-current=(href == current).then_some("page")
                >
                    {tx(text)}
                </a>
            </li>
        }
    };
    view! {
        <nav class="officer-nav" aria-label=tx(T::OperatorNavLabel)>
            <ul>
                {link(APPLICATIONS_PATH, T::OperatorApplicationsTitle)}
                {link(INSTITUTIONS_PATH, T::OperatorInstitutionsTitle)}
                {link(STAFF_PATH, T::OperatorNavStaff)}
                {link(PAYMENT_CALLBACKS_PATH, T::OperatorPaymentCallbacksTitle)}
            </ul>
        </nav>
    }
}

/// Shown instead of an operator page whose data could not be loaded (it carries the `h1`):
/// a missing staff session goes to the login; anything else says what went wrong.
#[component]
pub fn OperatorLoadError(
    error: ApiError,
    /// Where "back" leads: the list the page belongs to.
    back: (T, &'static str),
    #[prop(optional)] retry: Option<Callback<()>>,
) -> impl IntoView {
    view! { <StaffLoadError error not_found=(T::NotFoundTitle, T::OperatorNotFound) back retry /> }
}

/// A failed action above the part of the page it belongs to; receives focus. A lost staff
/// session goes to the login instead.
#[component]
pub fn OperatorErrorBox(
    error: RwSignal<Option<ApiError>>,
    #[prop(into)] id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    Effect::new(move |_| {
        if let Some(path) = error.get().as_ref().and_then(login_needed) {
            nav.replace(path);
        }
    });
    move || {
        error.get().map(|e| {
            let heading = if e.is_server_error() {
                T::ServerErrorTitle
            } else if e == ApiError::Network {
                T::NetworkTitle
            } else {
                T::ErrorSummaryTitle
            };
            let detail = e.detail();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" id=id.clone()>
                    <h2 class="error-summary-title">{tx(heading)}</h2>
                    <p>{move || e.message(i18n.lang())}</p>
                    {detail
                        .map(|detail| {
                            view! {
                                <p class="detail">
                                    <span class="detail-label">{tx(T::ErrorDetail)}</span>
                                    " "
                                    <span lang="en">{detail}</span>
                                </p>
                            }
                        })}
                </div>
            }
        })
    }
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
