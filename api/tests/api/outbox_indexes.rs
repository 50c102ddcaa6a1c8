//! The outbox's statements reach their messages through an index, never through every
//! waiting message: a bulk import queues a hundred thousand e-mails at once, and a claim or
//! a delivery record that read the queue grew with it (docs/benchmarks.md, "The outbox's
//! index"). The statements checked are the ones the worker really runs, caught as they run,
//! and planned again by the database with `EXPLAIN`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::{Arc, Mutex};

use api::db::testing::fresh_database;
use api::db::{AnyConnection, Backend};
use api::metrics::scrape::OutboxBacklog;
use api::notify::outbox::{self, Outcome};
use api::notify::{enqueue_all, Channel, OutgoingMessage};
use api::secrets::Secrets;
use chrono::{Duration, Utc};
use diesel::connection::{Connection, InstrumentationEvent};
use diesel::prelude::*;
use diesel::sql_types::Text;

/// The texts of the statements `conn` runs from now on.
fn statements_run(conn: &mut AnyConnection) -> Arc<Mutex<Vec<String>>> {
    let run = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&run);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let text = query.to_string();
            let sql = text.split(" -- binds:").next().unwrap_or_default();
            sink.lock().unwrap().push(sql.to_owned());
        }
    });
    run
}

#[derive(QueryableByName)]
struct SqlitePlanLine {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PostgresPlanLine {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

/// `sql`'s plan as the database gives it, one line a step. On PostgreSQL the generic plan (the
/// one a statement kept prepared ends with, made without its values), with sequential scans
/// priced out so that an empty table still shows the index the statement can use.
fn plan(conn: &mut AnyConnection, backend: Backend, sql: &str) -> String {
    let lines: Vec<String> = match backend {
        Backend::Sqlite => diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}"))
            .load::<SqlitePlanLine>(conn)
            .unwrap()
            .into_iter()
            .map(|line| line.detail)
            .collect(),
        Backend::Postgres => {
            let parameters = (1..)
                .take_while(|n| sql.contains(&format!("${n}")))
                .map(|_| "NULL")
                .collect::<Vec<_>>();
            for setting in [
                "SET enable_seqscan = off".to_owned(),
                "SET plan_cache_mode = force_generic_plan".to_owned(),
                format!("PREPARE checked AS {sql}"),
            ] {
                diesel::sql_query(setting).execute(conn).unwrap();
            }
            let execute = if parameters.is_empty() {
                "EXECUTE checked".to_owned()
            } else {
                format!("EXECUTE checked({})", parameters.join(", "))
            };
            let lines = diesel::sql_query(format!("EXPLAIN {execute}"))
                .load::<PostgresPlanLine>(conn)
                .unwrap()
                .into_iter()
                .map(|line| line.line)
                .collect();
            diesel::sql_query("DEALLOCATE checked")
                .execute(conn)
                .unwrap();
            lines
        }
    };
    lines.join("\n")
}

#[test]
fn the_worker_reaches_the_messages_it_claims_and_settles_by_index() {
    let db = fresh_database();
    let backend = db.backend();
    let mut conn = db.connection();
    let secrets = Secrets::derive(b"a test secret that is long enough for the key derivation");
    let now = Utc::now();
    // Queued at one instant, as a bulk import's e-mails are.
    let messages: Vec<OutgoingMessage> = (0..40)
        .map(|n| OutgoingMessage {
            channel: Channel::Email,
            purpose: "pre_application_created",
            recipient: format!("kisi.{n}@kurum.gov.tr"),
            subject: format!("Ön başvuru {n}"),
            body: "Ön başvurunuz oluşturuldu.".into(),
            application_id: None,
            sensitive: false,
        })
        .collect();
    enqueue_all(&mut conn, &messages, &secrets, now).unwrap();

    let run = statements_run(&mut conn);
    let claimed = outbox::claim_due(
        &mut conn,
        Channel::Email,
        now,
        now + Duration::minutes(5),
        10,
        &[],
    )
    .unwrap();
    assert_eq!(claimed.len(), 10);
    let retry = Outcome::Retry {
        at: now + Duration::minutes(1),
        error: "busy".into(),
    };
    let settled: Vec<(outbox::OutboxRow, Outcome)> = claimed[..6]
        .iter()
        .map(|row| (row.clone(), Outcome::Delivered))
        .chain([(claimed[6].clone(), retry)])
        .collect();
    outbox::record_all(&mut conn, &settled, now).unwrap();
    let unsent: Vec<String> = claimed[7..].iter().map(|row| row.id.clone()).collect();
    outbox::release(&mut conn, &unsent).unwrap();
    let backlog = OutboxBacklog::read(&mut conn, now).unwrap();
    assert_eq!(backlog.pending, 34);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});

    let statements: Vec<String> = run
        .lock()
        .unwrap()
        .iter()
        .filter(|sql| sql.contains("outbox"))
        .cloned()
        .collect();
    // The claim (a look-up, a mark and a read on SQLite; one statement on PostgreSQL), the
    // delivered ones, the retry, the release, the backlog.
    assert!(statements.len() >= 5, "{statements:#?}");
    let mut misplanned = Vec::new();
    for sql in &statements {
        let plan = plan(&mut conn, backend, sql);
        let lower = sql.to_lowercase();
        let by_id = !lower.contains("order by") && !lower.contains("count(");
        let (wanted, refused): (&str, &[&str]) = match (backend, by_id) {
            (Backend::Sqlite, true) => ("sqlite_autoindex_outbox_1", &["outbox_due", "SCAN"]),
            (Backend::Sqlite, false) => ("INDEX outbox_due", &["TEMP B-TREE"]),
            (Backend::Postgres, true) => ("outbox_pkey", &["outbox_due", "Seq Scan"]),
            (Backend::Postgres, false) => ("outbox_due", &["Sort", "Seq Scan"]),
        };
        if !plan.contains(wanted) || refused.iter().any(|step| plan.contains(step)) {
            misplanned.push(format!(
                "{sql}\nis planned\n{plan}\n(wanted {wanted}, none of {refused:?})"
            ));
        }
    }
    assert!(misplanned.is_empty(), "{}", misplanned.join("\n\n"));
}
