//! The report: one table per database, every throughput also as a share of the bare
//! actix-web handler measured in the same run.

use std::fmt;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::cpu::CpuPerApplication;
use crate::scenario::{PathFigures, ReadFigures};

pub struct DatabaseFigures {
    pub label: &'static str,
    pub path: PathFigures,
    /// CPU the path cost a completed application (its messages' sends included).
    pub path_cpu: Option<CpuPerApplication>,
    pub session: ReadFigures,
    pub application: ReadFigures,
    pub bulk_rows: usize,
    pub bulk_took: Duration,
    pub memory_mib: Option<Memory>,
}

/// The API's resident memory, MiB: its peak, right after the bulk import, and at rest (the
/// import's e-mails sent, five idle seconds later).
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    pub peak: f64,
    pub after_bulk: f64,
    pub at_rest: f64,
}

pub struct Report {
    pub applicants: usize,
    pub concurrency: usize,
    pub ceiling_per_second: f64,
    /// How the API reached PostgreSQL, when it did: its cost differs by a sixth (docs/deployment.md).
    pub postgres_connection: Option<&'static str>,
    pub databases: Vec<DatabaseFigures>,
}

impl Report {
    /// Every applicant of every database went through the whole path.
    pub fn complete(&self) -> bool {
        self.databases
            .iter()
            .all(|db| db.path.completed == self.applicants && db.path.failures.is_empty())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let share = |per_second: f64| 100.0 * per_second / self.ceiling_per_second;
        writeln!(
            f,
            "\n{} applicants, {} at a time; bare actix-web handler: {:.0} req/s (same client, same run)\n",
            self.applicants, self.concurrency, self.ceiling_per_second
        )?;
        if let Some(connection) = self.postgres_connection {
            writeln!(f, "PostgreSQL through {connection}\n")?;
        }
        write!(f, "| what |")?;
        for db in &self.databases {
            write!(f, " {} |", db.label)?;
        }
        writeln!(f)?;
        write!(f, "|---|")?;
        for _ in &self.databases {
            write!(f, "---|")?;
        }
        writeln!(f)?;
        let mut row = |what: &str, cell: &dyn Fn(&DatabaseFigures) -> String| -> fmt::Result {
            write!(f, "| {what} |")?;
            for db in &self.databases {
                write!(f, " {} |", cell(db))?;
            }
            writeln!(f)
        };
        row("applicant path, completed applications/s", &|db| {
            format!(
                "{:.0} ({} of {})",
                db.path.completed as f64 / db.path.took.as_secs_f64(),
                db.path.completed,
                self.applicants
            )
        })?;
        for step in ["get", "form", "verify", "e_onay"] {
            row(&format!("`{step}` p50 / p99 ms"), &|db| {
                db.path
                    .steps
                    .get(step)
                    .map(|l| {
                        format!(
                            "{:.1} / {:.1}",
                            l.percentile_ms(50.0),
                            l.percentile_ms(99.0)
                        )
                    })
                    .unwrap_or_else(|| "—".into())
            })?;
        }
        row(
            "CPU a completed application, ms: API / PostgreSQL's backends",
            &|db| match db.path_cpu {
                Some(cpu) => format!(
                    "{:.2} / {}",
                    cpu.api_ms,
                    cpu.database_ms
                        .map_or_else(|| "—".into(), |ms| format!("{ms:.2}"))
                ),
                None => "—".into(),
            },
        )?;
        row("SMS: form → gateway, p50 / p99 ms", &|db| {
            format!(
                "{:.1} / {:.1}",
                db.path.sms_delivery.percentile_ms(50.0),
                db.path.sms_delivery.percentile_ms(99.0)
            )
        })?;
        for (what, session) in [
            ("`GET /api/session` req/s (share of bare)", true),
            ("`GET /api/applications/{id}` req/s (share)", false),
        ] {
            row(what, &|db| {
                let read = if session {
                    &db.session
                } else {
                    &db.application
                };
                format!(
                    "{:.0} ({:.1} %), p50 {:.1} ms, p99 {:.1} ms{}",
                    read.per_second(),
                    share(read.per_second()),
                    read.latencies.percentile_ms(50.0),
                    read.latencies.percentile_ms(99.0),
                    if read.failed > 0 {
                        format!(", {} failed", read.failed)
                    } else {
                        String::new()
                    }
                )
            })?;
        }
        row("bulk `POST /api/pre-applications`, rows/s", &|db| {
            format!(
                "{:.0} ({} rows in {:.1} s)",
                db.bulk_rows as f64 / db.bulk_took.as_secs_f64(),
                db.bulk_rows,
                db.bulk_took.as_secs_f64()
            )
        })?;
        row(
            "API resident memory: peak / after the bulk import / at rest, MB",
            &|db| {
                db.memory_mib
                    .map(|m| format!("{:.0} / {:.0} / {:.0}", m.peak, m.after_bulk, m.at_rest))
                    .unwrap_or_else(|| "—".into())
            },
        )?;
        for db in &self.databases {
            for (failure, count) in &db.path.failures {
                writeln!(f, "\n{}: {count} × {failure}", db.label)?;
            }
        }
        Ok(())
    }
}

/// The current Taahhütname's version and hash, as the page reads them.
pub async fn taahhutname(base: &str) -> Result<(String, String), String> {
    let body: Value = reqwest::get(format!("{base}/api/taahhutname"))
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        body["version"].as_str().unwrap_or_default().to_owned(),
        body["sha256"].as_str().unwrap_or_default().to_owned(),
    ))
}

/// Waits until the API's outbox has sent everything (its `/metrics` says so), so that one
/// phase's e-mails do not weigh on the next one's figures.
pub async fn wait_for_empty_outbox(base: &str) -> Result<(), String> {
    let started = Instant::now();
    loop {
        let metrics = reqwest::get(format!("{base}/metrics"))
            .await
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        let pending = metrics
            .lines()
            .find(|l| l.starts_with("nes_outbox_pending_messages "))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok());
        if pending == Some(0.0) {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(600) {
            return Err(format!("the outbox still holds {pending:?} messages"));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
