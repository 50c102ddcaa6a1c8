//! `/basvuru/:id/sonuc`: "E-Onaylı Başvuru Tamamlandı" / "Başvuru İşlemleri Sonuç": what
//! happens next and how to pay. Print-friendly.

use leptos::prelude::*;
use shared::api::{ApplicationResult, PaymentInstructions};
use shared::workflow::ApprovalMethod;

use super::application_id;
use crate::api;
use crate::components::feedback::{ErrorView, Loading};
use crate::i18n::messages::years;
use crate::i18n::{Lang, T};
use crate::state::{application_trail, set_page, tx, use_i18n, PageMeta};
use crate::time;

#[component]
pub fn ResultPage() -> impl IntoView {
    set_page(T::ResultSubtitle, application_trail(T::ResultSubtitle));
    let id = application_id();
    let result = LocalResource::new(move || {
        let id = id.get();
        async move { api::result(&id).await }
    });
    let retry = Callback::new(move |()| result.refetch());
    move || match result.get() {
        None => view! { <Loading title=T::ResultSubtitle /> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry /> }.into_any(),
        Some(Ok(result)) => view! { <ResultView result /> }.into_any(),
    }
}

/// The steps after approval, in order.
pub fn next_steps(payment: &PaymentInstructions) -> Vec<T> {
    let waits = matches!(
        payment,
        PaymentInstructions::PaidByPerson {
            production_waits_for_payment: true,
            paid: false,
            ..
        }
    );
    vec![
        T::NextStepReached,
        if waits {
            T::NextStepProductionWaits
        } else {
            T::NextStepProductionStarts
        },
        T::NextStepDelivery,
        T::NextStepEmail,
        T::NextStepTracking,
    ]
}

#[component]
fn ResultView(result: ApplicationResult) -> impl IntoView {
    let i18n = use_i18n();
    let title = match result.approval.method {
        ApprovalMethod::EOnay => T::ResultTitleEOnay,
        ApprovalMethod::EImza => T::ResultTitleEImza,
    };
    expect_context::<PageMeta>().title.set(title);

    let application = result.application;
    let (state_tr, state_en) = (
        application.state_label_tr.clone(),
        application.state_label_en.clone(),
    );
    let method = match result.approval.method {
        ApprovalMethod::EOnay => T::MethodEOnay,
        ApprovalMethod::EImza => T::MethodEImza,
    };
    let approved_at = time::date_time(result.approval.at);
    let approved_iso = time::iso(result.approval.at);
    let term = result.certificate_term_years;
    let evidence = api::evidence_url(&application.id);
    let steps = next_steps(&result.payment)
        .into_iter()
        .map(|step| view! { <li>{tx(step)}</li> })
        .collect_view();

    view! {
        <div class="panel-confirmation">
            <h1 class="panel-title">{tx(title)}</h1>
            <div class="panel-body">
                {tx(T::ResultReference)}
                <br />
                <strong class="reference-big">{application.reference.clone()}</strong>
            </div>
        </div>

        <section class="section" aria-labelledby="sonuc-baslik">
            <h2 id="sonuc-baslik">{tx(T::ResultSubtitle)}</h2>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(T::LabelInstitution)}</dt>
                    <dd>{application.institution.clone()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelState)}</dt>
                    <dd>
                        {move || match i18n.lang() {
                            Lang::Tr => state_tr.clone(),
                            Lang::En => state_en.clone(),
                        }}
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelApprovalMethod)}</dt>
                    <dd>{tx(method)}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelApprovedAt)}</dt>
                    <dd>
                        <time datetime=approved_iso>{approved_at}</time>
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelTerm)}</dt>
                    <dd>{move || years(i18n.lang(), term)}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelTaahhutnameVersion)}</dt>
                    <dd>{result.approval.taahhutname_version.clone()}</dd>
                </div>
            </dl>
        </section>

        <section class="section" aria-labelledby="sonraki-adimlar">
            <h2 id="sonraki-adimlar">{tx(T::NextStepsHeading)}</h2>
            <ol class="steps">{steps}</ol>
        </section>

        <section class="section" aria-labelledby="odeme-baslik">
            <h2 id="odeme-baslik">{tx(T::PaymentHeading)}</h2>
            <Payment payment=result.payment />
        </section>

        <p class="support">{tx(T::SupportText)}</p>
        <p class="secondary-text no-print">{tx(T::EvidenceHint)}</p>
        <div class="button-group no-print">
            <a class="button button-secondary" href=evidence download="">
                {tx(T::DownloadEvidence)}
            </a>
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| {
                    // Printing is the browser's; if it refuses there is nothing to add.
                    let _ = window().print();
                }
            >
                {tx(T::Print)}
            </button>
            <a class="button" href="/basvuru-islemleri">
                {tx(T::BackToApplications)}
            </a>
        </div>
    }
}

#[component]
fn Payment(payment: PaymentInstructions) -> impl IntoView {
    let i18n = use_i18n();
    match payment {
        PaymentInstructions::PaidByInstitution => {
            view! { <p class="notice">{tx(T::PaidByInstitution)}</p> }.into_any()
        }
        PaymentInstructions::PaidByPerson {
            amount_display,
            payment_reference,
            production_waits_for_payment,
            paid,
            ..
        } => view! {
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(T::PaymentAmount)}</dt>
                    <dd>
                        <strong>{amount_display}</strong>
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::PaymentReference)}</dt>
                    <dd>
                        <strong class="nowrap">{payment_reference}</strong>
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::PaymentStatus)}</dt>
                    <dd>{move || i18n.t(if paid { T::PaymentPaid } else { T::PaymentUnpaid })}</dd>
                </div>
            </dl>
            {(!paid)
                .then(|| {
                    view! {
                        <ol class="steps">
                            <li>{move || i18n.t(T::PaymentStep1)}</li>
                            <li>{move || i18n.t(T::PaymentStep2)}</li>
                        </ol>
                    }
                })}
            <p class="notice">
                {move || {
                    i18n.t(
                        if production_waits_for_payment {
                            T::PaymentWaits
                        } else {
                            T::PaymentDoesNotWait
                        },
                    )
                }}
            </p>
        }
        .into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prepaid_unpaid_order_waits_for_the_payment() {
        let payment = PaymentInstructions::PaidByPerson {
            amount_kurus: 99000,
            amount_display: "990,00 TL".into(),
            payment_reference: "RF00".into(),
            production_waits_for_payment: true,
            paid: false,
        };
        assert!(next_steps(&payment).contains(&T::NextStepProductionWaits));
        assert!(next_steps(&PaymentInstructions::PaidByInstitution)
            .contains(&T::NextStepProductionStarts));
    }
}
