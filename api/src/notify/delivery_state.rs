//! The e-mails and SMS of applications as officers, operators and the change feed see them:
//! status, attempts, the last error, the recipient partly hidden. Webhooks have their own log.

use std::collections::HashMap;

use diesel::prelude::*;
use shared::api::messages::{MessageChannel, MessageDelivery};

use super::outbox::OutboxRow;
use super::{mask_recipient, Channel};
use crate::db::schema::outbox;
use crate::db::{from_db_time, AnyConnection};

/// The messages of each application, oldest first, in one query.
pub fn of_applications(
    conn: &mut AnyConnection,
    application_ids: &[&str],
) -> QueryResult<HashMap<String, Vec<MessageDelivery>>> {
    let mut by_application: HashMap<String, Vec<MessageDelivery>> = HashMap::new();
    if application_ids.is_empty() {
        return Ok(by_application);
    }
    let rows: Vec<OutboxRow> = outbox::table
        .filter(outbox::application_id.eq_any(application_ids))
        .filter(outbox::channel.ne(Channel::Webhook.as_str()))
        .order((outbox::created_at.asc(), outbox::id.asc()))
        .select(OutboxRow::as_select())
        .load(conn)?;
    for row in rows {
        let (Some(application_id), Some(delivery)) = (row.application_id.clone(), delivery(&row))
        else {
            continue;
        };
        by_application
            .entry(application_id)
            .or_default()
            .push(delivery);
    }
    Ok(by_application)
}

/// The messages of one application, oldest first.
pub fn of_application(
    conn: &mut AnyConnection,
    application_id: &str,
) -> QueryResult<Vec<MessageDelivery>> {
    Ok(of_applications(conn, &[application_id])?
        .remove(application_id)
        .unwrap_or_default())
}

fn delivery(row: &OutboxRow) -> Option<MessageDelivery> {
    let channel = Channel::parse(&row.channel)?;
    let shown = match channel {
        Channel::Email => MessageChannel::Email,
        Channel::Sms => MessageChannel::Sms,
        Channel::Webhook => return None,
    };
    Some(MessageDelivery {
        channel: shown,
        purpose: row.purpose.clone(),
        recipient: mask_recipient(channel, &row.recipient),
        status: row.delivery_status(),
        attempts: u32::try_from(row.attempts).unwrap_or_default(),
        last_error: row.last_error.clone(),
        queued_at: from_db_time(row.created_at),
        delivered_at: row.delivered_at.map(from_db_time),
    })
}
