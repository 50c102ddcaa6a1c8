//! `/basvuru/:id/sms`: "SMS Onayı". The code sent to the mobile phone is typed here; a new
//! one can be asked for once the wait is over.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::api::{ApplicationDetail, SmsStatus};
use shared::problem::ErrorCode;
use shared::workflow::ApplicationState;

use super::{application_page, application_url};
use crate::api::{self, ApiError};
use crate::components::feedback::NotAtThisStep;
use crate::components::fields::{focus_error_summary, ErrorSummary, FieldError, SummaryEntry};
use crate::components::steps::{Step, StepIndicator};
use crate::i18n::messages::{
    field_error, sms_resend_countdown, sms_sent_again, sms_tries_left, SMS_CODE_FIELD,
};
use crate::i18n::{Lang, T};
use crate::nav::{focus_by_id, use_nav};
use crate::state::{application_trail, set_page, tx, use_i18n, use_session};
use crate::time;

const CODE_INPUT_ID: &str = "dogrulama-kodu";
const RESEND_BUTTON_ID: &str = "yeni-kod";
/// The heading of "Kod gelmedi mi?" (focusable): where the wait and the resend button are.
const RESEND_SECTION_ID: &str = "kod-gelmedi";

#[component]
pub fn SmsPage() -> impl IntoView {
    set_page(T::SmsTitle, application_trail(T::SmsTitle));
    application_page(T::SmsTitle, |detail| match detail.summary.state {
        ApplicationState::FormSubmitted => view! { <SmsForm detail /> }.into_any(),
        _ => view! { <NotAwaitingCode detail /> }.into_any(),
    })
}

/// The phone is already verified, or the form is not sent yet, or it is all over.
#[component]
fn NotAwaitingCode(detail: ApplicationDetail) -> impl IntoView {
    let id = detail.summary.id.clone();
    let (text, link): (T, Option<(T, String)>) = match detail.summary.state {
        ApplicationState::PreApplication => (
            T::NotReadyForApproval,
            Some((T::GoToForm, application_url(&id, "form"))),
        ),
        ApplicationState::PhoneVerified => (
            T::SmsVerified,
            Some((T::GoToApproval, application_url(&id, "onay"))),
        ),
        ApplicationState::Cancelled | ApplicationState::Expired => (T::FormClosed, None),
        _ => (
            T::SmsVerified,
            Some((T::ActionResult, application_url(&id, "sonuc"))),
        ),
    };
    view! { <NotAtThisStep title=T::SmsTitle text next=link /> }
}

/// What went wrong with a code, for the error summary and the field.
#[derive(Debug, Clone, PartialEq)]
enum CodeProblem {
    /// Nothing typed.
    Missing,
    /// About the typed code: wrong (with tries left) or not six digits.
    Field(ApiError),
    /// The code is dead (expired, exhausted, used, none sent): ask for a new one.
    NeedNewCode(ApiError),
    /// Anything else.
    Other(ApiError),
}

impl CodeProblem {
    fn from_api(error: ApiError) -> CodeProblem {
        match error.code() {
            Some(ErrorCode::SmsCodeIncorrect | ErrorCode::ValidationFailed) => {
                CodeProblem::Field(error)
            }
            Some(
                ErrorCode::SmsCodeExpired
                | ErrorCode::SmsCodeAttemptsExhausted
                | ErrorCode::SmsCodeAlreadyUsed
                | ErrorCode::SmsCodeNotRequested,
            ) => CodeProblem::NeedNewCode(error),
            _ => CodeProblem::Other(error),
        }
    }

    /// The message under the code field, if the problem is about it.
    fn field_message(&self, lang: Lang) -> Option<String> {
        match self {
            CodeProblem::Missing => Some(field_error(lang, SMS_CODE_FIELD, "required")),
            CodeProblem::Field(ApiError::Problem(p)) => Some(match (p.tries_left, &p.fields) {
                (Some(n), _) => sms_tries_left(lang, n),
                (None, Some(fields)) => fields
                    .get(SMS_CODE_FIELD)
                    .first()
                    .map(|code| field_error(lang, SMS_CODE_FIELD, code))
                    .unwrap_or_else(|| field_error(lang, SMS_CODE_FIELD, "sms_code_format")),
                (None, None) => ApiError::Problem(p.clone()).message(lang),
            }),
            CodeProblem::Field(other) => Some(other.message(lang)),
            CodeProblem::NeedNewCode(e) => Some(e.message(lang)),
            CodeProblem::Other(_) => None,
        }
    }

    /// The summary's line. A code that is dead leads to the resend button when it can be
    /// pressed (`resend_ready`), else to the "Kod gelmedi mi?" section, which says how long
    /// the wait is: a link to a disabled button would leave focus on the link.
    fn summary(&self, lang: Lang, resend_ready: bool) -> SummaryEntry {
        match self {
            CodeProblem::NeedNewCode(e) => SummaryEntry {
                message: e.message(lang),
                target: if resend_ready {
                    RESEND_BUTTON_ID
                } else {
                    RESEND_SECTION_ID
                }
                .to_owned(),
            },
            CodeProblem::Other(e) => SummaryEntry {
                message: e.message(lang),
                target: CODE_INPUT_ID.to_owned(),
            },
            field => SummaryEntry {
                message: field.field_message(lang).unwrap_or_default(),
                target: CODE_INPUT_ID.to_owned(),
            },
        }
    }
}

/// When a new code may be asked for, from a number of seconds from now.
fn resend_at(seconds: u64) -> DateTime<Utc> {
    let seconds = i64::try_from(seconds).unwrap_or(i64::MAX / 1000);
    time::now() + chrono::Duration::seconds(seconds)
}

/// Whole seconds left until `at`, rounded up.
pub fn seconds_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let millis = (at - now).num_milliseconds();
    u64::try_from(millis.max(0)).unwrap_or(0).div_ceil(1000)
}

#[component]
fn SmsForm(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let nav = use_nav();
    let id = StoredValue::new(detail.summary.id.clone());

    let status = RwSignal::new(detail.sms.clone());
    let code = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<CodeProblem>);
    let verifying = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);

    // The wait before a new code: counted from a fixed moment, so a throttled timer in a
    // background tab cannot make it wrong.
    let available_at = RwSignal::new(resend_at(
        detail
            .sms
            .as_ref()
            .map(|s| s.resend_available_in_seconds)
            .unwrap_or(0),
    ));
    let seconds_left = RwSignal::new(seconds_until(available_at.get_untracked(), time::now()));
    if let Ok(ticker) = set_interval_with_handle(
        move || {
            if let Some(at) = available_at.try_get_untracked() {
                seconds_left.set(seconds_until(at, time::now()));
            }
        },
        Duration::from_millis(500),
    ) {
        on_cleanup(move || ticker.clear());
    }
    let waiting = move || seconds_left.get() > 0;
    // A memo: the summary is rebuilt when the button's state changes, not on every tick.
    let resend_ready = Memo::new(move |_| !waiting() && !sending.get());

    let set_status = move |new: SmsStatus| {
        available_at.set(resend_at(new.resend_available_in_seconds));
        seconds_left.set(new.resend_available_in_seconds);
        status.set(Some(new));
    };

    let verify = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let typed = code.get_untracked();
        if typed.trim().is_empty() {
            problem.set(Some(CodeProblem::Missing));
            focus_error_summary();
            return;
        }
        problem.set(None);
        verifying.set(true);
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(token) => api::verify_sms_code(&id, &typed, &token).await,
                Err(e) => Err(e),
            };
            verifying.set(false);
            match result {
                Ok(_) => nav.go(&application_url(&id, "onay")),
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(e) => {
                    problem.set(Some(CodeProblem::from_api(e)));
                    focus_error_summary();
                }
            }
        });
    };

    let resend = move |_| {
        sending.set(true);
        notice.set(None);
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(token) => api::send_sms_code(&id, &token).await,
                Err(e) => Err(e),
            };
            sending.set(false);
            match result {
                Ok(new) => {
                    problem.set(None);
                    code.set(String::new());
                    notice.set(Some(new.sent_to.clone()));
                    set_status(new);
                    request_animation_frame(|| focus_by_id(CODE_INPUT_ID));
                }
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(e) => {
                    if let ApiError::Problem(p) = &e {
                        if let Some(seconds) = p.retry_after_seconds {
                            available_at.set(resend_at(seconds));
                            seconds_left.set(seconds);
                        }
                    }
                    problem.set(Some(CodeProblem::Other(e)));
                    focus_error_summary();
                }
            }
        });
    };

    let entries = Memo::new(move |_| {
        problem
            .get()
            .map(|p| vec![p.summary(i18n.lang(), resend_ready.get())])
            .unwrap_or_default()
    });
    let field_messages = Signal::derive(move || {
        problem
            .get()
            .and_then(|p| p.field_message(i18n.lang()))
            .into_iter()
            .collect::<Vec<_>>()
    });
    let has_error = move || !field_messages.read().is_empty();

    view! {
        <StepIndicator current=Step::Sms />
        <ErrorSummary entries />
        <h1>{tx(T::SmsTitle)}</h1>
        {move || match status.get() {
            Some(s) => {
                view! {
                    <p class="lead">
                        {tx(T::SmsSentTo)} " " <strong class="nowrap">{s.sent_to}</strong>
                    </p>
                }
                    .into_any()
            }
            None => view! { <p class="lead">{tx(T::SmsNotSent)}</p> }.into_any(),
        }}
        <form novalidate on:submit=verify>
            <div class="form-group" class:form-group-error=has_error>
                <label class="label" for=CODE_INPUT_ID>
                    {tx(T::LabelSmsCode)}
                </label>
                <p class="hint" id="dogrulama-kodu-ipucu">
                    {tx(T::HintSmsCode)}
                </p>
                <FieldError id="dogrulama-kodu-hata".to_owned() messages=field_messages />
                <input
                    class="input width-10 code-input"
                    id=CODE_INPUT_ID
                    name="code"
                    type="text"
                    autocomplete="one-time-code"
                    inputmode="numeric"
                    spellcheck="false"
                    aria-describedby=move || {
                        if has_error() {
                            "dogrulama-kodu-ipucu dogrulama-kodu-hata"
                        } else {
                            "dogrulama-kodu-ipucu"
                        }
                    }
                    aria-invalid=move || has_error().then_some("true")
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="button" disabled=move || verifying.get()>
                {tx(T::Continue)}
            </button>
        </form>

        <section class="section" aria-labelledby=RESEND_SECTION_ID>
            <h2 id=RESEND_SECTION_ID tabindex="-1">
                {tx(T::SmsResendHeading)}
            </h2>
            <p>{tx(T::SmsResendText)}</p>
            <p>
                <a href=move || {
                    application_url(&id.get_value(), "form")
                }>{tx(T::SmsCorrectForm)}</a>
            </p>
            <button
                type="button"
                class="button button-secondary"
                id=RESEND_BUTTON_ID
                disabled=move || !resend_ready.get()
                aria-describedby="yeni-kod-bekleme"
                on:click=resend
            >
                {tx(T::SmsResendButton)}
            </button>
            <p class="hint" id="yeni-kod-bekleme">
                {move || {
                    if waiting() {
                        sms_resend_countdown(i18n.lang(), seconds_left.get())
                    } else {
                        i18n.t(T::SmsResendReady).to_owned()
                    }
                }}
            </p>
            // Announced once per change, not every second: when a code was sent and when a
            // new one may be asked for.
            <p class="visually-hidden" role="status" aria-live="polite">
                {move || match (notice.get(), waiting()) {
                    (Some(to), true) => {
                        format!(
                            "{} {}",
                            sms_sent_again(i18n.lang(), &to),
                            sms_resend_countdown(i18n.lang(), status_wait(status)),
                        )
                    }
                    (Some(to), false) => sms_sent_again(i18n.lang(), &to),
                    (None, true) => String::new(),
                    (None, false) => i18n.t(T::SmsResendReady).to_owned(),
                }}
            </p>
        </section>
    }
}

/// The wait announced with a new code: as the API said it (not the ticking count).
fn status_wait(status: RwSignal<Option<SmsStatus>>) -> u64 {
    status
        .with_untracked(|s| s.as_ref().map(|s| s.resend_available_in_seconds))
        .unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use shared::problem::Problem;

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        let now = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
        let at = now + chrono::Duration::milliseconds(59_001);
        assert_eq!(seconds_until(at, now), 60);
        assert_eq!(seconds_until(now, now), 0);
        assert_eq!(seconds_until(now - chrono::Duration::seconds(5), now), 0);
    }

    #[test]
    fn a_wrong_code_names_the_tries_left_on_the_field() {
        let p = CodeProblem::from_api(ApiError::Problem(
            Problem::new(ErrorCode::SmsCodeIncorrect, "x").with_tries_left(2),
        ));
        assert_eq!(
            p.field_message(Lang::Tr).unwrap(),
            "Kod doğru değil. 2 deneme hakkınız kaldı."
        );
        assert_eq!(p.summary(Lang::En, false).target, CODE_INPUT_ID);
        assert_eq!(p.summary(Lang::En, true).target, CODE_INPUT_ID);
    }

    #[test]
    fn an_expired_code_points_to_the_resend_button() {
        let p = CodeProblem::from_api(ApiError::Problem(Problem::new(
            ErrorCode::SmsCodeExpired,
            "x",
        )));
        assert_eq!(p.summary(Lang::Tr, true).target, RESEND_BUTTON_ID);
        assert!(p.summary(Lang::Tr, true).message.contains("yeni kod"));
    }

    #[test]
    fn a_code_used_up_during_the_wait_points_to_the_section_that_shows_the_wait() {
        let p = CodeProblem::from_api(ApiError::Problem(Problem::new(
            ErrorCode::SmsCodeAttemptsExhausted,
            "x",
        )));
        // The resend button is disabled: a link to it would leave focus on the link.
        let waiting = p.summary(Lang::Tr, false);
        assert_eq!(waiting.target, RESEND_SECTION_ID);
        assert!(waiting.message.contains("yeni kod"));
        assert_eq!(p.summary(Lang::Tr, true).target, RESEND_BUTTON_ID);
    }

    #[test]
    fn a_malformed_code_reads_as_six_digits_expected() {
        let mut fields = shared::form::FieldErrors::new();
        fields.add("code", "sms_code_format");
        let p = CodeProblem::from_api(ApiError::Problem(
            Problem::new(ErrorCode::ValidationFailed, "x").with_fields(fields),
        ));
        assert_eq!(
            p.field_message(Lang::En).unwrap(),
            "The verification code has 6 digits"
        );
    }
}
