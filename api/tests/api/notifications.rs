//! The outbox and its transports against the fake SMTP server and SMS gateway, on a fresh
//! database of the backend under test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use api::clock::{Clock, ManualClock};
use api::config::Config;
use api::db::testing::{fresh_database, TestDatabase};
use api::db::{write_transaction, AnyConnection};
use api::notify::outbox::{self, OutboxRow};
use api::notify::queued::{noting, Queued};
use api::notify::{
    deliver_due, enqueue, spawn_worker, templates, transports_from_config, Channel, OutboxBell,
    OutgoingMessage, Transports,
};
use api::secrets::Secrets;
use chrono::{TimeZone, Utc};
use serde_json::json;

use crate::fakes::{FakeSmsGateway, FakeSmtpServer};

const TOKEN: &str = "gateway-token-for-tests";
const PHONE: &str = "+905321234567";
const WAIT: Duration = Duration::from_secs(10);

struct Outbox {
    db: TestDatabase,
    clock: Arc<ManualClock>,
    secrets: Secrets,
    transports: Transports,
    data_dir: PathBuf,
}

impl Drop for Outbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Transports built from configuration, as the server builds them: SMTP and the HTTP gateway
/// when given, else the development log transport writing to a fresh data directory.
fn outbox_with(smtp: Option<&FakeSmtpServer>, sms: Option<&FakeSmsGateway>) -> Outbox {
    let data_dir = std::env::temp_dir().join(format!("nes-notify-{}", uuid::Uuid::new_v4()));
    let mut env: HashMap<&str, String> = HashMap::new();
    env.insert("NES_DATA_DIR", data_dir.display().to_string());
    if let Some(smtp) = smtp {
        env.insert("NES_EMAIL_TRANSPORT", "smtp".into());
        env.insert("SMTP_HOST", "127.0.0.1".into());
        env.insert("SMTP_PORT", smtp.port().to_string());
        env.insert("SMTP_TLS", "none".into());
        env.insert("NES_EMAIL_FROM", "Kamu SM <bilgi@kamusm.example>".into());
    }
    if let Some(sms) = sms {
        env.insert("NES_SMS_TRANSPORT", "http".into());
        env.insert("SMS_GATEWAY_URL", sms.url());
        env.insert("SMS_GATEWAY_TOKEN", TOKEN.into());
    }
    let config = Config::from_lookup(|k| env.get(k).cloned()).unwrap();
    let db = fresh_database();
    let clock = Arc::new(ManualClock::default());
    let database = api::db::Database::open(&db.url, 4, Default::default()).unwrap();
    Outbox {
        transports: transports_from_config(&config, &database, clock.clone()).unwrap(),
        db,
        clock,
        secrets: Secrets::derive(b"a test secret that is long enough for the key derivation"),
        data_dir,
    }
}

impl Outbox {
    fn conn(&self) -> api::db::AnyConnection {
        self.db.connection()
    }

    /// Queues messages in one committed transaction.
    fn enqueue(&self, messages: &[OutgoingMessage]) {
        let now = self.clock.now();
        write_transaction(&mut self.conn(), |conn: &mut AnyConnection| {
            messages
                .iter()
                .try_for_each(|m| enqueue(conn, m, &self.secrets, now))
        })
        .unwrap();
    }

    async fn deliver(&self) -> usize {
        deliver_due(
            &self.database(),
            &self.transports,
            self.clock.as_ref(),
            &self.secrets,
            &Default::default(),
        )
        .await
        .unwrap()
    }

    /// The test database as a server opens it (a pool, and SQLite's writer).
    fn database(&self) -> api::db::Database {
        api::db::Database::open(&self.db.url, 4, Default::default()).unwrap()
    }

    /// The worker running on this outbox, as the server starts it, and its bell.
    fn running_worker(&self) -> (Arc<OutboxBell>, api::notify::WorkerHandle) {
        let bell = Arc::new(OutboxBell::default());
        let worker = spawn_worker(
            self.database(),
            self.transports.clone(),
            self.clock.clone(),
            self.secrets.clone(),
            bell.clone(),
            Default::default(),
        );
        (bell, worker)
    }

    fn rows(&self) -> Vec<OutboxRow> {
        outbox::all(&mut self.conn()).unwrap()
    }

    fn only_row(&self) -> OutboxRow {
        let rows = self.rows();
        assert_eq!(rows.len(), 1, "{rows:?}");
        rows.into_iter().next().unwrap()
    }
}

fn welcome_email() -> OutgoingMessage {
    let (subject, body) = templates::pre_application_created(
        "Ayşe",
        "Yılmaz",
        "NES-2026-000123",
        "Örnek İl Sağlık Müdürlüğü",
        Utc.with_ymd_and_hms(2026, 12, 31, 20, 59, 0).unwrap(),
        "https://nes.example.gov.tr/",
    );
    OutgoingMessage {
        channel: Channel::Email,
        purpose: "pre_application_created",
        recipient: "ayse.yilmaz@kurum.gov.tr".into(),
        subject,
        body,
        application_id: None,
        sensitive: false,
    }
}

fn code_sms(code: &str) -> OutgoingMessage {
    OutgoingMessage {
        channel: Channel::Sms,
        purpose: "sms_code",
        recipient: PHONE.into(),
        subject: String::new(),
        body: templates::sms_code(code, "NES-2026-000123"),
        application_id: None,
        sensitive: true,
    }
}

#[tokio::test]
async fn an_email_queued_in_a_transaction_reaches_the_smtp_server_in_utf8_turkish() {
    let smtp = FakeSmtpServer::start().await;
    let outbox = outbox_with(Some(&smtp), None);
    let email = welcome_email();
    outbox.enqueue(std::slice::from_ref(&email));

    assert_eq!(outbox.deliver().await, 1);

    let mails = smtp.wait_for_messages(1, WAIT).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.from, "bilgi@kamusm.example");
    assert_eq!(mail.to, vec!["ayse.yilmaz@kurum.gov.tr".to_owned()]);
    assert_eq!(mail.subject(), email.subject);
    assert!(mail.subject().contains("ön başvurunuz oluşturuldu"));
    assert!(
        mail.data.contains("text/plain; charset=utf-8"),
        "{}",
        mail.data
    );
    assert_eq!(mail.text_body().trim_end(), email.body.trim_end());
    assert!(mail.text_body().contains("Sayın Ayşe Yılmaz"));
    assert!(mail.text_body().contains("\"Başvuruyu Tamamla\""));
    assert!(mail
        .header("From")
        .unwrap()
        .contains("bilgi@kamusm.example"));

    let row = outbox.only_row();
    assert_eq!(row.status, "delivered");
    assert_eq!(row.attempts, 1);
    assert!(row.delivered_at.is_some());
    assert!(row.locked_until.is_none());
    assert!(!row.sealed);
    assert_eq!(row.body, email.body, "an ordinary body is kept as it was");
}

#[tokio::test]
async fn smtp_connections_are_reused_from_one_batch_to_the_next() {
    let smtp = FakeSmtpServer::start().await;
    let outbox = outbox_with(Some(&smtp), None);
    let emails = vec![welcome_email(); 5];

    outbox.enqueue(&emails);
    assert_eq!(outbox.deliver().await, 5);
    let opened = smtp.connections();
    assert!(
        (1..=5).contains(&opened),
        "five sent side by side open at most five connections, opened {opened}"
    );
    // lettre parks a used connection from a task of its own; let it run.
    tokio::time::sleep(Duration::from_millis(50)).await;
    outbox.enqueue(&emails);
    assert_eq!(outbox.deliver().await, 5);

    assert_eq!(smtp.wait_for_messages(10, WAIT).await.len(), 10);
    assert_eq!(
        smtp.connections(),
        opened,
        "the second batch goes over the connections the first one opened"
    );
    assert!(outbox.rows().iter().all(|row| row.status == "delivered"));
}

#[tokio::test]
async fn an_sms_reaches_the_gateway_as_exact_json_with_the_bearer_token() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    outbox.enqueue(&[code_sms("482913")]);

    assert_eq!(outbox.deliver().await, 1);

    let requests = gateway.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].authorization.as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(requests[0]
        .content_type
        .as_deref()
        .unwrap_or_default()
        .starts_with("application/json"));
    assert_eq!(
        requests[0].json,
        json!({ "to": PHONE, "text": templates::sms_code("482913", "NES-2026-000123") })
    );
    assert_eq!(gateway.wait_for_sms_to(PHONE, 1, WAIT).await.len(), 1);
    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("482913"));
    assert_eq!(outbox.only_row().status, "delivered");
}

#[tokio::test]
async fn an_sms_body_is_stored_sealed_and_wiped_after_delivery() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let sms = code_sms("739164");
    outbox.enqueue(std::slice::from_ref(&sms));

    let stored = outbox.only_row();
    assert!(stored.sealed);
    assert!(
        !stored.body.contains("739164"),
        "the code is not stored in clear"
    );
    assert!(!stored.body.contains("onay kodunuz"));
    assert!(uuid::Uuid::parse_str(&stored.id).is_ok());
    assert_eq!(stored.plaintext_body(&outbox.secrets).unwrap(), sms.body);
    let other_secrets = Secrets::derive(b"another secret, another key, nothing opens with it");
    assert!(stored.plaintext_body(&other_secrets).is_err());

    outbox.deliver().await;

    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("739164"));
    let delivered = outbox.only_row();
    assert_eq!(delivered.status, "delivered");
    assert_eq!(delivered.body, "", "a delivered sealed body is wiped");
}

#[tokio::test]
async fn a_rolled_back_transaction_sends_nothing() {
    let smtp = FakeSmtpServer::start().await;
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(Some(&smtp), Some(&gateway));
    let now = outbox.clock.now();

    let result: Result<(), diesel::result::Error> =
        write_transaction(&mut outbox.conn(), |conn: &mut AnyConnection| {
            enqueue(conn, &welcome_email(), &outbox.secrets, now)?;
            enqueue(conn, &code_sms("111111"), &outbox.secrets, now)?;
            // The state change that these messages announce fails afterwards.
            Err(diesel::result::Error::RollbackTransaction)
        });
    assert!(result.is_err());

    assert!(outbox.rows().is_empty());
    assert_eq!(outbox.deliver().await, 0);
    assert!(smtp
        .wait_for_messages(1, Duration::from_millis(300))
        .await
        .is_empty());
    assert!(gateway.requests().is_empty());
}

#[tokio::test]
async fn a_503_from_the_gateway_is_retried_after_the_backoff_and_then_delivered() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    outbox.enqueue(&[code_sms("246810")]);
    gateway.fail_next(1, 503);

    assert_eq!(outbox.deliver().await, 1);
    let waiting = outbox.only_row();
    assert_eq!(waiting.status, "pending");
    assert_eq!(waiting.attempts, 1);
    assert!(waiting
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("503"));
    assert!(!waiting
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("246810"));
    assert!(waiting.locked_until.is_none());
    let wait = waiting.next_attempt_at() - outbox.clock.now();
    assert!(
        wait >= chrono::Duration::seconds(5) && wait <= chrono::Duration::milliseconds(6250),
        "first backoff is 5 s plus jitter, was {wait}"
    );
    assert_ne!(
        waiting.body, "",
        "a message still to be sent keeps its sealed body"
    );

    // Not due yet: nothing is attempted.
    assert_eq!(outbox.deliver().await, 0);
    assert!(gateway.messages().is_empty());

    outbox.clock.advance(chrono::Duration::seconds(7));
    assert_eq!(outbox.deliver().await, 1);

    assert_eq!(gateway.requests().len(), 2);
    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("246810"));
    let delivered = outbox.only_row();
    assert_eq!(delivered.status, "delivered");
    assert_eq!(delivered.attempts, 2);
    assert_eq!(delivered.body, "");
}

#[tokio::test]
async fn a_400_from_the_gateway_is_a_permanent_failure_and_not_retried() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    outbox.enqueue(&[code_sms("135790")]);
    gateway.fail_next(1, 400);

    assert_eq!(outbox.deliver().await, 1);

    let failed = outbox.only_row();
    assert_eq!(failed.status, "failed");
    assert_eq!(failed.attempts, 1);
    assert!(failed
        .last_error
        .as_deref()
        .unwrap_or_default()
        .contains("400"));
    assert_eq!(
        failed.body, "",
        "a settled sealed body is wiped, delivered or not"
    );
    assert!(failed.delivered_at.is_none());

    outbox.clock.advance(chrono::Duration::hours(2));
    assert_eq!(outbox.deliver().await, 0);
    assert_eq!(gateway.requests().len(), 1);
    assert!(gateway.messages().is_empty());
}

#[tokio::test]
async fn a_wrong_gateway_token_is_refused_and_the_message_fails() {
    let gateway = FakeSmsGateway::start("the-gateway-expects-another-token").await;
    let outbox = outbox_with(None, Some(&gateway));
    outbox.enqueue(&[code_sms("975310")]);

    outbox.deliver().await;

    assert_eq!(gateway.requests()[0].status, 401);
    assert_eq!(outbox.only_row().status, "failed");
}

#[tokio::test]
async fn an_unreachable_smtp_server_is_a_transient_failure() {
    let smtp = FakeSmtpServer::start().await;
    let outbox = outbox_with(Some(&smtp), None);
    drop(smtp); // the port is closed now
    outbox.enqueue(&[welcome_email()]);

    assert_eq!(outbox.deliver().await, 1);

    let row = outbox.only_row();
    assert_eq!(row.status, "pending");
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
}

#[tokio::test]
async fn two_workers_never_send_the_same_message_twice() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let messages: Vec<_> = (0..12)
        .map(|i| code_sms(&format!("{:06}", 100_000 + i)))
        .collect();
    outbox.enqueue(&messages);

    let (a, b) = tokio::join!(outbox.deliver(), outbox.deliver());

    assert_eq!(a + b, 12);
    let mut texts: Vec<String> = gateway.messages().into_iter().map(|sms| sms.text).collect();
    assert_eq!(texts.len(), 12);
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 12, "each message went exactly once");
    assert!(outbox.rows().iter().all(|row| row.status == "delivered"));
}

/// Collects what the code under test logs on this thread.
#[derive(Clone, Default)]
struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn the_log_transport_writes_messages_to_the_mailbox_and_never_logs_a_body() {
    let outbox = outbox_with(None, None);
    outbox.enqueue(&[welcome_email(), code_sms("864209")]);
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();

    let delivered = {
        let _guard = tracing::subscriber::set_default(subscriber);
        outbox.deliver().await
    };
    assert_eq!(delivered, 2);

    let mailbox = outbox.data_dir.join("mailbox");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&mailbox)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2, "{files:?}");
    let sms_file = files
        .iter()
        .find(|f| f.file_name().unwrap().to_str().unwrap().contains("-sms-"))
        .expect("a file for the SMS");
    let sms_text = std::fs::read_to_string(sms_file).unwrap();
    assert!(sms_text.contains("onay kodunuz: 864209"), "{sms_text}");
    assert!(sms_text.contains(PHONE));
    let email_file = files
        .iter()
        .find(|f| f.file_name().unwrap().to_str().unwrap().contains("-email-"))
        .expect("a file for the e-mail");
    assert!(std::fs::read_to_string(email_file)
        .unwrap()
        .contains("Sayın Ayşe Yılmaz"));

    let logged = log.text();
    assert!(logged.contains(&sms_file.display().to_string()), "{logged}");
    assert!(logged.contains("0532 *** ** 67"), "{logged}");
    assert!(
        !logged.contains("864209"),
        "the code must not be logged:\n{logged}"
    );
    assert!(!logged.contains("Sayın"), "no body is logged:\n{logged}");
    assert!(!logged.contains(PHONE), "recipients are masked:\n{logged}");
    assert!(
        !logged.contains("ayse.yilmaz@"),
        "recipients are masked:\n{logged}"
    );
    assert!(outbox.rows().iter().all(|row| row.status == "delivered"));
}

#[test]
fn work_that_queues_messages_names_their_channels_for_the_bell() {
    let outbox = outbox_with(None, None);
    let queued = Queued::default();
    noting(&queued, || {
        outbox.enqueue(&[code_sms("192837"), code_sms("564738")])
    });
    assert_eq!(queued.channels().collect::<Vec<_>>(), [Channel::Sms]);
    let email = OutgoingMessage {
        channel: Channel::Email,
        ..code_sms("000000")
    };
    noting(&queued, || outbox.enqueue(&[email]));
    assert_eq!(
        queued.channels().collect::<Vec<_>>(),
        [Channel::Sms, Channel::Email]
    );
    let nothing = Queued::default();
    noting(&nothing, || outbox.rows());
    assert_eq!(nothing.channels().count(), 0, "reading queues nothing");
}

#[tokio::test]
async fn the_worker_sends_when_the_bell_rings_and_stops_on_shutdown() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let (bell, worker) = outbox.running_worker();

    outbox.enqueue(&[code_sms("192837")]);
    bell.ring();
    assert_eq!(gateway.wait_for_sms_to(PHONE, 1, WAIT).await.len(), 1);

    tokio::time::timeout(WAIT, worker.shutdown())
        .await
        .expect("the worker stops promptly");

    outbox.enqueue(&[code_sms("564738")]);
    bell.ring();
    // Longer than the poll interval: a running worker would have sent it by now.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(gateway.messages().len(), 1);
    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("192837"));
    let pending: Vec<_> = outbox
        .rows()
        .into_iter()
        .filter(|r| r.status == "pending")
        .collect();
    assert_eq!(pending.len(), 1);
}

/// Runs `work` as `AppState` runs a request's change, for a worker behind `bell`.
fn queued_by(bell: &OutboxBell, work: impl FnOnce()) -> Queued {
    let queued = Queued::new(bell.takes_hand_offs());
    noting(&queued, work);
    queued
}

#[tokio::test]
async fn an_sms_code_handed_to_its_lane_leaves_without_waiting_for_a_claim() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let (bell, worker) = outbox.running_worker();
    let queued = queued_by(&bell, || outbox.enqueue(&[code_sms("192837")]));
    assert_eq!(queued.channels().count(), 0, "no lane needs to claim it");
    let stored = outbox.only_row();
    // The manual clock stands still: no claim can take a message claimed for minutes.
    assert!(
        stored.locked_until > Some(outbox.clock.now().naive_utc()),
        "stored claimed: {stored:?}"
    );
    assert!(bell.hand(queued.take_handed()).is_empty(), "the lane runs");
    assert_eq!(gateway.wait_for_sms_to(PHONE, 1, WAIT).await.len(), 1);
    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("192837"));
    tokio::time::timeout(WAIT, worker.shutdown())
        .await
        .expect("the worker stops promptly");
    let sent = outbox.only_row();
    assert_eq!(sent.status, "delivered");
    assert_eq!((sent.attempts, sent.locked_until), (1, None));
}

#[test]
fn a_rolled_back_change_hands_nothing_and_without_a_worker_a_code_waits_for_a_claim() {
    let outbox = outbox_with(None, None);
    let queued = Queued::new(true);
    let now = outbox.clock.now();
    noting(&queued, || {
        let rolled_back = write_transaction(&mut outbox.conn(), |conn: &mut AnyConnection| {
            enqueue(conn, &code_sms("192837"), &outbox.secrets, now)?;
            Err::<(), _>(diesel::result::Error::RollbackTransaction)
        });
        assert!(rolled_back.is_err());
    });
    assert!(queued.take_handed().is_empty(), "a code never stored");
    assert!(outbox.rows().is_empty());

    let without_worker = queued_by(&OutboxBell::default(), || {
        outbox.enqueue(&[code_sms("564738")])
    });
    assert!(without_worker.take_handed().is_empty());
    assert_eq!(
        without_worker.channels().collect::<Vec<_>>(),
        [Channel::Sms],
        "its lane is rung to claim it"
    );
    assert_eq!(outbox.only_row().locked_until, None);
}

#[tokio::test]
async fn a_code_handed_to_a_lane_that_stops_goes_back_to_the_table() {
    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let (bell, worker) = outbox.running_worker();
    let queued = queued_by(&bell, || outbox.enqueue(&[code_sms("192837")]));
    // Handed and stopped before the lane (on this one test thread) runs again: it sees the
    // stop first, and gives the code back rather than leave it claimed by nobody.
    assert!(bell.hand(queued.take_handed()).is_empty());
    tokio::time::timeout(WAIT, worker.shutdown())
        .await
        .expect("the worker stops promptly");
    assert!(gateway.messages().is_empty());
    let back = outbox.only_row();
    assert_eq!((back.status.as_str(), back.locked_until), ("pending", None));
    assert!(!bell.takes_hand_offs(), "a stopped worker takes nothing");
    assert_eq!(outbox.deliver().await, 1, "the next claim sends it");
    assert_eq!(gateway.latest_code_for(PHONE).as_deref(), Some("192837"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_handed_while_the_lane_records_an_outcome_leaves_without_waiting_for_it() {
    use diesel::connection::SimpleConnection;

    let gateway = FakeSmsGateway::start(TOKEN).await;
    let outbox = outbox_with(None, Some(&gateway));
    let (bell, worker) = outbox.running_worker();
    let first = queued_by(&bell, || outbox.enqueue(&[code_sms("192837")]));
    let second = queued_by(&bell, || outbox.enqueue(&[code_sms("564738")]));

    // Another writer holds the outbox: the record of the first code waits for it (within the
    // database's lock timeout of 5 s).
    let mut holder = outbox.conn();
    holder
        .batch_execute(match &holder {
            AnyConnection::Sqlite(_) => "BEGIN IMMEDIATE",
            AnyConnection::Postgresql(_) => "BEGIN; LOCK TABLE outbox IN SHARE MODE",
        })
        .unwrap();
    assert!(bell.hand(first.take_handed()).is_empty());
    assert_eq!(gateway.wait_for_sms_to(PHONE, 1, WAIT).await.len(), 1);
    // Time for the lane to take the gateway's answer and begin the record.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(bell.hand(second.take_handed()).is_empty());
    let both = gateway
        .wait_for_sms_to(PHONE, 2, Duration::from_secs(2))
        .await;
    holder.batch_execute("COMMIT").unwrap();
    assert_eq!(
        both.len(),
        2,
        "the second code waited for the first's record"
    );

    tokio::time::timeout(WAIT, worker.shutdown())
        .await
        .expect("the worker stops promptly");
    let rows = outbox.rows();
    assert!(
        rows.iter()
            .all(|row| row.status == "delivered" && row.locked_until.is_none()),
        "{rows:?}"
    );
}

/// The statements `conn` starts from now on, by their first words.
fn started_statements(conn: &mut AnyConnection) -> Arc<Mutex<Vec<String>>> {
    use diesel::connection::{Connection, InstrumentationEvent};
    let started = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&started);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            sink.lock().unwrap().push(query.to_string());
        }
    });
    started
}

#[test]
fn a_batch_of_deliveries_is_recorded_in_one_statement_and_a_retry_beside_it_in_its_own() {
    let outbox = outbox_with(None, None);
    let mut later_email = welcome_email();
    later_email.recipient = "mehmet.kaya@kurum.gov.tr".into();
    outbox.enqueue(&[
        code_sms("111111"),
        welcome_email(),
        code_sms("222222"),
        later_email,
    ]);
    let rows = outbox.rows();
    let of = |channel: &str, n: usize| {
        rows.iter()
            .filter(|row| row.channel == channel)
            .nth(n)
            .unwrap()
            .clone()
    };
    let (sms_a, sms_b) = (of("sms", 0), of("sms", 1));
    let (email, later) = (of("email", 0), of("email", 1));
    let now = outbox.clock.now();
    let mut conn = outbox.conn();
    let started = started_statements(&mut conn);
    let updates = || {
        let started = started.lock().unwrap();
        started
            .iter()
            .filter(|sql| sql.starts_with("UPDATE"))
            .count()
    };

    // Two deliveries alone: one statement, and no transaction around it.
    let delivered = [
        (sms_a.clone(), outbox::Outcome::Delivered),
        (email.clone(), outbox::Outcome::Delivered),
    ];
    outbox::record_all(&mut conn, &delivered, now).unwrap();
    assert_eq!(updates(), 1, "{:#?}", started.lock().unwrap());
    assert_eq!(started.lock().unwrap().len(), 1, "no BEGIN, no COMMIT");

    // A retry beside a delivery: a statement each, together.
    let retry_at = now + chrono::Duration::seconds(30);
    let mixed = [
        (sms_b.clone(), outbox::Outcome::Delivered),
        (
            later.clone(),
            outbox::Outcome::Retry {
                at: retry_at,
                error: "the server hung up".into(),
            },
        ),
    ];
    started.lock().unwrap().clear();
    outbox::record_all(&mut conn, &mixed, now).unwrap();
    assert_eq!(updates(), 2, "{:#?}", started.lock().unwrap());

    let after = outbox.rows();
    let now_row = |of: &OutboxRow| after.iter().find(|row| row.id == of.id).unwrap().clone();
    for sms in [&sms_a, &sms_b] {
        let sms = now_row(sms);
        assert_eq!(
            (sms.status.as_str(), sms.attempts, sms.body.as_str()),
            ("delivered", 1, ""),
            "a delivered sealed body is wiped"
        );
        assert!(sms.locked_until.is_none() && sms.delivered_at.is_some());
    }
    let delivered_email = now_row(&email);
    assert_eq!(
        (delivered_email.status.as_str(), delivered_email.attempts),
        ("delivered", 1)
    );
    assert_eq!(delivered_email.body, email.body, "an unsealed body is kept");
    let retried = now_row(&later);
    assert_eq!((retried.status.as_str(), retried.attempts), ("pending", 1));
    assert_eq!(retried.next_attempt_at, api::db::to_db_time(retry_at));
    assert_eq!(retried.last_error.as_deref(), Some("the server hung up"));
}
