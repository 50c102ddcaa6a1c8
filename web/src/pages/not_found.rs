//! Any path the app does not know.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_page(
        T::NotFoundTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(T::NotFoundTitle),
        ],
    );
    view! {
        <h1>{tx(T::NotFoundTitle)}</h1>
        <p class="lead">{tx(T::NotFoundText)}</p>
        <p>
            <a href="/">{tx(T::GoHome)}</a>
        </p>
    }
}
