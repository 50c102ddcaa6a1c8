//! A fault is an answer, not a 500: a database that is busy, unreachable or restarting is
//! answered `503` with `Retry-After` and the API recovers by itself; a server killed in the
//! middle of a load loses nothing it acknowledged.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use api::db::testing::{fresh_database, test_backend};
use api::db::{AnyConnection, Backend};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use reqwest::{Method, StatusCode};

use crate::fakes::FakeSmsGateway;
use crate::helpers::{citizen, problem, spawn_app_with, valid_form, TempDir, TestApp};
use crate::load::{self, Applicant, Ledger};
use crate::private_postgres::PrivatePostgres;

const GATEWAY_TOKEN: &str = "fault-test-gateway";

/// Only `ok` answers and `503`s that say why and when to come back; never a 500.
fn assert_only_success_or_503(ledger: &Ledger) {
    let statuses = ledger.statuses();
    eprintln!("answers: {statuses:?}; problems: {:?}", ledger.problems());
    for status in statuses.keys() {
        assert!(
            matches!(status, 200 | 204 | 503),
            "unexpected status {status}: {statuses:?} {:?}",
            ledger.problems()
        );
    }
    for ((status, code), count) in ledger.problems() {
        assert!(
            status == 503 && matches!(code.as_str(), "database_unavailable" | "database_busy"),
            "{count} × {status} {code}"
        );
    }
}

/// Reads and draft saves by every applicant, until `stop` is set.
async fn keep_working(
    applicants: Arc<Vec<(Applicant, String)>>,
    ledger: Arc<Ledger>,
    stop: Arc<AtomicBool>,
) {
    let workers = (0..applicants.len()).map(|index| {
        let (applicants, ledger, stop) = (applicants.clone(), ledger.clone(), stop.clone());
        tokio::spawn(async move {
            let (applicant, id) = &applicants[index];
            let path = format!("/api/applications/{id}");
            while !stop.load(Ordering::Relaxed) {
                applicant.call(&ledger, Method::GET, &path, None).await;
                let draft = Some(valid_form("0532 000 00 00"));
                applicant
                    .call(&ledger, Method::PUT, &format!("{path}/draft"), draft)
                    .await;
            }
        })
    });
    for worker in workers.collect::<Vec<_>>() {
        worker.await.unwrap();
    }
}

/// One pre-application per test citizen, each logged in.
async fn logged_in_applicants(base: &str, app_db_url: &str) -> Arc<Vec<(Applicant, String)>> {
    let mut applicants = Vec::new();
    for (person, ids) in load::pre_applications(base, app_db_url, 1).await {
        applicants.push((Applicant::log_in(base, &person).await, ids[0].clone()));
    }
    Arc::new(applicants)
}

async fn eventually_ok(app: &TestApp, path: &str, within: Duration) {
    let started = Instant::now();
    loop {
        let status = app.client.get(app.url(path)).send().await.unwrap().status();
        if status == StatusCode::OK {
            return;
        }
        assert!(started.elapsed() < within, "{path} still answers {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn a_change_held_up_by_another_transactions_lock_is_answered_503_then_goes_through() {
    let app = spawn_app_with(&[("DATABASE_LOCK_TIMEOUT_MS", "300")]).await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "person", false).await;
    app.login_as(&ayse).await;

    // Another transaction holds the lock the form submission needs: SQLite's one writer
    // lock, or the application's row on PostgreSQL.
    let mut holder = app.db.connection();
    match &mut holder {
        AnyConnection::Sqlite(_) => holder.batch_execute("BEGIN IMMEDIATE").unwrap(),
        AnyConnection::Postgresql(_) => holder
            .batch_execute(&format!(
                "BEGIN; SELECT id FROM applications WHERE id = '{id}' FOR UPDATE"
            ))
            .unwrap(),
    }
    let response = app.submit_form(&id, valid_form("05321234567")).await;
    let retry_after = response.headers().get("retry-after").cloned();
    let (status, body) = problem(response).await;
    assert_eq!(status, 503);
    assert_eq!(body["code"], "database_busy");
    assert_eq!(retry_after.unwrap(), "1");

    holder.batch_execute("ROLLBACK").unwrap();
    let response = app.submit_form(&id, valid_form("05321234567")).await;
    assert_eq!(response.status(), 200, "nothing was left half-done");
}

#[tokio::test]
async fn connections_killed_under_load_are_answered_503_and_the_pool_heals_by_itself() {
    // Killing a connection is a PostgreSQL fault; SQLite has no server connection to lose
    // (its faults are the lock test above and the SIGKILL test below).
    if test_backend() != Backend::Postgres {
        return;
    }
    let app = spawn_app_with(&[("DATABASE_MAX_CONNECTIONS", "8")]).await;
    let applicants = logged_in_applicants(&app.address, &app.db.url).await;
    let (ledger, stop) = (
        Arc::new(Ledger::default()),
        Arc::new(AtomicBool::new(false)),
    );
    let load = tokio::spawn(keep_working(applicants, ledger.clone(), stop.clone()));

    let mut admin = app.db.connection();
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(150)).await;
        admin
            .batch_execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    load.await.unwrap();

    assert_only_success_or_503(&ledger);
    assert!(
        ledger.statuses().contains_key(&503),
        "{:?}",
        ledger.statuses()
    );
    eventually_ok(&app, "/readyz", Duration::from_secs(10)).await;
    let (status, _) = app.get_json("/api/taahhutname").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn postgresql_restarted_under_load_is_answered_503_and_the_api_recovers_without_a_restart() {
    // A server of the test's own, restarted under load; the SQLite run has nothing to restart.
    if test_backend() != Backend::Postgres {
        return;
    }
    let postgres = PrivatePostgres::start();
    let url = postgres.url("nes");
    let app = spawn_app_with(&[
        ("DATABASE_URL", url.as_str()),
        ("DATABASE_POOL_TIMEOUT_SECONDS", "1"),
    ])
    .await;
    let applicants = logged_in_applicants(&app.address, &app.db.url).await;
    let (ledger, stop) = (
        Arc::new(Ledger::default()),
        Arc::new(AtomicBool::new(false)),
    );
    let load = tokio::spawn(keep_working(applicants, ledger.clone(), stop.clone()));

    tokio::time::sleep(Duration::from_millis(500)).await;
    postgres.stop();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert!(ready.headers().contains_key("retry-after"));
    let (status, body) = problem(ready).await;
    assert_eq!(status, 503, "not ready while the database is down");
    assert_eq!(body["code"], "database_unavailable");
    tokio::time::sleep(Duration::from_secs(2)).await;
    postgres.start_again();
    eventually_ok(&app, "/readyz", Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    stop.store(true, Ordering::Relaxed);
    load.await.unwrap();

    assert_only_success_or_503(&ledger);
    let statuses = ledger.statuses();
    assert!(statuses.contains_key(&503), "{statuses:?}");
    assert!(statuses.contains_key(&200), "{statuses:?}");
    let (status, _) = app.get_json("/api/taahhutname").await;
    assert_eq!(status, 200);
}

/// The real `api` binary, started on `database_url` with the fake SMS gateway.
struct ServerProcess {
    child: Child,
    base: String,
}

impl ServerProcess {
    async fn start(database_url: &str, data_dir: &TempDir, sms: &FakeSmsGateway) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let child = Command::new(env!("CARGO_BIN_EXE_api"))
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("NES_BIND", format!("127.0.0.1:{port}"))
            .env("NES_PUBLIC_URL", &base)
            .env("DATABASE_URL", database_url)
            .env("DATABASE_MAX_CONNECTIONS", "16")
            .env("NES_DATA_DIR", &data_dir.0)
            .env("NES_STATIC_DIR", data_dir.0.join("no-spa"))
            .env("NES_EMAIL_TRANSPORT", "log")
            .env("NES_SMS_TRANSPORT", "http")
            .env("SMS_GATEWAY_URL", sms.url())
            .env("SMS_GATEWAY_TOKEN", GATEWAY_TOKEN)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .expect("the api binary starts");
        let started = Instant::now();
        while reqwest::get(format!("{base}/readyz"))
            .await
            .map(|r| r.status() != StatusCode::OK)
            .unwrap_or(true)
        {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the API never became ready"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        ServerProcess { child, base }
    }

    /// SIGKILL: no graceful shutdown, nothing flushed that was not already durable.
    fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn every_step_acknowledged_before_a_sigkill_is_still_there_after_a_restart() {
    let db = fresh_database();
    let data_dir = TempDir(std::env::temp_dir().join(format!("nes-kill-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&data_dir.0).unwrap();
    let sms = Arc::new(FakeSmsGateway::start(GATEWAY_TOKEN).await);
    let mut server = ServerProcess::start(&db.url, &data_dir, &sms).await;

    let ledger = Arc::new(Ledger::default());
    let people = load::pre_applications(&server.base, &db.url, 4).await;
    let mut work = Vec::new();
    let mut next_phone = 0;
    for (person, ids) in people {
        let applicant = Applicant::log_in(&server.base, &person).await;
        let taahhutname = load::consent(&applicant, &ledger).await;
        let phones: Vec<String> = ids
            .iter()
            .map(|_| {
                next_phone += 1;
                load::phone_of(next_phone)
            })
            .collect();
        let (ledger, sms) = (ledger.clone(), sms.clone());
        work.push(tokio::spawn(async move {
            for (id, phone) in ids.iter().zip(&phones) {
                load::complete(&applicant, &ledger, &sms, id, phone, &taahhutname).await;
            }
        }));
    }
    // Kill it while the applicants are still at work.
    let started = Instant::now();
    while ledger.approvals() < 6 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the load never got going"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill();
    for task in work {
        task.await.unwrap();
    }
    let acknowledged = ledger.acknowledged();
    eprintln!(
        "acknowledged before the kill: {} steps, {} approvals",
        acknowledged.len(),
        ledger.approvals()
    );
    assert!(
        ledger.approvals() < 20,
        "the kill came while work was still going on"
    );

    // Started again on the same database: everything acknowledged is there.
    let server = ServerProcess::start(&db.url, &data_dir, &sms).await;
    let mut conn = db.connection();
    for (id, step) in &acknowledged {
        use api::db::schema::applications;
        let state: String = applications::table
            .find(id)
            .select(applications::state)
            .first(&mut conn)
            .unwrap();
        assert!(
            step.reached_by(&state),
            "{id}: acknowledged {step:?}, stored {state}"
        );
        if *step == load::Step::Approved {
            use api::db::schema::approvals;
            let approved: i64 = approvals::table
                .find(id)
                .count()
                .get_result(&mut conn)
                .unwrap();
            assert_eq!(approved, 1, "{id}: approval record");
        }
    }
    let (_, first_ids) = &load::pre_applications(&server.base, &db.url, 1).await[0];
    assert!(!first_ids.is_empty(), "the restarted server works");
}

#[derive(QueryableByName)]
struct BackendPid {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pid: i32,
}

/// The PostgreSQL backend serving the connection the read was given.
async fn backend_pid(database: &api::db::Database) -> Result<i32, api::error::ApiError> {
    database
        .read(|conn| {
            Ok(diesel::sql_query("SELECT pg_backend_pid() AS pid")
                .get_result::<BackendPid>(conn)?
                .pid)
        })
        .await
}

/// Ends backend `pid` and waits until it is gone.
fn terminate(url: &str, pid: i32) {
    let mut admin = PgConnection::establish(url).unwrap();
    admin
        .batch_execute(&format!("SELECT pg_terminate_backend({pid})"))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        let alive: i64 = diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(&format!(
            "(SELECT count(*) FROM pg_stat_activity WHERE pid = {pid})"
        )))
        .get_result(&mut admin)
        .unwrap();
        if alive == 0 {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("backend {pid} did not end");
}

#[tokio::test]
async fn a_connection_that_just_worked_is_handed_out_unchecked_and_one_found_lost_leaves_the_pool()
{
    // Only a server connection can be lost; the pool never checks SQLite's.
    if test_backend() != Backend::Postgres {
        return;
    }
    let db = fresh_database();
    let database = api::db::Database::open(&db.url, 1, Default::default()).unwrap();
    let first = backend_pid(&database).await.unwrap();
    assert_eq!(
        backend_pid(&database).await.unwrap(),
        first,
        "one connection"
    );

    // Right after its work the connection is handed out without a `SELECT 1`, so the read
    // meets the loss itself: the database is unavailable (503), not a 500.
    terminate(&db.url, first);
    let lost = backend_pid(&database).await.unwrap_err();
    assert!(
        matches!(&lost, api::error::ApiError::Database(e)
            if api::db::failure_of(e) == Some(api::db::DbFailure::Unavailable)),
        "{lost:?}"
    );
    // The lost connection was not given back to the pool.
    let second = backend_pid(&database).await.unwrap();
    assert_ne!(second, first);

    // A connection idle past the trust is checked first, and a dead one replaced unseen.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    terminate(&db.url, second);
    let third = backend_pid(&database).await.unwrap();
    assert_ne!(third, second);
}

#[tokio::test]
async fn the_outbox_does_not_wait_for_a_connection_the_requests_hold() {
    // On SQLite the outbox's work goes to the front of the writer's queue instead.
    if test_backend() != Backend::Postgres {
        return;
    }
    let db = fresh_database();
    let settings = api::db::PoolSettings {
        max_connections: 1,
        checkout_timeout: Duration::from_millis(500),
        ..api::db::PoolSettings::from(1)
    };
    let database = api::db::Database::open(&db.url, settings, Default::default()).unwrap();
    // The pool's one connection at work on a request that takes its time.
    let held = database.pool.get().unwrap();

    let urgent = database
        .change_first(|conn| {
            Ok(diesel::sql_query("SELECT pg_backend_pid() AS pid")
                .get_result::<BackendPid>(conn)?
                .pid)
        })
        .await
        .expect("the outbox's work ran on a connection of its own");
    let busy = backend_pid(&database).await.unwrap_err();
    assert!(
        matches!(
            busy,
            api::error::ApiError::NoConnection(_) | api::error::ApiError::Busy(_)
        ),
        "a request still waits for the pool: {busy:?}"
    );
    drop(held);
    assert_ne!(backend_pid(&database).await.unwrap(), urgent);
}
