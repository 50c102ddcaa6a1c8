//! `/kamusm/odeme-bildirimleri`: the payment provider's callbacks, newest first, filtered by
//! outcome — above all those not applied (a wrong amount, an unknown payment reference,
//! nothing to pay), which an operator sorts out by hand.

use leptos::prelude::*;
use shared::api::payment_callbacks::{PaymentCallbackOutcome, PaymentCallbackRecord};
use shared::named::Named;

use super::{application_path, OperatorLoadError, OperatorNav};
use super::{APPLICATIONS_PATH, PAYMENT_CALLBACKS_PATH};
use crate::api::operator::payment_callbacks;
use crate::components::table::DataTable;
use crate::i18n::T;
use crate::state::{set_page, tx, Crumb};
use crate::texts::S;
use crate::time;

const FILTER_ID: &str = "bildirim-sonucu";

/// The outcome in words.
pub fn outcome_text(outcome: PaymentCallbackOutcome) -> T {
    match outcome {
        PaymentCallbackOutcome::Applied => S::CallbackApplied,
        PaymentCallbackOutcome::Duplicate => S::CallbackDuplicate,
        PaymentCallbackOutcome::AmountMismatch => S::CallbackAmountMismatch,
        PaymentCallbackOutcome::UnknownReference => S::CallbackUnknownReference,
        PaymentCallbackOutcome::NotPayable => S::CallbackNotPayable,
    }
}

#[component]
pub fn OperatorPaymentCallbacksPage() -> impl IntoView {
    set_page(
        S::PaymentCallbacks,
        vec![
            Crumb::link(T::ServiceName, "/"),
            Crumb::here(S::PaymentCallbacks),
        ],
    );
    let outcome = RwSignal::new(None::<PaymentCallbackOutcome>);
    let list = LocalResource::new(move || {
        let outcome = outcome.get();
        async move { payment_callbacks(outcome, None).await }
    });
    let retry = Callback::new(move |()| list.refetch());
    let options = PaymentCallbackOutcome::ALL
        .iter()
        .copied()
        .map(|o| {
            view! {
                <option value=o.as_str() selected=move || outcome.get() == Some(o)>
                    {tx(outcome_text(o))}
                </option>
            }
        })
        .collect_view();
    view! {
        <h1>{tx(S::PaymentCallbacks)}</h1>
        <OperatorNav current=PAYMENT_CALLBACKS_PATH />
        <p class="lead">{tx(S::OperatorPaymentCallbacksIntro)}</p>
        <div class="form-group">
            <label class="label" for=FILTER_ID>
                {tx(S::Outcome)}
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
                    {tx(S::OperatorPaymentCallbacksAll)}
                </option>
                {options}
            </select>
        </div>
        {move || match list.get() {
            None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
            Some(Err(error)) => view! {
                <OperatorLoadError
                    error
                    back=(S::OperatorApplicationsTitle, APPLICATIONS_PATH)
                    retry
                />
            }
            .into_any(),
            Some(Ok(list)) => view! {
                <CallbackTable callbacks=list.callbacks caption=S::PaymentCallbacks />
            }
            .into_any(),
        }}
    }
}

/// The callbacks as a table; also on the operator's application page.
#[component]
pub fn CallbackTable(callbacks: Vec<PaymentCallbackRecord>, caption: T) -> impl IntoView {
    if callbacks.is_empty() {
        return view! { <p>{tx(S::OperatorPaymentCallbacksNone)}</p> }.into_any();
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
            columns=vec![S::OperatorColReceivedAt, S::OperatorColTransaction, T::PaymentReference, S::OperatorColAmount, S::OperatorColPaidAt, S::Application, S::Outcome]
        >
            {rows}
        </DataTable>
    }
    .into_any()
}
