//! The `outbox` table: queueing, claiming due messages, and recording outcomes. Blocking
//! diesel calls; the worker runs them on the blocking pool.
//!
//! A message is `pending` until it is `delivered` or `failed`. A worker claims a batch of due
//! messages by setting their `locked_until` ([`claim_due`]); a claimed message is invisible to
//! every other worker until the claim expires, so two API instances never send the same
//! message. A worker that dies mid-send leaves a claim that expires, and the message is tried
//! again.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text, Timestamp};

use super::seal::SealError;
use super::{Channel, OutgoingMessage};
use crate::db::schema::outbox;
use crate::db::{
    execute_prepared, from_db_time, insert_rows, to_db_time, AnyConnection, Prepared,
    ROWS_PER_STATEMENT,
};
use crate::secrets::{SealPurpose, Secrets};

pub const STATUS_PENDING: &str = "pending";
pub const STATUS_DELIVERED: &str = "delivered";
pub const STATUS_FAILED: &str = "failed";

/// `status = 'pending'` written in the statement's text, not bound: the claim's index
/// (`outbox_due`) holds only pending messages, and a database can use such an index only for
/// a statement that says so — a bound value is unknown when the statement is prepared.
pub fn pending() -> diesel::expression::SqlLiteral<diesel::sql_types::Bool> {
    diesel::dsl::sql("outbox.status = 'pending'")
}

/// `last_error` is for operators: short, and built by us from status codes and error kinds,
/// never from bodies.
const LAST_ERROR_MAX_CHARS: usize = 300;

/// Every column bound, `NULL` for a `None` (none has another default): the one-row INSERT's
/// text is then fixed by its type, and kept prepared without being rendered on each run.
#[derive(Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
struct NewOutboxRow<'a> {
    id: &'a str,
    channel: &'a str,
    purpose: &'a str,
    recipient: &'a str,
    subject: &'a str,
    body: &'a str,
    sealed: bool,
    application_id: Option<&'a str>,
    status: &'a str,
    attempts: i32,
    next_attempt_at: chrono::NaiveDateTime,
    locked_until: Option<chrono::NaiveDateTime>,
    last_error: Option<&'a str>,
    created_at: chrono::NaiveDateTime,
    delivered_at: Option<chrono::NaiveDateTime>,
}

/// One stored message, as the worker and tests see it.
#[derive(Queryable, QueryableByName, Selectable, Clone)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub channel: String,
    pub purpose: String,
    pub recipient: String,
    pub subject: String,
    /// Base64 of nonce ‖ ciphertext when `sealed`; empty once a sealed message is settled.
    pub body: String,
    pub sealed: bool,
    pub application_id: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: chrono::NaiveDateTime,
    pub locked_until: Option<chrono::NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: chrono::NaiveDateTime,
    pub delivered_at: Option<chrono::NaiveDateTime>,
}

impl std::fmt::Debug for OutboxRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body: &dyn std::fmt::Debug = if self.sealed { &"<sealed>" } else { &self.body };
        let recipient = match Channel::parse(&self.channel) {
            Some(channel) => super::mask_recipient(channel, &self.recipient),
            None => "<unknown channel>".to_owned(),
        };
        f.debug_struct("OutboxRow")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("purpose", &self.purpose)
            .field("recipient", &recipient)
            .field("subject", &self.subject)
            .field("body", body)
            .field("status", &self.status)
            .field("attempts", &self.attempts)
            .field("next_attempt_at", &self.next_attempt_at)
            .field("locked_until", &self.locked_until)
            .field("last_error", &self.last_error)
            .finish_non_exhaustive()
    }
}

impl OutboxRow {
    /// The stored status as the API names it.
    pub fn delivery_status(&self) -> shared::api::messages::DeliveryStatus {
        use shared::api::messages::DeliveryStatus;
        match self.status.as_str() {
            STATUS_PENDING => DeliveryStatus::Pending,
            STATUS_DELIVERED => DeliveryStatus::Delivered,
            _ => DeliveryStatus::Failed,
        }
    }

    pub fn next_attempt_at(&self) -> DateTime<Utc> {
        from_db_time(self.next_attempt_at)
    }

    /// The body to send: opened when sealed.
    pub fn plaintext_body(&self, secrets: &Secrets) -> Result<String, SealError> {
        if self.sealed {
            secrets.open(SealPurpose::Outbox, &self.id, &self.body)
        } else {
            Ok(self.body.clone())
        }
    }
}

/// Stores a message as pending, due at once; returns its id (a UUID v4).
pub fn insert(
    conn: &mut AnyConnection,
    message: &OutgoingMessage,
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> QueryResult<String> {
    let mut ids = insert_all(conn, std::slice::from_ref(message), secrets, now)?;
    Ok(ids.remove(0))
}

/// [`insert`] for many messages: one multi-row insert per [`ROWS_PER_STATEMENT`]; their ids.
pub fn insert_all(
    conn: &mut AnyConnection,
    messages: &[OutgoingMessage],
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> QueryResult<Vec<String>> {
    let ids: Vec<String> = messages.iter().map(|_| crate::db::new_row_id()).collect();
    let bodies = messages
        .iter()
        .zip(&ids)
        .map(|(message, id)| {
            if message.sensitive {
                secrets
                    .seal(SealPurpose::Outbox, id, &message.body)
                    .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
            } else {
                Ok(message.body.clone())
            }
        })
        .collect::<QueryResult<Vec<String>>>()?;
    store(conn, messages, ids, &bodies, now)
}

/// [`insert_all`] for messages that hold no secret (webhooks: their body is signed, not
/// sealed), so no keys are needed; a sensitive message is refused.
pub fn insert_unsealed(
    conn: &mut AnyConnection,
    messages: &[OutgoingMessage],
    now: DateTime<Utc>,
) -> QueryResult<Vec<String>> {
    if messages.iter().any(|message| message.sensitive) {
        return Err(diesel::result::Error::QueryBuilderError(
            "a sensitive message must be sealed".into(),
        ));
    }
    let ids: Vec<String> = messages.iter().map(|_| crate::db::new_row_id()).collect();
    let bodies: Vec<String> = messages
        .iter()
        .map(|message| message.body.clone())
        .collect();
    store(conn, messages, ids, &bodies, now)
}

fn store(
    conn: &mut AnyConnection,
    messages: &[OutgoingMessage],
    ids: Vec<String>,
    bodies: &[String],
    now: DateTime<Utc>,
) -> QueryResult<Vec<String>> {
    // A message for a lane that takes it straight from the request is stored claimed by this
    // instance, as `claim_due` would have claimed it; the others wait for a claim.
    let claimed_until = Some(to_db_time(now + claim_duration()));
    let now = to_db_time(now);
    let mut room_to_hand = super::queued::room_to_hand();
    let rows: Vec<NewOutboxRow> = messages
        .iter()
        .zip(ids.iter().zip(bodies))
        .map(|(message, (id, body))| {
            let handed = room_to_hand > 0 && message.channel.handed_to_its_lane();
            if handed {
                room_to_hand -= 1;
            } else {
                super::queued::note(message.channel);
            }
            NewOutboxRow {
                id,
                channel: message.channel.as_str(),
                purpose: message.purpose,
                recipient: &message.recipient,
                subject: &message.subject,
                body,
                sealed: message.sensitive,
                application_id: message.application_id.as_deref(),
                status: STATUS_PENDING,
                attempts: 0,
                next_attempt_at: now,
                locked_until: if handed { claimed_until } else { None },
                last_error: None,
                created_at: now,
                delivered_at: None,
            }
        })
        .collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        insert_rows!(conn, outbox::table, chunk)?;
    }
    rows.iter()
        .filter(|row| row.locked_until.is_some())
        .for_each(|row| super::queued::hand(row.as_stored()));
    Ok(ids)
}

impl NewOutboxRow<'_> {
    /// The row as the database now holds it.
    fn as_stored(&self) -> OutboxRow {
        OutboxRow {
            id: self.id.to_owned(),
            channel: self.channel.to_owned(),
            purpose: self.purpose.to_owned(),
            recipient: self.recipient.to_owned(),
            subject: self.subject.to_owned(),
            body: self.body.to_owned(),
            sealed: self.sealed,
            application_id: self.application_id.map(str::to_owned),
            status: self.status.to_owned(),
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at,
            locked_until: self.locked_until,
            last_error: self.last_error.map(str::to_owned),
            created_at: self.created_at,
            delivered_at: self.delivered_at,
        }
    }
}

/// Claims up to `limit` due messages of `channel` for this worker until `lock_until`, oldest
/// first, passing over those to the recipients in `passed_over`.
///
/// Each backend claims a whole batch atomically, so of two workers asking at once each gets
/// its own messages: PostgreSQL in one UPDATE whose subquery locks the due rows with
/// `FOR UPDATE SKIP LOCKED` (a row another worker is claiming is passed over, not waited
/// for); on SQLite the writer lock held from the look-up to the UPDATE does it.
pub fn claim_due(
    conn: &mut AnyConnection,
    channel: Channel,
    now: DateTime<Utc>,
    lock_until: DateTime<Utc>,
    limit: i64,
    passed_over: &[String],
) -> QueryResult<Vec<OutboxRow>> {
    let (now, lock_until) = (to_db_time(now), to_db_time(lock_until));
    let mut claimed = match conn {
        // Diesel's query builder cannot name `outbox` in its own subquery, hence the text.
        AnyConnection::Postgresql(pg) => Prepared(
            diesel::sql_query(
                "UPDATE outbox SET locked_until = $1 \
             WHERE id IN (SELECT id FROM outbox \
                          WHERE outbox.status = 'pending' AND channel = $4 \
                            AND next_attempt_at <= $2 \
                            AND (locked_until IS NULL OR locked_until < $2) \
                            AND NOT (recipient = ANY($5)) \
                          ORDER BY next_attempt_at, created_at \
                          LIMIT $3 \
                          FOR UPDATE SKIP LOCKED) \
             RETURNING *",
            )
            .bind::<Timestamp, _>(lock_until)
            .bind::<Timestamp, _>(now)
            .bind::<BigInt, _>(limit)
            .bind::<Text, _>(channel.as_str())
            .bind::<Array<Text>, _>(passed_over),
        )
        .load(pg)?,
        // In one write transaction (the server's SQLite writer's, where it runs), which holds
        // the database's one writer lock from the look-up to the UPDATE.
        AnyConnection::Sqlite(_) => crate::db::write_transaction(conn, |sqlite| {
            let due_ids: Vec<String> = outbox::table
                .filter(pending())
                .filter(outbox::channel.eq(channel.as_str()))
                .filter(outbox::recipient.ne_all(passed_over))
                .filter(outbox::next_attempt_at.le(now))
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.lt(now)),
                )
                .order((outbox::next_attempt_at.asc(), outbox::created_at.asc()))
                .select(outbox::id)
                .limit(limit)
                .load(sqlite)?;
            if due_ids.is_empty() {
                return Ok(Vec::new());
            }
            diesel::update(outbox::table.filter(outbox::id.eq_any(&due_ids)))
                .set(outbox::locked_until.eq(Some(lock_until)))
                .execute(sqlite)?;
            outbox::table
                .filter(outbox::id.eq_any(&due_ids))
                .select(OutboxRow::as_select())
                .load(sqlite)
        })?,
    };
    // RETURNING and IN (…) keep no order.
    claimed.sort_by_key(|row| (row.next_attempt_at, row.created_at));
    Ok(claimed)
}

/// Gives claimed messages back untried (the worker is shutting down, a message is over its
/// recipient's share, or the request that handed it to a lane failed), in one statement.
/// Not kept prepared: on SQLite its text grows with the number of ids, and it is rare.
pub fn release(conn: &mut AnyConnection, ids: &[String]) -> QueryResult<()> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(STATUS_PENDING)),
    )
    .set(outbox::locked_until.eq(None::<chrono::NaiveDateTime>))
    .execute(conn)
    .map(drop)
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered,
    /// Try again at the given time.
    Retry {
        at: DateTime<Utc>,
        error: String,
    },
    Failed {
        error: String,
    },
}

/// Records the attempts of a batch: every delivered message in one statement, each retry or
/// failure in one of its own, in one transaction when that is more than one statement (a
/// statement is atomic by itself, and on PostgreSQL a transaction around it is two round
/// trips more: a batch of deliveries used to cost a statement each, and the transaction).
pub fn record_all(
    conn: &mut AnyConnection,
    settled: &[(OutboxRow, Outcome)],
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let (delivered, others): (Vec<_>, Vec<_>) = settled
        .iter()
        .partition(|(_, outcome)| *outcome == Outcome::Delivered);
    let delivered: Vec<&str> = delivered.iter().map(|(row, _)| row.id.as_str()).collect();
    let record_them = |conn: &mut AnyConnection| {
        if !delivered.is_empty() {
            record_delivered(conn, &delivered, now)?;
        }
        others
            .iter()
            .try_for_each(|(row, outcome)| record(conn, row, outcome, now))
    };
    if usize::from(!delivered.is_empty()) + others.len() > 1 {
        crate::db::write_transaction(conn, record_them)
    } else {
        record_them(conn)
    }
}

/// Messages `ids` were delivered: one attempt more each, sealed bodies wiped.
fn record_delivered(conn: &mut AnyConnection, ids: &[&str], now: DateTime<Utc>) -> QueryResult<()> {
    let no_lock = None::<chrono::NaiveDateTime>;
    let delivered = diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(STATUS_PENDING)),
    )
    .set((
        outbox::status.eq(STATUS_DELIVERED),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::delivered_at.eq(Some(to_db_time(now))),
        outbox::locked_until.eq(no_lock),
        outbox::body.eq(
            diesel::dsl::case_when(outbox::sealed, "".into_sql::<Text>()).otherwise(outbox::body),
        ),
    ));
    match conn {
        // One text whatever the number of ids (`= ANY($1)`): kept prepared.
        AnyConnection::Postgresql(_) => execute_prepared(conn, delivered),
        // `IN (?, ?, …)` grows with the ids: one text kept for each of the few small counts.
        AnyConnection::Sqlite(sqlite) => {
            Prepared::when_few_rows(ids.len(), delivered).execute(sqlite)
        }
    }
    .map(drop)
}

/// Records an attempt. A settled (delivered or failed) sealed message loses its body.
pub fn record(
    conn: &mut AnyConnection,
    row: &OutboxRow,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let target = outbox::table
        .filter(outbox::id.eq(&row.id))
        .filter(outbox::status.eq(STATUS_PENDING));
    let attempts = row.attempts.saturating_add(1);
    let no_lock = None::<chrono::NaiveDateTime>;
    // The body stays while the message may still be sent; a settled sealed one is wiped.
    let body = if row.sealed { "" } else { row.body.as_str() };
    match outcome {
        Outcome::Delivered => execute_prepared(
            conn,
            diesel::update(target).set((
                outbox::status.eq(STATUS_DELIVERED),
                outbox::attempts.eq(attempts),
                outbox::delivered_at.eq(Some(to_db_time(now))),
                outbox::locked_until.eq(no_lock),
                outbox::body.eq(body),
            )),
        ),
        Outcome::Retry { at, error } => execute_prepared(
            conn,
            diesel::update(target).set((
                outbox::attempts.eq(attempts),
                outbox::next_attempt_at.eq(to_db_time(*at)),
                outbox::locked_until.eq(no_lock),
                outbox::last_error.eq(Some(short(error))),
            )),
        ),
        Outcome::Failed { error } => execute_prepared(
            conn,
            diesel::update(target).set((
                outbox::status.eq(STATUS_FAILED),
                outbox::attempts.eq(attempts),
                outbox::locked_until.eq(no_lock),
                outbox::last_error.eq(Some(short(error))),
                outbox::body.eq(body),
            )),
        ),
    }
    .map(drop)
}

fn short(error: &str) -> String {
    if error.chars().count() <= LAST_ERROR_MAX_CHARS {
        error.to_owned()
    } else {
        let mut cut: String = error.chars().take(LAST_ERROR_MAX_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

/// Every stored message, oldest first (for tests and operators).
pub fn all(conn: &mut AnyConnection) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .order(outbox::created_at.asc())
        .select(OutboxRow::as_select())
        .load(conn)
}

/// The messages of one application, oldest first.
pub fn for_application(
    conn: &mut AnyConnection,
    application_id: &str,
) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::application_id.eq(application_id))
        .order(outbox::created_at.asc())
        .select(OutboxRow::as_select())
        .load(conn)
}

/// How long a claim holds: longer than any transport may take (SMTP gives up after 30 s,
/// the SMS gateway after 10 s), short enough that a crashed worker's messages soon go again.
pub fn claim_duration() -> Duration {
    Duration::minutes(5)
}

/// Rows for the unit tests of the lanes and of what work hands them.
#[cfg(test)]
pub(super) mod test_rows {
    use super::{OutboxRow, STATUS_PENDING};
    use crate::notify::Channel;

    /// An SMS code stored claimed, as a request hands it to its lane.
    pub fn handed_sms(id: &str) -> OutboxRow {
        let at = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH.naive_utc();
        OutboxRow {
            id: id.into(),
            channel: Channel::Sms.as_str().into(),
            purpose: "sms_code".into(),
            recipient: "+905321234567".into(),
            subject: String::new(),
            body: String::new(),
            sealed: true,
            application_id: None,
            status: STATUS_PENDING.into(),
            attempts: 0,
            next_attempt_at: at,
            locked_until: Some(at),
            last_error: None,
            created_at: at,
            delivered_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{outbox, short, NewOutboxRow};
    use crate::db::is_keyed_by_type;

    #[test]
    fn a_message_with_empty_fields_is_inserted_by_a_statement_kept_by_its_type() {
        let now = chrono::DateTime::UNIX_EPOCH.naive_utc();
        let row = NewOutboxRow {
            id: "m",
            channel: "sms",
            purpose: "sms_code",
            recipient: "+905321234567",
            subject: "",
            body: "",
            sealed: true,
            application_id: None,
            status: "pending",
            attempts: 0,
            next_attempt_at: now,
            locked_until: None,
            last_error: None,
            created_at: now,
            delivered_at: None,
        };
        assert!(is_keyed_by_type(
            &diesel::insert_into(outbox::table).values(&row)
        ));
    }

    #[test]
    fn long_errors_are_cut_short() {
        let long = "x".repeat(1000);
        assert_eq!(short(&long).chars().count(), super::LAST_ERROR_MAX_CHARS);
        assert_eq!(short("brief"), "brief");
    }
}
