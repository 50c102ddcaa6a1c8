//! The staff login under `/personel/…`: the password (`giris`), the code of the
//! authenticator app or a passkey (`dogrulama`), setting up the app on the first login
//! (`dogrulama-kurulumu`, QR code and setup key), and the password change (`parola`); the
//! staff part of the header; the operator's staff accounts (`/kamusm/personel`).
//!
//! They run on the staff session (its own cookie and CSRF token), never on the applicant's.

pub mod account_actions;
pub mod accounts;
mod code_form;
pub mod enrolment;
pub mod header;
pub mod login;
pub mod password;
pub mod second_factor;
pub mod session;

use leptos::prelude::*;
use shared::api::staff::{StaffSessionInfo, StaffSessionStage};

use self::session::{next_path, LOGIN_PATH};
use crate::api::ApiError;
use crate::components::feedback::{error_title, Loading};
use crate::i18n::T;
use crate::nav::{use_nav, ErrorTitle};
use crate::state::{tx, use_i18n, Crumb};
use crate::texts::S;

/// Home, then the current staff page.
pub fn staff_trail(here: T) -> Vec<Crumb> {
    vec![Crumb::link(T::ServiceName, "/"), Crumb::here(here)]
}

/// Which step a page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    SecondFactor,
    Enrolment,
    /// Both factors done.
    Active,
}

/// What a staff page shows, from the staff session it loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum Gate {
    Loading,
    Show(StaffSessionInfo),
    /// The session is at another step (or there is none): go there.
    Elsewhere(&'static str),
    Failed(ApiError),
}

pub fn gate(loaded: Option<Result<StaffSessionInfo, ApiError>>, step: Step) -> Gate {
    match loaded {
        None => Gate::Loading,
        Some(Err(ApiError::Unauthenticated)) => Gate::Elsewhere(LOGIN_PATH),
        Some(Err(error)) => Gate::Failed(error),
        Some(Ok(info)) => {
            let next = next_path(&info);
            let here = match step {
                Step::SecondFactor => next == session::SECOND_FACTOR_PATH,
                Step::Enrolment => next == session::ENROLMENT_PATH,
                Step::Active => info.stage == StaffSessionStage::Active,
            };
            if here {
                Gate::Show(info)
            } else {
                Gate::Elsewhere(next)
            }
        }
    }
}

/// Moves on to `path` (replacing this entry), showing the page's title meanwhile.
#[component]
pub fn GoTo(path: &'static str, title: T) -> impl IntoView {
    let nav = use_nav();
    Effect::new(move |_| nav.replace(path));
    view! { <Loading title /> }
}

/// Shown instead of a staff page whose session could not be checked (it carries the `h1`).
#[component]
pub fn StaffLoadError(error: ApiError, retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let title = error_title(&error);
    let ErrorTitle(document_error) = expect_context::<ErrorTitle>();
    document_error.set(Some(title));
    on_cleanup(move || {
        document_error.try_set(None);
    });
    let offer_retry = matches!(error, ApiError::Network) || error.is_server_error();
    view! {
        <div class="error-page">
            <h1>{tx(title)}</h1>
            <p class="lead">{move || error.message(i18n.lang())}</p>
            {offer_retry
                .then(|| {
                    view! {
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {tx(T::Retry)}
                        </button>
                    }
                })}
            <p>
                <a href=LOGIN_PATH>{tx(S::StaffLoginTitle)}</a>
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::staff::StaffRoleKind;
    use shared::problem::{ErrorCode, Problem};

    fn info(stage: StaffSessionStage, enrolled: bool) -> StaffSessionInfo {
        StaffSessionInfo {
            id: "s".into(),
            username: "u".into(),
            display_name: "U".into(),
            role: StaffRoleKind::Operator,
            institution_id: None,
            institution_name: None,
            stage,
            totp_enrolled: enrolled,
            passkey_available: false,
            password_change_required: false,
            csrf_token: "t".into(),
        }
    }

    #[test]
    fn without_a_session_every_staff_page_leads_to_the_login() {
        for step in [Step::SecondFactor, Step::Enrolment, Step::Active] {
            assert_eq!(
                gate(Some(Err(ApiError::Unauthenticated)), step),
                Gate::Elsewhere(LOGIN_PATH)
            );
        }
    }

    #[test]
    fn each_page_shows_only_at_its_step() {
        let waiting = info(StaffSessionStage::PasswordOk, true);
        assert!(matches!(
            gate(Some(Ok(waiting.clone())), Step::SecondFactor),
            Gate::Show(_)
        ));
        assert_eq!(
            gate(Some(Ok(waiting.clone())), Step::Active),
            Gate::Elsewhere(session::SECOND_FACTOR_PATH)
        );
        let first = info(StaffSessionStage::PasswordOk, false);
        assert_eq!(
            gate(Some(Ok(first.clone())), Step::SecondFactor),
            Gate::Elsewhere(session::ENROLMENT_PATH)
        );
        assert!(matches!(
            gate(Some(Ok(first)), Step::Enrolment),
            Gate::Show(_)
        ));
        let active = info(StaffSessionStage::Active, true);
        assert_eq!(
            gate(Some(Ok(active)), Step::SecondFactor),
            Gate::Elsewhere("/kamusm/basvurular")
        );
    }

    #[test]
    fn other_failures_are_shown_not_redirected() {
        let down = ApiError::Problem(Problem::new(ErrorCode::ServiceUnavailable, ""));
        assert_eq!(
            gate(Some(Err(down.clone())), Step::Active),
            Gate::Failed(down)
        );
        assert_eq!(gate(None, Step::Active), Gate::Loading);
    }
}
