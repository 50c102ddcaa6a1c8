//! `/basvuru/:id/form`: "Başvuru Formu" (TAL.01.16 §3.3).
//!
//! The locked fields of the pre-application are shown as a description list; the others are
//! filled in. `shared::form::validate_form` (the server's own function) runs on "Devam"; the
//! server's 422 `fields` land on the same fields. The draft is saved while typing (debounced),
//! on leaving a field and when the page is left, and restored on the next visit. A copy is
//! kept in this browser until the server has it (see [`crate::draft`]), so that a change typed
//! just before a reload is not lost to the reloaded page reading the draft too early.
//!
//! "Devam" stores the checked form as the draft and goes on to "Bilgilerinizi kontrol edin"
//! ([`super::check_answers`]), whose button submits it. A "Değiştir" link there opens this
//! page with `?degistir=<field id>`: that field gets focus, and "Devam" leads back.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::{ApplicationDetail, Fees};
use shared::form::{
    field, validate_form, ApplicationFormInput, FieldErrors, PrefilledFields, FORM_FIELDS,
};
use shared::il::Il;
use shared::problem::ErrorCode;
use shared::workflow::ApplicationState;

use super::{application_page, application_url};
use crate::api::{self, ApiError};
use crate::components::feedback::ErrorBox;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, RadioGroup, SelectField, SummaryEntry, TextField,
    TextOptions,
};
use crate::components::steps::{Step, StepIndicator};
use crate::draft::{self, DraftTracker, Start, Trigger, DEBOUNCE_MS};
use crate::i18n::messages::{draft_saved_at, field_error};
use crate::i18n::{Lang, T};
use crate::nav::{focus_by_id, use_nav, Nav};
use crate::state::{application_trail, set_page, tx, use_i18n, use_session, Session, SessionState};
use crate::time;

const SUBMIT_ERROR_ID: &str = "gonderim-hatasi";

/// The query parameter naming the field to focus on arrival (from a "Değiştir" link).
pub const CHANGE_PARAM: &str = "degistir";

/// The field a "Değiştir" link asked for, if it is one of the form's.
fn field_to_change(param: Option<String>) -> Option<String> {
    let wanted = param?;
    FORM_FIELDS
        .iter()
        .map(|f| FieldIds::new(f).control)
        .find(|control| *control == wanted)
}

#[component]
pub fn FormPage() -> impl IntoView {
    set_page(T::FormTitle, application_trail(T::FormTitle));
    application_page(T::FormTitle, |detail| {
        if detail.summary.state.is_before_approval() {
            view! { <ApplicationFormView detail /> }.into_any()
        } else {
            // Nothing typed here can be saved any more: the local copy can go.
            draft::forget_local(&detail.summary.id);
            view! { <FormClosed detail /> }.into_any()
        }
    })
}

/// The form of an approved (or cancelled, expired) application cannot change.
#[component]
fn FormClosed(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let state = detail.summary.state;
    let closed = matches!(
        state,
        ApplicationState::Cancelled | ApplicationState::Expired
    );
    let result_link = (!closed).then(|| {
        let href = application_url(&detail.summary.id, "sonuc");
        view! {
            <p>
                <a href=href>{tx(T::ActionResult)}</a>
            </p>
        }
    });
    view! {
        <h1>{tx(T::FormTitle)}</h1>
        <p class="lead">
            {move || i18n.t(if closed { T::FormClosed } else { T::FormLocked })}
        </p>
        {result_link}
        <p>
            <a href="/basvuru-islemleri">{tx(T::BackToApplications)}</a>
        </p>
    }
}

/// One signal per input field.
#[derive(Debug, Clone, Copy)]
struct Fields {
    mobile_phone: RwSignal<String>,
    birth_date: RwSignal<String>,
    title: RwSignal<String>,
    address_il: RwSignal<String>,
    address_ilce: RwSignal<String>,
    address_line: RwSignal<String>,
    postal_code: RwSignal<String>,
    certificate_term_years: RwSignal<String>,
}

/// The form as the page shows `input`: a draft may name the province in any spelling; the
/// list shows the official one. The locked TC Kimlik No is not part of what is typed.
pub fn as_shown(input: &ApplicationFormInput) -> ApplicationFormInput {
    let mut shown = input.clone();
    shown.tckn = None;
    if let Some(il) = Il::by_name(&input.address_il) {
        il.name().clone_into(&mut shown.address_il);
    }
    shown
}

impl Fields {
    fn new(input: &ApplicationFormInput) -> Fields {
        let input = as_shown(input);
        Fields {
            mobile_phone: RwSignal::new(input.mobile_phone.clone()),
            birth_date: RwSignal::new(input.birth_date.clone()),
            title: RwSignal::new(input.title.clone()),
            address_il: RwSignal::new(input.address_il.clone()),
            address_ilce: RwSignal::new(input.address_ilce.clone()),
            address_line: RwSignal::new(input.address_line.clone()),
            postal_code: RwSignal::new(input.postal_code.clone()),
            certificate_term_years: RwSignal::new(input.certificate_term_years.clone()),
        }
    }

    /// The form as typed, if the page is still there.
    fn input(&self) -> Option<ApplicationFormInput> {
        Some(ApplicationFormInput {
            tckn: None,
            mobile_phone: self.mobile_phone.try_get_untracked()?,
            birth_date: self.birth_date.try_get_untracked()?,
            title: self.title.try_get_untracked()?,
            address_il: self.address_il.try_get_untracked()?,
            address_ilce: self.address_ilce.try_get_untracked()?,
            address_line: self.address_line.try_get_untracked()?,
            postal_code: self.postal_code.try_get_untracked()?,
            certificate_term_years: self.certificate_term_years.try_get_untracked()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
enum DraftStatus {
    Idle,
    Saving,
    Saved(String),
    Failed(ApiError),
}

/// Everything the form's handlers need; `Copy`, so every closure can hold it.
#[derive(Debug, Clone, Copy)]
struct FormState {
    id: StoredValue<String>,
    prefilled: StoredValue<PrefilledFields>,
    fields: Fields,
    tracker: StoredValue<DraftTracker>,
    errors: RwSignal<FieldErrors>,
    draft: RwSignal<DraftStatus>,
    submit_error: RwSignal<Option<ApiError>>,
    submitting: RwSignal<bool>,
    /// Whether this browser keeps a copy of the form (not once it is submitted or closed).
    keep_local: StoredValue<bool>,
    session: Session,
    nav: Nav,
}

impl FormState {
    /// Brings this browser's copy of the form up to date, synchronously: written while the
    /// server may lack something, removed once it has everything.
    fn mirror(self) {
        let (Some(true), Some(input), Some(id)) = (
            self.keep_local.try_get_value(),
            self.fields.input(),
            self.id.try_get_value(),
        ) else {
            return;
        };
        let copy = self.tracker.try_with_value(|t| {
            (!t.in_sync(&input)).then(|| t.local_copy(&input, time::now().timestamp_millis()))
        });
        match copy {
            Some(Some(copy)) => draft::write_local(&id, &copy),
            Some(None) => draft::forget_local(&id),
            None => {}
        }
    }

    /// The form is submitted, or can no longer change: no local copy from now on.
    fn forget_local(self) {
        self.keep_local.try_set_value(false);
        if let Some(id) = self.id.try_get_value() {
            draft::forget_local(&id);
        }
    }

    /// A field changed: save after a pause in typing.
    fn changed(self) {
        let Some(ticket) = self.tracker.try_update_value(DraftTracker::changed) else {
            return;
        };
        self.mirror();
        set_timeout(
            move || self.save(Trigger::Timer(ticket)),
            Duration::from_millis(DEBOUNCE_MS),
        );
    }

    fn save(self, trigger: Trigger) {
        let Some(input) = self.fields.input() else {
            return;
        };
        let started = self
            .tracker
            .try_update_value(|t| t.start(trigger, &input))
            .unwrap_or(false);
        if !started {
            return;
        }
        self.mirror();
        self.draft.set(DraftStatus::Saving);
        let Some(id) = self.id.try_get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match self.session.csrf().await {
                Ok(token) => api::save_draft(&id, &input, &token).await,
                Err(e) => Err(e),
            };
            let latest = self.fields.input().unwrap_or_else(|| input.clone());
            let again = self
                .tracker
                .try_update_value(|t| t.finished(input, result.is_ok(), &latest))
                .unwrap_or(false);
            match result {
                Ok(()) => {
                    self.mirror();
                    self.draft.set(DraftStatus::Saved(time::clock(time::now())));
                }
                Err(ApiError::Unauthenticated) => self.nav.session_ended(self.session),
                Err(e) => {
                    if can_no_longer_change(&e) {
                        self.forget_local();
                    }
                    self.draft.set(DraftStatus::Failed(e));
                }
            }
            if again {
                self.save(Trigger::AfterSave);
            }
        });
    }

    /// The page is going away (another page, reload, closed tab): send what was not saved
    /// with a request that outlives the page.
    fn flush(self) {
        let Some(input) = self.fields.input() else {
            return;
        };
        let token = match self.session.state.try_get_untracked() {
            Some(SessionState::Active(info)) => info.csrf_token,
            _ => return,
        };
        let unsaved = self
            .tracker
            .try_update_value(|t| {
                let unsaved = t.unsaved(&input);
                t.saved_as(input.clone());
                unsaved
            })
            .unwrap_or(false);
        if let (true, Some(id)) = (unsaved, self.id.try_get_value()) {
            api::save_draft_on_exit(&id, &input, &token);
            // The copy now also knows that the server may hold this.
            self.mirror();
        }
    }

    fn submit(self) {
        let (Some(input), Some(prefilled), Some(id)) = (
            self.fields.input(),
            self.prefilled.try_get_value(),
            self.id.try_get_value(),
        ) else {
            return;
        };
        self.tracker.update_value(DraftTracker::cancel_pending);
        self.submit_error.set(None);
        let today = time::today_in_turkey(time::now());
        if let Err(errors) = validate_form(&input, &prefilled, today) {
            self.errors.set(errors);
            focus_error_summary();
            return;
        }
        self.errors.set(FieldErrors::new());
        self.submitting.set(true);
        leptos::task::spawn_local(async move {
            // Stored before leaving, so that the check page (and a reload of it) shows it.
            let result = match self.session.csrf().await {
                Ok(token) => api::save_draft(&id, &input, &token).await,
                Err(e) => Err(e),
            };
            self.submitting.set(false);
            match result {
                Ok(()) => {
                    self.tracker.update_value(|t| t.saved_as(input));
                    self.mirror();
                    self.nav.go(&application_url(&id, "kontrol"));
                }
                Err(ApiError::Unauthenticated) => self.nav.session_ended(self.session),
                Err(e) => {
                    if can_no_longer_change(&e) {
                        self.forget_local();
                    }
                    self.submit_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(SUBMIT_ERROR_ID));
                }
            }
        });
    }
}

/// The API's answer when the form cannot change any more (approved, cancelled, expired).
fn can_no_longer_change(error: &ApiError) -> bool {
    matches!(
        error.code(),
        Some(ErrorCode::InvalidStateTransition | ErrorCode::ApplicationExpired)
    )
}

/// Where the form starts: the unsubmitted draft if there is one (it is newer), else the
/// submitted form, else empty.
pub fn starting_input(detail: &ApplicationDetail) -> ApplicationFormInput {
    detail
        .draft
        .clone()
        .or_else(|| detail.form.as_ref().map(|f| f.to_input()))
        .unwrap_or_default()
}

/// The error summary's entries, in the order of the form.
pub fn summary_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    let known = FORM_FIELDS.iter().copied();
    let others = errors
        .iter()
        .map(|(f, _)| f)
        .filter(|f| !FORM_FIELDS.contains(f));
    known
        .chain(others)
        .flat_map(|f| {
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: field_error(lang, f, code),
                target: FieldIds::new(f).control,
            })
        })
        .collect()
}

#[component]
fn ApplicationFormView(detail: ApplicationDetail) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.summary.id.clone();
    // The server's draft, unless this browser has a newer copy (a change typed just before a
    // reload, whose save on the way out has not reached the API yet).
    let server = starting_input(&detail);
    let newer = match draft::choose_start(&as_shown(&server), draft::read_local(&id)) {
        Start::Local(newer) => Some(*newer),
        Start::Server => {
            draft::forget_local(&id);
            None
        }
    };
    let restored = newer.is_some();
    let fields = Fields::new(newer.as_ref().unwrap_or(&server));
    let tracker = DraftTracker::new(as_shown(&server)).loaded_as(server);
    let state = FormState {
        id: StoredValue::new(id),
        prefilled: StoredValue::new(detail.prefilled.clone()),
        fields,
        tracker: StoredValue::new(tracker),
        errors: RwSignal::new(FieldErrors::new()),
        draft: RwSignal::new(DraftStatus::Idle),
        submit_error: RwSignal::new(None),
        submitting: RwSignal::new(false),
        keep_local: StoredValue::new(true),
        session: use_session(),
        nav: use_nav(),
    };
    if restored {
        // The newest draft is the one in this browser: the server gets it now.
        state.save(Trigger::Restored);
    }

    // Nothing typed is lost when the page goes away.
    let pagehide = window_event_listener(ev::pagehide, move |_| state.flush());
    on_cleanup(move || {
        pagehide.remove();
        state.flush();
    });

    let on_change = Callback::new(move |()| state.changed());
    let on_blur = Callback::new(move |()| state.save(Trigger::Blur));
    let messages = move |f: &'static str| {
        Signal::derive(move || {
            let lang = i18n.lang();
            state
                .errors
                .read()
                .get(f)
                .iter()
                .map(|code| field_error(lang, f, code))
                .collect::<Vec<_>>()
        })
    };
    let entries = Signal::derive(move || summary_entries(&state.errors.read(), i18n.lang()));
    let provinces: Vec<(String, String)> = Il::alphabetical()
        .iter()
        .map(|il| (il.name().to_owned(), il.label()))
        .collect();
    // Arriving from a "Değiştir" link: that field, once the page is drawn.
    if let Some(control) = field_to_change(use_query_map().get_untracked().get(CHANGE_PARAM)) {
        request_animation_frame(move || focus_by_id(&control));
    }
    let prefilled = detail.prefilled;
    let reference = detail.summary.reference;
    let fees = detail.fees;

    view! {
        <StepIndicator current=Step::Form />
        <ErrorSummary entries />
        <ErrorBox error=state.submit_error id=SUBMIT_ERROR_ID />
        <h1>{tx(T::FormTitle)}</h1>
        <p class="lead">{tx(T::FormIntro)}</p>

        <section class="section" aria-labelledby="on-basvuru-baslik">
            <h2 id="on-basvuru-baslik">{tx(T::PrefilledHeading)}</h2>
            <p class="hint">{tx(T::PrefilledHint)}</p>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(T::Reference)}</dt>
                    <dd>{reference}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelTckn)}</dt>
                    <dd id=FieldIds::new(field::TCKN).control tabindex="-1">
                        {prefilled.tckn.as_str().to_owned()}
                    </dd>
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

        <form
            class="section"
            novalidate
            aria-labelledby="doldurulacak-baslik"
            on:submit=move |ev| {
                ev.prevent_default();
                state.submit();
            }
        >
            <h2 id="doldurulacak-baslik">{tx(T::FillHeading)}</h2>
            <TextField
                name=field::MOBILE_PHONE
                label=T::MobilePhone
                hint=T::HintPhone
                value=fields.mobile_phone
                errors=messages(field::MOBILE_PHONE)
                options=TextOptions {
                    input_type: "tel",
                    autocomplete: "tel",
                    inputmode: Some("tel"),
                    width: Some("width-20"),
                    ..TextOptions::default()
                }
                on_change
                on_blur
            />
            <TextField
                name=field::BIRTH_DATE
                label=T::LabelBirthDate
                hint=T::HintBirthDate
                value=fields.birth_date
                errors=messages(field::BIRTH_DATE)
                options=TextOptions {
                    input_type: "date",
                    autocomplete: "bday",
                    width: Some("width-20"),
                    ..TextOptions::default()
                }
                on_change
                on_blur
            />
            <TextField
                name=field::TITLE
                label=T::LabelTitle
                hint=T::HintTitle
                value=fields.title
                errors=messages(field::TITLE)
                options=TextOptions {
                    autocomplete: "organization-title",
                    spellcheck: true,
                    ..TextOptions::default()
                }
                on_change
                on_blur
            />
            <fieldset class="fieldset" aria-describedby="adres-ipucu">
                <legend class="legend">{tx(T::AddressLegend)}</legend>
                <p class="hint" id="adres-ipucu">{tx(T::HintAddress)}</p>
                <SelectField
                    name=field::ADDRESS_IL
                    label=T::LabelIl
                    placeholder=T::SelectIl
                    choices=provinces
                    value=fields.address_il
                    errors=messages(field::ADDRESS_IL)
                    autocomplete="address-level1"
                    on_change
                    on_blur
                />
                <TextField
                    name=field::ADDRESS_ILCE
                    label=T::LabelIlce
                    value=fields.address_ilce
                    errors=messages(field::ADDRESS_ILCE)
                    options=TextOptions {
                        autocomplete: "address-level2",
                        width: Some("width-20"),
                        ..TextOptions::default()
                    }
                    on_change
                    on_blur
                />
                <TextField
                    name=field::ADDRESS_LINE
                    label=T::LabelAddressLine
                    hint=T::HintAddressLine
                    value=fields.address_line
                    errors=messages(field::ADDRESS_LINE)
                    options=TextOptions {
                        autocomplete: "street-address",
                        multiline: true,
                        ..TextOptions::default()
                    }
                    on_change
                    on_blur
                />
                <TextField
                    name=field::POSTAL_CODE
                    label=T::LabelPostalCode
                    hint=T::HintPostalCode
                    value=fields.postal_code
                    errors=messages(field::POSTAL_CODE)
                    options=TextOptions {
                        autocomplete: "postal-code",
                        inputmode: Some("numeric"),
                        width: Some("width-5"),
                        ..TextOptions::default()
                    }
                    on_change
                    on_blur
                />
            </fieldset>
            <RadioGroup
                name=field::CERTIFICATE_TERM_YEARS
                legend=T::CertificateTerm
                choices=vec![("1", T::Term1), ("2", T::Term2), ("3", T::Term3)]
                value=fields.certificate_term_years
                errors=messages(field::CERTIFICATE_TERM_YEARS)
                on_change
                notes=fee_notes(fees.as_ref())
            />
            <FeeHint fees=fees.clone() />
            <p class="draft-status" role="status">
                {move || match state.draft.get() {
                    DraftStatus::Idle => String::new(),
                    DraftStatus::Saving => i18n.t(T::DraftSaving).to_owned(),
                    DraftStatus::Saved(at) => draft_saved_at(i18n.lang(), &at),
                    DraftStatus::Failed(e) => {
                        format!("{} {}", i18n.t(T::DraftNotSaved), e.message(i18n.lang()))
                    }
                }}
            </p>
            <button type="submit" class="button" disabled=move || state.submitting.get()>
                {tx(T::Continue)}
            </button>
        </form>
    }
}

/// Each term's price beside its choice, when the person pays.
pub fn fee_notes(fees: Option<&Fees>) -> Vec<(&'static str, String)> {
    let Some(fees) = fees else {
        return Vec::new();
    };
    [("1", 1), ("2", 2), ("3", 3)]
        .into_iter()
        .filter_map(|(value, years)| {
            fees.of(years)
                .map(|fee| (value, fee.amount_display.clone()))
        })
        .collect()
}

/// Who pays, and whether production waits for the payment — under the term choice.
#[component]
fn FeeHint(fees: Option<Fees>) -> impl IntoView {
    match fees {
        None => view! { <p class="hint">{tx(T::FeePaidByInstitution)}</p> }.into_any(),
        Some(fees) => view! {
            <p class="hint">
                {tx(T::FeeHint)}
                {fees
                    .production_waits_for_payment
                    .then(|| view! { " " {tx(T::FeePrepaidHint)} })}
            </p>
        }
        .into_any(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_follows_the_form_order_and_names_each_field() {
        let mut errors = FieldErrors::new();
        errors.add(field::POSTAL_CODE, "postal_code_invalid");
        errors.add(field::MOBILE_PHONE, "required");
        errors.add(field::MOBILE_PHONE, "phone_invalid");
        let entries = summary_entries(&errors, Lang::Tr);
        let targets: Vec<&str> = entries.iter().map(|e| e.target.as_str()).collect();
        assert_eq!(targets, ["mobile-phone", "mobile-phone", "postal-code"]);
        assert_eq!(entries[0].message, "Cep telefonu numaranızı girin");
    }

    #[test]
    fn each_term_shows_its_price_when_the_person_pays() {
        let fee = |years, amount_display: &str| shared::api::TermFee {
            certificate_term_years: years,
            amount_kurus: 0,
            amount_display: amount_display.to_owned(),
        };
        let fees = Fees {
            by_term: vec![
                fee(1, "470,00 TL"),
                fee(2, "750,00 TL"),
                fee(3, "990,00 TL"),
            ],
            production_waits_for_payment: true,
        };
        assert_eq!(
            fee_notes(Some(&fees)),
            [
                ("1", "470,00 TL".to_owned()),
                ("2", "750,00 TL".to_owned()),
                ("3", "990,00 TL".to_owned())
            ]
        );
        assert!(fee_notes(None).is_empty());
    }

    #[test]
    fn a_server_error_on_an_unknown_field_is_still_listed() {
        let mut errors = FieldErrors::new();
        errors.add("something_new", "required");
        let entries = summary_entries(&errors, Lang::En);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].target, "something-new");
    }
}
