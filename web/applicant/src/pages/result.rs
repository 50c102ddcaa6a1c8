//! `/basvuru/:id/sonuc`: "E-Onaylı Başvuru Tamamlandı" / "Başvuru İşlemleri Sonuç": what
//! happens next and how to pay. Print-friendly.

use leptos::prelude::*;
use shared::api::{ApplicationResult, BankAccount, PaymentInstructions};
use shared::workflow::ApprovalMethod;

use super::application_id;
use crate::api;
use crate::components::feedback::loaded_page;
use crate::i18n::messages::years;
use crate::i18n::{Lang, T};
use crate::state::{application_trail, set_page, tx, use_i18n, PageMeta};
use crate::time;

#[component]
pub fn ResultPage() -> impl IntoView {
    set_page(T::ResultSubtitle, application_trail(T::ResultSubtitle));
    let id = application_id();
    loaded_page(
        T::ResultSubtitle,
        move || {
            let id = id.get();
            async move { api::result(&id).await }
        },
        |result| view! { <ResultView result /> }.into_any(),
    )
}

/// The steps after approval, in order: whether production started or waits, and for whose
/// payment.
pub fn next_steps(payment: &PaymentInstructions) -> Vec<T> {
    let production = match payment {
        _ if !payment.production_waits() => T::NextStepProductionStarts,
        PaymentInstructions::PaidByInstitution { .. } => T::NextStepInstitutionPaymentWaits,
        PaymentInstructions::PaidByPerson { .. } => T::NextStepProductionWaits,
    };
    vec![
        T::NextStepReached,
        production,
        T::NextStepDelivery,
        T::NextStepEmail,
        T::NextStepTracking,
    ]
}

/// What the payment section says first: the four combinations of who pays and whether
/// production waits for it, and a payment that has arrived.
pub fn payment_notice(payment: &PaymentInstructions) -> T {
    match payment {
        PaymentInstructions::PaidByInstitution { paid: true, .. } => T::PaidByInstitutionDone,
        PaymentInstructions::PaidByInstitution {
            production_waits_for_payment: true,
            ..
        } => T::PaidByInstitutionPrepaid,
        PaymentInstructions::PaidByInstitution { .. } => T::PaidByInstitutionPostpaid,
        PaymentInstructions::PaidByPerson { paid: true, .. } => T::Paid,
        PaymentInstructions::PaidByPerson {
            production_waits_for_payment: true,
            ..
        } => T::PaymentWaits,
        PaymentInstructions::PaidByPerson { .. } => T::PaymentPostpaid,
    }
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
                    <dt>{tx(T::Institution)}</dt>
                    <dd>{application.institution.clone()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::State)}</dt>
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
                    <dt>{tx(T::CertificateTerm)}</dt>
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
            <h2 id="odeme-baslik">{tx(T::Payment)}</h2>
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
    let notice = payment_notice(&payment);
    match payment {
        PaymentInstructions::PaidByInstitution { .. } => {
            view! { <p class="notice">{tx(notice)}</p> }.into_any()
        }
        PaymentInstructions::PaidByPerson {
            amount_display,
            payment_reference,
            paid,
            bank_account,
            ..
        } => view! {
            <p class="notice">{tx(notice)}</p>
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
                    <dd>{tx(if paid { T::Paid } else { T::PaymentUnpaid })}</dd>
                </div>
            </dl>
            {(!paid).then(|| view! { <BankTransfer account=bank_account /> })}
        }
        .into_any(),
    }
}

/// How to pay: the transfer's steps and Kamu SM's account, each value on its own line to copy.
#[component]
fn BankTransfer(account: Option<BankAccount>) -> impl IntoView {
    let Some(account) = account else {
        return ().into_any();
    };
    view! {
        <h3 id="odeme-bilgileri">{tx(T::ActionPaymentInfo)}</h3>
        <ol class="steps">
            <li>{tx(T::PaymentTransferStep1)}</li>
            <li>{tx(T::PaymentTransferStep2)}</li>
        </ol>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(T::PaymentBank)}</dt>
                <dd>{account.bank}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::PaymentAccountHolder)}</dt>
                <dd>{account.account_holder}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::PaymentIban)}</dt>
                <dd>
                    <strong class="iban">{account.iban.grouped()}</strong>
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::PaymentDescription)}</dt>
                <dd>
                    <strong>{account.description}</strong>
                </dd>
            </div>
        </dl>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(prepaid: bool) -> PaymentInstructions {
        PaymentInstructions::PaidByPerson {
            amount_kurus: 99000,
            amount_display: "990,00 TL".into(),
            payment_reference: "RF00".into(),
            production_waits_for_payment: prepaid,
            paid: false,
            bank_account: None,
        }
    }

    fn institution(prepaid: bool) -> PaymentInstructions {
        PaymentInstructions::PaidByInstitution {
            production_waits_for_payment: prepaid,
            paid: false,
        }
    }

    #[test]
    fn production_waits_only_for_a_prepaid_order_and_says_for_whose_payment() {
        assert!(next_steps(&person(true)).contains(&T::NextStepProductionWaits));
        assert!(next_steps(&person(false)).contains(&T::NextStepProductionStarts));
        assert!(next_steps(&institution(true)).contains(&T::NextStepInstitutionPaymentWaits));
        assert!(next_steps(&institution(false)).contains(&T::NextStepProductionStarts));
    }

    #[test]
    fn each_combination_has_its_own_payment_notice() {
        let notices = [
            payment_notice(&person(true)),
            payment_notice(&person(false)),
            payment_notice(&institution(true)),
            payment_notice(&institution(false)),
        ];
        for (i, a) in notices.iter().enumerate() {
            assert!(!notices[i + 1..].contains(a), "{a:?}");
        }
    }
}
