//! An application's history: a disclosure with the events in order, in Istanbul time.

use leptos::prelude::*;
use shared::api::TimelineEvent;

use crate::i18n::{Lang, T};
use crate::state::{tx, use_i18n};
use crate::time;

#[component]
pub fn Timeline(events: Vec<TimelineEvent>) -> impl IntoView {
    let i18n = use_i18n();
    let items = events
        .into_iter()
        .map(|event| {
            let when = time::date_time(event.at);
            let iso = time::iso(event.at);
            // A shipped card: the courier and the number to track it with.
            let shipment = event.shipment.clone().map(|s| {
                view! {
                    " ("
                    {tx(T::Courier)}
                    ": "
                    {s.courier}
                    ", "
                    {tx(T::TrackingNumber)}
                    ": "
                    <strong>{s.tracking_number}</strong>
                    ")"
                }
            });
            view! {
                <li>
                    <time datetime=iso>{when}</time>
                    " — "
                    {move || match i18n.lang() {
                        Lang::Tr => event.label_tr.clone(),
                        Lang::En => event.label_en.clone(),
                    }}
                    {shipment}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="timeline">
            <summary>{tx(T::TimelineSummary)}</summary>
            <ol>{items}</ol>
        </details>
    }
}
