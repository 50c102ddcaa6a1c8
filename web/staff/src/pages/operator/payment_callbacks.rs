//! `/kamusm/odeme-bildirimleri`: the payment provider's callbacks, newest first, filtered by
//! outcome — above all those not applied (a wrong amount, an unknown payment reference,
//! nothing to pay), which an operator sorts out by hand.

use leptos::prelude::*;
use shared::api::payment_callbacks::{PaymentCallbackOutcome, PaymentCallbackRecord};

use super::{application_path, OperatorLoadError, OperatorNav};
use super::{APPLICATIONS_PATH, PAYMENT_CALLBACKS_PATH};
use crate::api::operator::payment_callbacks;
use crate::components::table::DataTable;
use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};
use crate::time;

const FILTER_ID: &str = "bildirim-sonucu";

/// The outcome in words.
pub fn outcome_text(outcome: PaymentCallbackOutcome) -> T {
    match outcome {
        PaymentCallbackOutcome::Applied => T::CallbackApplied,
        PaymentCallbackOutcome::Duplicate => T::CallbackDuplicate,
        PaymentCallbackOutcome::AmountMismatch => T::CallbackAmountMismatch,
        PaymentCallbackOutcome::UnknownReference => T::CallbackUnknownReference,
        PaymentCallbackOutcome::NotPayable => T::CallbackNotPayable,
    }
}

#[component]
pub fn OperatorPaymentCallbacksPage() -> impl IntoView {
    set_page(
        T::OperatorPaymentCallbacksTitle,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(T::OperatorPaymentCallbacksTitle),
        ],
    );
    let outcome = RwSignal::new(None::<PaymentCallbackOutcome>);
    let list = LocalResource::new(move || {
        let outcome = outcome.get();
        async move { payment_callbacks(outcome, None).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    let options = PaymentCallbackOutcome::ALL
        .into_iter()
        .map(|o| {
            view! {
                <option value=o.as_str() selected=move || outcome.get() == Some(o)>
                    {tx(outcome_text(o))}
                </option>
            }
        })
        .collect_view();
    view! {
        <h1>{tx(T::OperatorPaymentCallbacksTitle)}</h1>
        <OperatorNav current=PAYMENT_CALLBACKS_PATH />
        <p class="lead">{tx(T::OperatorPaymentCallbacksIntro)}</p>
        <div class="form-group">
            <label class="label" for=FILTER_ID>
                {tx(T::OperatorPaymentCallbacksFilter)}
            </label>
            <select
                class="select"
                id=FILTER_ID
                name="outcome"
                on:change=move |ev| {
                    outcome.set(PaymentCallbackOutcome::parse(&event_target_value(&ev)))
                }
            >
                <option value="" selected=move || outcome.get().is_none()>
                    {tx(T::OperatorPaymentCallbacksAll)}
                </option>
                {options}
            </select>
        </div>
        {move || match list.get() {
            None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <OperatorLoadError
                    error
                    back=(T::OperatorApplicationsTitle, APPLICATIONS_PATH)
                    retry
                />
            }
            .into_any(),
            Some(Ok(list)) => view! {
                <CallbackTable callbacks=list.callbacks caption=T::OperatorPaymentCallbacksCaption />
            }
            .into_any(),
        }}
    }
}

/// The callbacks as a table; also on the operator's application page.
#[component]
pub fn CallbackTable(callbacks: Vec<PaymentCallbackRecord>, caption: T) -> impl IntoView {
    if callbacks.is_empty() {
        return view! { <p>{tx(T::OperatorPaymentCallbacksNone)}</p> }.into_any();
    }
    let rows = callbacks
        .into_iter()
        .map(|callback| {
            let application = match (&callback.application_id, &callback.application_reference) {
                (Some(id), Some(reference)) => {
                    view! { <a href=application_path(id)>{reference.clone()}</a> }.into_any()
                }
                _ => view! { "—" }.into_any(),
            };
            view! {
                <tr>
                    <td>
                        <time datetime=time::iso(callback.received_at)>
                            {time::date_time(callback.received_at)}
                        </time>
                    </td>
                    <th scope="row">
                        <code>{callback.transaction_id}</code>
                    </th>
                    <td>
                        <code>{callback.payment_reference}</code>
                    </td>
                    <td>{callback.amount_display}</td>
                    <td>
                        <time datetime=time::iso(callback.paid_at)>
                            {time::date_time(callback.paid_at)}
                        </time>
                    </td>
                    <td>{application}</td>
                    <td>
                        <strong>{tx(outcome_text(callback.outcome))}</strong>
                        <br />
                        <span class="secondary-text" lang="en">{callback.detail}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <DataTable
            id="bildirimler-baslik"
            caption=caption
            columns=vec![T::OperatorColReceivedAt, T::OperatorColTransaction, T::OperatorColPaymentReference, T::OperatorColAmount, T::OperatorColPaidAt, T::OperatorColApplication, T::OperatorPaymentCallbacksFilter]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}
