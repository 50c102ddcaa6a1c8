//! `/`: "Online İşlemler", the way in: e-Devlet, e-İmza (with the signing application) or a
//! passkey.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::e_imza_login::EImzaLogin;
use crate::api::EDEVLET_LOGIN_URL;
use crate::components::passkey_login::PasskeyLogin;
use crate::i18n::messages::login_error_message;
use crate::i18n::T;
use crate::nav::use_nav;
use crate::state::{set_page, tx, use_i18n, use_session, Crumb, SessionState};

/// The query parameter the API adds after a failed login.
pub const LOGIN_ERROR_PARAM: &str = "giris_hatasi";

#[component]
pub fn LandingPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let nav = use_nav();
    set_page(T::ServiceName, vec![Crumb::here(T::ServiceName)]);

    // Someone already logged in goes on to the menu.
    Effect::new(move |_| {
        if matches!(session.state.get(), SessionState::Active(_)) {
            nav.replace("/nes-islemleri");
        }
    });

    let query = use_query_map();
    let login_error = move || query.read().get(LOGIN_ERROR_PARAM);

    view! {
        {move || {
            login_error()
                .map(|code| {
                    view! {
                        <div
                            class="error-summary"
                            role="alert"
                            tabindex="-1"
                            aria-labelledby="giris-hatasi-baslik"
                        >
                            <h2 class="error-summary-title" id="giris-hatasi-baslik">
                                {tx(T::LoginErrorTitle)}
                            </h2>
                            <p>{move || login_error_message(i18n.lang(), &code)}</p>
                        </div>
                    }
                })
        }}
        <h1>{tx(T::ServiceName)}</h1>
        <p class="lead">{tx(T::LandingIntro)}</p>
        <section class="section" aria-labelledby="giris-yontemi">
            <h2 id="giris-yontemi">{tx(T::LoginMethodsHeading)}</h2>
            <div class="login-options">
                <div class="card">
                    <a class="button button-start" href=EDEVLET_LOGIN_URL rel="external">
                        {tx(T::LoginEdevlet)}
                    </a>
                    <p class="hint">{tx(T::LoginEdevletHint)}</p>
                </div>
                <EImzaLogin />
                <PasskeyLogin />
            </div>
        </section>
        <p>{tx(T::LandingEmailNote)}</p>
    }
}
