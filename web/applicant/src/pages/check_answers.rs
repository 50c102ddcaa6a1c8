//! `/basvuru/:id/kontrol`: "Bilgilerinizi kontrol edin" (the GOV.UK "check answers" pattern),
//! between the Başvuru Formu and the SMS Onayı.
//!
//! The form's "Devam" stores what was typed as the draft (durable, `save_form_draft`) and
//! comes here; this page shows that draft as the form will be stored, each answer with a
//! "Değiştir" link back to its field (the form's "Devam" returns here). Its button sends the
//! shown answers with `submit_application_form`, which stores the form and sends the SMS
//! code, and goes on to the SMS step — so what the person checked is what is submitted.

use chrono::Datelike;
use leptos::prelude::*;
use shared::api::{ApplicationDetail, Fees};
use shared::form::{field, validate_form, ApplicationForm, ApplicationFormInput, FieldErrors};
use shared::problem::ErrorCode;

use super::form::{starting_input, CHANGE_PARAM};
use super::{application_page, application_url};
use crate::api::{self, ApiError};
use crate::components::feedback::{ErrorBox, NotAtThisStep};
use crate::components::fields::{focus_error_summary, ErrorSummary, FieldIds, SummaryEntry};
use crate::components::steps::{Step, StepIndicator};
use crate::draft;
use crate::i18n::messages::{field_error, field_label};
use crate::i18n::{Lang, T};
use crate::nav::{focus_by_id, use_nav};
use crate::state::{application_trail, set_page, tx, use_i18n, use_session};
use crate::time;

const SUBMIT_ERROR_ID: &str = "kontrol-hatasi";

/// The id of a field's "Değiştir" link: where the error summary leads when the API refuses
/// an answer (the field itself is on the form).
pub fn change_link_id(f: &str) -> String {
    format!("degistir-{}", FieldIds::new(f).control)
}

/// The form page's address that opens with the field `f` focused.
pub fn change_url(id: &str, f: &str) -> String {
    format!(
        "{}?{CHANGE_PARAM}={}",
        application_url(id, "form"),
        FieldIds::new(f).control
    )
}

/// `gg.aa.yyyy`, as the form's hint says dates are written.
pub fn date_dmy(date: chrono::NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// The answers in the form's order: the field and its value as shown.
pub fn answers(
    form: &ApplicationForm,
    fees: Option<&Fees>,
    lang: Lang,
) -> Vec<(&'static str, String)> {
    let years = form.certificate_term.years();
    let term = match years {
        1 => T::Term1,
        2 => T::Term2,
        _ => T::Term3,
    }
    .get(lang)
    .to_owned();
    let term = match fees.and_then(|f| f.of(years)) {
        Some(fee) => format!("{term} — {}", fee.amount_display),
        None => term,
    };
    vec![
        (field::MOBILE_PHONE, form.mobile_phone.national()),
        (field::BIRTH_DATE, date_dmy(form.birth_date)),
        (field::TITLE, form.title.clone()),
        (field::ADDRESS_IL, form.address.il.label()),
        (field::ADDRESS_ILCE, form.address.ilce.clone()),
        (field::ADDRESS_LINE, form.address.line.clone()),
        (field::POSTAL_CODE, form.address.postal_code.clone()),
        (field::CERTIFICATE_TERM_YEARS, term),
    ]
}

#[component]
pub fn CheckAnswersPage() -> impl IntoView {
    set_page(T::CheckTitle, application_trail(T::CheckTitle));
    application_page(T::CheckTitle, |detail| {
        let id = detail.summary.id.clone();
        if !detail.summary.state.is_before_approval() {
            let next = Some((T::ActionResult, application_url(&id, "sonuc")));
            return view! { <NotAtThisStep title=T::CheckTitle text=T::FormLocked next /> }
                .into_any();
        }
        let input = starting_input(&detail);
        let today = time::today_in_turkey(time::now());
        match validate_form(&input, &detail.prefilled, today) {
            Ok(form) => view! { <CheckAnswers detail input form /> }.into_any(),
            // Nothing typed yet, or something missing: the form says what.
            Err(_) => {
                let next = Some((T::GoToForm, application_url(&id, "form")));
                view! { <NotAtThisStep title=T::CheckTitle text=T::CheckIncomplete next /> }
                    .into_any()
            }
        }
    })
}

#[component]
fn CheckAnswers(
    detail: ApplicationDetail,
    input: ApplicationFormInput,
    form: ApplicationForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let (session, nav) = (use_session(), use_nav());
    let id = StoredValue::new(detail.summary.id.clone());
    let input = StoredValue::new(input);
    let errors = RwSignal::new(FieldErrors::new());
    let submit_error = RwSignal::new(None::<ApiError>);
    let submitting = RwSignal::new(false);
    let fees = detail.fees.clone();
    let prefilled = detail.prefilled.clone();

    let submit = move |_| {
        errors.set(FieldErrors::new());
        submit_error.set(None);
        submitting.set(true);
        let (id, input) = (id.get_value(), input.get_value());
        leptos::task::spawn_local(async move {
            let result = match session.csrf().await {
                Ok(token) => api::submit_form(&id, &input, &token).await,
                Err(e) => Err(e),
            };
            submitting.set(false);
            match result {
                Ok(_) => {
                    draft::forget_local(&id);
                    nav.go(&application_url(&id, "sms"));
                }
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(ApiError::Problem(problem))
                    if problem.code == ErrorCode::ValidationFailed && problem.fields.is_some() =>
                {
                    errors.set(problem.fields.unwrap_or_default());
                    focus_error_summary();
                }
                Err(e) => {
                    submit_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(SUBMIT_ERROR_ID));
                }
            }
        });
    };

    // A refused answer leads to its "Değiştir" link.
    let entries = Signal::derive(move || {
        let lang = i18n.lang();
        errors
            .read()
            .iter()
            .flat_map(|(f, codes)| {
                codes.iter().map(move |code| SummaryEntry {
                    message: field_error(lang, f, code),
                    target: change_link_id(f),
                })
            })
            .collect::<Vec<_>>()
    });

    let rows = move || {
        let lang = i18n.lang();
        answers(&form, fees.as_ref(), lang)
            .into_iter()
            .map(|(f, value)| {
                let label = field_label(f).map(|t| t.get(lang)).unwrap_or_default();
                let href = change_url(&id.get_value(), f);
                view! {
                    <div class="summary-row summary-row-with-action">
                        <dt>{label}</dt>
                        <dd class="summary-value">{value}</dd>
                        <dd class="summary-action">
                            <a id=change_link_id(f) href=href>
                                {T::Change.get(lang)}
                                <span class="visually-hidden">" " {label}</span>
                            </a>
                        </dd>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <StepIndicator current=Step::Check />
        <ErrorSummary entries />
        <ErrorBox error=submit_error id=SUBMIT_ERROR_ID />
        <h1>{tx(T::CheckTitle)}</h1>
        <p class="lead">{tx(T::CheckIntro)}</p>

        <section class="section" aria-labelledby="kontrol-on-basvuru">
            <h2 id="kontrol-on-basvuru">{tx(T::PrefilledHeading)}</h2>
            <p class="hint">{tx(T::PrefilledHint)}</p>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(T::Reference)}</dt>
                    <dd>{detail.summary.reference.clone()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelTckn)}</dt>
                    <dd>{prefilled.tckn.as_str().to_owned()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::FirstName)}</dt>
                    <dd>{prefilled.first_name.as_str().to_owned()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelLastName)}</dt>
                    <dd>{prefilled.last_name.as_str().to_owned()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::Email)}</dt>
                    <dd>{prefilled.email.as_str().to_owned()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::Institution)}</dt>
                    <dd>{prefilled.institution.clone()}</dd>
                </div>
            </dl>
        </section>

        <section class="section" aria-labelledby="kontrol-yanitlar">
            <h2 id="kontrol-yanitlar">{tx(T::CheckAnswersHeading)}</h2>
            <dl class="summary-list">{rows}</dl>
        </section>

        <section class="section" aria-labelledby="kontrol-gonder">
            <h2 id="kontrol-gonder">{tx(T::CheckSendHeading)}</h2>
            <p>{tx(T::CheckSendText)}</p>
            <button
                type="button"
                class="button"
                disabled=move || submitting.get()
                on:click=submit
            >
                {tx(T::CheckSubmit)}
            </button>
        </section>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn each_change_link_has_its_own_id_and_opens_its_field_on_the_form() {
        assert_eq!(change_link_id(field::POSTAL_CODE), "degistir-postal-code");
        assert_eq!(
            change_url("abc", field::ADDRESS_IL),
            "/basvuru/abc/form?degistir=address-il"
        );
    }

    #[test]
    fn dates_read_day_month_year() {
        let date = chrono::NaiveDate::from_ymd_opt(1985, 4, 3).unwrap();
        assert_eq!(date_dmy(date), "03.04.1985");
    }
}
