//! How a message leaves: one [`Transport`] per channel, chosen from the configuration.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;

use super::http_sms::HttpSmsTransport;
use super::log::LogTransport;
use super::smtp::SmtpTransport;
use super::{mask_recipient, Channel};
use crate::clock::Clock;
use crate::config::{Config, EmailTransportConfig, SmsTransportConfig};
use crate::db::Database;
use crate::webhooks::transport::WebhookTransport;

/// A message as handed to a transport: the body is in clear here, so `Debug` hides it.
#[derive(Clone)]
pub struct DeliveredMessage {
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub delivery: Delivery,
}

/// Which attempt of which stored message this is (a webhook's log records it).
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// The outbox row's id.
    pub id: String,
    /// 1 for the first attempt.
    pub attempt: i32,
    /// Whether the message is given up if this attempt fails.
    pub last_attempt: bool,
    pub queued_at: chrono::DateTime<chrono::Utc>,
}

impl fmt::Debug for DeliveredMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveredMessage")
            .field("channel", &self.channel)
            .field("recipient", &mask_recipient(self.channel, &self.recipient))
            .field("subject", &self.subject)
            .field("body", &"<redacted>")
            .field("delivery", &self.delivery)
            .finish()
    }
}

/// Why a message did not leave. The text is for operators (stored as `last_error`): built from
/// status codes and error kinds, never from the message or a server's reply body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// Trying again will not help: an invalid address, a refusal of this message.
    #[error("{0}")]
    Permanent(String),
    /// Worth another try later: no connection, a timeout, a server error, rate limiting.
    #[error("{0}")]
    Transient(String),
}

impl TransportError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, TransportError::Permanent(_))
    }
}

#[async_trait]
pub trait Transport: Send + Sync {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError>;
}

/// One transport per channel.
#[derive(Clone)]
pub struct Transports {
    pub email: Arc<dyn Transport>,
    pub sms: Arc<dyn Transport>,
    pub webhook: Arc<dyn Transport>,
}

impl Transports {
    pub fn for_channel(&self, channel: Channel) -> &Arc<dyn Transport> {
        match channel {
            Channel::Email => &self.email,
            Channel::Sms => &self.sms,
            Channel::Webhook => &self.webhook,
        }
    }
}

impl fmt::Debug for Transports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Transports { .. }")
    }
}

/// Builds the configured transports (webhooks look their endpoints up in `database`); fails on a configuration that cannot work (an invalid
/// sender address, an SMTP relay name that TLS cannot use, an unusable gateway URL).
pub fn transports_from_config(
    config: &Config,
    database: &Database,
    clock: Arc<dyn Clock>,
) -> Result<Transports, String> {
    let mailbox_dir = config.data_dir.join("mailbox");
    let email: Arc<dyn Transport> = match &config.email {
        EmailTransportConfig::Log => Arc::new(LogTransport::new(mailbox_dir.clone())),
        EmailTransportConfig::Smtp {
            host,
            port,
            tls,
            username,
            password,
        } => {
            let credentials = match (username.as_deref(), password.as_deref()) {
                (Some(username), Some(password)) => Some((username, password)),
                (None, None) => None,
                _ => {
                    return Err(
                        "SMTP_USERNAME and SMTP_PASSWORD go together: set both or neither".into(),
                    )
                }
            };
            Arc::new(SmtpTransport::new(
                host,
                *port,
                *tls,
                credentials,
                &config.email_from,
            )?)
        }
    };
    let sms: Arc<dyn Transport> = match &config.sms {
        SmsTransportConfig::Log => Arc::new(LogTransport::new(mailbox_dir)),
        SmsTransportConfig::Http { url, token } => Arc::new(HttpSmsTransport::new(url, token)?),
    };
    let webhook = Arc::new(WebhookTransport::new(
        database.clone(),
        config.secrets.clone(),
        clock,
        config.webhook_targets,
        config.public_url.clone(),
    )?);
    Ok(Transports {
        email,
        sms,
        webhook,
    })
}
