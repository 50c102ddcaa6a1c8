//! `/kurum/basvurular/:id`: one of the institution's applications — who it is for, where it
//! stands, its timeline; the notification e-mail sent again; the pre-application cancelled
//! (after a confirmation, since it cannot be undone).

use leptos::prelude::*;
use shared::api::officer::InstitutionApplicationDetail;
use shared::workflow::{Command, Payer, PaymentTerms, Workflow};

use super::messages::{resend_wait, resent_to};
use super::{officer_trail, OfficerLoadError, OfficerNav, LIST_PATH};
use crate::api::officer::{cancel_pre_application, institution_application, resend_notification};
use crate::api::ApiError;
use crate::components::confirm::ConfirmButtons;
use crate::components::feedback::{ErrorBox, Loading};
use crate::components::message_deliveries::MessageDeliveries;
use crate::components::timeline::Timeline;
use crate::i18n::{Lang, T};
use crate::nav::focus_by_id;
use crate::pages::application_id;
use crate::pages::staff::session::use_staff_session;
use crate::state::{set_page, tx, use_i18n};
use crate::texts::S;
use crate::time;

const ACTION_ERROR_ID: &str = "islem-hatasi";
const CONFIRM_HEADING_ID: &str = "iptal-onay-baslik";
const ACTION_DONE_ID: &str = "islem-sonucu";

/// Whether the shared workflow would let this application be cancelled now (the API decides
/// again; this only decides whether to offer the button).
pub fn can_cancel(
    detail: &InstitutionApplicationDetail,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    let summary = &detail.summary;
    Workflow {
        state: summary.state,
        payment: PaymentTerms {
            payer: summary.payer,
            prepaid: summary.prepaid,
            paid: false,
        },
        deadline: summary.deadline,
    }
    .decide(Command::Cancel, now)
    .is_ok()
}

#[component]
pub fn OfficerApplicationPage() -> impl IntoView {
    set_page(S::Application, officer_trail(S::Application));
    let id = application_id();
    let detail = LocalResource::new(move || {
        let id = id.get();
        async move { institution_application(&id).await }
    });
    let retry = Callback::new(move |()| detail.refetch());
    // What the last action did, kept across the reload that follows it.
    let done = RwSignal::new(None::<DoneMessage>);
    move || match detail.get() {
        None => view! { <Loading title=S::Application /> }.into_any(),
        Some(Err(error)) => view! { <OfficerLoadError error retry /> }.into_any(),
        Some(Ok(detail)) => view! { <Detail detail reload=retry done /> }.into_any(),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum DoneMessage {
    Resent(String),
    Cancelled,
}

#[component]
fn Detail(
    detail: InstitutionApplicationDetail,
    reload: Callback<()>,
    done: RwSignal<Option<DoneMessage>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let summary = detail.summary.clone();
    let (state_tr, state_en) = (
        summary.state_label_tr.clone(),
        summary.state_label_en.clone(),
    );
    let payer = match summary.payer {
        Payer::Institution => T::PayerInstitution,
        Payer::Person => S::PaidByPerson,
    };
    let when = |at| view! { <time datetime=time::iso(at)>{time::date_time(at)}</time> };
    let cancellable = can_cancel(&detail, time::now());
    let id = StoredValue::new(summary.id.clone());
    let error = RwSignal::new(None::<ApiError>);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(false);

    let show_error = move |e: ApiError| {
        error.set(Some(e));
        request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
    };
    let finished = move |message: DoneMessage| {
        done.set(Some(message));
        reload.run(());
        request_animation_frame(|| focus_by_id(ACTION_DONE_ID));
    };

    let resend = move |_| {
        busy.set(true);
        error.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => resend_notification(&id.get_value(), &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            match result {
                Ok(resent) => finished(DoneMessage::Resent(resent.recipient)),
                Err(e) => show_error(e),
            }
        });
    };
    let ask_cancel = move |_| {
        confirming.set(true);
        error.set(None);
        request_animation_frame(|| focus_by_id(CONFIRM_HEADING_ID));
    };
    let cancel = Callback::new(move |()| {
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = match staff.csrf().await {
                Ok(token) => cancel_pre_application(&id.get_value(), &token).await,
                Err(e) => Err(e),
            };
            busy.try_set(false);
            confirming.try_set(false);
            match result {
                Ok(_) => finished(DoneMessage::Cancelled),
                Err(e) => show_error(e),
            }
        });
    });

    let notification = detail.notification.clone();
    let wait = notification.resend_available_in_seconds;
    let can_resend = notification.resend_allowed && wait == 0;
    let last_sent = notification.last_queued_at;

    view! {
        <h1>
            {tx(S::Application)}
            <span class="reference-big">{summary.reference.clone()}</span>
        </h1>
        <OfficerNav current="" />
        <div id=ACTION_DONE_ID tabindex="-1" role="status">
            {move || {
                done.get()
                    .map(|message| {
                        let text = match message {
                            DoneMessage::Resent(to) => resent_to(i18n.lang(), &to),
                            DoneMessage::Cancelled => i18n.t(S::OfficerCancelled).to_owned(),
                        };
                        view! { <p class="notice">{text}</p> }
                    })
            }}
        </div>
        <ErrorBox error id=ACTION_ERROR_ID />
        <dl class="summary-list">
            <div class="summary-row">
                <dt>{tx(S::FullName)}</dt>
                <dd>{format!("{} {}", detail.first_name, detail.last_name)}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::LabelTckn)}</dt>
                <dd>{detail.tckn_masked.clone()}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::Email)}</dt>
                <dd>{detail.email.clone()}</dd>
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
                <dt>{tx(S::OfficerLabelPayer)}</dt>
                <dd>
                    {tx(payer)}
                    {summary.prepaid.then(|| view! { " · " {tx(S::OfficerLabelPrepaid)} })}
                </dd>
            </div>
            <div class="summary-row">
                <dt>{tx(S::Created)}</dt>
                <dd>{when(summary.created_at)}</dd>
            </div>
            <div class="summary-row">
                <dt>{tx(T::ColDeadline)}</dt>
                <dd>{when(summary.deadline)}</dd>
            </div>
        </dl>
        <Timeline events=summary.timeline.clone() />

        <section class="section" aria-labelledby="bildirim-baslik">
            <h2 id="bildirim-baslik">{tx(S::OfficerNotificationHeading)}</h2>
            {last_sent
                .map(|at| {
                    view! {
                        <p>{tx(S::OfficerLastSent)} " " {when(at)}</p>
                    }
                })}
            {if !notification.resend_allowed {
                view! { <p class="hint">{tx(S::OfficerResendNotAllowed)}</p> }.into_any()
            } else if wait > 0 {
                view! { <p class="hint">{move || resend_wait(i18n.lang(), wait)}</p> }.into_any()
            } else {
                ().into_any()
            }}
            {can_resend
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button button-secondary"
                            disabled=move || busy.get()
                            on:click=resend
                        >
                            {tx(S::OfficerResend)}
                        </button>
                    }
                })}
        </section>
        <section class="section">
            <MessageDeliveries messages=detail.messages.clone() />
        </section>

        {cancellable
            .then(|| {
                view! {
                    <section class="section" aria-labelledby="iptal-baslik">
                        <h2 id="iptal-baslik">{tx(S::CancelPreApplication)}</h2>
                        <p>{tx(S::OfficerCancelText)}</p>
                        <Show
                            when=move || confirming.get()
                            fallback=move || {
                                view! {
                                    <button type="button" class="button button-warning" on:click=ask_cancel>
                                        {tx(S::CancelPreApplication)}
                                    </button>
                                }
                            }
                        >
                            <div class="confirm-box" role="group" aria-labelledby=CONFIRM_HEADING_ID>
                                <h3 id=CONFIRM_HEADING_ID tabindex="-1">
                                    {tx(S::OfficerCancelConfirmQuestion)}
                                </h3>
                                <p>{tx(S::OfficerCancelConfirmText)}</p>
                                <ConfirmButtons
                                    confirm=S::OfficerCancelConfirm
                                    keep=S::Dismiss
                                    on_confirm=cancel
                                    on_keep=Callback::new(move |()| confirming.set(false))
                                    busy
                                />
                            </div>
                        </Show>
                    </section>
                }
            })}
        <p>
            <a href=LIST_PATH>{tx(S::OfficerBackToList)}</a>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};
    use shared::api::officer::NotificationStatus;
    use shared::api::ApplicationSummary;
    use shared::workflow::ApplicationState;

    fn detail(state: ApplicationState, deadline: DateTime<Utc>) -> InstitutionApplicationDetail {
        let now = Utc::now();
        InstitutionApplicationDetail {
            summary: ApplicationSummary {
                id: "id".into(),
                reference: "NES-2026-000001".into(),
                institution: "Kurum".into(),
                state,
                state_label_tr: String::new(),
                state_label_en: String::new(),
                next_action: state.next_action(),
                payer: Payer::Person,
                prepaid: true,
                created_at: now,
                updated_at: now,
                deadline,
                timeline: Vec::new(),
            },
            first_name: "Ayşe".into(),
            last_name: "Yılmaz".into(),
            tckn_masked: "100******46".into(),
            email: "a@kurum.gov.tr".into(),
            notification: NotificationStatus {
                last_queued_at: None,
                resend_allowed: true,
                resend_available_in_seconds: 0,
            },
            messages: Vec::new(),
        }
    }

    #[test]
    fn cancel_is_offered_exactly_where_the_workflow_allows_it() {
        let now = Utc::now();
        let later = now + Duration::days(10);
        assert!(can_cancel(
            &detail(ApplicationState::PreApplication, later),
            now
        ));
        assert!(can_cancel(
            &detail(ApplicationState::AwaitingPayment, later),
            now
        ));
        assert!(!can_cancel(
            &detail(ApplicationState::InProduction, later),
            now
        ));
        assert!(!can_cancel(
            &detail(ApplicationState::Cancelled, later),
            now
        ));
    }
}
