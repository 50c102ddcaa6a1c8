//! `/basvuru-islemleri`: "Başvuru İşlemleri", the person's ongoing and completed applications
//! with the next step of each (İşlem column) and their history, twenty a page
//! (`?sayfa=N`): the ongoing ones first, so they are on the first pages.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared::api::{ApplicationSummary, MyApplications, MyApplicationsQuery};
use shared::workflow::{ApplicationState, NextAction, Payer};

use super::application_url;
use crate::api;
use crate::components::feedback::loaded_page;
use crate::components::pagination::Pagination;
use crate::components::timeline::Timeline;
use crate::i18n::messages::for_application;
use crate::i18n::{Lang, T};
use crate::state::{set_page, tx, use_i18n, Crumb};
use crate::time;

/// The link of the İşlem column: its text and the page it opens.
pub fn next_step(summary: &ApplicationSummary) -> Option<(T, &'static str)> {
    match summary.next_action {
        NextAction::CompleteForm => Some((T::ActionCompleteForm, "form")),
        NextAction::EnterSmsCode => Some((T::ActionEnterSms, "sms")),
        NextAction::Approve => Some((T::ActionApprove, "onay")),
        // The result page holds the amount, the account and the description to write.
        NextAction::Pay => Some((T::ActionPaymentInfo, "sonuc")),
        NextAction::Track => Some((T::ActionResult, "sonuc")),
        NextAction::None => match summary.state {
            ApplicationState::Cancelled | ApplicationState::Expired => None,
            _ => Some((T::ActionResult, "sonuc")),
        },
    }
}

/// The page number in the address (`?sayfa=2`).
pub const PAGE_PARAM: &str = "sayfa";

/// The page asked for; the first for anything that is not a page number.
pub fn page_number(raw: Option<&str>) -> u32 {
    raw.and_then(|s| s.parse::<u32>().ok())
        .filter(|n| (1..=shared::api::MAX_PAGE_NUMBER).contains(n))
        .unwrap_or(1)
}

pub fn page_url(n: u32) -> String {
    if n <= 1 {
        "/basvuru-islemleri".to_owned()
    } else {
        format!("/basvuru-islemleri?{PAGE_PARAM}={n}")
    }
}

#[component]
pub fn ApplicationsPage() -> impl IntoView {
    set_page(
        T::ApplicationsTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::link(T::MenuTitle, "/nes-islemleri"),
            Crumb::here(T::ApplicationsTitle),
        ],
    );
    let query = use_query_map();
    let page = Memo::new(move |_| page_number(query.read().get(PAGE_PARAM).as_deref()));
    let load = move || {
        let page = page.get();
        async move { api::my_applications(MyApplicationsQuery::page(page)).await }
    };
    let href = Callback::new(page_url);
    loaded_page(T::ApplicationsTitle, load, move |list| {
        let MyApplications {
            ongoing,
            completed,
            total,
            ongoing_total,
            completed_total,
            page,
            total_pages,
            ..
        } = list;
        let empty = total == 0;
        // A group with rows on other pages only is left out of this page.
        let show_ongoing = !ongoing.is_empty() || ongoing_total == 0;
        let show_completed = !completed.is_empty() || completed_total == 0;
        view! {
            <h1>{tx(T::ApplicationsTitle)}</h1>
            <section class="section" aria-labelledby="basvurular-baslik">
                <h2 id="basvurular-baslik">{tx(T::ApplicationsSection)}</h2>
                {if empty {
                    view! { <p>{tx(T::NoApplications)}</p> }.into_any()
                } else {
                    view! {
                        {show_ongoing
                            .then(|| {
                                view! {
                                    <ApplicationTable
                                        id="devam-eden"
                                        caption=T::OngoingCaption
                                        empty=T::NoOngoing
                                        rows=ongoing
                                        with_deadline=true
                                    />
                                }
                            })}
                        {show_completed
                            .then(|| {
                                view! {
                                    <ApplicationTable
                                        id="tamamlanan"
                                        caption=T::CompletedCaption
                                        empty=T::NoCompleted
                                        rows=completed
                                        with_deadline=false
                                    />
                                }
                            })}
                        <Pagination current=page pages=total_pages href />
                    }
                        .into_any()
                }}
            </section>
        }
        .into_any()
    })
}

#[component]
fn ApplicationTable(
    id: &'static str,
    caption: T,
    empty: T,
    rows: Vec<ApplicationSummary>,
    with_deadline: bool,
) -> impl IntoView {
    let caption_id = format!("{id}-baslik");
    let region_label = caption_id.clone();
    if rows.is_empty() {
        return view! {
            <h3 class="table-heading" id=caption_id>{tx(caption)}</h3>
            <p>{tx(empty)}</p>
        }
        .into_any();
    }
    let body = rows
        .into_iter()
        .map(|row| view! { <ApplicationRow row with_deadline /> })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby=region_label>
            <table class="table table-stack" role="table">
                <caption class="table-caption" id=caption_id>
                    {tx(caption)}
                </caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{tx(T::Reference)}</th>
                        <th scope="col" role="columnheader">{tx(T::Institution)}</th>
                        <th scope="col" role="columnheader">{tx(T::State)}</th>
                        {with_deadline
                            .then(|| view! { <th scope="col" role="columnheader">
                                        {tx(T::ColDeadline)}
                                    </th> })}
                        <th scope="col" role="columnheader">{tx(T::Action)}</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn ApplicationRow(row: ApplicationSummary, with_deadline: bool) -> impl IntoView {
    let i18n = use_i18n();
    let step = next_step(&row);
    let reference = row.reference.clone();
    let payer = match row.payer {
        Payer::Institution => T::PayerInstitution,
        Payer::Person => T::PayerPerson,
    };
    let (state_tr, state_en) = (row.state_label_tr.clone(), row.state_label_en.clone());
    // The deadline is the approval's: an approved application waiting for payment has none.
    let approved = !row.state.is_before_approval();
    let deadline = with_deadline.then(|| {
        let iso = time::iso(row.deadline);
        let text = time::date_time(row.deadline);
        view! {
            <td role="cell" data-label=tx(T::ColDeadline)>
                {if approved {
                    view! { <span>"—"</span> }.into_any()
                } else {
                    view! { <time datetime=iso>{text}</time> }.into_any()
                }}
            </td>
        }
    });
    let action = match step {
        Some((text, page)) => {
            let href = application_url(&row.id, page);
            let reference = reference.clone();
            view! {
                <a href=href>
                    {tx(text)}
                    <span class="visually-hidden">
                        {move || for_application(i18n.lang(), &reference)}
                    </span>
                </a>
            }
            .into_any()
        }
        None => view! { <span>{tx(T::ActionNone)}</span> }.into_any(),
    };
    view! {
        <tr role="row">
            <th scope="row" role="rowheader" class="reference">
                {reference}
            </th>
            <td role="cell" data-label=tx(T::Institution)>
                {row.institution}
                <br />
                <span class="secondary-text">{tx(payer)}</span>
            </td>
            <td role="cell" data-label=tx(T::State)>
                <strong class="state">
                    {move || match i18n.lang() {
                        Lang::Tr => state_tr.clone(),
                        Lang::En => state_en.clone(),
                    }}
                </strong>
                <Timeline events=row.timeline />
            </td>
            {deadline}
            <td role="cell" data-label=tx(T::Action)>{action}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_comes_from_the_address_and_defaults_to_the_first() {
        assert_eq!(page_number(Some("3")), 3);
        assert_eq!(page_number(Some("0")), 1);
        assert_eq!(page_number(Some("x")), 1);
        assert_eq!(page_number(None), 1);
        assert_eq!(page_url(1), "/basvuru-islemleri");
        assert_eq!(page_url(2), "/basvuru-islemleri?sayfa=2");
    }
}
