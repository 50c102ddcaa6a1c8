//! `/kamusm/kurumlar`: every institution (code, name, usable API keys) and the form for a new
//! one. The form runs `shared::api::operator::validate_institution` — the API's own rules —
//! before it sends anything; a code or name already taken comes back as 409 and is shown at
//! the code field.

use leptos::prelude::*;
use shared::api::operator::{field, validate_institution, CreateInstitutionRequest, Institution};
use shared::form::FieldErrors;
use shared::problem::ErrorCode;

use super::messages::{field_error, institution_created};
use super::{institution_path, staff_csrf, OperatorLoadError, OperatorNav};
use super::{APPLICATIONS_PATH, INSTITUTIONS_PATH};
use crate::api::operator::{create_institution, institutions};
use crate::api::ApiError;
use crate::components::feedback::{ErrorBox, Loading};
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, SummaryEntry, TextField, TextOptions,
};
use crate::components::table::DataTable;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::state::{set_page, tx, use_i18n, Crumb};
use crate::texts::S;
use crate::time;

const SUBMIT_ERROR_ID: &str = "kurum-hatasi";
const CREATED_ID: &str = "kurum-sonucu";

/// The error summary's entries, in the order of the form.
fn summary_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    [field::CODE, field::NAME]
        .iter()
        .flat_map(|f| {
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: field_error(lang, f, code),
                target: FieldIds::new(f).control,
            })
        })
        .collect()
}

/// A 409 from `create_institution` (or a 422) as field errors of the form; `None` for
/// failures that are not about a field.
fn as_field_errors(error: &ApiError) -> Option<FieldErrors> {
    match error {
        ApiError::Problem(p) if p.code == ErrorCode::AlreadyExists => {
            let mut errors = FieldErrors::new();
            errors.add(field::CODE, "already_exists");
            Some(errors)
        }
        ApiError::Problem(p) if p.code == ErrorCode::ValidationFailed => p.fields.clone(),
        _ => None,
    }
}

#[component]
pub fn OperatorInstitutionsPage() -> impl IntoView {
    set_page(
        S::OperatorInstitutionsTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(S::OperatorInstitutionsTitle),
        ],
    );
    let list = LocalResource::new(institutions);
    let retry = Callback::new(move |()| list.refetch());
    let created = RwSignal::new(None::<String>);
    move || match list.get() {
        None => view! { <Loading title=S::OperatorInstitutionsTitle /> }.into_any(),
        Some(Err(error)) => view! {
            <OperatorLoadError
                error
                back=(S::OperatorApplicationsTitle, APPLICATIONS_PATH)
                retry
            />
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <h1>{tx(S::OperatorInstitutionsTitle)}</h1>
            <OperatorNav current=INSTITUTIONS_PATH />
            <CreatedNotice created />
            <InstitutionTable institutions=list.institutions />
            <NewInstitutionForm reload=retry created />
        }
        .into_any(),
    }
}

#[component]
fn CreatedNotice(created: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div id=CREATED_ID tabindex="-1" role="status">
            {move || {
                created
                    .get()
                    .map(|name| {
                        view! { <p class="notice">{institution_created(i18n.lang(), &name)}</p> }
                    })
            }}
        </div>
    }
}

#[component]
fn InstitutionTable(institutions: Vec<Institution>) -> impl IntoView {
    if institutions.is_empty() {
        return view! { <p>{tx(S::OperatorNoInstitutions)}</p> }.into_any();
    }
    let rows = institutions
        .into_iter()
        .map(|institution| {
            let href = institution_path(&institution.id);
            view! {
                <tr>
                    <th scope="row">
                        <a href=href>{institution.name.clone()}</a>
                    </th>
                    <td>
                        <code>{institution.code.clone()}</code>
                    </td>
                    <td>{institution.active_api_keys}</td>
                    <td>
                        <time datetime=time::iso(institution.created_at)>
                            {time::date_time(institution.created_at)}
                        </time>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            id="kurumlar-baslik"
            caption=S::OperatorInstitutionsCaption
            columns=vec![S::OperatorColName, S::OperatorColCode, S::OperatorColActiveKeys, S::Created]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}

#[component]
fn NewInstitutionForm(reload: Callback<()>, created: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let submit_error = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit_error.set(None);
        created.set(None);
        let request = CreateInstitutionRequest {
            code: code.get_untracked(),
            name: name.get_untracked(),
        };
        if let Err(found) = validate_institution(&request) {
            errors.set(found);
            focus_error_summary();
            return;
        }
        errors.set(FieldErrors::new());
        saving.set(true);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => create_institution(&request, &token).await,
                Err(e) => Err(e),
            };
            saving.try_set(false);
            match result {
                Ok(institution) => {
                    code.set(String::new());
                    name.set(String::new());
                    created.set(Some(institution.name));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(CREATED_ID));
                }
                Err(e) => match as_field_errors(&e) {
                    Some(found) => {
                        errors.set(found);
                        focus_error_summary();
                    }
                    None => {
                        submit_error.set(Some(e));
                        request_animation_frame(|| focus_by_id(SUBMIT_ERROR_ID));
                    }
                },
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

    view! {
        <section class="section" aria-labelledby="yeni-kurum-baslik">
            <h2 id="yeni-kurum-baslik">{tx(S::OperatorNewInstitution)}</h2>
            <ErrorSummary entries />
            <ErrorBox error=submit_error id=SUBMIT_ERROR_ID />
            <form novalidate on:submit=submit>
                <TextField
                    name=field::CODE
                    label=S::OperatorLabelCode
                    hint=S::OperatorHintCode
                    value=code
                    errors=messages(field::CODE)
                    options=TextOptions {
                        autocomplete: "off",
                        width: Some("width-20"),
                        ..Default::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <TextField
                    name=field::NAME
                    label=S::OperatorLabelName
                    hint=S::OperatorHintName
                    value=name
                    errors=messages(field::NAME)
                    options=TextOptions {
                        autocomplete: "organization",
                        spellcheck: true,
                        ..Default::default()
                    }
                    on_change=nothing
                    on_blur=nothing
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    {tx(S::OperatorCreateInstitution)}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::problem::Problem;

    #[test]
    fn a_taken_code_or_name_is_shown_at_the_code_field() {
        let taken = ApiError::Problem(Problem::new(ErrorCode::AlreadyExists, ""));
        let errors = as_field_errors(&taken).unwrap_or_default();
        assert_eq!(errors.get(field::CODE), ["already_exists"]);
        assert!(as_field_errors(&ApiError::Network).is_none());
    }
}
