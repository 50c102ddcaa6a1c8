//! Outgoing e-mail and SMS through a transactional outbox: a use case queues its messages with
//! [`enqueue`] in the same transaction as the state change, so a message exists exactly when
//! the change committed; the [`worker`] delivers them afterwards, with retries.
//!
//! Sensitive bodies (SMS codes) are sealed at rest and wiped once the message is settled, and no
//! body ever reaches the log.

pub mod delivery_state;
pub mod http_sms;
pub mod log;
pub mod outbox;
pub mod queued;
pub mod seal;
pub mod smtp;
pub mod templates;
pub mod transport;
pub mod worker;

use std::fmt;

use chrono::{DateTime, Utc};

use crate::db::AnyConnection;
use crate::secrets::Secrets;

pub use transport::Delivery;
pub use transport::{
    transports_from_config, DeliveredMessage, Transport, TransportError, Transports,
};
pub use worker::{deliver_due, spawn_worker, OutboxBell, WorkerHandle};

/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
    /// A webhook to an institution's endpoint: the recipient is the endpoint's id, the
    /// subject the message's `webhook-id`, the body its JSON.
    Webhook,
}

/// How long a channel keeps trying: waits of 5 s doubling up to `longest_wait`, at most
/// `max_attempts` attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    pub longest_wait: chrono::Duration,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Sms, Channel::Email, Channel::Webhook];

    /// Where the channel is in [`Channel::ALL`] (its lane, its bit in a set of channels).
    pub fn index(self) -> usize {
        match self {
            Channel::Sms => 0,
            Channel::Email => 1,
            Channel::Webhook => 2,
        }
    }

    /// The stored spelling (`outbox.channel`).
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Webhook => "webhook",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl Channel {
    /// A person waits for an e-mail or an SMS: after about four hours it is news no more. An
    /// institution's system may be down for a weekend: a webhook is retried for about three
    /// days (the last of 24 attempts some 71 hours after the first, more with jitter).
    pub fn retry_policy(self) -> RetryPolicy {
        match self {
            Channel::Email | Channel::Sms => RetryPolicy {
                max_attempts: 8,
                longest_wait: chrono::Duration::hours(1),
            },
            Channel::Webhook => RetryPolicy {
                max_attempts: 24,
                longest_wait: chrono::Duration::hours(6),
            },
        }
    }
}

impl Channel {
    /// How many messages to one recipient a lane keeps on their way at once, if it limits
    /// them: an institution's endpoint that hangs until its timeout, with thousands of
    /// events queued, would otherwise take every place and hold every other institution's
    /// webhooks back.
    pub fn in_flight_per_recipient(self) -> Option<usize> {
        match self {
            Channel::Webhook => Some(4),
            Channel::Email | Channel::Sms => None,
        }
    }
}

impl Channel {
    /// Whether a message queued by a request is stored claimed and handed straight to its lane
    /// once the request's change has committed, instead of waiting for the lane to claim it: a
    /// person waits on their screen for an SMS code, and for the e-mail of a step they took.
    /// An instance that stops before sending it leaves the claim to expire
    /// ([`outbox::claim_duration`]), as one that stops mid-send. Webhooks wait for claims:
    /// a claim passes over an endpoint whose share of the lane is taken.
    pub fn handed_to_its_lane(self) -> bool {
        match self {
            Channel::Sms | Channel::Email => true,
            Channel::Webhook => false,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A message to queue.
#[derive(Clone)]
pub struct OutgoingMessage {
    pub channel: Channel,
    /// What the message is for, e.g. `pre_application_created` or `sms_code` (kept for
    /// operators; never shown to the person).
    pub purpose: &'static str,
    /// An e-mail address, or a phone number in E.164 (`+905321234567`).
    pub recipient: String,
    /// Empty for SMS.
    pub subject: String,
    pub body: String,
    pub application_id: Option<String>,
    /// The body holds a secret (a one-time code): it is sealed at rest and wiped after sending.
    pub sensitive: bool,
}

impl fmt::Debug for OutgoingMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body: &dyn fmt::Debug = if self.sensitive {
            &"<redacted>"
        } else {
            &self.body
        };
        f.debug_struct("OutgoingMessage")
            .field("channel", &self.channel)
            .field("purpose", &self.purpose)
            .field("recipient", &mask_recipient(self.channel, &self.recipient))
            .field("subject", &self.subject)
            .field("body", body)
            .field("application_id", &self.application_id)
            .field("sensitive", &self.sensitive)
            .finish()
    }
}

/// Queues a message in the caller's transaction (the outbox pattern: the message exists iff the
/// state change committed). Once the change has committed, `AppState`'s database work hands
/// an SMS code straight to its lane, and rings the lanes of the other messages' channels
/// ([`queued`]), so each leaves at once.
pub fn enqueue(
    conn: &mut AnyConnection,
    message: &OutgoingMessage,
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> Result<(), diesel::result::Error> {
    enqueue_all(conn, std::slice::from_ref(message), secrets, now)
}

/// [`enqueue`] for many messages at once: one multi-row insert.
pub fn enqueue_all(
    conn: &mut AnyConnection,
    messages: &[OutgoingMessage],
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> Result<(), diesel::result::Error> {
    outbox::insert_all(conn, messages, secrets, now).map(drop)
}

/// Enough of a recipient to tell which one it was, without revealing it in logs:
/// `a***@kurum.gov.tr`, `0532 *** ** 67`.
pub fn mask_recipient(channel: Channel, recipient: &str) -> String {
    match channel {
        Channel::Email => match shared::email::Email::parse(recipient) {
            Ok(email) => email.masked(),
            Err(_) => mask_generic(recipient),
        },
        Channel::Sms => match shared::phone::MobilePhone::parse(recipient) {
            Ok(phone) => phone.masked(),
            Err(_) => mask_generic(recipient),
        },
        // An endpoint's id names no person.
        Channel::Webhook => recipient.to_owned(),
    }
}

/// For a recipient that does not even parse: its first character and its length.
fn mask_generic(recipient: &str) -> String {
    let first = recipient.chars().next().unwrap_or('*');
    format!("{first}*** ({} chars)", recipient.chars().count())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sms(sensitive: bool) -> OutgoingMessage {
        OutgoingMessage {
            channel: Channel::Sms,
            purpose: "sms_code",
            recipient: "+905321234567".into(),
            subject: String::new(),
            body: "onay kodunuz: 123456".into(),
            application_id: None,
            sensitive,
        }
    }

    #[test]
    fn a_channels_index_is_its_place_in_all() {
        for (place, channel) in Channel::ALL.into_iter().enumerate() {
            assert_eq!(channel.index(), place, "{channel}");
        }
    }

    #[test]
    fn debug_hides_a_sensitive_body_and_the_full_recipient() {
        let shown = format!("{:?}", sms(true));
        assert!(!shown.contains("123456"), "{shown}");
        assert!(!shown.contains("1234567"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn debug_shows_an_ordinary_body() {
        assert!(format!("{:?}", sms(false)).contains("onay kodunuz"));
    }

    #[test]
    fn channels_round_trip_through_their_stored_names() {
        for channel in [Channel::Email, Channel::Sms, Channel::Webhook] {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("fax"), None);
    }

    #[test]
    fn recipients_are_masked() {
        assert_eq!(
            mask_recipient(Channel::Email, "ayse@kurum.gov.tr"),
            "a***@kurum.gov.tr"
        );
        assert_eq!(
            mask_recipient(Channel::Sms, "+905321234567"),
            "0532 *** ** 67"
        );
        assert_eq!(mask_recipient(Channel::Sms, "garbage"), "g*** (7 chars)");
    }
}
