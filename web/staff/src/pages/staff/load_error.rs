//! Shown instead of an officer's or operator's page whose data could not be loaded (it
//! carries the `h1`): a missing staff session, or one still waiting for its second factor,
//! goes to that step of the login; anything else says what went wrong.

use leptos::prelude::*;

use super::session::use_staff_session;
use crate::api::ApiError;
use crate::components::feedback::error_title;
use crate::i18n::T;
use crate::nav::{use_nav, ErrorTitle};
use crate::pages::officer::login_needed;
use crate::state::{tx, use_i18n};

#[component]
pub fn StaffLoadError(
    error: ApiError,
    /// Title and text when what was asked for does not exist (or is another institution's).
    not_found: (T, T),
    /// Where "back" leads: the list the page belongs to.
    back: (T, &'static str),
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(path) = login_needed(&error) {
        let (nav, staff) = (use_nav(), use_staff_session());
        Effect::new(move |_| {
            staff.forget();
            nav.replace(path);
        });
    }
    let is_not_found = error.is_not_found();
    let title = if is_not_found {
        not_found.0
    } else {
        error_title(&error)
    };
    let ErrorTitle(document_error) = expect_context::<ErrorTitle>();
    document_error.set(Some(title));
    on_cleanup(move || {
        document_error.try_set(None);
    });
    let offer_retry = matches!(error, ApiError::Network) || error.is_server_error();
    let detail = error.detail();
    view! {
        <div class="error-page">
            <h1>{tx(title)}</h1>
            <p class="lead">
                {move || {
                    if is_not_found {
                        i18n.t(not_found.1).to_owned()
                    } else {
                        error.message(i18n.lang())
                    }
                }}
            </p>
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
            {retry
                .filter(|_| offer_retry)
                .map(|retry| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {tx(T::Retry)}
                        </button>
                    }
                })}
            <p>
                <a href=back.1>{tx(back.0)}</a>
            </p>
        </div>
    }
}
