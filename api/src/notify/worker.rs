//! The outbox worker: claims due messages, hands each to its transport, and records what
//! happened. Database work runs on the blocking pool, never on the async executor.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use futures_util::stream::{FuturesUnordered, StreamExt};
use futures_util::FutureExt;
use rand::Rng;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

use super::outbox::{self, OutboxRow, Outcome};
use super::queued::Queued;
use super::transport::{DeliveredMessage, TransportError, Transports};
use super::{mask_recipient, Channel, Delivery, RetryPolicy};
use crate::clock::Clock;
use crate::db::Database;
use crate::metrics::Metrics;
use crate::secrets::Secrets;

/// How often the worker looks for due messages when nobody rings the bell (retries come due
/// without a ring).
pub const POLL_INTERVAL: StdDuration = StdDuration::from_secs(1);
/// Messages of one channel on their way at once (a lane claims again as places free up).
pub(super) const BATCH_SIZE: i64 = 32;
/// Handed messages a lane keeps waiting for a place, at most.
const WAITING_AT_MOST: usize = BATCH_SIZE as usize;
const BACKOFF_BASE_SECONDS: i64 = 5;
/// A transport that hangs longer than this counts as a transient failure (each transport has
/// its own, shorter timeout; this is the backstop).
const SEND_TIMEOUT: StdDuration = StdDuration::from_secs(60);

/// How long a send may take at most, as a span of the clock.
fn send_deadline() -> Duration {
    Duration::from_std(SEND_TIMEOUT).unwrap_or(Duration::minutes(1))
}

/// Wakes the worker's lanes, and hands them messages: rung after a change that queued
/// messages has committed. A lane busy sending when it rings takes what was handed, and claims
/// what was queued, at once.
#[derive(Default)]
pub struct OutboxBell {
    lanes: [LaneBell; Channel::ALL.len()],
}

#[derive(Default)]
struct LaneBell {
    wake: Notify,
    /// Messages wait in the table: the lane claims when it wakes.
    queued: AtomicBool,
    /// Messages stored claimed for the lane to send; `None` while no lane runs to take them.
    handed: Mutex<Option<Vec<OutboxRow>>>,
}

impl LaneBell {
    fn handed(&self) -> std::sync::MutexGuard<'_, Option<Vec<OutboxRow>>> {
        self.handed.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// What woke the lane: the messages handed to it, and whether others wait in the table.
    fn take(&self) -> (Vec<OutboxRow>, bool) {
        let handed = self
            .handed()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        (handed, self.queued.swap(false, Ordering::AcqRel))
    }
}

impl OutboxBell {
    /// Wakes every lane to claim.
    pub fn ring(&self) {
        Channel::ALL
            .into_iter()
            .for_each(|channel| self.ring_lane(channel));
    }

    /// Wakes the lanes of the channels messages were left on in the table, and no other: a
    /// lane woken asks the database for due messages.
    pub fn ring_for(&self, queued: &Queued) {
        queued
            .channels()
            .for_each(|channel| self.ring_lane(channel));
    }

    /// Wakes the lane of `channel` to claim.
    pub fn ring_lane(&self, channel: Channel) {
        let lane = self.lane(channel);
        lane.queued.store(true, Ordering::Release);
        lane.wake.notify_one();
    }

    /// Whether a worker runs whose lanes take messages handed to them.
    pub fn takes_hand_offs(&self) -> bool {
        Channel::ALL
            .into_iter()
            .filter(|channel| channel.handed_to_its_lane())
            .all(|channel| self.lane(channel).handed().is_some())
    }

    /// Gives each message to its channel's lane; answers those no lane runs to take (it has
    /// stopped), which stay claimed until they are released.
    pub fn hand(&self, messages: Vec<OutboxRow>) -> Vec<OutboxRow> {
        let mut untaken = Vec::new();
        for message in messages {
            let Some(channel) = Channel::parse(&message.channel) else {
                untaken.push(message);
                continue;
            };
            let lane = self.lane(channel);
            match lane.handed().as_mut() {
                Some(handed) => handed.push(message),
                None => {
                    untaken.push(message);
                    continue;
                }
            }
            lane.wake.notify_one();
        }
        untaken
    }

    /// A lane starts taking handed messages.
    fn open(&self, channel: Channel) {
        self.lane(channel).handed().get_or_insert_with(Vec::new);
    }

    /// A lane stops taking handed messages; answers those it had not taken.
    fn close(&self, channel: Channel) -> Vec<OutboxRow> {
        self.lane(channel).handed().take().unwrap_or_default()
    }

    fn lane(&self, channel: Channel) -> &LaneBell {
        &self.lanes[channel.index()]
    }
}

/// The running worker; [`WorkerHandle::shutdown`] stops it gracefully. Dropping the handle
/// leaves the worker running until the runtime ends.
pub struct WorkerHandle {
    stop: watch::Sender<bool>,
    lanes: Vec<JoinHandle<()>>,
}

impl WorkerHandle {
    /// Stops the lanes once the batches in flight are settled (each send is bounded by its
    /// transport's timeout), and waits for them.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for lane in self.lanes {
            if let Err(e) = lane.await {
                tracing::error!("an outbox lane ended abnormally: {e}");
            }
        }
    }
}

/// Starts the worker on the current tokio runtime: a lane per channel (why: `Round::all`), each
/// delivering what is due, then sleeping until the bell rings or [`POLL_INTERVAL`] passes.
pub fn spawn_worker(
    database: Database,
    transports: Transports,
    clock: Arc<dyn Clock>,
    secrets: Secrets,
    bell: Arc<OutboxBell>,
    metrics: Arc<Metrics>,
) -> WorkerHandle {
    let (stop, stopped) = watch::channel(false);
    let lanes = Channel::ALL
        .into_iter()
        .map(|channel| {
            let lane = Lane {
                channel,
                database: database.clone(),
                transports: transports.clone(),
                clock: clock.clone(),
                secrets: secrets.clone(),
                metrics: metrics.clone(),
            };
            bell.open(channel);
            tokio::spawn(lane.run(bell.clone(), stopped.clone()))
        })
        .collect();
    WorkerHandle { stop, lanes }
}

/// What one channel's lane works with.
struct Lane {
    channel: Channel,
    database: Database,
    transports: Transports,
    clock: Arc<dyn Clock>,
    secrets: Secrets,
    metrics: Arc<Metrics>,
}

impl Lane {
    async fn run(self, bell: Arc<OutboxBell>, mut stopped: watch::Receiver<bool>) {
        tracing::debug!(channel = %self.channel, "outbox lane started");
        let lane_bell = bell.lane(self.channel);
        let mut detached = false;
        // At the start, and after each poll interval, retries may have come due.
        let mut claim = true;
        loop {
            if *stopped.borrow() {
                break;
            }
            let (handed, rung) = lane_bell.take();
            let round = Round {
                database: &self.database,
                transports: &self.transports,
                clock: self.clock.as_ref(),
                secrets: &self.secrets,
                stop: &stopped,
                metrics: &self.metrics,
                bell: Some(lane_bell),
            };
            if let Err(e) = round.lane(self.channel, handed, claim || rung).await {
                tracing::error!(channel = %self.channel, "outbox worker: {e}");
            }
            if *stopped.borrow() {
                break;
            }
            claim = tokio::select! {
                _ = lane_bell.wake.notified() => false,
                _ = tokio::time::sleep(POLL_INTERVAL) => true,
                changed = stopped.changed(), if !detached => {
                    // The handle was dropped without `shutdown`: run on, detached, like a
                    // dropped JoinHandle's task.
                    detached = changed.is_err();
                    false
                }
            };
        }
        // Handed messages not taken go back to the table for this or another instance.
        release(&self.database, bell.close(self.channel)).await;
        tracing::debug!(channel = %self.channel, "outbox lane stopped");
    }
}

/// Attempts every message that is due now, once; returns how many were attempted. The worker
/// loop runs the same; tests call it directly.
pub async fn deliver_due(
    database: &Database,
    transports: &Transports,
    clock: &dyn Clock,
    secrets: &Secrets,
    metrics: &Arc<Metrics>,
) -> Result<usize, String> {
    let (_keep_open, never) = watch::channel(false);
    Round {
        database,
        transports,
        clock,
        secrets,
        stop: &never,
        metrics,
        bell: None,
    }
    .all()
    .await
}

/// What a round of delivery works with.
#[derive(Clone, Copy)]
struct Round<'a> {
    database: &'a Database,
    transports: &'a Transports,
    clock: &'a dyn Clock,
    secrets: &'a Secrets,
    stop: &'a watch::Receiver<bool>,
    metrics: &'a Arc<Metrics>,
    /// Rings when messages of the lane were queued or handed to it (none in tests' single
    /// rounds).
    bell: Option<&'a LaneBell>,
}

impl Round<'_> {
    /// Every lane once, side by side. Each channel has a lane of its own because a person
    /// waits on their screen for an SMS code: it must not wait for the e-mail it was claimed
    /// beside (an SMTP server may take a second), behind the backlog of an import's 100,000
    /// e-mails, or for a tenant's webhook endpoint that hangs until its timeout.
    async fn all(&self) -> Result<usize, String> {
        let lanes = Channel::ALL.map(|channel| self.lane(channel, Vec::new(), true));
        futures_util::future::join_all(lanes)
            .await
            .into_iter()
            .try_fold(0, |attempted, lane| lane.map(|n| attempted + n))
    }

    /// Attempts the messages handed to the channel's lane and, when `claim`, its due messages,
    /// until none is left and none is on its way. Up to [`BATCH_SIZE`] are on their way at
    /// once, and each place is taken again as soon as its message is settled: an endpoint that
    /// hangs until its timeout holds one place, not the messages claimed beside it, and what
    /// is handed or queued meanwhile is taken when the bell rings (or the poll interval
    /// passes), not after the slow one. Handed messages go first: they are claimed already.
    async fn lane(
        &self,
        channel: Channel,
        handed: Vec<OutboxRow>,
        claim: bool,
    ) -> Result<usize, String> {
        let Round {
            database,
            transports,
            clock,
            secrets,
            stop,
            metrics,
            bell,
        } = *self;
        let mut attempted = 0;
        // Ids attempted in this round: a message whose retry falls due while the round still
        // runs waits for the next round, so a round with nothing new queued ends.
        let mut seen = std::collections::HashSet::new();
        let mut sending = FuturesUnordered::new();
        let send = |row: OutboxRow| async move {
            let outcome = attempt(&row, transports, secrets, clock).await;
            (row, outcome)
        };
        // Outcomes settled and not yet recorded, and the record on its way (at most one).
        let (mut unrecorded, mut recording) = (Vec::new(), FuturesUnordered::new());
        let mut per_recipient = InFlight::new(channel.in_flight_per_recipient());
        // Handed messages waiting for a place.
        let mut waiting = std::collections::VecDeque::from(handed);
        // More may be due: at the start when asked, after a full claim, and once sends have
        // settled if the last claim left some behind (it was full, or passed recipients over
        // whose places the settling frees). A claim waits until half the places are free,
        // unless the bell rang. What is queued later rings the bell; a retry falls due by the
        // poll.
        let (mut may_be_due, mut rung, mut left_some) = (claim, false, false);
        loop {
            if *stop.borrow() {
                release(database, waiting.drain(..).collect()).await;
            }
            // Handed messages go back to the table when over their recipient's share, or
            // when they waited so long for a place that their claim could lapse mid-send
            // (another instance would then send them too).
            let mut back = Vec::new();
            let lapses_before = crate::db::to_db_time(clock.now() + send_deadline());
            while i64::try_from(sending.len()).unwrap_or(BATCH_SIZE) < BATCH_SIZE {
                let Some(row) = waiting.pop_front() else {
                    break;
                };
                if row.locked_until.is_none_or(|until| until <= lapses_before) {
                    back.push(row);
                } else if per_recipient.take(&row.recipient) {
                    attempted += 1;
                    seen.insert(row.id.clone());
                    sending.push(send(row));
                } else {
                    back.push(row);
                }
            }
            // A lane whose places are all taken (its transport hangs) keeps a batch's worth
            // waiting, not every request's message in memory: the rest wait in the table,
            // where a claim finds them once places free.
            back.extend(waiting.split_off(waiting.len().min(WAITING_AT_MOST)));
            if !back.is_empty() {
                left_some = true;
                release(database, back).await;
            }
            let room = BATCH_SIZE - i64::try_from(sending.len()).unwrap_or(BATCH_SIZE);
            let worth_it = rung || (may_be_due && (sending.is_empty() || room >= BATCH_SIZE / 2));
            if worth_it && room > 0 && !*stop.borrow() {
                let now = clock.now();
                let lock_until = now + outbox::claim_duration();
                let passed_over = per_recipient.full();
                let passed_some = !passed_over.is_empty();
                let claimed = blocking(database, move |conn| {
                    outbox::claim_due(conn, channel, now, lock_until, room, &passed_over)
                })
                .await;
                // A claim that fails (the database busy or gone) must not drop the sends on
                // their way: they are settled first, and the next wake claims again.
                let claimed = match claimed {
                    Ok(claimed) => claimed,
                    Err(e) if sending.is_empty() && recording.is_empty() => return Err(e),
                    Err(e) => {
                        tracing::warn!(channel = %channel, "outbox claim failed: {e}");
                        Vec::new()
                    }
                };
                let full = i64::try_from(claimed.len()).unwrap_or_default() == room;
                left_some = full || passed_some;
                rung = false;
                // Messages seen this round wait for the next; those over their recipient's
                // share go back to the queue, and the next claim passes that recipient over.
                let (mut batch, mut back) = (Vec::new(), Vec::new());
                let mut over_share = false;
                for row in claimed {
                    if seen.contains(&row.id) {
                        back.push(row);
                    } else if per_recipient.take(&row.recipient) {
                        batch.push(row);
                    } else {
                        over_share = true;
                        back.push(row);
                    }
                }
                // A full claim of messages already seen would only find them again.
                may_be_due = full && (over_share || !batch.is_empty());
                left_some |= over_share;
                release(database, back).await;
                attempted += batch.len();
                for row in batch {
                    seen.insert(row.id.clone());
                    sending.push(send(row));
                }
            }
            if sending.is_empty() && recording.is_empty() {
                return Ok(attempted);
            }
            // What woke the lane: messages handed to it, and whether to claim.
            let wake = async {
                match bell {
                    Some(bell) => {
                        tokio::select! {
                            _ = bell.wake.notified() => bell.take(),
                            _ = tokio::time::sleep(POLL_INTERVAL) => (Vec::new(), true),
                        }
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                Some(first) = sending.next() => {
                    // What else has settled by now is recorded in the same change.
                    let mut settled = vec![first];
                    while let Some(Some(next)) = sending.next().now_or_never() {
                        settled.push(next);
                    }
                    settled.iter().for_each(|(row, _)| per_recipient.settle(&row.recipient));
                    unrecorded.extend(settled);
                    may_be_due |= left_some;
                }
                Some(recorded) = recording.next() => {
                    // Outcomes that cannot be recorded are sent again once their claim
                    // expires; the sends still on their way are settled first.
                    if let Err(e) = recorded {
                        if sending.is_empty() && unrecorded.is_empty() {
                            return Err(e);
                        }
                        tracing::error!(channel = %channel, "outbox worker: {e}");
                    }
                }
                (handed, claim) = wake => {
                    waiting.extend(handed);
                    rung |= claim;
                }
            }
            // One record at a time, while the lane goes on sending: what settles meanwhile
            // is recorded together next (on SQLite a record waits for the writer's group).
            if recording.is_empty() && !unrecorded.is_empty() {
                let settled = std::mem::take(&mut unrecorded);
                recording.push(record(database, metrics, clock, settled));
            }
        }
    }
}

/// A lane's messages on their way per recipient, when the channel limits them.
struct InFlight {
    limit: Option<usize>,
    by_recipient: std::collections::HashMap<String, usize>,
}

impl InFlight {
    fn new(limit: Option<usize>) -> InFlight {
        InFlight {
            limit,
            by_recipient: Default::default(),
        }
    }

    /// Counts one more message to `recipient`; false when its share is taken.
    fn take(&mut self, recipient: &str) -> bool {
        let Some(limit) = self.limit else {
            return true;
        };
        let count = self.by_recipient.entry(recipient.to_owned()).or_default();
        if *count >= limit {
            return false;
        }
        *count += 1;
        true
    }

    fn settle(&mut self, recipient: &str) {
        if let Some(count) = self.by_recipient.get_mut(recipient) {
            *count -= 1;
            if *count == 0 {
                self.by_recipient.remove(recipient);
            }
        }
    }

    /// The recipients whose share is taken.
    fn full(&self) -> Vec<String> {
        let Some(limit) = self.limit else {
            return Vec::new();
        };
        self.by_recipient
            .iter()
            .filter(|(_, count)| **count >= limit)
            .map(|(recipient, _)| recipient.clone())
            .collect()
    }
}

/// Logs and counts settled attempts, and records them in one change.
async fn record(
    database: &Database,
    metrics: &Arc<Metrics>,
    clock: &dyn Clock,
    settled: Vec<(OutboxRow, Outcome)>,
) -> Result<(), String> {
    for (row, outcome) in &settled {
        log_outcome(row, outcome);
        metrics.outbox_delivery(&row.channel, outcome);
    }
    let now = clock.now();
    let count = settled.len();
    blocking(database, move |conn| {
        outbox::record_all(conn, &settled, now)
    })
    .await
    .map_err(|e| format!("cannot record the outcomes of {count} messages: {e}"))
}

/// Sends one claimed message and decides what becomes of it.
async fn attempt(
    row: &OutboxRow,
    transports: &Transports,
    secrets: &Secrets,
    clock: &dyn Clock,
) -> Outcome {
    let Some(channel) = Channel::parse(&row.channel) else {
        return Outcome::Failed {
            error: format!("unknown channel `{}`", row.channel),
        };
    };
    let body = match row.plaintext_body(secrets) {
        Ok(body) => body,
        Err(e) => {
            return Outcome::Failed {
                error: e.to_string(),
            }
        }
    };
    let policy = channel.retry_policy();
    let message = DeliveredMessage {
        channel,
        recipient: row.recipient.clone(),
        subject: row.subject.clone(),
        body,
        delivery: Delivery {
            id: row.id.clone(),
            attempt: row.attempts.saturating_add(1),
            last_attempt: row.attempts.saturating_add(1) >= policy.max_attempts,
            queued_at: crate::db::from_db_time(row.created_at),
        },
    };
    let transport = transports.for_channel(channel);
    let result = match tokio::time::timeout(SEND_TIMEOUT, transport.send(&message)).await {
        Ok(result) => result,
        Err(_) => Err(TransportError::Transient("the transport timed out".into())),
    };
    decide(
        policy,
        row.attempts,
        result,
        clock.now(),
        rand::thread_rng().gen_range(0.0..=0.25),
    )
}

/// What to do after an attempt: `attempts_before` attempts had failed before this one, and
/// `jitter` (0.0–0.25) stretches the wait so that many failed messages do not retry together.
pub fn decide(
    policy: RetryPolicy,
    attempts_before: i32,
    result: Result<(), TransportError>,
    now: DateTime<Utc>,
    jitter: f64,
) -> Outcome {
    match result {
        Ok(()) => Outcome::Delivered,
        Err(TransportError::Permanent(error)) => Outcome::Failed { error },
        Err(TransportError::Transient(error))
            if attempts_before.saturating_add(1) >= policy.max_attempts =>
        {
            Outcome::Failed {
                error: format!("gave up after {} attempts: {error}", policy.max_attempts),
            }
        }
        Err(TransportError::Transient(error)) => Outcome::Retry {
            at: now + backoff(policy, attempts_before, jitter),
            error,
        },
    }
}

/// 5 s · 2^attempts, at most the policy's longest wait, stretched by `jitter` (a fraction,
/// 0.0–0.25).
pub fn backoff(policy: RetryPolicy, attempts_before: i32, jitter: f64) -> Duration {
    let exponent = u32::try_from(attempts_before.clamp(0, 20)).unwrap_or(0);
    let base = BACKOFF_BASE_SECONDS
        .saturating_mul(2_i64.saturating_pow(exponent))
        .min(policy.longest_wait.num_seconds());
    let millis = base * 1000;
    let extra = (millis as f64 * jitter.clamp(0.0, 0.25)) as i64;
    Duration::milliseconds(millis + extra)
}

fn log_outcome(row: &OutboxRow, outcome: &Outcome) {
    let to = Channel::parse(&row.channel)
        .map(|channel| mask_recipient(channel, &row.recipient))
        .unwrap_or_default();
    match outcome {
        Outcome::Delivered => tracing::info!(
            id = %row.id, purpose = %row.purpose, channel = %row.channel, to = %to,
            "outbox message delivered"
        ),
        Outcome::Retry { at, error } => tracing::warn!(
            id = %row.id, purpose = %row.purpose, channel = %row.channel, to = %to,
            attempt = row.attempts + 1, retry_at = %at, error = %error,
            "outbox message not delivered; will retry"
        ),
        Outcome::Failed { error } => tracing::error!(
            id = %row.id, purpose = %row.purpose, channel = %row.channel, to = %to,
            attempt = row.attempts + 1, error = %error,
            "outbox message failed for good"
        ),
    }
}

/// Gives claimed-but-untried messages back; a failure only delays them until the claim expires.
pub(crate) async fn release(database: &Database, rows: Vec<OutboxRow>) {
    if rows.is_empty() {
        return;
    }
    let ids: Vec<String> = rows.into_iter().map(|row| row.id).collect();
    let result = blocking(database, move |conn| outbox::release(conn, &ids)).await;
    if let Err(e) = result {
        tracing::warn!(
            "cannot release claimed outbox messages (they wait for the claim to expire): {e}"
        );
    }
}

/// Runs database work on the outbox, ahead of the requests' changes waiting (a person waits
/// for the SMS code).
async fn blocking<T, F>(database: &Database, work: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce(&mut crate::db::AnyConnection) -> diesel::QueryResult<T> + Send + 'static,
{
    database
        .change_first(move |conn| work(conn).map_err(crate::error::ApiError::from))
        .await
        .map_err(|e| format!("{e}"))
}

#[cfg(test)]
mod tests {
    use super::super::outbox::test_rows::handed_sms;
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH
    }

    const SMS: RetryPolicy = RetryPolicy {
        max_attempts: 8,
        longest_wait: Duration::hours(1),
    };

    #[test]
    fn the_bell_wakes_only_the_lanes_of_the_channels_queued_on() {
        use super::super::queued::{note, noting};
        let bell = OutboxBell::default();
        let queued = Queued::default();
        noting(&queued, || {
            note(Channel::Sms);
            note(Channel::Sms);
        });
        bell.ring_for(&queued);
        let woken = |channel| {
            let lane = bell.lane(channel);
            lane.wake.notified().now_or_never().is_some() && lane.take().1
        };
        assert!(woken(Channel::Sms));
        assert!(!woken(Channel::Email), "no e-mail was queued");
        assert!(!woken(Channel::Webhook), "no webhook was queued");
        bell.ring();
        assert!(Channel::ALL.into_iter().all(woken), "ring wakes every lane");
    }

    #[test]
    fn a_handed_message_wakes_its_lane_without_a_claim_and_only_while_the_lane_runs() {
        let bell = OutboxBell::default();
        assert!(!bell.takes_hand_offs(), "no worker yet");
        let untaken = bell.hand(vec![handed_sms("before")]);
        assert_eq!(untaken.len(), 1, "nobody to take it");

        // As `spawn_worker` does: a lane for each channel.
        Channel::ALL
            .into_iter()
            .for_each(|channel| bell.open(channel));
        assert!(bell.takes_hand_offs());
        assert!(bell.hand(vec![handed_sms("first")]).is_empty());
        let lane = bell.lane(Channel::Sms);
        assert!(lane.wake.notified().now_or_never().is_some());
        let (handed, claim) = lane.take();
        assert_eq!(handed.len(), 1);
        assert!(!claim, "a handed message is claimed already");

        assert!(bell.hand(vec![handed_sms("left")]).is_empty());
        let left = bell.close(Channel::Sms);
        assert_eq!(
            left.iter().map(|row| row.id.as_str()).collect::<Vec<_>>(),
            ["left"]
        );
        assert!(!bell.takes_hand_offs());
        assert_eq!(bell.hand(vec![handed_sms("after")]).len(), 1);
    }

    #[test]
    fn backoff_doubles_from_five_seconds_up_to_an_hour() {
        assert_eq!(Channel::Sms.retry_policy(), SMS);
        assert_eq!(backoff(SMS, 0, 0.0), Duration::seconds(5));
        assert_eq!(backoff(SMS, 1, 0.0), Duration::seconds(10));
        assert_eq!(backoff(SMS, 3, 0.0), Duration::seconds(40));
        assert_eq!(backoff(SMS, 10, 0.0), Duration::hours(1));
        assert_eq!(backoff(SMS, i32::MAX, 0.0), Duration::hours(1));
    }

    #[test]
    fn jitter_only_ever_lengthens_the_wait_by_a_quarter_at_most() {
        assert_eq!(backoff(SMS, 0, 0.25), Duration::milliseconds(6250));
        assert_eq!(backoff(SMS, 0, 5.0), Duration::milliseconds(6250));
        assert_eq!(backoff(SMS, 0, -1.0), Duration::seconds(5));
    }

    #[test]
    fn a_webhook_is_retried_for_about_three_days() {
        let policy = Channel::Webhook.retry_policy();
        let waits: Duration = (0..policy.max_attempts - 1)
            .map(|attempts_before| backoff(policy, attempts_before, 0.0))
            .sum();
        assert!(
            waits > Duration::hours(66) && waits < Duration::hours(78),
            "{waits}"
        );
        let stretched: Duration = (0..policy.max_attempts - 1)
            .map(|attempts_before| backoff(policy, attempts_before, 0.25))
            .sum();
        assert!(stretched < Duration::hours(96), "{stretched}");
    }

    #[test]
    fn a_transient_failure_is_retried_until_the_last_attempt() {
        let transient = || Err(TransportError::Transient("503".into()));
        assert_eq!(
            decide(SMS, 0, transient(), at(), 0.0),
            Outcome::Retry {
                at: at() + Duration::seconds(5),
                error: "503".into()
            }
        );
        assert!(matches!(
            decide(SMS, SMS.max_attempts - 2, transient(), at(), 0.0),
            Outcome::Retry { .. }
        ));
        assert!(matches!(
            decide(SMS, SMS.max_attempts - 1, transient(), at(), 0.0),
            Outcome::Failed { .. }
        ));
    }

    #[test]
    fn a_permanent_failure_is_not_retried() {
        assert_eq!(
            decide(
                SMS,
                0,
                Err(TransportError::Permanent("400".into())),
                at(),
                0.0
            ),
            Outcome::Failed {
                error: "400".into()
            }
        );
    }

    #[test]
    fn success_is_delivery() {
        assert_eq!(decide(SMS, 3, Ok(()), at(), 0.1), Outcome::Delivered);
    }
}
