//! The applicant's part of the page header: who is logged in and "Çıkış".

use leptos::prelude::*;
use web::api::{self, ApiError};
use web::i18n::T;
use web::nav::use_nav;
use web::state::{tx, use_i18n, use_session};

#[component]
pub fn PersonTools() -> impl IntoView {
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
        {person}
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
