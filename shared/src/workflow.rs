//! The application workflow: one state machine, every transition explicit.
//!
//! ```text
//! PreApplication ──SubmitForm──▶ FormSubmitted ──VerifyPhone──▶ PhoneVerified
//!        ▲  (re-submitting the form before approval goes back to FormSubmitted)  │
//!                                                             Approve(method)   ▼
//!   AwaitingPayment ◀──(prepaid and unpaid)── StartProduction ◀──────────── Approved
//!        │ RecordPayment                           │ (otherwise)
//!        ▼                                         ▼
//!   InProduction ──MarkProduced──▶ Produced ──MarkShipped──▶ Shipped ──MarkDelivered──▶ Delivered
//!
//! Cancel: from any state before production starts.  Expire: from the states before approval,
//! once the completion deadline has passed.  ReversePayment: a recorded payment taken back
//! before the card is produced (InProduction); a prepaid order goes back to AwaitingPayment.
//! ```
//!
//! Nothing here reads a clock or a database: the caller passes the time in and persists the
//! transitions it gets back (state and events in one transaction).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::named::Named;

/// Where an application is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApplicationState {
    /// Ön başvuru: created by Kamu SM, the form waits for the applicant.
    PreApplication,
    /// The form is filled in; the SMS code sent to the phone waits to be entered.
    FormSubmitted,
    /// The phone is verified; the form waits for approval by e-Onay or e-İmza.
    PhoneVerified,
    /// Approved; production is about to start.
    Approved,
    /// Prepaid and not yet paid: production waits for the payment to reach Kamu SM.
    AwaitingPayment,
    InProduction,
    Produced,
    Shipped,
    Delivered,
    Cancelled,
    Expired,
}

impl Named for ApplicationState {
    const ALL: &'static [ApplicationState] = &[
        ApplicationState::PreApplication,
        ApplicationState::FormSubmitted,
        ApplicationState::PhoneVerified,
        ApplicationState::Approved,
        ApplicationState::AwaitingPayment,
        ApplicationState::InProduction,
        ApplicationState::Produced,
        ApplicationState::Shipped,
        ApplicationState::Delivered,
        ApplicationState::Cancelled,
        ApplicationState::Expired,
    ];

    /// The stored name (also the serialised one).
    fn as_str(self) -> &'static str {
        match self {
            Self::PreApplication => "pre_application",
            Self::FormSubmitted => "form_submitted",
            Self::PhoneVerified => "phone_verified",
            Self::Approved => "approved",
            Self::AwaitingPayment => "awaiting_payment",
            Self::InProduction => "in_production",
            Self::Produced => "produced",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
        }
    }
}

crate::deserialize_by_name!(ApplicationState);

impl ApplicationState {
    /// The states in which the applicant is still completing the application.
    pub fn is_before_approval(self) -> bool {
        matches!(
            self,
            Self::PreApplication | Self::FormSubmitted | Self::PhoneVerified
        )
    }

    pub fn is_terminal(self) -> bool {
        matches!(self, Self::Delivered | Self::Cancelled | Self::Expired)
    }

    /// What the applicant is to do next, shown in the İşlem column.
    pub fn next_action(self) -> NextAction {
        match self {
            Self::PreApplication => NextAction::CompleteForm,
            Self::FormSubmitted => NextAction::EnterSmsCode,
            Self::PhoneVerified => NextAction::Approve,
            Self::AwaitingPayment => NextAction::Pay,
            Self::Approved | Self::InProduction | Self::Produced | Self::Shipped => {
                NextAction::Track
            }
            Self::Delivered | Self::Cancelled | Self::Expired => NextAction::None,
        }
    }

    pub fn label_tr(self) -> &'static str {
        match self {
            Self::PreApplication => "Ön başvuru — form bekleniyor",
            Self::FormSubmitted => "SMS onayı bekleniyor",
            Self::PhoneVerified => "Onay bekleniyor",
            Self::Approved => "Onaylandı",
            Self::AwaitingPayment => "Ödeme bekleniyor",
            Self::InProduction => "Üretimde",
            Self::Produced => "Üretildi",
            Self::Shipped => "Kargoya verildi",
            Self::Delivered => "Teslim edildi",
            Self::Cancelled => "İptal edildi",
            Self::Expired => "Süresi doldu",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::PreApplication => "Pre-application — form pending",
            Self::FormSubmitted => "Awaiting SMS verification",
            Self::PhoneVerified => "Awaiting approval",
            Self::Approved => "Approved",
            Self::AwaitingPayment => "Awaiting payment",
            Self::InProduction => "In production",
            Self::Produced => "Produced",
            Self::Shipped => "Shipped",
            Self::Delivered => "Delivered",
            Self::Cancelled => "Cancelled",
            Self::Expired => "Expired",
        }
    }
}

impl fmt::Display for ApplicationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The applicant's next step for an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextAction {
    /// "Başvuruyu Tamamla": fill in the form.
    CompleteForm,
    EnterSmsCode,
    /// Approve with e-Onay or e-İmza.
    Approve,
    Pay,
    Track,
    None,
}

impl Named for NextAction {
    const ALL: &'static [NextAction] = &[
        NextAction::CompleteForm,
        NextAction::EnterSmsCode,
        NextAction::Approve,
        NextAction::Pay,
        NextAction::Track,
        NextAction::None,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::CompleteForm => "complete_form",
            Self::EnterSmsCode => "enter_sms_code",
            Self::Approve => "approve",
            Self::Pay => "pay",
            Self::Track => "track",
            Self::None => "none",
        }
    }
}

crate::deserialize_by_name!(NextAction);

/// How the form was approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApprovalMethod {
    EOnay,
    EImza,
}

impl Named for ApprovalMethod {
    const ALL: &'static [ApprovalMethod] = &[ApprovalMethod::EOnay, ApprovalMethod::EImza];

    fn as_str(self) -> &'static str {
        match self {
            Self::EOnay => "e_onay",
            Self::EImza => "e_imza",
        }
    }
}

crate::deserialize_by_name!(ApprovalMethod);

/// Who pays for the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// Kurum Ödemeli.
    Institution,
    /// Kişi Ödemeli.
    Person,
}

impl Named for Payer {
    const ALL: &'static [Payer] = &[Payer::Institution, Payer::Person];

    fn as_str(self) -> &'static str {
        match self {
            Self::Institution => "institution",
            Self::Person => "person",
        }
    }
}

crate::deserialize_by_name!(Payer);

/// The payment side of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentTerms {
    pub payer: Payer,
    /// Ön ödemeli: production waits until the payment has reached Kamu SM.
    pub prepaid: bool,
    pub paid: bool,
}

impl PaymentTerms {
    pub fn production_waits_for_payment(self) -> bool {
        self.prepaid && !self.paid
    }
}

/// What is asked of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    SubmitForm,
    VerifyPhone,
    Approve(ApprovalMethod),
    RecordPayment,
    /// A recorded payment is taken back (recorded by mistake, returned by the bank).
    ReversePayment,
    MarkProduced,
    MarkShipped,
    MarkDelivered,
    Cancel,
    Expire,
}

impl Command {
    pub fn name(self) -> &'static str {
        match self {
            Self::SubmitForm => "submit_form",
            Self::VerifyPhone => "verify_phone",
            Self::Approve(_) => "approve",
            Self::RecordPayment => "record_payment",
            Self::ReversePayment => "reverse_payment",
            Self::MarkProduced => "mark_produced",
            Self::MarkShipped => "mark_shipped",
            Self::MarkDelivered => "mark_delivered",
            Self::Cancel => "cancel",
            Self::Expire => "expire",
        }
    }
}

/// What happened, as the timeline tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    PreApplicationCreated,
    FormSubmitted,
    SmsCodeSent,
    PhoneVerified,
    ApprovedWithEOnay,
    ApprovedWithEImza,
    PaymentAwaited,
    PaymentReceived,
    /// A recorded payment was taken back.
    PaymentReversed,
    ProductionStarted,
    Produced,
    Shipped,
    Delivered,
    Cancelled,
    Expired,
    /// A reminder of the deadline went to the person (not a state change).
    ReminderSent,
}

impl Named for EventKind {
    const ALL: &'static [EventKind] = &[
        EventKind::PreApplicationCreated,
        EventKind::FormSubmitted,
        EventKind::SmsCodeSent,
        EventKind::PhoneVerified,
        EventKind::ApprovedWithEOnay,
        EventKind::ApprovedWithEImza,
        EventKind::PaymentAwaited,
        EventKind::PaymentReceived,
        EventKind::PaymentReversed,
        EventKind::ProductionStarted,
        EventKind::Produced,
        EventKind::Shipped,
        EventKind::Delivered,
        EventKind::Cancelled,
        EventKind::Expired,
        EventKind::ReminderSent,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::PreApplicationCreated => "pre_application_created",
            Self::FormSubmitted => "form_submitted",
            Self::SmsCodeSent => "sms_code_sent",
            Self::PhoneVerified => "phone_verified",
            Self::ApprovedWithEOnay => "approved_with_e_onay",
            Self::ApprovedWithEImza => "approved_with_e_imza",
            Self::PaymentAwaited => "payment_awaited",
            Self::PaymentReceived => "payment_received",
            Self::PaymentReversed => "payment_reversed",
            Self::ProductionStarted => "production_started",
            Self::Produced => "produced",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::ReminderSent => "reminder_sent",
        }
    }
}

crate::deserialize_by_name!(EventKind);

impl EventKind {
    pub fn label_tr(self) -> &'static str {
        match self {
            Self::PreApplicationCreated => "Ön başvuru oluşturuldu",
            Self::FormSubmitted => "Başvuru formu dolduruldu",
            Self::SmsCodeSent => "SMS onay kodu gönderildi",
            Self::PhoneVerified => "Cep telefonu doğrulandı",
            Self::ApprovedWithEOnay => "Başvuru e-Onay ile onaylandı",
            Self::ApprovedWithEImza => "Başvuru e-İmza ile onaylandı",
            Self::PaymentAwaited => "Ödeme bekleniyor",
            Self::PaymentReceived => "Ödeme alındı",
            Self::PaymentReversed => "Ödeme kaydı geri alındı",
            Self::ProductionStarted => "Sertifika üretimi başladı",
            Self::Produced => "Sertifika üretildi",
            Self::Shipped => "Kargoya verildi",
            Self::Delivered => "Teslim edildi",
            Self::Cancelled => "Başvuru iptal edildi",
            Self::Expired => "Başvuru süresi doldu",
            Self::ReminderSent => "Son gün hatırlatması gönderildi",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::PreApplicationCreated => "Pre-application created",
            Self::FormSubmitted => "Application form filled in",
            Self::SmsCodeSent => "SMS code sent",
            Self::PhoneVerified => "Mobile phone verified",
            Self::ApprovedWithEOnay => "Approved with e-Onay",
            Self::ApprovedWithEImza => "Approved with e-İmza",
            Self::PaymentAwaited => "Awaiting payment",
            Self::PaymentReceived => "Payment received",
            Self::PaymentReversed => "Payment record reversed",
            Self::ProductionStarted => "Certificate production started",
            Self::Produced => "Certificate produced",
            Self::Shipped => "Shipped",
            Self::Delivered => "Delivered",
            Self::Cancelled => "Application cancelled",
            Self::Expired => "Application deadline passed",
            Self::ReminderSent => "Deadline reminder sent",
        }
    }
}

/// One step of the machine: the state it leads to and the event that records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: ApplicationState,
    pub to: ApplicationState,
    pub event: EventKind,
}

/// Why a command was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("`{command}` is not possible in state `{from}`")]
    NotAllowed {
        from: ApplicationState,
        command: &'static str,
    },
    #[error("the application's completion deadline has passed")]
    DeadlinePassed,
}

/// The part of an application that decides what may happen to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workflow {
    pub state: ApplicationState,
    pub payment: PaymentTerms,
    /// The applicant must approve before this moment.
    pub deadline: DateTime<Utc>,
}

impl Workflow {
    /// The person still owes the fee of an approved application (Kişi Ödemeli, not paid,
    /// neither cancelled nor expired).
    pub fn person_owes_payment(&self) -> bool {
        self.payment.payer == Payer::Person
            && !self.payment.paid
            && !self.state.is_before_approval()
            && !matches!(
                self.state,
                ApplicationState::Cancelled | ApplicationState::Expired
            )
    }

    /// What the applicant is to do next: pay while they owe the fee (an institution's
    /// payment is not theirs to make), otherwise what the state says.
    pub fn next_action(&self) -> NextAction {
        if self.person_owes_payment() {
            return NextAction::Pay;
        }
        match self.state.next_action() {
            NextAction::Pay => NextAction::Track,
            other => other,
        }
    }

    /// "Devam eden başvurular" on Başvuru İşlemleri: the person has something left to do —
    /// complete and approve, or pay.
    pub fn is_ongoing_for_applicant(&self) -> bool {
        self.state.is_before_approval() || self.person_owes_payment()
    }

    /// Decides what `command` does at `now`. Approval yields two transitions (approved, then
    /// production starts or waits for payment), because the document says the approved form
    /// reaches Kamu SM's systems at once; the caller stores both events and the final state.
    pub fn decide(
        &self,
        command: Command,
        now: DateTime<Utc>,
    ) -> Result<Vec<Transition>, TransitionError> {
        use ApplicationState as S;
        let from = self.state;
        let not_allowed = TransitionError::NotAllowed {
            from,
            command: command.name(),
        };
        let step = |to, event| Transition { from, to, event };

        if from.is_before_approval() && now >= self.deadline && command != Command::Cancel {
            return match command {
                Command::Expire => Ok(vec![step(S::Expired, EventKind::Expired)]),
                _ => Err(TransitionError::DeadlinePassed),
            };
        }

        match (from, command) {
            (S::PreApplication | S::FormSubmitted | S::PhoneVerified, Command::SubmitForm) => {
                Ok(vec![step(S::FormSubmitted, EventKind::FormSubmitted)])
            }
            (S::FormSubmitted, Command::VerifyPhone) => {
                Ok(vec![step(S::PhoneVerified, EventKind::PhoneVerified)])
            }
            (S::PhoneVerified, Command::Approve(method)) => {
                let approved_event = match method {
                    ApprovalMethod::EOnay => EventKind::ApprovedWithEOnay,
                    ApprovalMethod::EImza => EventKind::ApprovedWithEImza,
                };
                let approved = step(S::Approved, approved_event);
                let next = if self.payment.production_waits_for_payment() {
                    Transition {
                        from: S::Approved,
                        to: S::AwaitingPayment,
                        event: EventKind::PaymentAwaited,
                    }
                } else {
                    Transition {
                        from: S::Approved,
                        to: S::InProduction,
                        event: EventKind::ProductionStarted,
                    }
                };
                Ok(vec![approved, next])
            }
            // A person who pays without a prepaid order pays while production goes on.
            (
                S::Approved | S::InProduction | S::Produced | S::Shipped | S::Delivered,
                Command::RecordPayment,
            ) if self.payment.payer == Payer::Person && !self.payment.paid => {
                Ok(vec![step(from, EventKind::PaymentReceived)])
            }
            (S::AwaitingPayment, Command::RecordPayment) => Ok(vec![
                step(S::AwaitingPayment, EventKind::PaymentReceived),
                Transition {
                    from: S::AwaitingPayment,
                    to: S::InProduction,
                    event: EventKind::ProductionStarted,
                },
            ]),
            // Taken back before the card is produced: a prepaid order stops and waits for the
            // payment again; otherwise production goes on and the person owes the fee again.
            (S::InProduction, Command::ReversePayment) if self.payment.paid => {
                let to = if self.payment.prepaid {
                    S::AwaitingPayment
                } else {
                    S::InProduction
                };
                Ok(vec![step(to, EventKind::PaymentReversed)])
            }
            (S::InProduction, Command::MarkProduced) => {
                Ok(vec![step(S::Produced, EventKind::Produced)])
            }
            (S::Produced, Command::MarkShipped) => Ok(vec![step(S::Shipped, EventKind::Shipped)]),
            (S::Shipped, Command::MarkDelivered) => {
                Ok(vec![step(S::Delivered, EventKind::Delivered)])
            }
            (
                S::PreApplication | S::FormSubmitted | S::PhoneVerified | S::AwaitingPayment,
                Command::Cancel,
            ) => Ok(vec![step(S::Cancelled, EventKind::Cancelled)]),
            _ => Err(not_allowed),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap()
    }

    fn workflow(state: ApplicationState, prepaid: bool) -> Workflow {
        Workflow {
            state,
            payment: PaymentTerms {
                payer: Payer::Person,
                prepaid,
                paid: false,
            },
            deadline: now() + Duration::days(30),
        }
    }

    fn final_state(w: Workflow, c: Command) -> Result<ApplicationState, TransitionError> {
        w.decide(c, now())
            .map(|steps| steps.last().map(|t| t.to).unwrap_or(w.state))
    }

    #[test]
    fn the_happy_path_reaches_production_without_prepayment() {
        let mut w = workflow(ApplicationState::PreApplication, false);
        for (command, expected) in [
            (Command::SubmitForm, ApplicationState::FormSubmitted),
            (Command::VerifyPhone, ApplicationState::PhoneVerified),
            (
                Command::Approve(ApprovalMethod::EOnay),
                ApplicationState::InProduction,
            ),
            (Command::MarkProduced, ApplicationState::Produced),
            (Command::MarkShipped, ApplicationState::Shipped),
            (Command::MarkDelivered, ApplicationState::Delivered),
        ] {
            w.state = final_state(w, command).unwrap();
            assert_eq!(w.state, expected);
        }
    }

    #[test]
    fn approval_of_a_prepaid_unpaid_order_waits_for_payment() {
        let w = workflow(ApplicationState::PhoneVerified, true);
        let steps = w
            .decide(Command::Approve(ApprovalMethod::EImza), now())
            .unwrap();
        let events: Vec<_> = steps.iter().map(|t| t.event).collect();
        assert_eq!(
            events,
            [EventKind::ApprovedWithEImza, EventKind::PaymentAwaited]
        );
        assert_eq!(steps.last().unwrap().to, ApplicationState::AwaitingPayment);
    }

    #[test]
    fn a_payment_starts_production() {
        let w = workflow(ApplicationState::AwaitingPayment, true);
        assert_eq!(
            final_state(w, Command::RecordPayment).unwrap(),
            ApplicationState::InProduction
        );
    }

    #[test]
    fn a_later_payment_is_recorded_without_moving_production() {
        let w = workflow(ApplicationState::Shipped, false);
        let steps = w.decide(Command::RecordPayment, now()).unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!(steps[0].to, ApplicationState::Shipped);
        assert_eq!(steps[0].event, EventKind::PaymentReceived);
    }

    #[test]
    fn a_payment_is_recorded_only_once_and_only_for_person_paid_orders() {
        let mut w = workflow(ApplicationState::InProduction, false);
        w.payment.paid = true;
        assert!(w.decide(Command::RecordPayment, now()).is_err());
        w.payment.paid = false;
        w.payment.payer = Payer::Institution;
        assert!(w.decide(Command::RecordPayment, now()).is_err());
    }

    #[test]
    fn a_payment_is_reversed_only_before_the_card_is_produced() {
        let mut w = workflow(ApplicationState::InProduction, true);
        w.payment.paid = true;
        assert_eq!(
            final_state(w, Command::ReversePayment).unwrap(),
            ApplicationState::AwaitingPayment
        );
        w.payment.prepaid = false;
        let steps = w.decide(Command::ReversePayment, now()).unwrap();
        assert_eq!(steps[0].to, ApplicationState::InProduction);
        assert_eq!(steps[0].event, EventKind::PaymentReversed);
        w.state = ApplicationState::Produced;
        assert!(w.decide(Command::ReversePayment, now()).is_err());
        w.state = ApplicationState::InProduction;
        w.payment.paid = false;
        assert!(w.decide(Command::ReversePayment, now()).is_err());
    }

    #[test]
    fn an_unpaid_person_paid_application_stays_ongoing_with_pay_as_next_action() {
        let mut w = workflow(ApplicationState::InProduction, false);
        assert!(w.is_ongoing_for_applicant());
        assert_eq!(w.next_action(), NextAction::Pay);
        w.payment.paid = true;
        assert!(!w.is_ongoing_for_applicant());
        assert_eq!(w.next_action(), NextAction::Track);
        // The institution's payment is not the person's to make.
        let mut w = workflow(ApplicationState::AwaitingPayment, true);
        w.payment.payer = Payer::Institution;
        assert!(!w.is_ongoing_for_applicant());
        assert_eq!(w.next_action(), NextAction::Track);
        w.state = ApplicationState::Cancelled;
        w.payment.payer = Payer::Person;
        assert!(!w.is_ongoing_for_applicant());
    }

    #[test]
    fn approval_before_phone_verification_is_refused() {
        let w = workflow(ApplicationState::FormSubmitted, false);
        assert!(matches!(
            w.decide(Command::Approve(ApprovalMethod::EOnay), now()),
            Err(TransitionError::NotAllowed { .. })
        ));
    }

    #[test]
    fn a_second_approval_is_refused() {
        let w = workflow(ApplicationState::InProduction, false);
        assert!(w
            .decide(Command::Approve(ApprovalMethod::EOnay), now())
            .is_err());
    }

    #[test]
    fn nothing_but_cancel_or_expire_works_after_the_deadline() {
        let mut w = workflow(ApplicationState::FormSubmitted, false);
        w.deadline = now() - Duration::seconds(1);
        assert_eq!(
            w.decide(Command::VerifyPhone, now()),
            Err(TransitionError::DeadlinePassed)
        );
        assert_eq!(
            final_state(w, Command::Expire).unwrap(),
            ApplicationState::Expired
        );
        assert_eq!(
            final_state(w, Command::Cancel).unwrap(),
            ApplicationState::Cancelled
        );
    }

    #[test]
    fn expire_before_the_deadline_is_refused() {
        let w = workflow(ApplicationState::PreApplication, false);
        assert!(w.decide(Command::Expire, now()).is_err());
    }

    #[test]
    fn terminal_states_accept_no_command() {
        let commands = [
            Command::SubmitForm,
            Command::VerifyPhone,
            Command::Approve(ApprovalMethod::EOnay),
            Command::RecordPayment,
            Command::ReversePayment,
            Command::MarkProduced,
            Command::MarkShipped,
            Command::MarkDelivered,
            Command::Cancel,
            Command::Expire,
        ];
        for state in ApplicationState::ALL
            .iter()
            .copied()
            .filter(|s| s.is_terminal())
        {
            // Paid already: a late payment of a delivered order is the one thing that may
            // still be recorded (a_later_payment_is_recorded_without_moving_production).
            let mut w = workflow(state, false);
            w.payment.paid = true;
            for command in commands {
                assert!(w.decide(command, now()).is_err(), "{state} {command:?}");
            }
        }
    }

    #[test]
    fn every_state_and_event_name_round_trips() {
        for &s in ApplicationState::ALL {
            assert_eq!(ApplicationState::parse(s.as_str()), Some(s));
        }
        for &k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Some(k));
        }
    }

    #[test]
    fn every_transition_starts_where_the_previous_one_ended() {
        for &state in ApplicationState::ALL {
            let w = workflow(state, true);
            for command in [
                Command::SubmitForm,
                Command::VerifyPhone,
                Command::Approve(ApprovalMethod::EOnay),
                Command::RecordPayment,
                Command::Cancel,
            ] {
                if let Ok(steps) = w.decide(command, now()) {
                    let mut at = state;
                    for t in steps {
                        assert!(t.from == at || t.from == state);
                        at = t.to;
                    }
                }
            }
        }
    }
}
