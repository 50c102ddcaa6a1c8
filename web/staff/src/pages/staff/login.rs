//! `/personel/giris`: "Personel Girişi", user name and password. Then the code of the
//! authenticator app (`/personel/dogrulama`) or, on the first login, setting it up
//! (`/personel/dogrulama-kurulumu`).

use leptos::prelude::*;
use shared::api::staff::{field, StaffLoginNextStep};

use super::session::{use_staff_session, ENROLMENT_PATH, SECOND_FACTOR_PATH};
use super::staff_trail;
use crate::api::{self, ApiError};
use crate::components::fields::{
    focus_error_summary, ErrorSummary, SummaryEntry, TextField, TextOptions,
};
use crate::i18n::Lang;
use crate::nav::use_nav;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

/// The ids of the two inputs (from their names).
const USERNAME_ID: &str = "username";
const PASSWORD_ID: &str = "password";

/// What went wrong with a login attempt.
#[derive(Debug, Clone, PartialEq)]
enum LoginProblem {
    /// Fields left empty.
    Missing { username: bool, password: bool },
    /// The API refused (wrong password, a wait, a lock) or could not be reached.
    Refused(ApiError),
}

impl LoginProblem {
    fn missing(username: &str, password: &str) -> Option<LoginProblem> {
        let (u, p) = (username.trim().is_empty(), password.is_empty());
        (u || p).then_some(LoginProblem::Missing {
            username: u,
            password: p,
        })
    }

    fn summary(&self, lang: Lang) -> Vec<SummaryEntry> {
        match self {
            LoginProblem::Missing { username, password } => [
                (*username, S::StaffUsernameRequired, USERNAME_ID),
                (*password, S::StaffPasswordRequired, PASSWORD_ID),
            ]
            .into_iter()
            .filter(|(missing, _, _)| *missing)
            .map(|(_, text, target)| SummaryEntry {
                message: text.get(lang).to_owned(),
                target: target.to_owned(),
            })
            .collect(),
            // Never says which of the two was wrong: the API does not know either.
            LoginProblem::Refused(error) => vec![SummaryEntry {
                message: error.message(lang),
                target: USERNAME_ID.to_owned(),
            }],
        }
    }

    fn field_message(&self, name: &str, lang: Lang) -> Option<String> {
        match (self, name) {
            (LoginProblem::Missing { username: true, .. }, field::USERNAME) => {
                Some(S::StaffUsernameRequired.get(lang).to_owned())
            }
            (LoginProblem::Missing { password: true, .. }, field::PASSWORD) => {
                Some(S::StaffPasswordRequired.get(lang).to_owned())
            }
            _ => None,
        }
    }
}

#[component]
pub fn StaffLoginPage() -> impl IntoView {
    set_page(S::StaffLoginTitle, staff_trail(S::StaffLoginTitle));
    let i18n = use_i18n();
    let nav = use_nav();
    let staff = use_staff_session();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LoginProblem>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (typed_name, typed_password) = (username.get_untracked(), password.get_untracked());
        if let Some(missing) = LoginProblem::missing(&typed_name, &typed_password) {
            problem.set(Some(missing));
            focus_error_summary();
            return;
        }
        problem.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api::staff::log_in(&typed_name, &typed_password).await;
            busy.set(false);
            // The password never stays on the page, whatever happened.
            password.set(String::new());
            match result {
                Ok(answer) => {
                    staff.forget();
                    nav.go(match answer.stage {
                        StaffLoginNextStep::Totp => SECOND_FACTOR_PATH,
                        StaffLoginNextStep::TotpEnrolment => ENROLMENT_PATH,
                    });
                }
                Err(error) => {
                    problem.set(Some(LoginProblem::Refused(error)));
                    focus_error_summary();
                }
            }
        });
    };

    let entries = Signal::derive(move || {
        problem
            .get()
            .map(|p| p.summary(i18n.lang()))
            .unwrap_or_default()
    });
    let errors_of = move |name: &'static str| {
        Signal::derive(move || {
            problem
                .get()
                .and_then(|p| p.field_message(name, i18n.lang()))
                .into_iter()
                .collect::<Vec<_>>()
        })
    };
    let nothing = Callback::new(|()| {});

    view! {
        <ErrorSummary entries />
        <h1>{tx(S::StaffLoginTitle)}</h1>
        <p class="lead">{tx(S::StaffLoginIntro)}</p>
        <form novalidate on:submit=submit>
            <TextField
                name=field::USERNAME
                label=S::Username
                value=username
                errors=errors_of(field::USERNAME)
                options=TextOptions {
                    autocomplete: "username",
                    width: Some("width-20"),
                    ..TextOptions::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <TextField
                name=field::PASSWORD
                label=S::LabelPassword
                value=password
                errors=errors_of(field::PASSWORD)
                options=TextOptions {
                    input_type: "password",
                    autocomplete: "current-password",
                    width: Some("width-20"),
                    ..TextOptions::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <button type="submit" class="button" aria-disabled=move || busy.get().then_some("true")>
                {tx(S::StaffLoginButton)}
            </button>
        </form>
        <p>
            <a href="/">{tx(S::StaffApplicantLink)}</a>
        </p>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use shared::problem::{ErrorCode, Problem};

    #[test]
    fn empty_fields_are_named_in_the_summary_and_under_the_fields() {
        let p = LoginProblem::missing(" ", "").unwrap();
        let entries = p.summary(Lang::Tr);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].target, USERNAME_ID);
        assert_eq!(entries[1].target, PASSWORD_ID);
        assert!(p.field_message(field::PASSWORD, Lang::En).is_some());
        assert_eq!(LoginProblem::missing("ali", "parola"), None);
    }

    #[test]
    fn a_wait_says_how_long() {
        let p = LoginProblem::Refused(ApiError::Problem(
            Problem::new(ErrorCode::LoginThrottled, "x").with_retry_after(8),
        ));
        let message = &p.summary(Lang::Tr)[0].message;
        assert!(message.contains("8 saniye"), "{message}");
        assert_eq!(p.field_message(field::USERNAME, Lang::Tr), None);
    }
}
