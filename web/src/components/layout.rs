//! The frame of every page: skip link, header (brand, language switch, person and logout),
//! breadcrumbs and footer.

use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::app::{focus_by_id, use_nav, MAIN_ID};
use crate::i18n::T;
use crate::state::{tx, use_i18n, use_session, PageMeta};

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

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let nav = use_nav();
    let logout_error = RwSignal::new(None::<ApiError>);
    let logging_out = RwSignal::new(false);

    let logout = move |_| {
        logging_out.set(true);
        logout_error.set(None);
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(token) => api::logout(&token).await,
                Err(e) => Err(e),
            };
            logging_out.set(false);
            match result {
                // Already logged out counts as done.
                Ok(()) | Err(ApiError::Unauthenticated) => {
                    session.ended();
                    nav.go("/");
                }
                Err(e) => logout_error.set(Some(e)),
            }
        });
    };

    let person = move || {
        session.info().map(|info| {
            view! {
                <p class="person">
                    <span class="visually-hidden">{tx(T::LoggedInAs)} ": "</span>
                    {format!("{} {}", info.first_name, info.last_name)}
                </p>
                <button
                    type="button"
                    class="header-button"
                    disabled=move || logging_out.get()
                    on:click=logout
                >
                    {tx(T::Logout)}
                </button>
            }
        })
    };

    view! {
        <header class="site-header">
            <div class="container header-inner">
                <a href="/" class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">{tx(T::Brand)}</span>
                    <span class="service-name">{tx(T::ServiceName)}</span>
                </a>
                <div class="header-tools">
                    <crate::pages::staff::header::StaffHeaderTools />
                    {person}
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
        {move || {
            logout_error
                .get()
                .map(|e| {
                    view! {
                        <div class="container">
                            <div class="error-box" role="alert">
                                <p>
                                    <strong>{tx(T::LogoutFailed)}</strong>
                                    " "
                                    {move || e.message(i18n.lang())}
                                </p>
                            </div>
                        </div>
                    }
                })
        }}
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
