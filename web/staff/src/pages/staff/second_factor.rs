//! `/personel/dogrulama`: the second step of the staff login — the six-digit code of the
//! authenticator app, or a passkey when one is registered. Success makes the session active
//! and leads to the staff member's home (officer or operator list).

use leptos::prelude::*;
use shared::api::staff::StaffSessionInfo;
use shared::problem::ErrorCode;

use super::code_form::{check_typed, CodeField, CodeProblem};
use super::session::{next_path, use_staff_session, StaffSession, LOGIN_PATH};
use super::{gate, staff_trail, Gate, GoTo, StaffLoadError, Step};
use crate::api::{self, ApiError};
use crate::components::feedback::Loading;
use crate::components::fields::{focus_error_summary, ErrorSummary};
use crate::components::passkey_login::StaffPasskeyButton;
use crate::i18n::T;
use crate::nav::{use_nav, Nav};
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

#[component]
pub fn StaffSecondFactorPage() -> impl IntoView {
    set_page(T::VerificationCode, staff_trail(T::VerificationCode));
    let staff = use_staff_session();
    let loaded = LocalResource::new(move || staff.load());
    let retry = Callback::new(move |()| loaded.refetch());
    move || match gate(loaded.get(), Step::SecondFactor) {
        Gate::Loading => view! { <Loading title=T::VerificationCode /> }.into_any(),
        Gate::Show(info) => view! { <SecondFactorForm info /> }.into_any(),
        Gate::Elsewhere(path) => view! { <GoTo path title=T::VerificationCode /> }.into_any(),
        Gate::Failed(error) => view! { <StaffLoadError error retry /> }.into_any(),
    }
}

/// After the second factor: the session as it now is, and on to where it belongs.
pub fn go_on(staff: StaffSession, nav: Nav, info: StaffSessionInfo, to: &'static str) {
    staff.set(info);
    nav.go(to);
}

/// Asks where the session stands and goes there (after a passkey, or a conflict).
fn reload_and_go_on(staff: StaffSession, nav: Nav) {
    leptos::task::spawn_local(async move {
        match staff.load().await {
            Ok(info) => nav.go(next_path(&info)),
            Err(_) => nav.go(LOGIN_PATH),
        }
    });
}

#[component]
fn SecondFactorForm(info: StaffSessionInfo) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    let staff = use_staff_session();
    let csrf = RwSignal::new(info.csrf_token.clone());
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<CodeProblem>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = match check_typed(&code.get_untracked()) {
            Ok(typed) => typed,
            Err(p) => {
                problem.set(Some(p.into()));
                focus_error_summary();
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let token = csrf.get_untracked();
        leptos::task::spawn_local(async move {
            let result = api::staff::verify_totp(&typed, &token).await;
            busy.set(false);
            match result {
                Ok(info) => {
                    let home = info.role.home_path();
                    go_on(staff, nav, info, home);
                }
                Err(ApiError::Unauthenticated) => {
                    staff.ended();
                    nav.replace(LOGIN_PATH);
                }
                Err(e) if e.code() == Some(ErrorCode::Conflict) => reload_and_go_on(staff, nav),
                Err(e) => {
                    code.set(String::new());
                    problem.set(Some(CodeProblem::from_api(e)));
                    focus_error_summary();
                }
            }
        });
    };

    let cancel = move |_| {
        let token = csrf.get_untracked();
        leptos::task::spawn_local(async move {
            // Already gone counts as done; the login page is where to go either way.
            let _ = api::staff::log_out(&token).await;
            staff.ended();
            nav.go(LOGIN_PATH);
        });
    };

    let entries = Signal::derive(move || {
        problem
            .get()
            .map(|p| vec![p.summary(i18n.lang())])
            .unwrap_or_default()
    });
    let messages = Signal::derive(move || {
        problem
            .get()
            .and_then(|p| p.field_message(i18n.lang()))
            .into_iter()
            .collect::<Vec<_>>()
    });
    let passkey = info.passkey_available.then(|| {
        let on_verified = Callback::new(move |()| reload_and_go_on(staff, nav));
        view! {
            <section class="section" aria-labelledby="gecis-anahtari-baslik">
                <h2 id="gecis-anahtari-baslik">{tx(S::StaffPasskeyHeading)}</h2>
                <p>{tx(S::StaffPasskeyInstead)}</p>
                <StaffPasskeyButton csrf on_verified />
            </section>
        }
    });

    view! {
        <ErrorSummary entries />
        <h1>{tx(T::VerificationCode)}</h1>
        <p class="lead">{tx(S::StaffSecondFactorIntro)}</p>
        <form novalidate on:submit=submit>
            <CodeField code messages />
            <button
                type="submit"
                class="button"
                aria-disabled=move || busy.get().then_some("true")
            >
                {tx(S::StaffVerifyButton)}
            </button>
        </form>
        {passkey}
        <p>
            <button type="button" class="button button-secondary" on:click=cancel>
                {tx(S::StaffCancelLogin)}
            </button>
        </p>
    }
}
