//! The frame of every page: skip link, header (brand, the app's tools, language switch),
//! breadcrumbs and footer.

use leptos::prelude::*;

use crate::i18n::T;
use crate::nav::{focus_by_id, MAIN_ID};
use crate::state::{tx, use_i18n, PageMeta};

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href=format!("#{MAIN_ID}")
            on:click=|ev| {
                ev.prevent_default();
                focus_by_id(MAIN_ID);
            }
        >
            {tx(T::SkipLink)}
        </a>
    }
}

/// The brand, the app's own tools (who is logged in, logout) and the language switch.
#[component]
pub fn Header(tools: ViewFn) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <a href="/" class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{tx(T::Brand)}</span>
                    <span class="service-name">{tx(T::ServiceName)}</span>
                </a>
                <div class="header-tools">
                    {tools.run()}
                    <button
                        type="button"
                        class="header-button lang-switch"
                        lang=move || i18n.lang().other().code()
                        on:click=move |_| i18n.set(i18n.lang().other())
                    >
                        {move || i18n.lang().switch_label()}
                    </button>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let i18n = use_i18n();
    let meta = expect_context::<PageMeta>();
    view! {
        <Show when=move || !meta.trail.read().is_empty()>
            <nav class="breadcrumbs container" aria-label=tx(T::BreadcrumbLabel)>
                <ol>
                    {move || {
                        meta.trail
                            .get()
                            .into_iter()
                            .map(|crumb| match crumb.href {
                                Some(href) => {
                                    view! {
                                        <li>
                                            <a href=href>{move || i18n.t(crumb.label)}</a>
                                        </li>
                                    }
                                        .into_any()
                                }
                                None => {
                                    view! {
                                        <li aria-current="page">{move || i18n.t(crumb.label)}</li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </nav>
        </Show>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{tx(T::FooterLabel)}</p>
                <p>{tx(T::FooterCallCentre)}</p>
                <p>
                    <a href="/personel/giris">{tx(T::FooterStaffLink)}</a>
                </p>
            </div>
        </footer>
    }
}
