//! `/personel/dogrulama-kurulumu`: the first login sets up the authenticator app — a QR code
//! drawn by our server (no QR service sees the secret) and the same secret as a setup key in
//! groups of four for typing; a code from the app confirms it and completes the login. Then
//! the password change is offered.

use leptos::prelude::*;
use shared::api::staff::{group_secret, StaffSessionInfo, TotpEnrolment};
use shared::problem::ErrorCode;

use super::code_form::{check_typed, CodeField, CodeProblem};
use super::second_factor::go_on;
use super::session::{next_path, use_staff_session, FIRST_LOGIN_PASSWORD_PATH, LOGIN_PATH};
use super::{gate, staff_trail, Gate, GoTo, StaffLoadError, Step};
use crate::api::{self, ApiError};
use crate::components::feedback::Loading;
use crate::components::fields::{focus_error_summary, ErrorSummary};
use crate::i18n::T;
use crate::nav::use_nav;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

const TITLE: T = S::StaffEnrolTitle;

#[component]
pub fn StaffEnrolmentPage() -> impl IntoView {
    set_page(TITLE, staff_trail(TITLE));
    let staff = use_staff_session();
    let loaded = LocalResource::new(move || staff.load());
    let retry = Callback::new(move |()| loaded.refetch());
    move || match gate(loaded.get(), Step::Enrolment) {
        Gate::Loading => view! { <Loading title=TITLE /> }.into_any(),
        Gate::Show(info) => view! { <Enrolment info /> }.into_any(),
        Gate::Elsewhere(path) => view! { <GoTo path title=TITLE /> }.into_any(),
        Gate::Failed(error) => view! { <StaffLoadError error retry /> }.into_any(),
    }
}

/// Asks for a new secret (each visit of the page makes a new one; only the confirmed one
/// counts).
#[component]
fn Enrolment(info: StaffSessionInfo) -> impl IntoView {
    let csrf = StoredValue::new(info.csrf_token);
    let enrolment = LocalResource::new(move || {
        let token = csrf.get_value();
        async move { api::staff::start_totp_enrolment(&token).await }
    });
    let retry = Callback::new(move |()| enrolment.refetch());
    move || match enrolment.get() {
        None => view! { <Loading title=TITLE /> }.into_any(),
        Some(Err(ApiError::Unauthenticated)) => {
            view! { <GoTo path=LOGIN_PATH title=TITLE /> }.into_any()
        }
        Some(Err(error)) => view! { <StaffLoadError error retry /> }.into_any(),
        Some(Ok(enrolment)) => {
            view! { <EnrolmentForm enrolment csrf=csrf.get_value() /> }.into_any()
        }
    }
}

/// An SVG document as a `data:` URI for an `<img>`: shown as a picture, never as markup of
/// the page.
pub fn svg_data_uri(svg: &str) -> String {
    let mut uri = String::from("data:image/svg+xml,");
    for b in svg.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b' ') {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.replace(' ', "%20")
}

#[component]
fn EnrolmentForm(enrolment: TotpEnrolment, csrf: String) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    let staff = use_staff_session();
    let csrf = StoredValue::new(csrf);
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<CodeProblem>);
    let busy = RwSignal::new(false);
    let qr = svg_data_uri(&enrolment.qr_svg);
    let secret = group_secret(&enrolment.secret);

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
        let token = csrf.get_value();
        leptos::task::spawn_local(async move {
            let result = api::staff::confirm_totp_enrolment(&typed, &token).await;
            busy.set(false);
            match result {
                Ok(info) => go_on(staff, nav, info, FIRST_LOGIN_PASSWORD_PATH),
                Err(ApiError::Unauthenticated) => {
                    staff.ended();
                    nav.replace(LOGIN_PATH);
                }
                Err(e) if e.code() == Some(ErrorCode::Conflict) => {
                    if let Ok(info) = staff.load().await {
                        nav.go(next_path(&info));
                    }
                }
                Err(e) => {
                    code.set(String::new());
                    problem.set(Some(CodeProblem::from_api(e)));
                    focus_error_summary();
                }
            }
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

    view! {
        <ErrorSummary entries />
        <h1>{tx(TITLE)}</h1>
        <p class="lead">{tx(S::StaffEnrolIntro)}</p>
        <ol class="steps" aria-label=tx(S::StaffEnrolStepsLabel)>
            <li>
                <p>{tx(S::StaffEnrolStep1)}</p>
            </li>
            <li>
                <p>{tx(S::StaffEnrolStep2)}</p>
                <img class="totp-qr" src=qr alt=tx(S::StaffEnrolQrAlt) width="240" height="240" />
                <p>{tx(S::StaffEnrolManual)}</p>
                <dl class="totp-secret">
                    <dt>{tx(S::StaffEnrolSecretLabel)}</dt>
                    <dd>
                        <code id="kurulum-anahtari" translate="no">
                            {secret}
                        </code>
                    </dd>
                </dl>
                <p class="hint">{tx(S::StaffEnrolSecretWarning)}</p>
            </li>
            <li>
                <p>{tx(S::StaffEnrolStep3)}</p>
                <form novalidate on:submit=submit>
                    <CodeField code messages />
                    <button
                        type="submit"
                        class="button"
                        aria-disabled=move || busy.get().then_some("true")
                    >
                        {tx(S::StaffEnrolButton)}
                    </button>
                </form>
            </li>
        </ol>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_becomes_a_data_uri_without_markup_characters() {
        let uri =
            svg_data_uri(r#"<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>"#);
        assert!(uri.starts_with("data:image/svg+xml,%3Csvg%20xmlns%3D%22http"));
        for c in ['<', '>', '"', ' ', '#'] {
            assert!(!uri["data:image/svg+xml,".len()..].contains(c), "{c}");
        }
    }
}
