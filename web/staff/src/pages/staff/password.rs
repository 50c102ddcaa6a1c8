//! `/personel/parola`: "Parolayı Değiştir". The current password, the new one twice; the
//! rules of `shared::api::staff` (12–128 characters, not the user name; no composition
//! rules) checked here as the API checks them; how guessable it is only the API judges
//! (`password_too_weak`). After the first login (`?ilk=1`) it is offered with a way to skip
//! it — unless the password was set by an operator, which must be changed before anything
//! else.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::staff::{field, password_problem, StaffSessionInfo};
use shared::problem::ErrorCode;

use super::session::{use_staff_session, LOGIN_PATH};
use super::{gate, staff_trail, Gate, GoTo, StaffLoadError, Step};
use crate::api::{self, ApiError};
use crate::components::feedback::Loading;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, SummaryEntry, TextField, TextOptions,
};
use crate::i18n::T;
use crate::nav::{focus_by_id, use_nav};
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

const TITLE: T = S::StaffPasswordTitle;
const AGAIN: &str = "new_password_again";
const DONE_ID: &str = "parola-degisti";

#[component]
pub fn StaffPasswordPage() -> impl IntoView {
    set_page(TITLE, staff_trail(TITLE));
    let staff = use_staff_session();
    let query = use_query_map();
    let first_login = query.read_untracked().get("ilk").as_deref() == Some("1");
    let loaded = LocalResource::new(move || staff.load());
    let retry = Callback::new(move |()| loaded.refetch());
    move || match gate(loaded.get(), Step::Active) {
        Gate::Loading => view! { <Loading title=TITLE /> }.into_any(),
        Gate::Show(info) => view! { <PasswordForm info first_login /> }.into_any(),
        Gate::Elsewhere(path) => view! { <GoTo path title=TITLE /> }.into_any(),
        Gate::Failed(error) => view! { <StaffLoadError error retry /> }.into_any(),
    }
}

/// The text of a password field's error code.
fn code_text(field_name: &str, code: &str) -> T {
    match (field_name, code) {
        (field::CURRENT_PASSWORD, "required") => S::CurrentPasswordRequired,
        (field::CURRENT_PASSWORD, _) => S::PasswordIncorrect,
        (AGAIN, "required") => S::PasswordAgainRequired,
        (AGAIN, _) => S::PasswordMismatch,
        (_, "required") => S::NewPasswordRequired,
        (_, "password_too_long") => S::PasswordTooLong,
        (_, "password_is_username") => S::PasswordIsUsername,
        (_, "password_unchanged") => S::PasswordUnchanged,
        (_, "password_too_weak") => S::PasswordTooWeak,
        _ => S::PasswordTooShort,
    }
}

/// The fields in error (name → code) checked in the browser before sending.
fn check(username: &str, current: &str, new: &str, again: &str) -> BTreeMap<&'static str, String> {
    let mut errors = BTreeMap::new();
    if current.is_empty() {
        errors.insert(field::CURRENT_PASSWORD, "required".to_owned());
    }
    if let Some(code) = password_problem(username, new) {
        errors.insert(field::NEW_PASSWORD, code.to_owned());
    } else if new == current {
        errors.insert(field::NEW_PASSWORD, "password_unchanged".to_owned());
    }
    if again.is_empty() {
        errors.insert(AGAIN, "required".to_owned());
    } else if again != new {
        errors.insert(AGAIN, "mismatch".to_owned());
    }
    errors
}

/// The API's field errors in the same form.
fn api_fields(error: &ApiError) -> BTreeMap<&'static str, String> {
    let mut errors = BTreeMap::new();
    if let ApiError::Problem(p) = error {
        if let Some(fields) = &p.fields {
            for name in [field::CURRENT_PASSWORD, field::NEW_PASSWORD] {
                if let Some(code) = fields.get(name).first() {
                    errors.insert(name, code.clone());
                }
            }
        }
    }
    errors
}

/// The ids of the inputs follow their names.
fn input_id(name: &str) -> String {
    name.replace('_', "-")
}

#[component]
fn PasswordForm(info: StaffSessionInfo, first_login: bool) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    let staff = use_staff_session();
    let home = info.role.home_path();
    let must_change = info.password_change_required;
    let username = StoredValue::new(info.username.clone());
    let csrf = StoredValue::new(info.csrf_token.clone());
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let fields = RwSignal::new(BTreeMap::<&'static str, String>::new());
    let failure = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);

    let clear = move || {
        current.set(String::new());
        new.set(String::new());
        again.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let (c, n, a) = (
            current.get_untracked(),
            new.get_untracked(),
            again.get_untracked(),
        );
        let errors = check(&username.get_value(), &c, &n, &a);
        if !errors.is_empty() {
            fields.set(errors);
            focus_error_summary();
            return;
        }
        fields.set(BTreeMap::new());
        busy.set(true);
        let token = csrf.get_value();
        leptos::task::spawn_local(async move {
            let result = api::staff::change_password(&c, &n, &token).await;
            busy.set(false);
            clear();
            match result {
                Ok(()) => {
                    // What is known of the session (a change still required) is stale.
                    staff.forget();
                    done.set(true);
                    request_animation_frame(|| focus_by_id(DONE_ID));
                }
                Err(ApiError::Unauthenticated) => {
                    staff.ended();
                    nav.replace(LOGIN_PATH);
                }
                Err(e) => {
                    let from_api = api_fields(&e);
                    if from_api.is_empty() || e.code() != Some(ErrorCode::ValidationFailed) {
                        failure.set(Some(e));
                    }
                    fields.set(from_api);
                    focus_error_summary();
                }
            }
        });
    };

    let entries = Signal::derive(move || {
        let lang = i18n.lang();
        let mut entries: Vec<SummaryEntry> = fields
            .get()
            .iter()
            .map(|(name, code)| SummaryEntry {
                message: code_text(name, code).get(lang).to_owned(),
                target: input_id(name),
            })
            .collect();
        if let Some(e) = failure.get() {
            entries.push(SummaryEntry {
                message: e.message(lang),
                target: input_id(field::CURRENT_PASSWORD),
            });
        }
        entries
    });
    let errors_of = move |name: &'static str| {
        Signal::derive(move || {
            fields
                .get()
                .get(name)
                .map(|code| code_text(name, code).get(i18n.lang()).to_owned())
                .into_iter()
                .collect::<Vec<_>>()
        })
    };
    let nothing = Callback::new(|()| {});
    let secret = |autocomplete: &'static str| TextOptions {
        input_type: "password",
        autocomplete,
        width: Some("width-20"),
        ..TextOptions::default()
    };

    view! {
        <Show
            when=move || done.get()
            fallback=move || {
                view! {
                    <ErrorSummary entries />
                    <h1>{tx(TITLE)}</h1>
                    {if must_change {
                        Some(view! { <p class="lead">{tx(S::StaffPasswordMustChange)}</p> })
                    } else {
                        first_login
                            .then(|| view! { <p class="lead">{tx(S::StaffPasswordFirstLogin)}</p> })
                    }}
                    <form novalidate on:submit=submit>
                        <TextField
                            name=field::CURRENT_PASSWORD
                            label=S::LabelCurrentPassword
                            value=current
                            errors=errors_of(field::CURRENT_PASSWORD)
                            options=secret("current-password")
                            on_change=nothing
                            on_blur=nothing
                        />
                        <TextField
                            name=field::NEW_PASSWORD
                            label=S::LabelNewPassword
                            hint=S::HintNewPassword
                            value=new
                            errors=errors_of(field::NEW_PASSWORD)
                            options=secret("new-password")
                            on_change=nothing
                            on_blur=nothing
                        />
                        <TextField
                            name=AGAIN
                            label=S::LabelNewPasswordAgain
                            value=again
                            errors=errors_of(AGAIN)
                            options=secret("new-password")
                            on_change=nothing
                            on_blur=nothing
                        />
                        <button
                            type="submit"
                            class="button"
                            aria-disabled=move || busy.get().then_some("true")
                        >
                            {tx(S::StaffPasswordButton)}
                        </button>
                    </form>
                    {(first_login && !must_change)
                        .then(|| {
                            view! {
                                <p>
                                    <a href=home>{tx(S::StaffSkipForNow)}</a>
                                </p>
                            }
                        })}
                }
            }
        >
            <div class="panel-confirmation" id=DONE_ID tabindex="-1">
                <h1 class="panel-title">{tx(S::StaffPasswordChanged)}</h1>
                <div class="panel-body">{tx(S::StaffPasswordChangedText)}</div>
            </div>
            <p>
                <a class="button" href=home>
                    {tx(S::StaffContinue)}
                </a>
            </p>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use shared::problem::Problem;

    #[test]
    fn the_browser_checks_what_the_api_checks() {
        let errors = check("ali.veli", "", "kısa", "başka");
        assert_eq!(errors[field::CURRENT_PASSWORD], "required");
        assert_eq!(errors[field::NEW_PASSWORD], "password_too_short");
        assert_eq!(errors[AGAIN], "mismatch");
        let same = check(
            "ali.veli",
            "eski uzun parola",
            "eski uzun parola",
            "eski uzun parola",
        );
        assert_eq!(same[field::NEW_PASSWORD], "password_unchanged");
        assert!(check(
            "ali.veli",
            "eski",
            "yeni ve uzun parola",
            "yeni ve uzun parola"
        )
        .is_empty());
    }

    #[test]
    fn a_wrong_current_password_from_the_api_lands_on_its_field() {
        let mut fields = shared::form::FieldErrors::new();
        fields.add(field::CURRENT_PASSWORD, "password_incorrect");
        let error =
            ApiError::Problem(Problem::new(ErrorCode::ValidationFailed, "").with_fields(fields));
        let mapped = api_fields(&error);
        assert_eq!(
            code_text(field::CURRENT_PASSWORD, &mapped[field::CURRENT_PASSWORD]),
            S::PasswordIncorrect
        );
        assert_eq!(input_id(field::CURRENT_PASSWORD), "current-password");
        assert_eq!(
            code_text(AGAIN, "mismatch").get(Lang::Tr),
            "İki yeni parola aynı değil"
        );
    }
}
