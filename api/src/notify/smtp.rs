//! E-mail over SMTP with lettre: plain UTF-8 text, the subject encoded for non-ASCII
//! (Turkish) characters, `From:` the configured sender.

use std::time::Duration;

use async_trait::async_trait;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::transport::{DeliveredMessage, Transport, TransportError};
use super::worker::BATCH_SIZE;
use crate::config::SmtpTls;

/// How long one SMTP conversation may take before it counts as a transient failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);
/// How long an unused connection is kept open; servers commonly close idle ones after a
/// few minutes, and a closed one is found by the NOOP and replaced.
const SMTP_IDLE: Duration = Duration::from_secs(60);

pub struct SmtpTransport {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTransport")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpTransport {
    /// `credentials` is (username, password). `from` is e.g. `Kamu SM <bilgi@kamusm.gov.tr>`.
    /// Call it inside a tokio runtime: the connection pool starts its idle sweeper there.
    pub fn new(
        host: &str,
        port: u16,
        tls: SmtpTls,
        credentials: Option<(&str, &str)>,
        from: &str,
    ) -> Result<SmtpTransport, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("NES_EMAIL_FROM is not a valid address: {e}"))?;
        let builder = match tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| format!("SMTP_HOST cannot be used with STARTTLS: {e}"))?,
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| format!("SMTP_HOST cannot be used with TLS: {e}"))?,
        };
        // Connections are kept and reused (checked with NOOP first): without the pool every
        // message paid a TCP, TLS and SMTP greeting of its own, 100,000 of them after a large
        // import. As many are kept as the worker sends side by side.
        let pool = PoolConfig::new()
            .max_size(u32::try_from(BATCH_SIZE).unwrap_or(u32::MAX))
            .idle_timeout(SMTP_IDLE);
        let mut builder = builder
            .port(port)
            .timeout(Some(SMTP_TIMEOUT))
            .pool_config(pool);
        if let Some((username, password)) = credentials {
            builder =
                builder.credentials(Credentials::new(username.to_owned(), password.to_owned()));
        }
        Ok(SmtpTransport {
            mailer: builder.build(),
            from,
        })
    }

    fn build(&self, message: &DeliveredMessage) -> Result<Message, TransportError> {
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|_| TransportError::Permanent("invalid recipient address".into()))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| TransportError::Permanent(format!("cannot build the e-mail: {e}")))
    }
}

#[async_trait]
impl Transport for SmtpTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        let email = self.build(message)?;
        match self.mailer.send(email).await {
            Ok(_) => Ok(()),
            Err(e) => Err(classify(&e)),
        }
    }
}

/// 5xx replies are permanent; everything else (4xx, connection, TLS, timeouts) may pass later.
fn classify(e: &lettre::transport::smtp::Error) -> TransportError {
    let code = e.status().map(|code| code.to_string());
    if e.is_permanent() {
        TransportError::Permanent(format!("SMTP server refused: {}", code.unwrap_or_default()))
    } else if e.is_transient() {
        TransportError::Transient(format!(
            "SMTP server deferred: {}",
            code.unwrap_or_default()
        ))
    } else if e.is_timeout() {
        TransportError::Transient("SMTP timeout".into())
    } else if e.is_client() {
        TransportError::Permanent("SMTP client error".into())
    } else {
        // Connection and TLS errors name the cause, not the message.
        TransportError::Transient(format!("SMTP connection failed: {e}"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::notify::Channel;

    fn transport() -> SmtpTransport {
        SmtpTransport::new(
            "127.0.0.1",
            2525,
            SmtpTls::None,
            None,
            "Kamu SM <bilgi@kamusm.example>",
        )
        .unwrap()
    }

    #[test]
    fn an_invalid_sender_is_a_configuration_error() {
        assert!(SmtpTransport::new("h", 25, SmtpTls::None, None, "not an address").is_err());
    }

    // In a runtime: the transport's pool starts its idle sweeper there.
    #[tokio::test]
    async fn an_invalid_recipient_is_a_permanent_failure() {
        let err = transport()
            .build(&DeliveredMessage {
                channel: Channel::Email,
                recipient: "not an address".into(),
                subject: "s".into(),
                body: "b".into(),
                delivery: Default::default(),
            })
            .unwrap_err();
        assert!(err.is_permanent());
    }

    // In a runtime: the transport's pool starts its idle sweeper there.
    #[tokio::test]
    async fn a_turkish_subject_is_encoded_and_the_body_is_utf8_text() {
        let email = transport()
            .build(&DeliveredMessage {
                channel: Channel::Email,
                recipient: "ayse@kurum.gov.tr".into(),
                subject: "NES başvurunuz: Başvuruyu Tamamla".into(),
                body: "Sayın Ayşe Yılmaz".into(),
                delivery: Default::default(),
            })
            .unwrap();
        let raw = String::from_utf8(email.formatted()).unwrap();
        assert!(raw.contains("=?utf-8?b?"), "{raw}");
        assert!(raw.contains("text/plain; charset=utf-8"), "{raw}");
        assert!(!raw.contains("başvurunuz"), "{raw}");
    }
}
