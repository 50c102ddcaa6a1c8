//! `/kamusm/basvurular/:id`: one application of any institution — the applicant, payment and
//! shipment, the step the operator may record next (payment; produced; shipped with courier
//! and tracking number; delivered), the timeline and the audit trail.
//!
//! Which buttons show comes from the API's `allowed_actions` (the workflow's own answer); the
//! shipping form runs `shared::api::operator::validate_shipment`, the API's rule, first.

use leptos::prelude::*;
use shared::api::operator::{
    field, validate_shipment, AuditEntry, AuditSource, OperatorAction, OperatorApplication,
};
use shared::api::payment_callbacks::PaymentCallbackOutcome;
use shared::api::{PaymentInstructions, Shipment};
use shared::form::{ApplicationForm, FieldErrors};
use shared::workflow::{EventKind, Payer};

use super::messages::{amount_with_reference, field_error};
use super::payment::{PaymentForm, PaymentRecords, ReversalForm};
use super::payment_callbacks::CallbackTable;
use super::APPLICATIONS_PATH;
use super::{operator_trail, staff_csrf, OperatorLoadError, OperatorNav};
use crate::api::operator::{
    application, audit_trail, evidence_url, payment_callbacks, record_production_event,
};
use crate::api::ApiError;
use crate::components::feedback::{ErrorBox, Loading};
use crate::components::fields::{
    focus_error_summary, ErrorSummary, FieldIds, SummaryEntry, TextField, TextOptions,
};
use crate::components::message_deliveries::MessageDeliveries;
use crate::components::timeline::Timeline;
use crate::i18n::messages::years;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::application_id;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;
use crate::time;

const ACTION_ERROR_ID: &str = "islem-hatasi";
const ACTION_DONE_ID: &str = "islem-sonucu";

#[component]
pub fn OperatorApplicationPage() -> impl IntoView {
    set_page(
        S::OperatorApplicationTitle,
        operator_trail(
            (S::OperatorApplicationsTitle, APPLICATIONS_PATH),
            S::OperatorApplicationTitle,
        ),
    );
    let id = application_id();
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move { application(&id).await }
    });
    let retry = Callback::new(move |()| detail.refetch());
    // What the last action did, kept across the reload that follows it.
    let done = RwSignal::new(None::<T>);
    move || match detail.get() {
        None => view! { <Loading title=S::OperatorApplicationTitle /> }.into_any(),
        Some(Err(error)) => view! {
            <OperatorLoadError
                error
                back=(S::OperatorBackToApplications, APPLICATIONS_PATH)
                retry
            />
        }
        .into_any(),
        Some(Ok(detail)) => view! { <Detail detail reload=retry done /> }.into_any(),
    }
}

#[component]
fn Detail(
    detail: OperatorApplication,
    reload: Callback<()>,
    done: RwSignal<Option<T>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = detail.summary.clone();
    let (state_tr, state_en) = (
        summary.state_label_tr.clone(),
        summary.state_label_en.clone(),
    );
    let applicant = detail.applicant.clone();
    let payer = match summary.payer {
        Payer::Institution => T::PayerInstitution,
        Payer::Person => S::PaidByPerson,
    };
    let payment_state = match (&detail.payment, detail.paid) {
        (_, true) => T::Paid,
        (Some(PaymentInstructions::PaidByInstitution { .. }), false) => S::OperatorUnpaid,
        _ => S::OperatorUnpaid,
    };
    let amount = match &detail.payment {
        Some(PaymentInstructions::PaidByPerson {
            amount_display,
            payment_reference,
            ..
        }) => Some((amount_display.clone(), payment_reference.clone())),
        _ => None,
    };
    let fee_kurus = match &detail.payment {
        Some(PaymentInstructions::PaidByPerson { amount_kurus, .. }) => Some(*amount_kurus),
        _ => None,
    };
    let shipment = detail.shipment.clone();
    let id = summary.id.clone();
    // An application that was ever approved has evidence, even once cancelled.
    let evidence = summary
        .timeline
        .iter()
        .any(|event| {
            matches!(
                event.kind,
                EventKind::ApprovedWithEOnay | EventKind::ApprovedWithEImza
            )
        })
        .then(|| evidence_url(&id));

    view! {
        <h1>
            {tx(S::OperatorApplicationTitle)}
            " "
            <span class="reference-big">{summary.reference.clone()}</span>
        </h1>
        <OperatorNav current="" />
        <div id=ACTION_DONE_ID tabindex="-1" role="status">
            {move || done.get().map(|text| view! { <p class="notice">{tx(text)}</p> })}
        </div>
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(S::FullName)}</dt>
                <dd>{format!("{} {}", applicant.first_name, applicant.last_name)}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::LabelTckn)}</dt>
                <dd>{applicant.tckn.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::Email)}</dt>
                <dd>{applicant.email.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::MobilePhone)}</dt>
                <dd>
                    {match applicant.mobile_phone_masked.clone() {
                        Some(phone) => phone.into_any(),
                        None => tx(S::OperatorNotYet).into_any(),
                    }}
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::Institution)}</dt>
                <dd>{summary.institution.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::State)}</dt>
                <dd>
                    <strong class="state">
                        {move || match i18n.lang() {
                            Lang::Tr => state_tr.clone(),
                            Lang::En => state_en.clone(),
                        }}
                    </strong>
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorLabelPayer)}</dt>
                <dd>
                    {tx(payer)}
                    {summary.prepaid.then(|| view! { ", " {tx(S::OperatorPrepaid)} })}
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::PaymentStatus)}</dt>
                <dd>
                    {tx(payment_state)}
                    {amount
                        .map(|(amount, reference)| {
                            view! {
                                <br />
                                <span class="secondary-text">
                                    {move || amount_with_reference(i18n.lang(), &amount, &reference)}
                                </span>
                            }
                        })}
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::OperatorLabelShipment)}</dt>
                <dd>
                    {match shipment {
                        Some(s) => view! {
                            {s.courier} " — " {tx(T::TrackingNumber)} ": "
                            <strong>{s.tracking_number}</strong>
                        }
                        .into_any(),
                        None => tx(S::OperatorNotYet).into_any(),
                    }}
                </dd>
            </div>
        </dl>
        {detail.form.clone().map(|form| view! { <CardDetails form /> })}
        <Actions id=id.clone() allowed=detail.allowed_actions.clone() fee_kurus reload done />
        <PaymentRecords records=detail.payment_records.clone() />
        {evidence
            .map(|href| {
                view! {
                    <p>
                        <a class="button button-secondary" href=href download="">
                            {tx(T::DownloadEvidence)}
                        </a>
                        <br />
                        <span class="secondary-text">{tx(T::EvidenceHint)}</span>
                    </p>
                }
            })}
        <section class="section" aria-labelledby="gecmis-baslik">
            <h2 id="gecmis-baslik">{tx(T::TimelineSummary)}</h2>
            <Timeline events=summary.timeline.clone() />
            <section class="section">
                <MessageDeliveries messages=detail.messages.clone() />
            </section>
        </section>
        <UnappliedCallbacks id=id.clone() />
        <AuditTrailSection id />
        <p>
            <a href=APPLICATIONS_PATH>{tx(S::OperatorBackToApplications)}</a>
        </p>
    }
}

/// The step the operator may record now: one button, or the shipping form.
#[component]
fn Actions(
    id: String,
    allowed: Vec<OperatorAction>,
    fee_kurus: Option<u64>,
    reload: Callback<()>,
    done: RwSignal<Option<T>>,
) -> impl IntoView {
    let application_id = id.clone();
    let id = StoredValue::new(id);
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let field_errors = RwSignal::new(FieldErrors::new());

    // Records one production step; on success reloads the page's data and says so. (The
    // payment and its reversal have forms of their own.)
    let run = move |action: OperatorAction, shipment: Option<Shipment>| {
        let Some(event) = action.production_event() else {
            return;
        };
        busy.set(true);
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let id = id.get_value();
            let result = match staff_csrf().await {
                Ok(token) => record_production_event(&id, event, shipment.as_ref(), &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(_) => {
                    done.set(Some(S::OperatorStepRecorded));
                    reload.run(());
                    request_animation_frame(|| focus_by_id(ACTION_DONE_ID));
                }
                Err(ApiError::Problem(p)) if p.fields.is_some() => {
                    field_errors.set(p.fields.unwrap_or_default());
                    focus_error_summary();
                }
                Err(e) => {
                    error.set(Some(e));
                    request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
                }
            }
        });
    };
    let button = move |action: OperatorAction, text: T| {
        view! {
            <p>
                <button
                    type="button"
                    class="button"
                    disabled=move || busy.get()
                    on:click=move |_| run(action, None)
                >
                    {tx(text)}
                </button>
            </p>
        }
    };

    let steps = allowed
        .iter()
        .map(|action| match action {
            OperatorAction::RecordPayment => view! {
                <PaymentForm
                    id=application_id.clone()
                    fee_kurus
                    reload
                    done
                    done_id=ACTION_DONE_ID
                />
            }
            .into_any(),
            OperatorAction::ReversePayment => view! {
                <ReversalForm id=application_id.clone() reload done done_id=ACTION_DONE_ID />
            }
            .into_any(),
            OperatorAction::MarkProduced => {
                button(OperatorAction::MarkProduced, S::OperatorMarkProduced).into_any()
            }
            OperatorAction::MarkShipped => view! {
                <ShippingForm busy errors=field_errors on_ship=Callback::new(move |s| run(OperatorAction::MarkShipped, Some(s))) />
            }
            .into_any(),
            OperatorAction::MarkDelivered => {
                button(OperatorAction::MarkDelivered, S::OperatorMarkDelivered).into_any()
            }
        })
        .collect_view();
    let nothing = allowed.is_empty();
    view! {
        <section class="section" aria-labelledby="islemler-baslik">
            <h2 id="islemler-baslik">{tx(T::Actions)}</h2>
            <ErrorBox error id=ACTION_ERROR_ID />
            {if nothing {
                view! { <p>{tx(S::OperatorNoActions)}</p> }.into_any()
            } else {
                view! {
                    <p class="secondary-text">{tx(S::OperatorNotifiesApplicant)}</p>
                    {steps}
                }
                .into_any()
            }}
        </section>
    }
}

fn shipping_entries(errors: &FieldErrors, lang: Lang) -> Vec<SummaryEntry> {
    [field::COURIER, field::TRACKING_NUMBER]
        .iter()
        .flat_map(|f| {
            errors.get(f).iter().map(move |code| SummaryEntry {
                message: field_error(lang, f, code),
                target: FieldIds::new(f).control,
            })
        })
        .collect()
}

/// "Kargoya verme": the courier and the tracking number, both required.
#[component]
fn ShippingForm(
    busy: RwSignal<bool>,
    errors: RwSignal<FieldErrors>,
    on_ship: Callback<Shipment>,
) -> impl IntoView {
    let i18n = use_i18n();
    let courier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_shipment(&courier.get_untracked(), &tracking.get_untracked()) {
            Ok(shipment) => {
                errors.set(FieldErrors::new());
                on_ship.run(shipment);
            }
            Err(found) => {
                errors.set(found);
                focus_error_summary();
            }
        }
    };
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
    let entries = Signal::derive(move || shipping_entries(&errors.get(), i18n.lang()));
    let nothing = Callback::new(|()| {});
    view! {
        <h3>{tx(S::OperatorProductionHeading)}</h3>
        <ErrorSummary entries />
        <form novalidate on:submit=submit>
            <TextField
                name=field::COURIER
                label=T::Courier
                hint=S::OperatorHintCourier
                value=courier
                errors=messages(field::COURIER)
                options=TextOptions {
                    autocomplete: "off",
                    width: Some("width-20"),
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <TextField
                name=field::TRACKING_NUMBER
                label=T::TrackingNumber
                hint=S::OperatorHintTrackingNumber
                value=tracking
                errors=messages(field::TRACKING_NUMBER)
                options=TextOptions {
                    autocomplete: "off",
                    width: Some("width-20"),
                    ..Default::default()
                }
                on_change=nothing
                on_blur=nothing
            />
            <button type="submit" class="button" disabled=move || busy.get()>
                {tx(S::OperatorMarkShipped)}
            </button>
        </form>
    }
}

/// What the card is produced with and shipped to: the form as submitted.
#[component]
fn CardDetails(form: ApplicationForm) -> impl IntoView {
    let i18n = use_i18n();
    let term = form.certificate_term.years();
    let address = form.address.clone();
    view! {
        <section class="section" aria-labelledby="kart-baslik">
            <h2 id="kart-baslik">{tx(S::OperatorCardHeading)}</h2>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt>{tx(T::MobilePhone)}</dt>
                    <dd>{form.mobile_phone.national()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelBirthDate)}</dt>
                    <dd>{form.birth_date.format("%d.%m.%Y").to_string()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::LabelTitle)}</dt>
                    <dd>{form.title.clone()}</dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::AddressLegend)}</dt>
                    <dd>
                        <address class="delivery-address">
                            {address.line}
                            <br />
                            {address.postal_code}
                            " "
                            {address.ilce}
                            " / "
                            {address.il.name()}
                        </address>
                    </dd>
                </div>
                <div class="summary-row">
                    <dt>{tx(T::CertificateTerm)}</dt>
                    <dd>{move || years(i18n.lang(), term)}</dd>
                </div>
            </dl>
        </section>
    }
}

/// Who did it, in words.
pub fn actor_text(kind: &str) -> Option<T> {
    Some(match kind {
        "applicant" => S::Applicant,
        "integrator" => S::OperatorActorIntegrator,
        "officer" => S::OperatorActorOfficer,
        "operator" => S::KamuSmOperator,
        "system" => S::OperatorActorSystem,
        "anonymous" => S::OperatorActorAnonymous,
        _ => return None,
    })
}

/// The provider's callbacks for this application that were not applied (a wrong amount,
/// nothing to pay); shown only when there are some, and quietly left out if they cannot be
/// loaded (the audit trail below names them too).
#[component]
fn UnappliedCallbacks(id: String) -> impl IntoView {
    let callbacks = LocalResource::new(move || {
        let id = id.clone();
        async move { payment_callbacks(None, Some(&id)).await }
    });
    move || {
        let unapplied: Vec<_> = match callbacks.get() {
            Some(Ok(list)) => list
                .callbacks
                .into_iter()
                .filter(|c| c.outcome != PaymentCallbackOutcome::Applied)
                .collect(),
            _ => Vec::new(),
        };
        (!unapplied.is_empty()).then(|| {
            view! {
                <section class="section" aria-labelledby="bildirim-baslik">
                    <h2 id="bildirim-baslik">{tx(S::OperatorApplicationCallbacksHeading)}</h2>
                    <CallbackTable callbacks=unapplied caption=S::OperatorApplicationCallbacksHeading />
                </section>
            }
        })
    }
}

#[component]
fn AuditTrailSection(id: String) -> impl IntoView {
    let trail = LocalResource::new(move || {
        let id = id.clone();
        async move { audit_trail(&id).await }
    });
    let retry = Callback::new(move |()| trail.refetch());
    view! {
        <section class="section" aria-labelledby="denetim-baslik">
            <h2 id="denetim-baslik">{tx(S::OperatorAuditHeading)}</h2>
            {move || match trail.get() {
                None => view! { <p role="status" class="loading">{tx(T::Loading)}</p> }.into_any(),
                Some(Err(e)) => {
                    let error = RwSignal::new(Some(e));
                    view! {
                        <ErrorBox error id="denetim-hatasi" />
                        <button type="button" class="button button-secondary" on:click=move |_| retry.run(())>
                            {tx(T::Retry)}
                        </button>
                    }
                    .into_any()
                }
                Some(Ok(trail)) => view! { <AuditTable entries=trail.entries /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = entries
        .into_iter()
        .map(|entry| {
            let (label_tr, label_en) = (entry.label_tr.clone(), entry.label_en.clone());
            let source = match entry.source {
                AuditSource::AuditLog => S::OperatorSourceAudit,
                AuditSource::Timeline => S::OperatorSourceTimeline,
            };
            let actor_kind = entry.actor_kind.clone();
            let actor = move || match actor_text(&actor_kind) {
                Some(text) => i18n.t(text).to_owned(),
                None => actor_kind.clone(),
            };
            // The detail in words where the API has them, as stored otherwise.
            let (detail_tr, detail_en) = (
                entry.detail_tr.clone().or(entry.detail.clone()),
                entry.detail_en.clone().or(entry.detail.clone()),
            );
            let detail = move || match i18n.lang() {
                Lang::Tr => detail_tr.clone(),
                Lang::En => detail_en.clone(),
            };
            let outcome = entry.outcome.as_deref().map(|o| match o {
                "success" => S::OperatorOutcomeSuccess,
                _ => S::OperatorOutcomeFailure,
            });
            view! {
                <tr role="row">
                    <td role="cell" data-label=tx(S::Time)>
                        <time datetime=time::iso(entry.at)>{time::date_time(entry.at)}</time>
                    </td>
                    <th scope="row" role="rowheader">
                        {move || match i18n.lang() {
                            Lang::Tr => label_tr.clone(),
                            Lang::En => label_en.clone(),
                        }}
                    </th>
                    <td role="cell" data-label=tx(S::OperatorColActor)>
                        {actor}
                        {entry.actor_id.map(|id| view! { <br /> <span class="secondary-text">{id}</span> })}
                    </td>
                    <td role="cell" data-label=tx(S::Outcome)>
                        {outcome.map(tx)}
                    </td>
                    <td role="cell" data-label=tx(S::OperatorColDetail)>
                        {detail}
                    </td>
                    <td role="cell" data-label=tx(S::OperatorColIp)>
                        {entry.client_ip}
                    </td>
                    <td role="cell" data-label=tx(S::OperatorColSource)>
                        {tx(source)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="denetim-tablo">
            <table class="table table-stack" role="table">
                <caption class="table-caption" id="denetim-tablo">
                    {tx(S::OperatorAuditCaption)}
                </caption>
                <thead role="rowgroup">
                    <tr role="row">
                        <th scope="col" role="columnheader">{tx(S::Time)}</th>
                        <th scope="col" role="columnheader">{tx(S::OperatorColWhat)}</th>
                        <th scope="col" role="columnheader">{tx(S::OperatorColActor)}</th>
                        <th scope="col" role="columnheader">{tx(S::Outcome)}</th>
                        <th scope="col" role="columnheader">{tx(S::OperatorColDetail)}</th>
                        <th scope="col" role="columnheader">{tx(S::OperatorColIp)}</th>
                        <th scope="col" role="columnheader">{tx(S::OperatorColSource)}</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::ProductionEvent;

    #[test]
    fn every_actor_kind_of_the_api_has_words() {
        for kind in [
            "applicant",
            "integrator",
            "officer",
            "operator",
            "system",
            "anonymous",
        ] {
            assert!(actor_text(kind).is_some(), "{kind}");
        }
        assert_eq!(actor_text("robot"), None);
    }

    #[test]
    fn each_action_records_the_matching_production_event() {
        assert_eq!(OperatorAction::RecordPayment.production_event(), None);
        assert_eq!(
            OperatorAction::MarkShipped.production_event(),
            Some(ProductionEvent::Shipped)
        );
    }
}
