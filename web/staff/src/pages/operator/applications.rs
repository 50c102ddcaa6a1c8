//! `/kamusm/basvurular`: the applications of every institution, latest change first, with
//! filters (institution, state, a reference or a TC Kimlik No) and pages. The filters live in
//! the address (`?institution_id=…&state=…&q=…&page=…`), so a filtered list can be reloaded,
//! bookmarked and left with the back button.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use shared::api::operator::{ApplicationFilter, OperatorApplicationPage, OperatorApplicationRow};
use shared::named::Named;
use shared::workflow::{ApplicationState, Payer};

use super::messages::applications_found;
use super::{application_path, OperatorLoadError, OperatorNav, APPLICATIONS_PATH};
use crate::api::operator::{applications, filter_query_string, institutions};
use crate::components::fields::FieldIds;
use crate::components::pagination::Pagination;
use crate::i18n::{Lang, T};
use crate::nav::use_nav;
use crate::state::{set_page, tx, use_i18n, Crumb};
use crate::texts::S;
use crate::time;

const INSTITUTION: &str = "institution_id";
const STATE: &str = "state";
const SEARCH: &str = "q";

/// The filters as the address holds them; anything unreadable there is ignored.
pub fn filter_from_params(params: &ParamsMap) -> ApplicationFilter {
    filter_from(|key| params.get(key))
}

/// The filters from the address's parameters, read one by one by `param`.
fn filter_from(param: impl Fn(&str) -> Option<String>) -> ApplicationFilter {
    let get = |key: &str| param(key).filter(|v| !v.trim().is_empty());
    ApplicationFilter {
        institution_id: get(INSTITUTION),
        state: get(STATE).and_then(|s| ApplicationState::parse(&s)),
        q: get(SEARCH),
        page: get("page").and_then(|p| p.parse().ok()),
        per_page: get("per_page").and_then(|p| p.parse().ok()),
    }
}

#[component]
pub fn OperatorApplicationsPage() -> impl IntoView {
    set_page(
        S::OperatorApplicationsTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(S::OperatorApplicationsTitle),
        ],
    );
    let params = use_query_map();
    let filter = Memo::new(move |_| filter_from_params(&params.read()));
    let list = LocalResource::new(move || {
        let filter = filter.get();
        async move { applications(&filter).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    view! {
        <h1>{tx(S::OperatorApplicationsTitle)}</h1>
        <OperatorNav current=APPLICATIONS_PATH />
        <FilterForm filter />
        <section class="section" aria-labelledby="tum-basvurular-sonuc">
            <h2 id="tum-basvurular-sonuc" class="visually-hidden">
                {tx(S::Results)}
            </h2>
            {move || match list.get() {
                None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
                Some(Err(error)) => view! {
                    <OperatorLoadError
                        error
                        back=(S::OperatorBackToApplications, APPLICATIONS_PATH)
                        retry
                    />
                }
                .into_any(),
                Some(Ok(page)) => {
                    view! { <Results page filter=filter.get_untracked() /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn FilterForm(filter: Memo<ApplicationFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let nav = use_nav();
    let institution = RwSignal::new(String::new());
    let state = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    // The address's filters, also after a change of address (back button, a link).
    Effect::new(move |_| {
        let f = filter.get();
        institution.set(f.institution_id.clone().unwrap_or_default());
        state.set(f.state.map(|s| s.as_str().to_owned()).unwrap_or_default());
        search.set(f.q.clone().unwrap_or_default());
    });
    // The institutions for the choice; without them the list still works, unfiltered.
    let choices = LocalResource::new(institutions);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let next = ApplicationFilter {
            institution_id: Some(institution.get_untracked()).filter(|i| !i.is_empty()),
            state: ApplicationState::parse(&state.get_untracked()),
            q: Some(search.get_untracked()).filter(|q| !q.trim().is_empty()),
            page: None,
            per_page: filter.get_untracked().per_page,
        };
        nav.go(&format!(
            "{APPLICATIONS_PATH}{}",
            filter_query_string(&next)
        ));
    };

    let institution_options = move || {
        let list = match choices.get() {
            Some(Ok(list)) => list.institutions,
            _ => Vec::new(),
        };
        list.into_iter()
            .map(|i| {
                let id = i.id.clone();
                view! {
                    <option value=i.id selected=move || institution.get() == id>
                        {i.name}
                    </option>
                }
            })
            .collect_view()
    };
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
    let ids = FieldIds::new;

    view! {
        <form class="filters" on:submit=submit novalidate=true aria-labelledby="filtre-baslik">
            <h2 id="filtre-baslik" class="filters-title">{tx(S::Filters)}</h2>
            <div class="filters-fields">
                <div class="form-group">
                    <label class="label" for=ids(INSTITUTION).control>
                        {tx(T::Institution)}
                    </label>
                    <select
                        class="select"
                        id=ids(INSTITUTION).control
                        name=INSTITUTION
                        on:change=move |ev| institution.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || institution.get().is_empty()>
                            {tx(S::OperatorAllInstitutions)}
                        </option>
                        {institution_options}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for=ids(STATE).control>
                        {tx(T::State)}
                    </label>
                    <select
                        class="select"
                        id=ids(STATE).control
                        name=STATE
                        on:change=move |ev| state.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || state.get().is_empty()>
                            {tx(S::AllStates)}
                        </option>
                        {state_options}
                    </select>
                </div>
                <div class="form-group">
                    <label class="label" for=ids(SEARCH).control>
                        {tx(S::OperatorFilterSearch)}
                    </label>
                    <p class="hint" id=ids(SEARCH).hint>
                        {tx(S::OperatorFilterSearchHint)}
                    </p>
                    <input
                        class="input width-20"
                        id=ids(SEARCH).control
                        name=SEARCH
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby=ids(SEARCH).hint
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <div class="button-group">
                <button type="submit" class="button">{tx(S::ApplyFilters)}</button>
                <a class="button button-secondary" href=APPLICATIONS_PATH>
                    {tx(S::ClearFilters)}
                </a>
            </div>
        </form>
    }
}

#[component]
fn Results(page: OperatorApplicationPage, filter: ApplicationFilter) -> impl IntoView {
    let i18n = use_i18n();
    let (total, number, pages) = (page.total, page.page, page.page_count());
    let rows = page
        .items
        .into_iter()
        .map(|row| view! { <Row row /> })
        .collect_view();
    view! {
        <p role="status" class="result-count">{move || applications_found(i18n.lang(), total)}</p>
        {(total > 0)
            .then(|| {
                view! {
                    <div
                        class="table-scroll"
                        role="region"
                        tabindex="0"
                        aria-labelledby="tum-basvurular-tablo"
                    >
                        <table class="table table-stack" role="table">
                            <caption class="table-caption" id="tum-basvurular-tablo">
                                {tx(S::OperatorApplicationsCaption)}
                            </caption>
                            <thead role="rowgroup">
                                <tr role="row">
                                    <th scope="col" role="columnheader">{tx(S::OperatorColReference)}</th>
                                    <th scope="col" role="columnheader">{tx(S::Applicant)}</th>
                                    <th scope="col" role="columnheader">{tx(T::Institution)}</th>
                                    <th scope="col" role="columnheader">{tx(T::State)}</th>
                                    <th scope="col" role="columnheader">{tx(T::Payment)}</th>
                                    <th scope="col" role="columnheader">{tx(S::OperatorColUpdated)}</th>
                                </tr>
                            </thead>
                            <tbody role="rowgroup">{rows}</tbody>
                        </table>
                    </div>
                    <Pagination current=number pages=pages href=page_href(filter) />
                }
            })}
    }
}

/// "Kurum ödemeli", or "Kişi ödemeli, ön ödemeli — Ödenmedi".
fn payment_text(row: &OperatorApplicationRow, lang: Lang) -> String {
    match row.payer {
        Payer::Institution => T::PayerInstitution.get(lang).to_owned(),
        Payer::Person => {
            let mut text = S::PaidByPerson.get(lang).to_owned();
            if row.prepaid {
                text.push_str(", ");
                text.push_str(S::OperatorPrepaid.get(lang));
            }
            text.push_str(" — ");
            text.push_str(if row.paid {
                T::Paid.get(lang)
            } else {
                S::OperatorUnpaid.get(lang)
            });
            text
        }
    }
}

#[component]
fn Row(row: OperatorApplicationRow) -> impl IntoView {
    let i18n = use_i18n();
    let (state_tr, state_en) = (row.state_label_tr.clone(), row.state_label_en.clone());
    let payment = {
        let row = row.clone();
        move || payment_text(&row, i18n.lang())
    };
    view! {
        <tr role="row">
            <th scope="row" role="rowheader" class="reference">
                <a href=application_path(&row.id)>{row.reference.clone()}</a>
            </th>
            <td role="cell" data-label=tx(S::Applicant)>
                {row.applicant_name.clone()}
                <br />
                <span class="secondary-text">{row.tckn_masked.clone()}</span>
            </td>
            <td role="cell" data-label=tx(T::Institution)>
                {row.institution.clone()}
            </td>
            <td role="cell" data-label=tx(T::State)>
                <strong class="state">
                    {move || match i18n.lang() {
                        Lang::Tr => state_tr.clone(),
                        Lang::En => state_en.clone(),
                    }}
                </strong>
            </td>
            <td role="cell" data-label=tx(T::Payment)>{payment}</td>
            <td role="cell" data-label=tx(S::OperatorColUpdated)>
                <time datetime=time::iso(row.updated_at)>{time::date_time(row.updated_at)}</time>
            </td>
        </tr>
    }
}

/// The address of a page of the list, with the same filters.
fn page_href(filter: ApplicationFilter) -> Callback<u32, String> {
    Callback::new(move |page: u32| {
        let f = ApplicationFilter {
            page: Some(page),
            ..filter.clone()
        };
        format!("{APPLICATIONS_PATH}{}", filter_query_string(&f))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_gives_the_filters_and_ignores_what_it_cannot_read() {
        // `ParamsMap` decodes through the browser's JavaScript: a plain map stands in for it.
        let params: std::collections::HashMap<&str, &str> = [
            (INSTITUTION, "0b9f"),
            (STATE, "no_such_state"),
            (SEARCH, "NES-2026"),
            ("page", "x"),
        ]
        .into_iter()
        .collect();
        let filter = filter_from(|key| params.get(key).map(|v| (*v).to_owned()));
        assert_eq!(filter.institution_id.as_deref(), Some("0b9f"));
        assert_eq!(filter.state, None);
        assert_eq!(filter.q.as_deref(), Some("NES-2026"));
        assert_eq!(filter.page, None);
    }

    fn row(payer: Payer, prepaid: bool, paid: bool) -> OperatorApplicationRow {
        OperatorApplicationRow {
            id: "a".into(),
            reference: "NES-2026-000001".into(),
            institution: "Örnek".into(),
            institution_id: None,
            applicant_name: "Ayşe Yılmaz".into(),
            tckn_masked: "100******46".into(),
            state: ApplicationState::AwaitingPayment,
            state_label_tr: String::new(),
            state_label_en: String::new(),
            payer,
            prepaid,
            paid,
            created_at: chrono::DateTime::default(),
            updated_at: chrono::DateTime::default(),
        }
    }

    #[test]
    fn the_payment_column_says_who_pays_and_whether_it_is_paid() {
        assert_eq!(
            payment_text(&row(Payer::Person, true, false), Lang::Tr),
            "Kişi ödemeli, ön ödemeli — Ödenmedi"
        );
        assert_eq!(
            payment_text(&row(Payer::Person, false, true), Lang::En),
            "Paid by the person — Paid"
        );
        assert_eq!(
            payment_text(&row(Payer::Institution, false, false), Lang::Tr),
            "Kurum ödemeli"
        );
    }
}
