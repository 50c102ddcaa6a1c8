//! Logging in with a passkey: the applicant's "Geçiş Anahtarı ile Giriş" on the landing page,
//! and the staff member's "Geçiş anahtarı kullan" instead of the TOTP code. Each is a button
//! that runs the whole ceremony and says, in a live region, what is going on or went wrong.

use leptos::prelude::*;

use crate::api::passkeys::{self, PasskeyError};
use crate::i18n::T;
use crate::nav::use_nav;
use crate::state::{tx, use_i18n, use_session};

/// Where an applicant lands after a passkey login (as after e-Devlet).
const AFTER_LOGIN: &str = "/basvuru-islemleri";

/// A card of the landing page: the button, a hint, and the outcome.
#[component]
pub fn PasskeyLogin() -> impl IntoView {
    let (session, nav) = (use_session(), use_nav());
    let on_done = Callback::new(move |()| {
        // Away from the landing page first: it sends a logged-in visitor to the menu.
        nav.go(AFTER_LOGIN);
        // The session cookie is set: learn who it is for the header. Were this to fail,
        // the next page reports it when it loads its own data.
        leptos::task::spawn_local(async move {
            let _ = session.load().await;
        });
    });
    view! {
        <div class="card">
            <PasskeyButton
                id="gecis-anahtari-giris"
                label=T::LoginPasskey
                class="button button-secondary"
                failed_title=T::PasskeyLoginFailedTitle
                action=Action::ApplicantLogin
                on_done
            />
            <p class="hint">{tx(T::LoginPasskeyHint)}</p>
        </div>
    }
}

/// For the staff second-factor page (`/personel/dogrulama`): "Geçiş anahtarı kullan".
/// `csrf` is the pending staff session's token; `on_verified` runs once the session is
/// active (the page then goes on, e.g. to the staff home).
#[component]
pub fn StaffPasskeyButton(
    #[prop(into)] csrf: Signal<String>,
    on_verified: Callback<()>,
) -> impl IntoView {
    view! {
        <PasskeyButton
            id="gecis-anahtari-dogrulama"
            label=T::StaffUsePasskey
            class="button button-secondary"
            failed_title=T::ErrorSummaryTitle
            action=Action::StaffVerification(csrf)
            on_done=on_verified
        />
    }
}

/// Which ceremony a button runs.
#[derive(Clone, Copy)]
enum Action {
    ApplicantLogin,
    /// With the pending staff session's CSRF token.
    StaffVerification(Signal<String>),
}

impl Action {
    async fn run(self) -> Result<(), PasskeyError> {
        match self {
            Action::ApplicantLogin => passkeys::log_in().await,
            Action::StaffVerification(csrf) => passkeys::verify_staff(&csrf.get_untracked()).await,
        }
    }
}

/// A button that runs a passkey ceremony once per press (ignored while one runs), with a
/// live region saying that the authenticator is waiting, or what went wrong.
#[component]
fn PasskeyButton(
    id: &'static str,
    label: T,
    class: &'static str,
    failed_title: T,
    action: Action,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<PasskeyError>);
    let status_id = format!("{id}-durum");
    let on_click = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let outcome = action.run().await;
            busy.set(false);
            match outcome {
                Ok(()) => on_done.run(()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <button
            type="button"
            id=id
            class=class
            aria-describedby=status_id.clone()
            aria-disabled=move || busy.get().then_some("true")
            on:click=on_click
        >
            {tx(label)}
        </button>
        <div id=status_id role="status" aria-live="polite" class="passkey-status">
            {move || busy.get().then(|| view! { <p>{tx(T::PasskeyWaiting)}</p> })}
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <div class="error-summary" role="alert">
                                <h2 class="error-summary-title">{tx(failed_title)}</h2>
                                <p>{move || e.message(i18n.lang())}</p>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
