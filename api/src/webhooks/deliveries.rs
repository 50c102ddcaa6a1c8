//! An endpoint's delivery log — each message with its status and every attempt — and
//! redelivery by hand.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::webhooks::{DeliveryStatus, WebhookAttempt, WebhookDelivery, WebhookEventType};
use shared::named::Named;

use super::endpoints::EndpointRow;
use crate::db::schema::{outbox, webhook_attempts};
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;
use crate::notify::outbox::OutboxRow;
use crate::notify::{self, Channel, OutgoingMessage};

/// Deliveries shown at once, newest first.
pub const LOG_LENGTH: i64 = 100;

/// The endpoint's latest deliveries with their attempts.
pub fn recent(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
) -> Result<Vec<WebhookDelivery>, ApiError> {
    let rows: Vec<OutboxRow> = outbox::table
        .filter(outbox::channel.eq(Channel::Webhook.as_str()))
        .filter(outbox::recipient.eq(&endpoint.id))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .limit(LOG_LENGTH)
        .select(OutboxRow::as_select())
        .load(conn)?;
    with_attempts(conn, rows)
}

/// One delivery to the endpoint, with its attempts.
pub fn one(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    delivery_id: &str,
) -> Result<WebhookDelivery, ApiError> {
    let row = delivery_row(conn, endpoint, delivery_id)?;
    with_attempts(conn, vec![row])?
        .pop()
        .ok_or(ApiError::NotFound)
}

fn delivery_row(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    delivery_id: &str,
) -> Result<OutboxRow, ApiError> {
    outbox::table
        .filter(outbox::id.eq(delivery_id))
        .filter(outbox::channel.eq(Channel::Webhook.as_str()))
        .filter(outbox::recipient.eq(&endpoint.id))
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)
}

fn with_attempts(
    conn: &mut AnyConnection,
    rows: Vec<OutboxRow>,
) -> Result<Vec<WebhookDelivery>, ApiError> {
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    type AttemptRow = (
        String,
        i32,
        chrono::NaiveDateTime,
        Option<i32>,
        Option<String>,
        i32,
    );
    let attempts: Vec<AttemptRow> = webhook_attempts::table
        .filter(webhook_attempts::delivery_id.eq_any(&ids))
        .order(webhook_attempts::attempted_at.asc())
        .select((
            webhook_attempts::delivery_id,
            webhook_attempts::attempt,
            webhook_attempts::attempted_at,
            webhook_attempts::status_code,
            webhook_attempts::error,
            webhook_attempts::duration_ms,
        ))
        .load(conn)?;
    let mut logs: HashMap<String, Vec<WebhookAttempt>> = HashMap::new();
    for (delivery_id, attempt, at, status_code, error, duration_ms) in attempts {
        logs.entry(delivery_id).or_default().push(WebhookAttempt {
            attempt: u32::try_from(attempt).unwrap_or_default(),
            at: from_db_time(at),
            status_code: status_code.and_then(|code| u16::try_from(code).ok()),
            error,
            duration_ms: u32::try_from(duration_ms).unwrap_or_default(),
        });
    }
    rows.into_iter()
        .map(|row| {
            let log = logs.remove(&row.id).unwrap_or_default();
            to_api(row, log)
        })
        .collect()
}

fn to_api(row: OutboxRow, log: Vec<WebhookAttempt>) -> Result<WebhookDelivery, ApiError> {
    let event_type = WebhookEventType::parse(&row.purpose)
        .ok_or_else(|| ApiError::Internal(format!("outbox {}: unknown event", row.id)))?;
    let status = row.delivery_status();
    Ok(WebhookDelivery {
        id: row.id.clone(),
        message_id: row.subject.clone(),
        event_type,
        application_id: row.application_id.clone(),
        status,
        attempts: u32::try_from(row.attempts).unwrap_or_default(),
        created_at: from_db_time(row.created_at),
        next_attempt_at: (status == DeliveryStatus::Pending).then(|| row.next_attempt_at()),
        delivered_at: row.delivered_at.map(from_db_time),
        last_error: row.last_error.clone(),
        log,
    })
}

/// Queues the message of a delivery again, for the same endpoint, with the same
/// `webhook-id` (the receiver can tell it is the same event) and a fresh retry schedule.
/// A disabled endpoint is enabled first by whoever asks, so this refuses one.
pub fn redeliver(
    conn: &mut AnyConnection,
    endpoint: &EndpointRow,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let row = delivery_row(conn, endpoint, delivery_id)?;
    if !endpoint.is_enabled() {
        let mut errors = shared::form::FieldErrors::new();
        errors.add("endpoint", "disabled");
        return Err(ApiError::Validation(errors));
    }
    let event_type = WebhookEventType::parse(&row.purpose)
        .ok_or_else(|| ApiError::Internal(format!("outbox {}: unknown event", row.id)))?;
    let message = OutgoingMessage {
        channel: Channel::Webhook,
        purpose: event_type.as_str(),
        recipient: endpoint.id.clone(),
        subject: row.subject.clone(),
        body: row.body.clone(),
        application_id: row.application_id.clone(),
        sensitive: false,
    };
    let mut ids = notify::outbox::insert_unsealed(conn, std::slice::from_ref(&message), now)?;
    Ok(ids.remove(0))
}
