//! The typed events that handlers and the outbox worker report: SMS codes, logins and
//! deliveries. Each label value is one of these enums' spellings, never free text.

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};

use super::Metrics;
pub use crate::auth::LoginMethod;
use crate::notify::outbox::Outcome;
use crate::notify::Channel;

/// What happened to an SMS verification code.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub enum SmsCodeEvent {
    /// Issued and queued for the gateway (first code with the form, or "Yeni kod gönder").
    Sent,
    /// Typed correctly: the phone is verified.
    Verified,
    /// Typed wrongly, with tries left.
    Wrong,
    /// The fifth wrong try: the code is dead.
    Exhausted,
}

impl SmsCodeEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            SmsCodeEvent::Sent => "sent",
            SmsCodeEvent::Verified => "verified",
            SmsCodeEvent::Wrong => "wrong",
            SmsCodeEvent::Exhausted => "exhausted",
        }
    }
}

#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub enum LoginOutcome {
    Success,
    Failure,
}

impl LoginOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LoginOutcome::Success => "success",
            LoginOutcome::Failure => "failure",
        }
    }

    /// A login step that answered `Ok` succeeded; any error (wrong password, throttled,
    /// expired ceremony, refused signature…) is a failure.
    pub fn of<T, E>(result: &Result<T, E>) -> LoginOutcome {
        match result {
            Ok(_) => LoginOutcome::Success,
            Err(_) => LoginOutcome::Failure,
        }
    }
}

/// The outbox channel as a label: `email`, `sms`, or `unknown` for a row whose channel the
/// worker cannot parse (it fails such a row for good).
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub(super) struct ChannelLabel(&'static str);

impl ChannelLabel {
    fn of(stored: &str) -> ChannelLabel {
        ChannelLabel(Channel::parse(stored).map_or("unknown", Channel::as_str))
    }

    fn as_str(self) -> &'static str {
        self.0
    }
}

#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub(super) enum DeliveryOutcome {
    Delivered,
    /// Not delivered this time; tried again later.
    Retry,
    /// Given up for good.
    Failed,
}

impl DeliveryOutcome {
    fn of(outcome: &Outcome) -> DeliveryOutcome {
        match outcome {
            Outcome::Delivered => DeliveryOutcome::Delivered,
            Outcome::Retry { .. } => DeliveryOutcome::Retry,
            Outcome::Failed { .. } => DeliveryOutcome::Failed,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            DeliveryOutcome::Delivered => "delivered",
            DeliveryOutcome::Retry => "retry",
            DeliveryOutcome::Failed => "failed",
        }
    }
}

/// A label value is the enum's `as_str` spelling.
macro_rules! label_value {
    ($($ty:ty),*) => {$(
        impl EncodeLabelValue for $ty {
            fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
                EncodeLabelValue::encode(&self.as_str(), encoder)
            }
        }
    )*};
}

label_value!(
    SmsCodeEvent,
    LoginMethod,
    LoginOutcome,
    ChannelLabel,
    DeliveryOutcome
);

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct SmsCodeLabels {
    event: SmsCodeEvent,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct LoginLabels {
    method: LoginMethod,
    outcome: LoginOutcome,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
pub(super) struct DeliveryLabels {
    channel: ChannelLabel,
    outcome: DeliveryOutcome,
}

impl Metrics {
    pub fn sms_code(&self, event: SmsCodeEvent) {
        self.sms_codes.get_or_create(&SmsCodeLabels { event }).inc();
    }

    pub fn login(&self, method: LoginMethod, outcome: LoginOutcome) {
        self.logins
            .get_or_create(&LoginLabels { method, outcome })
            .inc();
    }

    /// Counts a login step by its result, and hands the result back untouched.
    pub fn login_result<T, E>(&self, method: LoginMethod, result: Result<T, E>) -> Result<T, E> {
        self.login(method, LoginOutcome::of(&result));
        result
    }

    /// One delivery attempt of the outbox worker; `channel` as stored in `outbox.channel`.
    pub fn outbox_delivery(&self, channel: &str, outcome: &Outcome) {
        let labels = DeliveryLabels {
            channel: ChannelLabel::of(channel),
            outcome: DeliveryOutcome::of(outcome),
        };
        self.outbox_deliveries.get_or_create(&labels).inc();
    }
}
