//! What became of the e-mails and SMS sent about an application: queued, sent, or failed
//! with the reason — for officers, operators and the change feed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use super::webhooks::DeliveryStatus;

/// How a message travels to the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MessageChannel {
    Email,
    Sms,
}

/// One e-mail or SMS about an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct MessageDelivery {
    pub channel: MessageChannel,
    /// What it was for: `pre_application_created`, `sms_code`, `deadline_reminder`,
    /// `application_approved`, `application_expired`…
    #[cfg_attr(feature = "server", schema(example = "deadline_reminder"))]
    pub purpose: String,
    /// Partly hidden: `a***@kurum.gov.tr`, `0532 *** ** 67`.
    pub recipient: String,
    /// `pending` while queued (or waiting for a retry), `delivered` once the mail server or
    /// SMS gateway took it, `failed` when it was given up.
    pub status: DeliveryStatus,
    pub attempts: u32,
    /// Why the last attempt failed (a status code or an error kind, never a reply's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    #[serde(with = "crate::rfc3339")]
    pub queued_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
}
