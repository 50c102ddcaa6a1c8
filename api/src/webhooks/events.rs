//! Publishing: an application's change becomes one webhook message per endpoint of its
//! institution that wants the event, queued in the outbox in the transaction of the change —
//! a message exists exactly when the change committed.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::webhooks::{WebhookEvent, WebhookEventData, WebhookEventType};
use shared::named::Named;
use shared::workflow::{ApplicationState, ApprovalMethod, EventKind};

use super::endpoints::{self, EndpointRow};
use crate::db::schema::shipments;
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::notify::{self, Channel, OutgoingMessage};

/// The event a timeline entry is reported as, if any (an SMS code sent, a payment awaited
/// are not state changes an institution acts on).
pub fn event_type_of(kind: EventKind) -> Option<WebhookEventType> {
    Some(match kind {
        EventKind::PreApplicationCreated => WebhookEventType::Created,
        EventKind::FormSubmitted => WebhookEventType::FormSubmitted,
        EventKind::PhoneVerified => WebhookEventType::PhoneVerified,
        EventKind::ApprovedWithEOnay | EventKind::ApprovedWithEImza => WebhookEventType::Approved,
        EventKind::PaymentReceived => WebhookEventType::PaymentRecorded,
        EventKind::PaymentReversed => WebhookEventType::PaymentReversed,
        EventKind::ProductionStarted => WebhookEventType::InProduction,
        EventKind::Produced => WebhookEventType::Produced,
        EventKind::Shipped => WebhookEventType::Shipped,
        EventKind::Delivered => WebhookEventType::Delivered,
        EventKind::Cancelled => WebhookEventType::Cancelled,
        EventKind::Expired => WebhookEventType::Expired,
        EventKind::ReminderSent => WebhookEventType::ReminderSent,
        EventKind::SmsCodeSent | EventKind::PaymentAwaited => return None,
    })
}

/// One event about one application, before it is addressed to endpoints.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub institution_id: String,
    pub event: WebhookEvent,
}

impl Occurrence {
    /// The event of a timeline entry, with what the entry implies (the approval's method; a
    /// shipment's courier and tracking number are added by [`publish`] from `shipments`).
    pub fn of(
        kind: EventKind,
        institution_id: &str,
        application_id: &str,
        reference: &str,
        state: ApplicationState,
        at: DateTime<Utc>,
    ) -> Option<Occurrence> {
        let event_type = event_type_of(kind)?;
        let method = match kind {
            EventKind::ApprovedWithEOnay => Some(ApprovalMethod::EOnay),
            EventKind::ApprovedWithEImza => Some(ApprovalMethod::EImza),
            _ => None,
        };
        Some(Occurrence {
            institution_id: institution_id.to_owned(),
            event: WebhookEvent {
                event_type,
                timestamp: at,
                data: WebhookEventData {
                    application_id: application_id.to_owned(),
                    reference: reference.to_owned(),
                    institution_id: institution_id.to_owned(),
                    state,
                    method,
                    courier: None,
                    tracking_number: None,
                    days_left: None,
                },
            },
        })
    }
}

/// Queues the messages of `occurrences` for every enabled endpoint that wants them: one
/// look-up of the institutions' endpoints, one multi-row insert. An institution without
/// endpoints costs that one indexed look-up.
pub fn publish(
    conn: &mut AnyConnection,
    occurrences: Vec<Occurrence>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if occurrences.is_empty() {
        return Ok(());
    }
    let institutions: BTreeSet<&str> = occurrences
        .iter()
        .map(|o| o.institution_id.as_str())
        .collect();
    let mut by_institution: HashMap<String, Vec<EndpointRow>> = HashMap::new();
    for endpoint in endpoints::enabled_of(conn, &institutions)? {
        by_institution
            .entry(endpoint.institution_id.clone())
            .or_default()
            .push(endpoint);
    }
    if by_institution.is_empty() {
        return Ok(());
    }
    let mut messages = Vec::new();
    for mut occurrence in occurrences {
        let Some(endpoints) = by_institution.get(&occurrence.institution_id) else {
            continue;
        };
        let wanted: Vec<&EndpointRow> = endpoints
            .iter()
            .filter(|endpoint| endpoint.wants(occurrence.event.event_type))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        if occurrence.event.event_type == WebhookEventType::Shipped {
            add_shipment(conn, &mut occurrence.event.data)?;
        }
        let body = serde_json::to_string(&occurrence.event)
            .map_err(|e| ApiError::Internal(format!("webhook payload: {e}")))?;
        // One id per event: the same on every endpoint, every retry and a redelivery, so a
        // receiver can tell a repeat from a new event.
        let message_id = format!("msg_{}", uuid::Uuid::new_v4().simple());
        messages.extend(wanted.into_iter().map(|endpoint| OutgoingMessage {
            channel: Channel::Webhook,
            purpose: occurrence.event.event_type.as_str(),
            recipient: endpoint.id.clone(),
            subject: message_id.clone(),
            body: body.clone(),
            application_id: Some(occurrence.event.data.application_id.clone()),
            sensitive: false,
        }));
    }
    notify::outbox::insert_unsealed(conn, &messages, now)?;
    Ok(())
}

fn add_shipment(conn: &mut AnyConnection, data: &mut WebhookEventData) -> Result<(), ApiError> {
    let shipment: Option<(String, String)> = shipments::table
        .filter(shipments::application_id.eq(&data.application_id))
        .select((shipments::courier, shipments::tracking_number))
        .first(conn)
        .optional()?;
    if let Some((courier, tracking_number)) = shipment {
        data.courier = Some(courier);
        data.tracking_number = Some(tracking_number);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_change_has_an_event_and_the_rest_none() {
        let reported: Vec<_> = EventKind::ALL
            .iter()
            .copied()
            .filter_map(event_type_of)
            .collect();
        for &event_type in WebhookEventType::ALL {
            if event_type != WebhookEventType::ReminderSent {
                assert!(
                    reported.contains(&event_type),
                    "{event_type:?} is never sent"
                );
            }
        }
        assert_eq!(event_type_of(EventKind::SmsCodeSent), None);
    }
}
