//! Recording a payment on the operator's application page — the amount, the day and the
//! receipt number; then what the applicant will be sent (`preview_payment_notification`) and
//! a confirmation — its reversal with a reason, and the payments recorded so far.

use leptos::prelude::*;
use shared::api::payments::{field, PaymentPreview, PaymentRecord, RecordPaymentRequest};
use shared::form::FieldErrors;

use super::messages::field_error;
use super::staff_csrf;
use crate::api::operator::{preview_payment, record_payment, reverse_payment};
use crate::api::ApiError;
use crate::components::feedback::ErrorBox;
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, SummaryEntry, TextField, TextOptions,
};
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::state::{tx, use_i18n};
use crate::texts::S;
use crate::time;

const PAYMENT_ERROR_ID: &str = "odeme-hatasi";
const CONFIRM_HEADING_ID: &str = "odeme-onay-baslik";

/// `750`, `750,00`, `1.250,50` or `1250.50` (what people type for Turkish lira) in kuruş.
pub fn parse_lira(text: &str) -> Option<u64> {
    let compact: String = text
        .trim()
        .trim_end_matches("TL")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // A comma is the decimal sign (dots group thousands); without one, a dot followed by
    // exactly two digits at the end is.
    let (lira, kurus) = match compact.rsplit_once(',') {
        Some((lira, kurus)) => (lira.replace('.', ""), kurus.to_owned()),
        None => match compact.rsplit_once('.') {
            Some((lira, kurus)) if kurus.len() == 2 => (lira.replace('.', ""), kurus.to_owned()),
            _ => (compact.replace('.', ""), String::new()),
        },
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(&lira) || !(kurus.is_empty() || (kurus.len() <= 2 && digits(&kurus))) {
        return None;
    }
    let lira: u64 = lira.parse().ok()?;
    let kurus: u64 = match kurus.len() {
        0 => 0,
        1 => kurus.parse::<u64>().ok()? * 10,
        _ => kurus.parse().ok()?,
    };
    lira.checked_mul(100)?.checked_add(kurus)
}

/// `75000` → `750,00` (the amount field's starting value).
pub fn lira_input(kurus: u64) -> String {
    format!("{},{:02}", kurus / 100, kurus % 100)
}

fn entries(errors: &FieldErrors, lang: Lang, fields: &[&'static str]) -> Vec<SummaryEntry> {
    fields
        .iter()
        .flat_map(|f| {
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: field_error(lang, f, code),
                target: FieldIds::new(f).control,
            })
        })
        .collect()
}

fn field_messages(errors: RwSignal<FieldErrors>, f: &'static str) -> Signal<Vec<String>> {
    let i18n = use_i18n();
    Signal::derive(move || {
        errors
            .get()
            .get(f)
            .iter()
            .map(|code| field_error(i18n.lang(), f, code))
            .collect::<Vec<_>>()
    })
}

/// "Ödeme": the details, then the confirmation with the e-mail and SMS to be sent.
#[component]
pub fn PaymentForm(
    id: String,
    /// The fee, when the page knows it (the person pays): the amount field starts with it.
    fee_kurus: Option<u64>,
    reload: Callback<()>,
    done: RwSignal<Option<T>>,
    done_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let amount = RwSignal::new(fee_kurus.map(lira_input).unwrap_or_default());
    let paid_on = RwSignal::new(String::new());
    let receipt = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    // The details checked by the API and what it would send: the confirmation step.
    let preview = RwSignal::new(None::<(RecordPaymentRequest, PaymentPreview)>);

    let request = move || {
        let raw = amount.get_untracked();
        RecordPaymentRequest {
            // An amount that cannot be read is sent as none: the API says "required".
            amount_kurus: parse_lira(&raw).unwrap_or(0),
            paid_on: paid_on.get_untracked(),
            receipt_number: receipt.get_untracked(),
        }
    };
    let fail = move |e: ApiError| match e {
        ApiError::Problem(p) if p.fields.is_some() => {
            errors.set(p.fields.unwrap_or_default());
            preview.set(None);
            focus_error_summary();
        }
        e => {
            error.set(Some(e));
            request_animation_frame(|| focus_by_id(PAYMENT_ERROR_ID));
        }
    };
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = request();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => preview_payment(&id.get_value(), &request, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    errors.set(FieldErrors::new());
                    preview.set(Some((request, answer)));
                    request_animation_frame(|| focus_by_id(CONFIRM_HEADING_ID));
                }
                Err(e) => fail(e),
            }
        });
    };
    let confirm = move |_| {
        let Some((request, _)) = preview.get_untracked() else {
            return;
        };
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => record_payment(&id.get_value(), &request, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(_) => {
                    done.set(Some(S::OperatorPaymentRecorded));
                    reload.run(());
                    request_animation_frame(move || focus_by_id(done_id));
                }
                Err(e) => fail(e),
            }
        });
    };
    let summary = Signal::derive(move || {
        entries(
            &errors.get(),
            i18n.lang(),
            &[field::AMOUNT, field::PAID_ON, field::RECEIPT_NUMBER],
        )
    });
    let nothing = Callback::new(|()| {});

    view! {
        <h3>{tx(T::Payment)}</h3>
        <ErrorBox error id=PAYMENT_ERROR_ID />
        <ErrorSummary entries=summary />
        {move || match preview.get() {
            None => view! {
                <p class="hint">{tx(S::OperatorRecordPaymentHint)}</p>
                <form novalidate on:submit=ask>
                    <TextField
                        name=field::AMOUNT
                        label=S::OperatorLabelAmount
                        hint=S::OperatorHintAmount
                        value=amount
                        errors=field_messages(errors, field::AMOUNT)
                        options=TextOptions {
                            autocomplete: "off",
                            inputmode: Some("decimal"),
                            width: Some("width-10"),
                            ..Default::default()
                        }
                        on_change=nothing
                        on_blur=nothing
                    />
                    <TextField
                        name=field::PAID_ON
                        label=S::OperatorLabelPaidOn
                        hint=S::OperatorHintPaidOn
                        value=paid_on
                        errors=field_messages(errors, field::PAID_ON)
                        options=TextOptions {
                            input_type: "date",
                            autocomplete: "off",
                            width: Some("width-10"),
                            ..Default::default()
                        }
                        on_change=nothing
                        on_blur=nothing
                    />
                    <TextField
                        name=field::RECEIPT_NUMBER
                        label=S::OperatorLabelReceiptNumber
                        hint=S::OperatorHintReceiptNumber
                        value=receipt
                        errors=field_messages(errors, field::RECEIPT_NUMBER)
                        options=TextOptions {
                            autocomplete: "off",
                            width: Some("width-20"),
                            ..Default::default()
                        }
                        on_change=nothing
                        on_blur=nothing
                    />
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {tx(T::Continue)}
                    </button>
                </form>
            }
            .into_any(),
            Some((request, answer)) => view! {
                <Confirmation request answer />
                <div class="button-group">
                    <button
                        type="button"
                        class="button"
                        disabled=move || busy.get()
                        on:click=confirm
                    >
                        {tx(S::OperatorPaymentConfirm)}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        disabled=move || busy.get()
                        on:click=move |_| preview.set(None)
                    >
                        {tx(S::OperatorPaymentChange)}
                    </button>
                </div>
            }
            .into_any(),
        }}
    }
}

/// The details as they will be recorded, and each message word for word.
#[component]
fn Confirmation(request: RecordPaymentRequest, answer: PaymentPreview) -> impl IntoView {
    let messages = answer
        .messages
        .into_iter()
        .map(|message| {
            let channel = match message.channel.as_str() {
                "sms" => S::MessageChannelSms,
                _ => T::Email,
            };
            let subject = (!message.subject.is_empty()).then(|| {
                view! {
                    <div class="summary-row">
                        <dt>{tx(S::MessagesColPurpose)}</dt>
                        <dd>{message.subject}</dd>
                    </div>
                }
            });
            view! {
                <section class="message-preview" aria-label=tx(channel)>
                    <h4>{tx(channel)}</h4>
                    <dl class="summary-list">
                        <div class="summary-row">
                            <dt>{tx(S::MessagesColRecipient)}</dt>
                            <dd>{message.recipient}</dd>
                        </div>
                        {subject}
                    </dl>
                    <pre class="message-body">{message.body}</pre>
                </section>
            }
        })
        .collect_view();
    view! {
        <h3 id=CONFIRM_HEADING_ID tabindex="-1">{tx(S::OperatorPaymentConfirmHeading)}</h3>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(S::OperatorLabelAmount)}</dt>
                <dd>{lira_input(request.amount_kurus)}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorLabelPaidOn)}</dt>
                <dd>{request.paid_on}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorLabelReceiptNumber)}</dt>
                <dd>{request.receipt_number}</dd>
            </div>
        </dl>
        {answer
            .starts_production
            .then(|| view! { <p class="notice">{tx(S::OperatorPaymentStartsProduction)}</p> })}
        <p>{tx(S::OperatorPaymentConfirmIntro)}</p>
        {messages}
    }
}

/// "Ödeme kaydını geri al": a reason, then the reversal.
#[component]
pub fn ReversalForm(
    id: String,
    reload: Callback<()>,
    done: RwSignal<Option<T>>,
    done_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = StoredValue::new(id);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = reason.get_untracked();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff_csrf().await {
                Ok(token) => reverse_payment(&id.get_value(), &text, &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(_) => {
                    errors.set(FieldErrors::new());
                    done.set(Some(S::OperatorPaymentReversed));
                    reload.run(());
                    request_animation_frame(move || focus_by_id(done_id));
                }
                Err(ApiError::Problem(p)) if p.fields.is_some() => {
                    errors.set(p.fields.unwrap_or_default());
                    focus_error_summary();
                }
                Err(e) => {
                    error.set(Some(e));
                    request_animation_frame(|| focus_by_id("geri-alma-hatasi"));
                }
            }
        });
    };
    let summary = Signal::derive(move || entries(&errors.get(), i18n.lang(), &[field::REASON]));
    let nothing = Callback::new(|()| {});
    view! {
        <h3>{tx(S::OperatorReverseHeading)}</h3>
        <ErrorBox error id="geri-alma-hatasi" />
        <ErrorSummary entries=summary />
        <p class="hint">{tx(S::OperatorReverseHint)}</p>
        <form novalidate on:submit=submit>
            <TextField
                name=field::REASON
                label=S::OperatorLabelReversalReason
                value=reason
                errors=field_messages(errors, field::REASON)
                options=TextOptions {
                    autocomplete: "off",
                    multiline: true,
                    spellcheck: true,
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <button type="submit" class="button button-warning" disabled=move || busy.get()>
                {tx(S::OperatorReversePayment)}
            </button>
        </form>
    }
}

/// "Kaydedilen ödemeler": each payment with its receipt, who recorded it, and its reversal.
#[component]
pub fn PaymentRecords(records: Vec<PaymentRecord>) -> impl IntoView {
    if records.is_empty() {
        return ().into_any();
    }
    let rows = records
        .into_iter()
        .map(|record| {
            let reversal = record.reversed_at.map(|at| {
                view! {
                    <time datetime=time::iso(at)>{time::date_time(at)}</time>
                    " — "
                    {record.reversed_by.clone().unwrap_or_default()}
                    <br />
                    <span class="secondary-text">
                        {record.reversal_reason.clone().unwrap_or_default()}
                    </span>
                }
            });
            let receipt = match record.receipt_number.as_str() {
                "" => "—".to_owned(),
                number => number.to_owned(),
            };
            view! {
                <tr role="row">
                    <th scope="row" role="rowheader">{record.amount_display}</th>
                    <td role="cell" data-label=tx(S::OperatorLabelPaidOn)>{record.paid_on}</td>
                    <td role="cell" data-label=tx(S::OperatorColReceiptNumber)>{receipt}</td>
                    <td role="cell" data-label=tx(S::OperatorColRecordedBy)>
                        <time datetime=time::iso(record.recorded_at)>
                            {time::date_time(record.recorded_at)}
                        </time>
                        " — "
                        {record.recorded_by}
                    </td>
                    <td role="cell" data-label=tx(S::OperatorColReversal)>{reversal}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="section" aria-labelledby="odemeler-baslik">
            <h2 id="odemeler-baslik">{tx(S::OperatorPaymentsHeading)}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="odemeler-tablo">
                <table class="table table-stack" role="table">
                    <caption class="table-caption" id="odemeler-tablo">
                        {tx(S::OperatorPaymentsHeading)}
                    </caption>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th scope="col" role="columnheader">{tx(S::OperatorColAmount)}</th>
                            <th scope="col" role="columnheader">{tx(S::OperatorLabelPaidOn)}</th>
                            <th scope="col" role="columnheader">{tx(S::OperatorColReceiptNumber)}</th>
                            <th scope="col" role="columnheader">{tx(S::OperatorColRecordedBy)}</th>
                            <th scope="col" role="columnheader">{tx(S::OperatorColReversal)}</th>
                        </tr>
                    </thead>
                    <tbody role="rowgroup">{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lira_is_read_the_way_people_type_it() {
        assert_eq!(parse_lira("750"), Some(75000));
        assert_eq!(parse_lira("750,00"), Some(75000));
        assert_eq!(parse_lira("1.250,5"), Some(125050));
        assert_eq!(parse_lira("1250.50 TL"), Some(125050));
        assert_eq!(parse_lira("1.250"), Some(125000));
        assert_eq!(parse_lira(""), None);
        assert_eq!(parse_lira("7a0"), None);
        assert_eq!(parse_lira("750,001"), None);
    }

    #[test]
    fn the_fee_starts_the_amount_field_and_reads_back() {
        assert_eq!(lira_input(75000), "750,00");
        assert_eq!(parse_lira(&lira_input(125005)), Some(125005));
    }
}
