//! Sending one webhook message: the endpoint as it is now (URL, secrets, enabled), signed
//! with the Standard Webhooks headers, posted without following redirects; then the attempt
//! is logged and the endpoint's health kept — in one transaction. An endpoint whose every
//! attempt failed for as long as a message is retried (about three days) is disabled and its
//! institution's officers are told by e-mail.

use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::endpoints::{self, EndpointRow};
use super::guard::{PublicAddressesOnly, TargetPolicy};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::clock::Clock;
use crate::db::schema::{staff_users, webhook_attempts, webhook_endpoints};
use crate::db::{to_db_time, AnyConnection, Database};
use crate::error::ApiError;
use crate::notify::transport::{DeliveredMessage, Transport, TransportError};
use crate::notify::{self, Channel, OutgoingMessage};
use crate::secrets::Secrets;
use crate::standard_webhooks::{self, Secret};

/// An endpoint has this long to answer (the specification suggests a short timeout: the
/// receiver should queue the work and answer at once).
const ANSWER_TIMEOUT: StdDuration = StdDuration::from_secs(15);
const USER_AGENT: &str = "KamuSM-NES-Webhooks/1";

pub struct WebhookTransport {
    database: Database,
    secrets: Secrets,
    clock: Arc<dyn Clock>,
    policy: TargetPolicy,
    public_url: String,
    client: reqwest::Client,
}

impl WebhookTransport {
    pub fn new(
        database: Database,
        secrets: Secrets,
        clock: Arc<dyn Clock>,
        policy: TargetPolicy,
        public_url: String,
    ) -> Result<WebhookTransport, String> {
        let mut builder = reqwest::Client::builder()
            .timeout(ANSWER_TIMEOUT)
            .user_agent(USER_AGENT)
            // A redirect would carry the signed message somewhere nobody registered.
            .redirect(reqwest::redirect::Policy::none());
        if !policy.allow_private_addresses {
            builder = builder.dns_resolver(Arc::new(PublicAddressesOnly));
        }
        let client = builder
            .build()
            .map_err(|e| format!("cannot build the webhook client: {e}"))?;
        Ok(WebhookTransport {
            database,
            secrets,
            clock,
            policy,
            public_url,
            client,
        })
    }

    /// Posts the message; the endpoint's answer code, if any, and the refusal.
    async fn post(
        &self,
        endpoint: &EndpointRow,
        signing: &[Secret],
        message: &DeliveredMessage,
        now: DateTime<Utc>,
    ) -> (Option<u16>, Result<(), TransportError>) {
        let url = match self.policy.check(&endpoint.url) {
            Ok(url) => url,
            Err(refusal) => {
                return (
                    None,
                    Err(TransportError::Permanent(format!(
                        "the endpoint's URL is not allowed ({})",
                        refusal.code()
                    ))),
                )
            }
        };
        let timestamp = now.timestamp();
        let signers: Vec<&Secret> = signing.iter().collect();
        let signature = standard_webhooks::sign(
            &signers,
            &message.subject,
            timestamp,
            message.body.as_bytes(),
        );
        let sent = self
            .client
            .post(url)
            .header(standard_webhooks::ID_HEADER, &message.subject)
            .header(standard_webhooks::TIMESTAMP_HEADER, timestamp.to_string())
            .header(standard_webhooks::SIGNATURE_HEADER, signature)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(message.body.clone())
            .send()
            .await;
        match sent {
            Ok(answer) if answer.status().is_success() => (Some(answer.status().as_u16()), Ok(())),
            Ok(answer) => {
                let code = answer.status().as_u16();
                (
                    Some(code),
                    Err(TransportError::Transient(format!(
                        "the endpoint answered {code}"
                    ))),
                )
            }
            Err(e) => {
                let kind = if e.is_timeout() {
                    "timed out"
                } else if e.is_connect() {
                    "connection failed"
                } else {
                    "request failed"
                };
                (
                    None,
                    Err(TransportError::Transient(format!(
                        "{kind}: {}",
                        without_url(&e)
                    ))),
                )
            }
        }
    }
}

/// reqwest's error text names the URL, whose query may hold the receiver's own token.
fn without_url(error: &reqwest::Error) -> String {
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(error);
    let mut innermost = None;
    while let Some(cause) = source {
        innermost = Some(cause.to_string());
        source = cause.source();
    }
    innermost.unwrap_or_else(|| "no detail".into())
}

#[async_trait]
impl Transport for WebhookTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        let endpoint_id = message.recipient.clone();
        let (secrets, clock) = (self.secrets.clone(), self.clock.clone());
        let looked_up = self
            .database
            .read(move |conn| {
                let Some(endpoint) = endpoints::by_id(conn, &endpoint_id)? else {
                    return Ok(None);
                };
                let signing = endpoint.signing_secrets(&secrets, clock.now())?;
                Ok(Some((endpoint, signing)))
            })
            .await
            .map_err(|e| TransportError::Transient(format!("endpoint look-up: {e}")))?;
        let Some((endpoint, signing)) = looked_up else {
            return Err(TransportError::Permanent("the endpoint was removed".into()));
        };
        if !endpoint.is_enabled() {
            return Err(TransportError::Permanent("the endpoint is disabled".into()));
        }
        let started = Instant::now();
        let now = self.clock.now();
        let (status_code, result) = self.post(&endpoint, &signing, message, now).await;
        let attempt = AttemptRecord {
            delivery_id: message.delivery.id.clone(),
            endpoint,
            message_id: message.subject.clone(),
            attempt: message.delivery.attempt,
            last_attempt: message.delivery.last_attempt,
            at: now,
            status_code,
            error: result.as_ref().err().map(ToString::to_string),
            duration_ms: i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX),
        };
        let (secrets, public_url) = (self.secrets.clone(), self.public_url.clone());
        let disabled = self
            .database
            .change_first(move |conn| attempt.record(conn, &secrets, &public_url))
            .await
            .map_err(|e| TransportError::Transient(format!("recording the attempt: {e}")))?;
        match (result, disabled) {
            (Err(error), true) => Err(TransportError::Permanent(format!(
                "{error}; the endpoint was disabled"
            ))),
            (result, _) => result,
        }
    }
}

struct AttemptRecord {
    delivery_id: String,
    endpoint: EndpointRow,
    message_id: String,
    attempt: i32,
    last_attempt: bool,
    at: DateTime<Utc>,
    status_code: Option<u16>,
    error: Option<String>,
    duration_ms: i32,
}

impl AttemptRecord {
    /// Logs the attempt and keeps the endpoint's failure run; whether it disabled the endpoint.
    fn record(
        self,
        conn: &mut AnyConnection,
        secrets: &Secrets,
        public_url: &str,
    ) -> Result<bool, ApiError> {
        crate::db::write_transaction(conn, |conn| {
            diesel::insert_into(webhook_attempts::table)
                .values((
                    webhook_attempts::id.eq(crate::db::new_row_id()),
                    webhook_attempts::delivery_id.eq(&self.delivery_id),
                    webhook_attempts::endpoint_id.eq(&self.endpoint.id),
                    webhook_attempts::message_id.eq(&self.message_id),
                    webhook_attempts::attempt.eq(self.attempt),
                    webhook_attempts::attempted_at.eq(to_db_time(self.at)),
                    webhook_attempts::status_code.eq(self.status_code.map(i32::from)),
                    webhook_attempts::error.eq(self.error.as_deref()),
                    webhook_attempts::duration_ms.eq(self.duration_ms),
                ))
                .execute(conn)?;
            let target = webhook_endpoints::table.find(&self.endpoint.id);
            if self.error.is_none() {
                diesel::update(target)
                    .set(webhook_endpoints::failing_since.eq(None::<chrono::NaiveDateTime>))
                    .execute(conn)?;
                return Ok(false);
            }
            // The run of failures started at the first failure since the last success.
            diesel::update(target.filter(webhook_endpoints::failing_since.is_null()))
                .set(webhook_endpoints::failing_since.eq(Some(to_db_time(self.at))))
                .execute(conn)?;
            let failing_since = self.endpoint.failing_since().unwrap_or(self.at);
            let gone = self.status_code == Some(410);
            // This message failed every attempt, and nothing got through since its first.
            let exhausted = self.last_attempt && {
                let first: Option<chrono::NaiveDateTime> = webhook_attempts::table
                    .filter(webhook_attempts::delivery_id.eq(&self.delivery_id))
                    .select(diesel::dsl::min(webhook_attempts::attempted_at))
                    .first(conn)?;
                first.is_some_and(|first| failing_since <= crate::db::from_db_time(first))
            };
            if !(exhausted || gone) {
                return Ok(false);
            }
            let reason = if gone {
                "the endpoint answered 410 Gone".to_owned()
            } else {
                format!(
                    "every attempt failed since {}",
                    failing_since.format("%Y-%m-%d %H:%M UTC")
                )
            };
            endpoints::disable(
                conn,
                &self.endpoint.id,
                &reason,
                Some(&self.delivery_id),
                self.at,
            )?;
            let ctx = EventContext::system(self.at);
            audit::record(
                conn,
                &ctx,
                AuditAction::WebhookEndpointDisabled,
                Outcome::Success,
                Some(&self.endpoint.id),
                Some(&self.endpoint.institution_id),
                Some(&reason),
            )?;
            tell_officers(conn, &self.endpoint, &reason, secrets, public_url, self.at)?;
            Ok(true)
        })
    }
}

/// An e-mail to every active officer of the endpoint's institution who has an address.
fn tell_officers(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    reason: &str,
    secrets: &Secrets,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let addresses: Vec<Option<String>> = staff_users::table
        .filter(staff_users::institution_id.eq(&endpoint.institution_id))
        .filter(staff_users::disabled_at.is_null())
        .select(staff_users::email)
        .load(conn)?;
    let (subject, body) =
        notify::templates::webhook_disabled_email(&endpoint.url, reason, public_url);
    let messages: Vec<OutgoingMessage> = addresses
        .into_iter()
        .flatten()
        .map(|address| OutgoingMessage {
            channel: Channel::Email,
            purpose: "webhook_endpoint_disabled",
            recipient: address,
            subject: subject.clone(),
            body: body.clone(),
            application_id: None,
            sensitive: false,
        })
        .collect();
    notify::enqueue_all(conn, &messages, secrets, now)?;
    Ok(())
}
