//! Webhooks: an institution's endpoints, the events they receive, and the log of deliveries.
//! The messages follow the Standard Webhooks specification (headers `webhook-id`,
//! `webhook-timestamp`, `webhook-signature`; a JSON body `{type, timestamp, data}`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::named::Named;
use crate::workflow::{ApplicationState, ApprovalMethod};

/// The longest endpoint URL accepted.
pub const MAX_URL_CHARS: usize = 2000;
/// The longest description.
pub const MAX_DESCRIPTION_CHARS: usize = 200;
/// Endpoints one institution may register.
pub const MAX_ENDPOINTS_PER_INSTITUTION: usize = 10;

/// What happened to an application: one event per state change, plus the reminders sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum WebhookEventType {
    #[serde(rename = "application.created")]
    Created,
    #[serde(rename = "application.form_submitted")]
    FormSubmitted,
    #[serde(rename = "application.phone_verified")]
    PhoneVerified,
    #[serde(rename = "application.approved")]
    Approved,
    #[serde(rename = "application.payment_recorded")]
    PaymentRecorded,
    #[serde(rename = "application.payment_reversed")]
    PaymentReversed,
    #[serde(rename = "application.in_production")]
    InProduction,
    #[serde(rename = "application.produced")]
    Produced,
    #[serde(rename = "application.shipped")]
    Shipped,
    #[serde(rename = "application.delivered")]
    Delivered,
    #[serde(rename = "application.cancelled")]
    Cancelled,
    #[serde(rename = "application.expired")]
    Expired,
    #[serde(rename = "application.reminder_sent")]
    ReminderSent,
}

impl Named for WebhookEventType {
    const ALL: &'static [WebhookEventType] = &[
        WebhookEventType::Created,
        WebhookEventType::FormSubmitted,
        WebhookEventType::PhoneVerified,
        WebhookEventType::Approved,
        WebhookEventType::PaymentRecorded,
        WebhookEventType::PaymentReversed,
        WebhookEventType::InProduction,
        WebhookEventType::Produced,
        WebhookEventType::Shipped,
        WebhookEventType::Delivered,
        WebhookEventType::Cancelled,
        WebhookEventType::Expired,
        WebhookEventType::ReminderSent,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Self::Created => "application.created",
            Self::FormSubmitted => "application.form_submitted",
            Self::PhoneVerified => "application.phone_verified",
            Self::Approved => "application.approved",
            Self::PaymentRecorded => "application.payment_recorded",
            Self::PaymentReversed => "application.payment_reversed",
            Self::InProduction => "application.in_production",
            Self::Produced => "application.produced",
            Self::Shipped => "application.shipped",
            Self::Delivered => "application.delivered",
            Self::Cancelled => "application.cancelled",
            Self::Expired => "application.expired",
            Self::ReminderSent => "application.reminder_sent",
        }
    }
}

crate::deserialize_by_name!(WebhookEventType);

impl WebhookEventType {
    /// What the event means, for the spec and the staff screens.
    pub fn description(self) -> &'static str {
        match self {
            Self::Created => "Kamu SM created the pre-application and e-mailed the person.",
            Self::FormSubmitted => "The person filled in the form and asked for the SMS code.",
            Self::PhoneVerified => "The person entered the SMS code: the phone is verified.",
            Self::Approved => "The person approved the application (e-Onay or e-İmza).",
            Self::PaymentRecorded => "The person's payment was recorded.",
            Self::PaymentReversed => {
                "A recorded payment was taken back; a prepaid application waits for it again."
            }
            Self::InProduction => "The certificate is being produced.",
            Self::Produced => "The certificate and its card are ready.",
            Self::Shipped => "The card was handed to a courier (with its tracking number).",
            Self::Delivered => "The card was delivered.",
            Self::Cancelled => "The application was cancelled.",
            Self::Expired => "The deadline passed before the person approved.",
            Self::ReminderSent => "A reminder of the deadline was sent to the person.",
        }
    }
}

/// The body of every webhook message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEvent {
    #[serde(rename = "type")]
    pub event_type: WebhookEventType,
    /// When the event happened.
    #[serde(with = "crate::rfc3339")]
    pub timestamp: DateTime<Utc>,
    pub data: WebhookEventData,
}

/// The application an event is about; fetch `GET /api/pre-applications/{id}` for the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEventData {
    pub application_id: String,
    #[cfg_attr(feature = "server", schema(example = "NES-2026-000123"))]
    pub reference: String,
    pub institution_id: String,
    /// The application's state after the event.
    pub state: ApplicationState,
    /// `application.approved`: how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ApprovalMethod>,
    /// `application.shipped`: the courier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courier: Option<String>,
    /// `application.shipped`: the courier's tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// `application.reminder_sent`: days left before the deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<u32>,
}

/// Registers an endpoint. An operator names the institution; an institution's key or officer
/// registers for its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct CreateWebhookEndpointRequest {
    /// `https://…` (plain `http` only in development).
    #[cfg_attr(
        feature = "server",
        schema(example = "https://ik.kurum.gov.tr/nes-webhooks", max_length = 2000)
    )]
    pub url: String,
    #[serde(default)]
    #[cfg_attr(feature = "server", schema(max_length = 200))]
    pub description: String,
    /// Only these events; all of them when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<WebhookEventType>>,
    /// The institution (operators only; others register for their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution_id: Option<String>,
}

/// Changes an endpoint; what is absent stays.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct UpdateWebhookEndpointRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(max_length = 2000))]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(max_length = 200))]
    pub description: Option<String>,
    /// Only these events; an empty list means all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<WebhookEventType>>,
    /// `true` enables a disabled endpoint again (its failure count starts afresh); `false`
    /// pauses it (nothing is queued for it meanwhile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEndpoint {
    pub id: String,
    pub institution_id: String,
    pub url: String,
    pub description: String,
    /// The events it receives; absent: all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_types: Option<Vec<WebhookEventType>>,
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_at: Option<DateTime<Utc>>,
    /// Why it was disabled (by whom, or after failing for how long).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled_reason: Option<String>,
    /// Every attempt since this time failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<DateTime<Utc>>,
    /// Until then the previous secret signs too (after a rotation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_secret_expires_at: Option<DateTime<Utc>>,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::rfc3339")]
    pub updated_at: DateTime<Utc>,
}

/// An endpoint with its signing secret: answered once, when the endpoint is created or its
/// secret rotated. Keep the secret: it is not shown again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEndpointSecret {
    pub endpoint: WebhookEndpoint,
    /// `whsec_` and base64 of 32 bytes: the HMAC-SHA256 key of `webhook-signature`.
    pub secret: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookEndpointList {
    pub endpoints: Vec<WebhookEndpoint>,
}

/// Where a message to one endpoint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first or next attempt.
    Pending,
    Delivered,
    /// Given up: every retry failed, or the endpoint was disabled or removed.
    Failed,
}

/// One message to one endpoint, with every attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookDelivery {
    pub id: String,
    /// The `webhook-id` (the same on every attempt and on a redelivery).
    pub message_id: String,
    pub event_type: WebhookEventType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    pub status: DeliveryStatus,
    pub attempts: u32,
    #[serde(with = "crate::rfc3339")]
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    pub log: Vec<WebhookAttempt>,
}

/// One attempt: when, the endpoint's answer, how long it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookAttempt {
    pub attempt: u32,
    #[serde(with = "crate::rfc3339")]
    pub at: DateTime<Utc>,
    /// The endpoint's HTTP status; absent when no answer came (connection refused, timeout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub duration_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryList {
    /// Newest first.
    pub deliveries: Vec<WebhookDelivery>,
}

/// Why an endpoint's settings were refused (the server also refuses private addresses in
/// production, which only it can resolve).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointSettingsError {
    UrlInvalid,
    UrlNotHttps,
    DescriptionTooLong,
}

impl EndpointSettingsError {
    /// The field the error is about.
    pub fn field(self) -> &'static str {
        match self {
            Self::UrlInvalid | Self::UrlNotHttps => "url",
            Self::DescriptionTooLong => "description",
        }
    }

    /// The field error code (`FieldError.code`).
    pub fn code(self) -> &'static str {
        match self {
            Self::UrlInvalid => "invalid_url",
            Self::UrlNotHttps => "not_https",
            Self::DescriptionTooLong => "too_long",
        }
    }
}

/// The syntax checks the browser can make too: an absolute `https://` URL (or `http://` where
/// allowed) without spaces, credentials or a fragment, and a short description.
pub fn check_endpoint_settings(
    url: &str,
    description: &str,
    allow_plain_http: bool,
) -> Result<(), EndpointSettingsError> {
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(EndpointSettingsError::DescriptionTooLong);
    }
    let rest = if let Some(rest) = url.strip_prefix("https://") {
        rest
    } else if let Some(rest) = url.strip_prefix("http://") {
        if !allow_plain_http {
            return Err(EndpointSettingsError::UrlNotHttps);
        }
        rest
    } else {
        return Err(EndpointSettingsError::UrlInvalid);
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let malformed = url.chars().count() > MAX_URL_CHARS
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
        || url.contains('#')
        || authority.is_empty()
        || authority.contains('@');
    if malformed {
        Err(EndpointSettingsError::UrlInvalid)
    } else {
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn event_types_round_trip_through_their_names() {
        for &kind in WebhookEventType::ALL {
            assert_eq!(WebhookEventType::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(WebhookEventType::parse("application.nope"), None);
    }

    #[test]
    fn endpoint_urls_are_checked() {
        let check = |url, http| check_endpoint_settings(url, "", http);
        assert_eq!(check("https://ik.kurum.gov.tr/hooks", false), Ok(()));
        assert_eq!(check("http://127.0.0.1:9000/h", true), Ok(()));
        assert_eq!(
            check("http://ik.kurum.gov.tr/h", false),
            Err(EndpointSettingsError::UrlNotHttps)
        );
        for bad in [
            "ftp://x",
            "https://",
            "https://user:pw@host/",
            "https://host/a b",
            "https://host/#frag",
            "ik.kurum.gov.tr",
        ] {
            assert_eq!(
                check(bad, true),
                Err(EndpointSettingsError::UrlInvalid),
                "{bad}"
            );
        }
        let long = format!("https://h/{}", "a".repeat(MAX_URL_CHARS));
        assert_eq!(check(&long, false), Err(EndpointSettingsError::UrlInvalid));
        assert_eq!(
            check_endpoint_settings("https://h/", &"x".repeat(201), false),
            Err(EndpointSettingsError::DescriptionTooLong)
        );
    }
}
