//! Any path the app does not know. A link to the other app (the router catches every link
//! on the origin) ends here too: that one is loaded as a new document instead.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::T;
use crate::nav::{load_document, OwnPaths};
use crate::state::{set_page, tx, Crumb};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let location = use_location();
    let OwnPaths(owns) = expect_context::<OwnPaths>();
    let path = location.pathname.get_untracked();
    if !owns(&path) {
        // From the router, which knows the address before the location bar shows it.
        let search = location.search.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let href = format!("{path}{query}{}", location.hash.get_untracked());
        // In place of the router's history entry if it made one already (Back then leads
        // to the page before, not to this detour).
        let shown = window().location().pathname().ok();
        load_document(&href, shown.as_deref() == Some(path.as_str()));
        return ().into_any();
    }
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
    .into_any()
}
