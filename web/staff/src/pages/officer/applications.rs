//! `/kurum/basvurular`: the institution's applications, newest change first, with filters
//! (state, creation days, "no progress for N days") and pages. The filters live in the
//! address (`?state=…&created_from=…`), so a filtered list can be reloaded, bookmarked and
//! left with the back button.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::officer::{
    InstitutionApplicationItem, InstitutionApplications, InstitutionApplicationsQuery,
};
use shared::form::FieldErrors;
use shared::named::Named;
use shared::workflow::{ApplicationState, Payer};

use super::messages::{applications_found, field, field_error};
use super::{application_path, OfficerLoadError, OfficerNav, LIST_PATH};
use crate::api::officer::{institution_applications, list_query_string};
use crate::api::ApiError;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldError, FieldIds, SummaryEntry,
};
use crate::components::pagination::Pagination;
use crate::components::table::DataTable;
use crate::i18n::{Lang, T};
use crate::nav::use_nav;
use crate::state::{set_page, tx, use_i18n, Crumb};
use crate::texts::S;
use crate::time;

/// The filters as the address holds them (`param` reads one query parameter); anything
/// unreadable there is ignored.
pub fn query_from_params(param: impl Fn(&str) -> Option<String>) -> InstitutionApplicationsQuery {
    let get = |key: &str| param(key).filter(|v| !v.is_empty());
    InstitutionApplicationsQuery {
        state: get("state").and_then(|s| ApplicationState::parse(&s)),
        created_from: get("created_from").and_then(|d| d.parse().ok()),
        created_to: get("created_to").and_then(|d| d.parse().ok()),
        stalled_days: get("stalled_days").and_then(|d| d.parse().ok()),
        page: get("page").and_then(|p| p.parse().ok()),
        per_page: get("per_page").and_then(|p| p.parse().ok()),
    }
}

/// The error summary's entries for the filters, in the order of the form.
fn summary_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    field::FILTERS
        .iter()
        .flat_map(|f| {
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: field_error(lang, f, code),
                target: FieldIds::new(f).control,
            })
        })
        .collect()
}

#[component]
pub fn OfficerApplicationsPage() -> impl IntoView {
    set_page(
        S::OfficerApplicationsTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(S::OfficerApplicationsTitle),
        ],
    );
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let params = params.read();
        query_from_params(|key| params.get(key))
    });
    let list = LocalResource::new(move || {
        let query = query.get();
        async move { institution_applications(&query).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    // The API's 422 names the filter in error: shown next to it and in the summary.
    let errors = Memo::new(move |_| match list.get() {
        Some(Err(ApiError::Problem(p))) => p.fields.unwrap_or_default(),
        _ => FieldErrors::new(),
    });
    Effect::new(move |_| {
        if !errors.read().is_empty() {
            focus_error_summary();
        }
    });

    view! {
        <h1>{tx(S::OfficerApplicationsTitle)}</h1>
        <OfficerNav current=LIST_PATH />
        <FilterForm query errors />
        <section class="section" aria-labelledby="kurum-basvurulari-sonuc">
            <h2 id="kurum-basvurulari-sonuc" class="visually-hidden">
                {tx(S::Results)}
            </h2>
            {move || match list.get() {
                None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
                Some(Err(ApiError::Problem(p))) if p.fields.is_some() => ().into_any(),
                Some(Err(error)) => view! { <OfficerLoadError error retry /> }.into_any(),
                Some(Ok(page)) => view! { <Results page query=query.get_untracked() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn FilterForm(
    query: Memo<InstitutionApplicationsQuery>,
    errors: Memo<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    let current = query.get_untracked();
    let state = RwSignal::new(
        current
            .state
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
    );
    let from = RwSignal::new(
        current
            .created_from
            .map(shared::api::format_date)
            .unwrap_or_default(),
    );
    let to = RwSignal::new(
        current
            .created_to
            .map(shared::api::format_date)
            .unwrap_or_default(),
    );
    let stalled = RwSignal::new(
        current
            .stalled_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    // A change of address (back button, a link) shows its filters.
    Effect::new(move |_| {
        let q = query.get();
        state.set(q.state.map(|s| s.as_str().to_owned()).unwrap_or_default());
        from.set(
            q.created_from
                .map(shared::api::format_date)
                .unwrap_or_default(),
        );
        to.set(
            q.created_to
                .map(shared::api::format_date)
                .unwrap_or_default(),
        );
        stalled.set(q.stalled_days.map(|d| d.to_string()).unwrap_or_default());
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A number the API would refuse to read (letters) goes as is, so its error shows.
        let typed_days = stalled.get_untracked();
        let stalled_days = typed_days.trim().parse::<u32>().ok();
        let mut next = InstitutionApplicationsQuery {
            state: ApplicationState::parse(&state.get_untracked()),
            created_from: from.get_untracked().parse().ok(),
            created_to: to.get_untracked().parse().ok(),
            stalled_days,
            page: None,
            per_page: query.get_untracked().per_page,
        };
        if stalled_days.is_none() && !typed_days.trim().is_empty() {
            // Not a whole number: 0 is outside the range, and the API says so next to it.
            next.stalled_days = Some(0);
        }
        nav.go(&format!("{LIST_PATH}{}", list_query_string(&next)));
    };

    let entries = Signal::derive(move || summary_entries(&errors.get(), i18n.lang()));
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
    let has_error = move |f: &'static str| move || !errors.read().get(f).is_empty();
    let state_options = ApplicationState::ALL
        .iter()
        .copied()
        .map(|s| {
            view! {
                <option value=s.as_str() selected=move || state.get() == s.as_str()>
                    {move || match i18n.lang() {
                        Lang::Tr => s.label_tr(),
                        Lang::En => s.label_en(),
                    }}
                </option>
            }
        })
        .collect_view();
    let ids = |f: &str| FieldIds::new(f);

    view! {
        <ErrorSummary entries />
        <form class="filters" on:submit=submit novalidate=true aria-labelledby="filtre-baslik">
            <h2 id="filtre-baslik" class="filters-title">{tx(S::Filters)}</h2>
            <div class="filters-fields">
                <div class="form-group" class:form-group-error=has_error(field::STATE)>
                    <label class="label" for=ids(field::STATE).control>
                        {tx(T::State)}
                    </label>
                    <FieldError id=ids(field::STATE).error messages=messages(field::STATE) />
                    <select
                        class="select"
                        id=ids(field::STATE).control
                        name=field::STATE
                        on:change=move |ev| state.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || state.get().is_empty()>
                            {tx(S::AllStates)}
                        </option>
                        {state_options}
                    </select>
                </div>
                <DateFilter name=field::CREATED_FROM label=S::OfficerFilterFrom value=from messages=messages(field::CREATED_FROM) />
                <DateFilter name=field::CREATED_TO label=S::OfficerFilterTo value=to messages=messages(field::CREATED_TO) />
                <div class="form-group" class:form-group-error=has_error(field::STALLED_DAYS)>
                    <label class="label" for=ids(field::STALLED_DAYS).control>
                        {tx(S::OfficerFilterStalled)}
                    </label>
                    <p class="hint" id=ids(field::STALLED_DAYS).hint>
                        {tx(S::OfficerFilterStalledHint)}
                    </p>
                    <FieldError id=ids(field::STALLED_DAYS).error messages=messages(field::STALLED_DAYS) />
                    <input
                        class="input width-5"
                        id=ids(field::STALLED_DAYS).control
                        name=field::STALLED_DAYS
                        type="text"
                        inputmode="numeric"
                        autocomplete="off"
                        aria-describedby=move || {
                            ids(field::STALLED_DAYS)
                                .described_by(true, has_error(field::STALLED_DAYS)())
                        }
                        aria-invalid=move || has_error(field::STALLED_DAYS)().then_some("true")
                        prop:value=move || stalled.get()
                        on:input=move |ev| stalled.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <div class="button-group">
                <button type="submit" class="button">{tx(S::ApplyFilters)}</button>
                <a class="button button-secondary" href=LIST_PATH>{tx(S::ClearFilters)}</a>
            </div>
        </form>
    }
}

#[component]
fn DateFilter(
    name: &'static str,
    label: T,
    value: RwSignal<String>,
    messages: Signal<Vec<String>>,
) -> impl IntoView {
    let ids = FieldIds::new(name);
    let has_error = move || !messages.read().is_empty();
    let described_by = {
        let ids = ids.clone();
        move || ids.described_by(false, has_error())
    };
    view! {
        <div class="form-group" class:form-group-error=has_error>
            <label class="label" for=ids.control.clone()>{tx(label)}</label>
            <FieldError id=ids.error.clone() messages />
            <input
                class="input width-10"
                id=ids.control.clone()
                name=name
                type="date"
                aria-describedby=described_by
                aria-invalid=move || has_error().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
fn Results(page: InstitutionApplications, query: InstitutionApplicationsQuery) -> impl IntoView {
    let i18n = use_i18n();
    let InstitutionApplications {
        institution,
        items,
        page: number,
        total,
        total_pages,
        ..
    } = page;
    let rows = items
        .into_iter()
        .map(|item| view! { <Row item /> })
        .collect_view();
    let empty = total == 0;
    view! {
        <p class="secondary-text">{tx(S::OfficerInstitutionLabel)} " " <strong>{institution.name}</strong></p>
        <p role="status" class="result-count">{move || applications_found(i18n.lang(), total)}</p>
        {(!empty)
            .then(|| {
                view! {
                    <DataTable
                        id="kurum-tablo-baslik"
                        caption=S::OfficerTableCaption
                        columns=vec![T::Reference, S::FullName, T::State, S::Created, S::OfficerColLastEvent, T::ColDeadline] stacked=true
                    >
                        {rows}
                    </DataTable>
                    <Pagination current=number pages=total_pages href=page_href(query) />
                }
            })}
    }
}

#[component]
fn Row(item: InstitutionApplicationItem) -> impl IntoView {
    let i18n = use_i18n();
    let (state_tr, state_en) = (item.state_label_tr.clone(), item.state_label_en.clone());
    let payer = match item.payer {
        Payer::Institution => T::PayerInstitution,
        Payer::Person => S::PaidByPerson,
    };
    let when = |at| {
        view! { <time datetime=time::iso(at)>{time::date_time(at)}</time> }
    };
    view! {
        <tr role="row">
            <th scope="row" role="rowheader" class="reference">
                <a href=application_path(&item.id)>{item.reference.clone()}</a>
            </th>
            <td role="cell" data-label=tx(S::FullName)>
                {format!("{} {}", item.first_name, item.last_name)}
                <br />
                <span class="secondary-text">{item.tckn_masked.clone()} " · " {tx(payer)}</span>
            </td>
            <td role="cell" data-label=tx(T::State)>
                <strong class="state">
                    {move || match i18n.lang() {
                        Lang::Tr => state_tr.clone(),
                        Lang::En => state_en.clone(),
                    }}
                </strong>
            </td>
            <td role="cell" data-label=tx(S::Created)>{when(item.created_at)}</td>
            <td role="cell" data-label=tx(S::OfficerColLastEvent)>{when(item.last_event_at)}</td>
            <td role="cell" data-label=tx(T::ColDeadline)>{when(item.deadline)}</td>
        </tr>
    }
}

/// The address of a page of the list, with the same filters.
fn page_href(query: InstitutionApplicationsQuery) -> Callback<u32, String> {
    Callback::new(move |page: u32| {
        let q = InstitutionApplicationsQuery {
            page: Some(page),
            ..query.clone()
        };
        format!("{LIST_PATH}{}", list_query_string(&q))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_gives_the_filters_and_ignores_what_it_cannot_read() {
        let params: std::collections::HashMap<&str, &str> = [
            ("state", "form_submitted"),
            ("created_from", "2026-05-01"),
            ("created_to", "not a date"),
            ("stalled_days", "7"),
            ("page", ""),
        ]
        .into_iter()
        .collect();
        let query = query_from_params(|key| params.get(key).map(|v| (*v).to_owned()));
        assert_eq!(query.state, Some(ApplicationState::FormSubmitted));
        assert_eq!(query.created_from, "2026-05-01".parse().ok());
        assert_eq!(query.created_to, None);
        assert_eq!(query.stalled_days, Some(7));
        assert_eq!(query.page, None);
    }

    #[test]
    fn summary_entries_point_at_the_filter_controls() {
        let mut errors = FieldErrors::new();
        errors.add(field::STALLED_DAYS, "out_of_range");
        errors.add(field::CREATED_TO, "date_range_reversed");
        let entries = summary_entries(&errors, Lang::Tr);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].target, "created-to");
        assert_eq!(entries[1].target, "stalled-days");
    }
}
