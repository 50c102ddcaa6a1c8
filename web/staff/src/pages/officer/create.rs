//! `/kurum/on-basvuru`: one pre-application for a person of the officer's institution.
//!
//! It goes through `create_pre_applications`, so the rules are the API's own (the shared
//! `Tckn`, `PersonName` and `Email` types); a refused row's field codes land on the fields
//! and in the error summary. The institution is the officer's: the API fills it in.

use leptos::prelude::*;
use shared::api::{PreApplicationInput, RowOutcome};
use shared::form::FieldErrors;

use super::messages::{created_one, existing_one, field, field_error};
use super::{application_path, officer_trail, OfficerNav, CREATE_PATH};
use crate::api::officer::create_pre_application;
use crate::api::ApiError;
use crate::components::feedback::ErrorBox;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldError, FieldIds, RadioGroup, SummaryEntry, TextField,
    TextOptions,
};
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::staff::session::use_staff_session;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;

const SUBMIT_ERROR_ID: &str = "gonderim-hatasi";
const RESULT_ID: &str = "olusturma-sonucu";

/// The error summary's entries, in the order of the form.
pub fn summary_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    let known = field::PRE_APPLICATION.iter().copied();
    let others = errors
        .iter()
        .map(|(f, _)| f)
        .filter(|f| !field::PRE_APPLICATION.contains(f));
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

#[derive(Debug, Clone, Copy)]
struct Fields {
    tckn: RwSignal<String>,
    first_name: RwSignal<String>,
    last_name: RwSignal<String>,
    email: RwSignal<String>,
    payer: RwSignal<String>,
    prepaid: RwSignal<bool>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            tckn: RwSignal::new(String::new()),
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            payer: RwSignal::new(String::new()),
            prepaid: RwSignal::new(false),
        }
    }

    fn input(&self) -> PreApplicationInput {
        PreApplicationInput {
            tckn: self.tckn.get_untracked(),
            first_name: self.first_name.get_untracked(),
            last_name: self.last_name.get_untracked(),
            email: self.email.get_untracked(),
            institution: String::new(),
            payer: self.payer.get_untracked(),
            prepaid: self.prepaid.get_untracked(),
        }
    }

    fn clear(&self) {
        for text in [
            self.tckn,
            self.first_name,
            self.last_name,
            self.email,
            self.payer,
        ] {
            text.set(String::new());
        }
        self.prepaid.set(false);
    }
}

/// What the last submit created or found.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    created: bool,
    reference: String,
    application_id: String,
}

#[component]
pub fn OfficerCreatePage() -> impl IntoView {
    set_page(S::OfficerCreateTitle, officer_trail(S::OfficerCreateTitle));
    let i18n = use_i18n();
    let staff = use_staff_session();
    let fields = Fields::new();
    let errors = RwSignal::new(FieldErrors::new());
    let submit_error = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<Outcome>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = fields.input();
        submit_error.set(None);
        outcome.set(None);
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => create_pre_application(&input, &token).await,
                Err(e) => Err(e),
            };
            saving.try_set(false);
            // One row was sent: its outcome is the first (and only) result.
            let row = match result {
                Ok(answer) => answer
                    .results
                    .into_iter()
                    .next()
                    .ok_or_else(|| ApiError::Unexpected("no row in the answer".into())),
                Err(e) => Err(e),
            };
            match row {
                Ok(row) if row.outcome == RowOutcome::Rejected => {
                    errors.set(row.errors.unwrap_or_default());
                    focus_error_summary();
                }
                Ok(row) => {
                    errors.set(FieldErrors::new());
                    fields.clear();
                    outcome.set(Some(Outcome {
                        created: row.outcome == RowOutcome::Created,
                        reference: row.reference.unwrap_or_default(),
                        application_id: row.application_id.unwrap_or_default(),
                    }));
                    request_animation_frame(|| focus_by_id(RESULT_ID));
                }
                Err(e) => {
                    submit_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(SUBMIT_ERROR_ID));
                }
            }
        });
    };

    let messages = move |f: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .get(f)
                .iter()
                .map(|code| field_error(i18n.lang(), f, code))
                .collect::<Vec<_>>()
        })
    };
    let entries = Signal::derive(move || summary_entries(&errors.get(), i18n.lang()));
    let nothing = Callback::new(|()| {});
    let prepaid_ids = FieldIds::new(field::PREPAID);

    view! {
        <h1>{tx(S::OfficerCreateTitle)}</h1>
        <OfficerNav current=CREATE_PATH />
        <div id=RESULT_ID tabindex="-1" role="status">
            {move || {
                outcome
                    .get()
                    .map(|o| {
                        let href = application_path(&o.application_id);
                        let text = if o.created {
                            created_one(i18n.lang(), &o.reference)
                        } else {
                            existing_one(i18n.lang(), &o.reference)
                        };
                        view! {
                            <div class="notice">
                                <p>{text}</p>
                                <p>
                                    <a href=href>{tx(S::OfficerOpenApplication)}</a>
                                </p>
                            </div>
                        }
                    })
            }}
        </div>
        <ErrorSummary entries />
        <ErrorBox error=submit_error id=SUBMIT_ERROR_ID />
        <p class="lead">{tx(S::OfficerCreateIntro)}</p>
        <form novalidate on:submit=submit>
            <TextField
                name=field::TCKN
                label=T::LabelTckn
                hint=S::OfficerTcknHint
                value=fields.tckn
                errors=messages(field::TCKN)
                options=TextOptions {
                    inputmode: Some("numeric"),
                    autocomplete: "off",
                    width: Some("width-10"),
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <TextField
                name=field::FIRST_NAME
                label=T::FirstName
                value=fields.first_name
                errors=messages(field::FIRST_NAME)
                options=TextOptions {
                    autocomplete: "off",
                    width: Some("width-20"),
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <TextField
                name=field::LAST_NAME
                label=S::LastName
                value=fields.last_name
                errors=messages(field::LAST_NAME)
                options=TextOptions {
                    autocomplete: "off",
                    width: Some("width-20"),
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <TextField
                name=field::EMAIL
                label=T::Email
                hint=S::OfficerEmailHint
                value=fields.email
                errors=messages(field::EMAIL)
                options=TextOptions {
                    input_type: "email",
                    autocomplete: "off",
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <RadioGroup
                name=field::PAYER
                legend=S::OfficerLabelPayer
                choices=vec![
                    ("institution", T::PayerInstitution),
                    ("person", S::PaidByPerson),
                ]
                value=fields.payer
                errors=messages(field::PAYER)
                on_change=nothing
            />
            <div class="form-group">
                <FieldError id=prepaid_ids.error.clone() messages=messages(field::PREPAID) />
                <div class="checkbox">
                    <input
                        class="checkbox-input"
                        type="checkbox"
                        id=prepaid_ids.control.clone()
                        name=field::PREPAID
                        aria-describedby=prepaid_ids.hint.clone()
                        prop:checked=move || fields.prepaid.get()
                        on:change=move |ev| fields.prepaid.set(event_target_checked(&ev))
                    />
                    <label class="checkbox-label" for=prepaid_ids.control.clone()>
                        {tx(S::OfficerLabelPrepaid)}
                    </label>
                    <p class="hint checkbox-hint" id=prepaid_ids.hint.clone()>
                        {tx(S::OfficerPrepaidHint)}
                    </p>
                </div>
            </div>
            <button type="submit" class="button" disabled=move || saving.get()>
                {tx(S::OfficerCreateButton)}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_entries_follow_the_form_and_point_at_the_controls() {
        let mut errors = FieldErrors::new();
        errors.add(field::PAYER, "payer_invalid");
        errors.add(field::TCKN, "tckn_checksum");
        let entries = summary_entries(&errors, Lang::En);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].target, "tckn");
        assert_eq!(entries[1].target, "payer");
    }
}
