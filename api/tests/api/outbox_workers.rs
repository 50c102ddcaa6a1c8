//! Two API instances share one database, and each runs an outbox worker: every message must
//! leave exactly once. The workers here are the real worker loops, each with its own
//! connection pool (as two processes would have), handing messages to a transport that
//! records every delivery.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use api::clock::{Clock, ManualClock};
use api::db::schema::outbox as outbox_table;
use api::db::testing::{fresh_database, TestDatabase};
use api::db::{write_transaction, AnyConnection, DbPool};
use api::notify::outbox::{self, STATUS_DELIVERED};
use api::notify::{
    spawn_worker, Channel, DeliveredMessage, OutboxBell, OutgoingMessage, Transport,
    TransportError, Transports, WorkerHandle,
};
use api::secrets::Secrets;
use diesel::prelude::*;

const MESSAGES: usize = 1_000;
const ALL_DELIVERED_WITHIN: Duration = Duration::from_secs(60);

/// Every delivery either worker made, by message (its subject is unique).
#[derive(Default)]
struct Ledger {
    deliveries: Mutex<HashMap<String, Vec<&'static str>>>,
}

impl Ledger {
    fn deliveries(&self) -> HashMap<String, Vec<&'static str>> {
        self.deliveries.lock().unwrap().clone()
    }
}

/// One worker's transport: accepts everything and writes it in the shared ledger under the
/// worker's name.
struct RecordingTransport {
    worker: &'static str,
    ledger: Arc<Ledger>,
}

#[async_trait::async_trait]
impl Transport for RecordingTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        self.ledger
            .deliveries
            .lock()
            .unwrap()
            .entry(message.subject.clone())
            .or_default()
            .push(self.worker);
        // A real transport waits on the network (a few milliseconds for a gateway): the
        // other worker claims and sends meanwhile.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        Ok(())
    }
}

fn recording_transports(worker: &'static str, ledger: &Arc<Ledger>) -> Transports {
    let transport: Arc<dyn Transport> = Arc::new(RecordingTransport {
        worker,
        ledger: ledger.clone(),
    });
    Transports {
        email: transport.clone(),
        sms: transport.clone(),
        webhook: transport,
    }
}

fn numbered_email(n: usize) -> OutgoingMessage {
    OutgoingMessage {
        channel: Channel::Email,
        purpose: "load_test",
        recipient: "ayse.yilmaz@kurum.gov.tr".into(),
        subject: format!("message {n:04}"),
        body: format!("Mesaj {n}."),
        application_id: None,
        sensitive: false,
    }
}

fn delivered_count(pool: &DbPool) -> i64 {
    outbox_table::table
        .filter(outbox_table::status.eq(STATUS_DELIVERED))
        .count()
        .get_result(&mut **pool.get().unwrap())
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_workers_on_one_database_deliver_each_of_a_thousand_messages_exactly_once() {
    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");

    let now = clock.now();
    let subject_of: HashMap<String, String> =
        write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
            (0..MESSAGES)
                .map(|n| {
                    let message = numbered_email(n);
                    let id = outbox::insert(conn, &message, &secrets, now)?;
                    Ok((id, message.subject))
                })
                .collect::<Result<_, diesel::result::Error>>()
        })
        .unwrap();

    let ledger = Arc::new(Ledger::default());
    let started = Instant::now();
    // Each worker opens the database as its own instance would.
    let workers = ["first", "second"].map(|name| {
        spawn_worker(
            api::db::Database::open(&db.url, 4, Default::default()).unwrap(),
            recording_transports(name, &ledger),
            clock.clone(),
            secrets.clone(),
            Arc::new(OutboxBell::default()),
            Default::default(),
        )
    });
    while delivered_count(&db.pool) < MESSAGES as i64 {
        assert!(
            started.elapsed() < ALL_DELIVERED_WITHIN,
            "only {} of {MESSAGES} delivered in {ALL_DELIVERED_WITHIN:?}",
            delivered_count(&db.pool)
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    for worker in workers {
        worker.shutdown().await;
    }

    let deliveries = ledger.deliveries();
    let rows = outbox::all(&mut db.connection()).unwrap();
    assert_eq!(rows.len(), MESSAGES);
    for row in &rows {
        let subject = &subject_of[&row.id];
        assert_eq!(row.subject, *subject);
        assert_eq!(
            deliveries.get(subject).map(Vec::len),
            Some(1),
            "message {} ({subject}) went {:?}",
            row.id,
            deliveries.get(subject)
        );
        assert_eq!(row.status, STATUS_DELIVERED);
        assert_eq!(row.attempts, 1);
        assert!(row.locked_until.is_none());
    }
    assert_eq!(deliveries.len(), MESSAGES, "nothing else was delivered");
    let by_worker = |name| deliveries.values().filter(|w| w[0] == name).count();
    assert!(
        by_worker("first") > 0 && by_worker("second") > 0,
        "both workers took part: first {}, second {}",
        by_worker("first"),
        by_worker("second")
    );
}

/// A transport that holds the messages it `holds` until released, like an SMTP server or an
/// endpoint that has stopped answering, and passes the others to the ledger at once.
struct StuckTransport {
    taken: std::sync::atomic::AtomicUsize,
    released: tokio::sync::watch::Receiver<bool>,
    holds: fn(&DeliveredMessage) -> bool,
    others: RecordingTransport,
}

#[async_trait::async_trait]
impl Transport for StuckTransport {
    async fn send(&self, message: &DeliveredMessage) -> Result<(), TransportError> {
        if !(self.holds)(message) {
            return self.others.send(message).await;
        }
        self.taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut released = self.released.clone();
        let _ = released.wait_for(|released| *released).await;
        Ok(())
    }
}

/// A running worker one of whose transports holds some messages until released.
struct Stuck {
    worker: WorkerHandle,
    transport: Arc<StuckTransport>,
    release: tokio::sync::watch::Sender<bool>,
    ledger: Arc<Ledger>,
    bell: Arc<OutboxBell>,
}

impl Stuck {
    /// Messages the hanging transport has taken so far.
    fn taken(&self) -> usize {
        self.transport
            .taken
            .load(std::sync::atomic::Ordering::SeqCst)
    }
}

fn worker_with_stuck(
    db: &TestDatabase,
    clock: &Arc<ManualClock>,
    secrets: &Secrets,
    channel: Channel,
    holds: fn(&DeliveredMessage) -> bool,
) -> Stuck {
    let (release, released) = tokio::sync::watch::channel(false);
    let ledger = Arc::new(Ledger::default());
    let email = Arc::new(StuckTransport {
        taken: Default::default(),
        released,
        holds,
        others: RecordingTransport {
            worker: "worker",
            ledger: ledger.clone(),
        },
    });
    let mut transports = recording_transports("worker", &ledger);
    match channel {
        Channel::Email => transports.email = email.clone(),
        Channel::Sms => transports.sms = email.clone(),
        Channel::Webhook => transports.webhook = email.clone(),
    }
    let bell = Arc::new(OutboxBell::default());
    let worker = spawn_worker(
        api::db::Database::open(&db.url, 4, Default::default()).unwrap(),
        transports,
        clock.clone(),
        secrets.clone(),
        bell.clone(),
        Default::default(),
    );
    Stuck {
        worker,
        transport: email,
        release,
        ledger,
        bell,
    }
}

/// Waits until `done` holds, failing with `what` after [`ALL_DELIVERED_WITHIN`].
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < ALL_DELIVERED_WITHIN, "{what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sms_code_does_not_wait_behind_a_backlog_of_stuck_emails() {
    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");
    // An import's e-mails, queued first and due first.
    write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
        (0..200).try_for_each(|n| {
            outbox::insert(conn, &numbered_email(n), &secrets, clock.now()).map(drop)
        })
    })
    .unwrap();
    let stuck = worker_with_stuck(&db, &clock, &secrets, Channel::Email, |_| true);
    wait_until("no e-mail was taken", || stuck.taken() > 0).await;

    let code = OutgoingMessage {
        channel: Channel::Sms,
        purpose: "sms_code",
        recipient: "+905321234567".into(),
        subject: "the code".into(),
        body: "Onay kodunuz: 482913".into(),
        application_id: None,
        sensitive: true,
    };
    write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
        outbox::insert(conn, &code, &secrets, clock.now()).map(drop)
    })
    .unwrap();
    stuck.bell.ring();
    wait_until("the SMS code waited for the e-mails", || {
        stuck.ledger.deliveries().contains_key("the code")
    })
    .await;
    assert!(
        delivered_count(&db.pool) <= 1,
        "only the code has gone: the e-mails are still stuck"
    );

    stuck.release.send(true).unwrap();
    wait_until("the e-mails went once released", || {
        delivered_count(&db.pool) == 201
    })
    .await;
    stuck.worker.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_that_hangs_holds_its_own_place_not_the_ones_beside_it() {
    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");
    let queue = |messages: &[OutgoingMessage]| {
        write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
            messages
                .iter()
                .try_for_each(|m| outbox::insert(conn, m, &secrets, clock.now()).map(drop))
        })
        .unwrap();
    };
    let mut slow = numbered_email(0);
    slow.subject = "slow".into();
    queue(&[
        slow,
        numbered_email(1),
        numbered_email(2),
        numbered_email(3),
    ]);
    let stuck = worker_with_stuck(&db, &clock, &secrets, Channel::Email, |m| {
        m.subject == "slow"
    });

    // The three claimed beside the slow one are recorded while it still hangs.
    wait_until("the messages beside the slow one waited for it", || {
        delivered_count(&db.pool) == 3
    })
    .await;
    assert_eq!(stuck.taken(), 1);
    // One queued while it hangs goes when the bell rings, not after it.
    queue(&[numbered_email(4)]);
    stuck.bell.ring();
    wait_until("a message queued meanwhile waited for the slow one", || {
        delivered_count(&db.pool) == 4
    })
    .await;

    stuck.release.send(true).unwrap();
    wait_until("the slow one was recorded once released", || {
        delivered_count(&db.pool) == 5
    })
    .await;
    stuck.worker.shutdown().await;
    let deliveries = stuck.ledger.deliveries();
    assert_eq!(
        deliveries.len(),
        4,
        "each quick one went once: {deliveries:?}"
    );
    assert!(deliveries.values().all(|workers| workers.len() == 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_endpoint_that_hangs_takes_its_share_of_places_not_every_one() {
    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");
    let webhook = |endpoint: &str, n: usize| OutgoingMessage {
        channel: Channel::Webhook,
        purpose: "webhook",
        recipient: endpoint.into(),
        subject: format!("{endpoint} {n}"),
        body: "{}".into(),
        application_id: None,
        sensitive: false,
    };
    // A hostile institution's thousands of events, queued first, then another's three.
    let queued: Vec<OutgoingMessage> = (0..40)
        .map(|n| webhook("hostile", n))
        .chain((0..3).map(|n| webhook("fair", n)))
        .collect();
    write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
        queued
            .iter()
            .try_for_each(|m| outbox::insert(conn, m, &secrets, clock.now()).map(drop))
    })
    .unwrap();
    let stuck = worker_with_stuck(&db, &clock, &secrets, Channel::Webhook, |m| {
        m.recipient == "hostile"
    });

    wait_until("the other institution's webhooks waited", || {
        delivered_count(&db.pool) == 3
    })
    .await;
    let share = Channel::Webhook.in_flight_per_recipient().unwrap();
    assert_eq!(
        stuck.taken(),
        share,
        "the hanging endpoint has its share of places on their way, no more"
    );

    stuck.release.send(true).unwrap();
    wait_until(
        "the hostile endpoint's webhooks went once it answered",
        || delivered_count(&db.pool) == 43,
    )
    .await;
    stuck.worker.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lane_whose_transport_hangs_keeps_a_batch_of_handed_messages_not_every_one() {
    use api::notify::queued::{noting, Queued};

    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");
    let stuck = worker_with_stuck(&db, &clock, &secrets, Channel::Email, |_| true);
    // Requests' e-mails handed to the lane, eight a change, while its SMTP server hangs:
    // 32 on their way, 32 waiting for a place, the other 32 back in the table.
    for change in 0..12 {
        let queued = Queued::new(stuck.bell.takes_hand_offs());
        noting(&queued, || {
            write_transaction(&mut db.connection(), |conn: &mut AnyConnection| {
                (0..8).try_for_each(|n| {
                    let message = numbered_email(change * 8 + n);
                    outbox::insert(conn, &message, &secrets, clock.now()).map(drop)
                })
            })
            .unwrap()
        });
        assert!(stuck.bell.hand(queued.take_handed()).is_empty());
    }
    let in_the_table = || {
        outbox::all(&mut db.connection())
            .unwrap()
            .iter()
            .filter(|row| row.locked_until.is_none())
            .count()
    };
    wait_until("the lane kept every handed message", || {
        in_the_table() == 96 - 2 * 32
    })
    .await;
    assert_eq!(stuck.taken(), 32);

    stuck.release.send(true).unwrap();
    stuck.bell.ring();
    wait_until("every e-mail went once released", || {
        delivered_count(&db.pool) == 96
    })
    .await;
    stuck.worker.shutdown().await;
}
