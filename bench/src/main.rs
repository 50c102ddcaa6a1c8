//! `nes-bench`: the load benchmark behind `scripts/bench` (docs/benchmarks.md). For each
//! database it starts the release API with a fake SMS gateway, creates the pre-applications
//! through the bulk API, logs the applicants in through the e-Devlet simulator, runs the
//! applicant path (get → form → SMS code → verify → e-Onay) at the given concurrency, reads
//! `GET /api/session` and `GET /api/applications/{id}` in closed loops, imports a bulk of
//! pre-applications, and reports every throughput beside a bare actix-web handler measured by
//! the same client in the same run. It measures; it asserts only that the run completed
//! (every application approved), which is what `--quick` checks in CI.

mod applicant;
mod cpu;
mod gateway;
mod mail_server;
mod report;
mod scenario;
mod server;
mod stats;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use gateway::Gateway;
use mail_server::MailServer;
use report::{DatabaseFigures, Memory, Report};
use server::{Database, Process};

/// What to run; every field has a command-line flag of the same name.
#[derive(Debug, Clone)]
struct Options {
    databases: Vec<String>,
    applicants: usize,
    concurrency: usize,
    read_seconds: u64,
    bulk_rows: usize,
    api_bin: PathBuf,
    ceiling_bin: PathBuf,
    /// None: the local server, found when a PostgreSQL run starts (see `postgres_url`).
    postgres_url: Option<String>,
}

impl Options {
    fn parse() -> Result<Options, String> {
        let mut options = Options {
            databases: vec!["sqlite".into(), "postgres".into()],
            applicants: 2000,
            concurrency: 64,
            read_seconds: 10,
            bulk_rows: 100_000,
            api_bin: PathBuf::from("target/release/api"),
            ceiling_bin: PathBuf::from("target/release/bench-ceiling"),
            postgres_url: std::env::var("BENCH_POSTGRES_URL").ok(),
        };
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            if flag == "--quick" {
                options.applicants = 40;
                options.concurrency = 8;
                options.read_seconds = 1;
                options.bulk_rows = 2000;
                continue;
            }
            let value = args.next().ok_or(format!("{flag} wants a value"))?;
            let number = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
            match flag.as_str() {
                "--databases" => options.databases = value.split(',').map(str::to_owned).collect(),
                "--applicants" => options.applicants = number()?,
                "--concurrency" => options.concurrency = number()?,
                "--read-seconds" => options.read_seconds = number()? as u64,
                "--bulk-rows" => options.bulk_rows = number()?,
                "--api-bin" => options.api_bin = PathBuf::from(value),
                "--ceiling-bin" => options.ceiling_bin = PathBuf::from(value),
                "--postgres-url" => options.postgres_url = Some(value),
                other => return Err(format!("unknown flag {other} (see scripts/bench)")),
            }
        }
        Ok(options)
    }
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(report) => {
            println!("{report}");
            if report.complete() {
                std::process::ExitCode::SUCCESS
            } else {
                eprintln!("nes-bench: not every application was approved");
                std::process::ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("nes-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<Report, String> {
    let mut options = Options::parse()?;
    // The local server is tried through its socket only when a run needs PostgreSQL and no
    // URL was given.
    let wants_postgres = options.databases.iter().any(|name| name == "postgres");
    if wants_postgres && options.postgres_url.is_none() {
        options.postgres_url = Some(server::local_postgres_url());
    }
    let gateway = Arc::new(Gateway::start().map_err(|e| e.to_string())?);
    let mail = MailServer::start().await.map_err(|e| e.to_string())?;
    let read_time = Duration::from_secs(options.read_seconds);

    eprintln!("== ceiling: a bare actix-web handler");
    let ceiling = Process::ceiling(&options.ceiling_bin).await?;
    let client = reqwest::Client::new();
    let url = format!("{}/ceiling", ceiling.base);
    let ceiling_figures = scenario::closed_loop(options.concurrency, read_time, move |_| {
        let (client, url) = (client.clone(), url.clone());
        async move {
            let started = std::time::Instant::now();
            let answer = client.get(&url).send().await.map_err(|e| e.to_string())?;
            answer.bytes().await.map_err(|e| e.to_string())?;
            Ok(started.elapsed())
        }
    })
    .await;
    drop(ceiling);

    let mut report = Report {
        applicants: options.applicants,
        concurrency: options.concurrency,
        ceiling_per_second: ceiling_figures.per_second(),
        postgres_connection: wants_postgres
            .then(|| options.postgres_url.as_deref().map(server::connection_kind))
            .flatten(),
        databases: Vec::new(),
    };
    for name in &options.databases {
        let database = match name.as_str() {
            "sqlite" => Database::sqlite().map_err(|e| e.to_string())?,
            "postgres" => Database::postgres(options.postgres_url.as_deref().unwrap_or_default())?,
            other => return Err(format!("unknown database {other}: sqlite or postgres")),
        };
        eprintln!("== {}", database.label());
        report
            .databases
            .push(one_database(&options, &database, &gateway, &mail, read_time).await?);
    }
    Ok(report)
}

async fn one_database(
    options: &Options,
    database: &Database,
    gateway: &Arc<Gateway>,
    mail: &MailServer,
    read_time: Duration,
) -> Result<DatabaseFigures, String> {
    let mails_before = mail.received();
    let api = Process::api(
        &options.api_bin,
        database,
        &gateway.url,
        mail.port,
        options.applicants,
    )
    .await?;
    eprintln!("   pre-applications for {} applicants", options.applicants);
    let prepared = scenario::bulk_create(&api.base, 0, options.applicants).await?;
    report::wait_for_empty_outbox(&api.base).await?;
    eprintln!("   logging them in through the e-Devlet simulator");
    let applicants =
        Arc::new(scenario::log_in_all(&api.base, prepared.ids, options.concurrency).await?);
    let taahhutname = report::taahhutname(&api.base).await?;

    eprintln!("   the applicant path, {} at a time", options.concurrency);
    let meter = cpu::Meter::start(api.pid(), database.backend_pids());
    let path = scenario::applicant_path(
        applicants.clone(),
        gateway.clone(),
        options.concurrency,
        taahhutname,
    )
    .await;
    // The path's messages sent too: their sends and records are the path's work.
    report::wait_for_empty_outbox(&api.base).await?;
    let path_cpu = meter.per_application(path.completed);

    eprintln!("   reads");
    let readers = applicants.clone();
    let session = scenario::closed_loop(options.concurrency, read_time, move |worker| {
        let readers = readers.clone();
        async move { scenario::applicant_read(&readers, worker, "/api/session").await }
    })
    .await;
    let readers = applicants.clone();
    let application = scenario::closed_loop(options.concurrency, read_time, move |worker| {
        let readers = readers.clone();
        async move { scenario::applicant_read(&readers, worker, "/api/applications/{id}").await }
    })
    .await;

    eprintln!("   bulk import of {} rows", options.bulk_rows);
    let bulk = scenario::bulk_create(&api.base, options.applicants, options.bulk_rows).await?;
    let after_bulk = api.memory_mib();
    // At rest: the e-mails the import queued are sent and the API has had a few idle
    // seconds, as after any burst in production.
    report::wait_for_empty_outbox(&api.base).await?;
    // Each pre-application's e-mail reached the SMTP server (the path's e-mails come on top).
    let mails = mail.received() - mails_before;
    let created = u64::try_from(options.applicants + options.bulk_rows).unwrap_or(u64::MAX);
    if mails < created {
        return Err(format!(
            "the SMTP server received {mails} e-mails for {created} pre-applications"
        ));
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    let at_rest = api.memory_mib();
    // VmHWM only grows: the later reading holds the peak.
    let memory = after_bulk
        .zip(at_rest)
        .map(|((_, after_bulk), (peak, at_rest))| Memory {
            peak,
            after_bulk,
            at_rest,
        });
    Ok(DatabaseFigures {
        label: database.label(),
        path,
        path_cpu,
        session,
        application,
        bulk_rows: bulk.rows,
        bulk_took: bulk.took,
        memory_mib: memory,
    })
}
