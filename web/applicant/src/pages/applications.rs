//! `/basvuru-islemleri`: "Başvuru İşlemleri", the person's ongoing and completed applications
//! with the next step of each (İşlem column) and their history.

use leptos::prelude::*;
use shared::api::{ApplicationSummary, MyApplications};
use shared::workflow::{ApplicationState, NextAction, Payer};

use super::application_url;
use crate::api;
use crate::components::feedback::{ErrorView, Loading};
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
    let list = LocalResource::new(api::my_applications);
    let retry = Callback::new(move |()| list.refetch());

    move || match list.get() {
        None => view! { <Loading title=T::ApplicationsTitle /> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry /> }.into_any(),
        Some(Ok(MyApplications { ongoing, completed })) => {
            let empty = ongoing.is_empty() && completed.is_empty();
            view! {
                <h1>{tx(T::ApplicationsTitle)}</h1>
                <section class="section" aria-labelledby="basvurular-baslik">
                    <h2 id="basvurular-baslik">{tx(T::ApplicationsSection)}</h2>
                    {if empty {
                        view! { <p>{tx(T::NoApplications)}</p> }.into_any()
                    } else {
                        view! {
                            <ApplicationTable
                                id="devam-eden"
                                caption=T::OngoingCaption
                                empty=T::NoOngoing
                                rows=ongoing
                                with_deadline=true
                            />
                            <ApplicationTable
                                id="tamamlanan"
                                caption=T::CompletedCaption
                                empty=T::NoCompleted
                                rows=completed
                                with_deadline=false
                            />
                        }
                            .into_any()
                    }}
                </section>
            }
            .into_any()
        }
    }
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
                        <th scope="col" role="columnheader">{tx(T::ColReference)}</th>
                        <th scope="col" role="columnheader">{tx(T::ColInstitution)}</th>
                        <th scope="col" role="columnheader">{tx(T::ColState)}</th>
                        {with_deadline
                            .then(|| view! { <th scope="col" role="columnheader">
                                        {tx(T::ColDeadline)}
                                    </th> })}
                        <th scope="col" role="columnheader">{tx(T::ColAction)}</th>
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
            <td role="cell" data-label=tx(T::ColInstitution)>
                {row.institution}
                <br />
                <span class="secondary-text">{tx(payer)}</span>
            </td>
            <td role="cell" data-label=tx(T::ColState)>
                <strong class="state">
                    {move || match i18n.lang() {
                        Lang::Tr => state_tr.clone(),
                        Lang::En => state_en.clone(),
                    }}
                </strong>
                <Timeline events=row.timeline />
            </td>
            {deadline}
            <td role="cell" data-label=tx(T::ColAction)>{action}</td>
        </tr>
    }
}
