//! The six-digit code field shared by the second-factor and the enrolment pages, and what a
//! refused code means.

use leptos::prelude::*;
use shared::api::staff::field;
use shared::problem::ErrorCode;

use crate::api::ApiError;
use crate::components::fields::{FieldError, SummaryEntry};
use crate::i18n::Lang;
use crate::state::tx;
use crate::texts::S;

pub const CODE_INPUT_ID: &str = "dogrulama-kodu";
const HINT_ID: &str = "dogrulama-kodu-ipucu";
const ERROR_ID: &str = "dogrulama-kodu-hata";

/// What went wrong with a code.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeProblem {
    Missing,
    /// Not six digits (found before sending).
    Format,
    /// About the code itself: wrong, already used, not six digits.
    Field(ApiError),
    /// Anything else: a wait, a lock, no connection.
    Other(ApiError),
}

impl CodeProblem {
    pub fn from_api(error: ApiError) -> CodeProblem {
        match error.code() {
            Some(
                ErrorCode::TotpInvalid | ErrorCode::TotpReplayed | ErrorCode::ValidationFailed,
            ) => CodeProblem::Field(error),
            _ => CodeProblem::Other(error),
        }
    }

    pub fn field_message(&self, lang: Lang) -> Option<String> {
        match self {
            CodeProblem::Missing => Some(S::TotpCodeRequired.get(lang).to_owned()),
            CodeProblem::Format => Some(S::TotpCodeFormat.get(lang).to_owned()),
            CodeProblem::Field(ApiError::Problem(p)) if p.code == ErrorCode::ValidationFailed => {
                Some(S::TotpCodeFormat.get(lang).to_owned())
            }
            CodeProblem::Field(error) => Some(error.message(lang)),
            CodeProblem::Other(_) => None,
        }
    }

    pub fn summary(&self, lang: Lang) -> SummaryEntry {
        SummaryEntry {
            message: match self {
                CodeProblem::Other(error) => error.message(lang),
                field => field.field_message(lang).unwrap_or_default(),
            },
            target: CODE_INPUT_ID.to_owned(),
        }
    }
}

/// Why a typed code is not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedProblem {
    Missing,
    Format,
}

impl From<TypedProblem> for CodeProblem {
    fn from(problem: TypedProblem) -> CodeProblem {
        match problem {
            TypedProblem::Missing => CodeProblem::Missing,
            TypedProblem::Format => CodeProblem::Format,
        }
    }
}

/// Checks the typed code before sending it: six digits, spaces and hyphens allowed.
pub fn check_typed(typed: &str) -> Result<String, TypedProblem> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if digits.is_empty() {
        Err(TypedProblem::Missing)
    } else if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(TypedProblem::Format)
    }
}

/// Label, hint, error and the input of the code.
#[component]
pub fn CodeField(
    code: RwSignal<String>,
    #[prop(into)] messages: Signal<Vec<String>>,
) -> impl IntoView {
    let has_error = move || !messages.read().is_empty();
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=CODE_INPUT_ID>
                {tx(S::LabelTotpCode)}
            </label>
            <p class="hint" id=HINT_ID>
                {tx(S::HintTotpCode)}
            </p>
            <FieldError id=ERROR_ID.to_owned() messages />
            <input
                class="input width-10 code-input"
                id=CODE_INPUT_ID
                name=field::CODE
                type="text"
                autocomplete="one-time-code"
                inputmode="numeric"
                spellcheck="false"
                aria-describedby=move || {
                    if has_error() { format!("{HINT_ID} {ERROR_ID}") } else { HINT_ID.to_owned() }
                }
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || code.get()
                on:input=move |ev| code.set(event_target_value(&ev))
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::problem::Problem;

    #[test]
    fn a_typed_code_may_have_spaces_but_must_be_six_digits() {
        assert_eq!(check_typed(" 123 456 "), Ok("123456".to_owned()));
        assert_eq!(check_typed(""), Err(TypedProblem::Missing));
        assert_eq!(check_typed("12345"), Err(TypedProblem::Format));
        assert_eq!(check_typed("12345a"), Err(TypedProblem::Format));
        assert_eq!(
            CodeProblem::from(TypedProblem::Format)
                .field_message(Lang::En)
                .as_deref(),
            Some("The verification code has 6 digits")
        );
    }

    #[test]
    fn a_replayed_code_is_explained_under_the_field() {
        let p = CodeProblem::from_api(ApiError::Problem(Problem::new(ErrorCode::TotpReplayed, "")));
        assert!(p
            .field_message(Lang::Tr)
            .is_some_and(|m| m.contains("zaten kullanıldı")));
    }

    #[test]
    fn a_lock_is_for_the_summary_only() {
        let p = CodeProblem::from_api(ApiError::Problem(Problem::new(
            ErrorCode::AccountLocked,
            "",
        )));
        assert_eq!(p.field_message(Lang::Tr), None);
        assert!(p.summary(Lang::Tr).message.contains("kilitlendi"));
    }
}
