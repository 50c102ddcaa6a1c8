//! The menu of a staff area (the officer's, the operator's); the current page is marked for
//! assistive technology.

use leptos::prelude::*;

use crate::i18n::T;
use crate::state::tx;

#[component]
pub fn AreaNav(
    /// Names the menu for screen readers.
    label: T,
    /// The path of the page showing the menu.
    current: &'static str,
    links: &'static [(&'static str, T)],
) -> impl IntoView {
    let items = links
        .iter()
        .map(|&(href, text)| {
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
        })
        .collect_view();
    view! {
        <nav class="officer-nav" aria-label=tx(label)>
            <ul>{items}</ul>
        </nav>
    }
}
