//! `/oturum-sona-erdi`: where every 401 leads.

use leptos::prelude::*;

use crate::api::EDEVLET_LOGIN_URL;
use crate::i18n::T;
use crate::state::{set_page, tx, use_session, Crumb};

#[component]
pub fn SessionExpiredPage() -> impl IntoView {
    use_session().ended();
    set_page(
        T::SessionExpiredTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(T::SessionExpiredTitle),
        ],
    );
    view! {
        <h1>{tx(T::SessionExpiredTitle)}</h1>
        <p class="lead">{tx(T::SessionExpiredText)}</p>
        <p>
            <a class="button button-start" href=EDEVLET_LOGIN_URL rel="external">
                {tx(T::LoginAgain)}
            </a>
        </p>
    }
}
