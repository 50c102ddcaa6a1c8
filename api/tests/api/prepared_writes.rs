//! Writes wrapped in `db::Prepared` are prepared once per connection and then reused, with
//! each run's own values (diesel alone prepares an UPDATE or an upsert again on every run).

use std::sync::{Arc, Mutex};

use api::db::schema::rate_limits;
use api::db::{execute_prepared, to_db_time, AnyConnection};
use chrono::Utc;
use diesel::connection::{Connection, InstrumentationEvent};
use diesel::prelude::*;
use diesel::upsert::excluded;

/// The texts `conn` prepares and keeps from now on.
fn kept_statements(conn: &mut AnyConnection) -> Arc<Mutex<Vec<String>>> {
    let kept = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&kept);
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::CacheQuery { sql, .. } = event {
            sink.lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(sql.to_owned());
        }
    });
    kept
}

fn hits_of(conn: &mut AnyConnection, bucket: &str) -> i32 {
    rate_limits::table
        .find(bucket)
        .select(rate_limits::hits)
        .first(conn)
        .expect("the bucket's row")
}

#[test]
fn a_wrapped_upsert_and_update_are_prepared_once_and_run_with_each_runs_values() {
    let db = api::db::testing::fresh_database();
    let mut conn = db.connection();
    let kept = kept_statements(&mut conn);
    let ends = to_db_time(Utc::now() + chrono::Duration::minutes(5));

    // An upsert (diesel never keeps one) for three buckets, one of them twice.
    for bucket in ["a", "b", "a", "c"] {
        let upsert = diesel::insert_into(rate_limits::table)
            .values((
                rate_limits::bucket.eq(bucket),
                rate_limits::hits.eq(1),
                rate_limits::window_ends_at.eq(ends),
            ))
            .on_conflict(rate_limits::bucket)
            .do_update()
            .set(rate_limits::hits.eq(rate_limits::hits + excluded(rate_limits::hits)));
        assert_eq!(execute_prepared(&mut conn, upsert), Ok(1));
    }
    // An UPDATE, with a different value each time.
    for (bucket, hits) in [("b", 7), ("c", 9)] {
        let update =
            diesel::update(rate_limits::table.find(bucket)).set(rate_limits::hits.eq(hits));
        assert_eq!(execute_prepared(&mut conn, update), Ok(1));
    }

    assert_eq!(
        [
            hits_of(&mut conn, "a"),
            hits_of(&mut conn, "b"),
            hits_of(&mut conn, "c")
        ],
        [2, 7, 9],
        "each run used its own values"
    );
    let kept = kept.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let upserts = kept
        .iter()
        .filter(|sql| sql.starts_with("INSERT INTO"))
        .count();
    let updates = kept.iter().filter(|sql| sql.starts_with("UPDATE")).count();
    assert_eq!(
        (upserts, updates),
        (1, 1),
        "each text prepared once and then reused: {kept:#?}"
    );
}

#[test]
fn an_unwrapped_update_is_prepared_again_on_every_run_which_is_why_the_wrapper_exists() {
    let db = api::db::testing::fresh_database();
    let mut conn = db.connection();
    let ends = to_db_time(Utc::now() + chrono::Duration::minutes(5));
    diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq("a"),
            rate_limits::hits.eq(1),
            rate_limits::window_ends_at.eq(ends),
        ))
        .execute(&mut conn)
        .expect("a bucket");
    let kept = kept_statements(&mut conn);
    for hits in [2, 3] {
        diesel::update(rate_limits::table.find("a"))
            .set(rate_limits::hits.eq(hits))
            .execute(&mut conn)
            .expect("the update");
    }
    assert_eq!(hits_of(&mut conn, "a"), 3);
    let kept = kept.lock().unwrap_or_else(|e| e.into_inner()).clone();
    assert!(
        !kept.iter().any(|sql| sql.starts_with("UPDATE")),
        "diesel now keeps UPDATEs itself: db::Prepared may be dropped ({kept:#?})"
    );
}

/// What `insert_rows!` does on PostgreSQL: an insert of a few rows (a change's event, entry,
/// message) or of a bulk import's full chunk is kept prepared, one text each; other row counts
/// (a chunk's remainder) are parsed afresh, so that they do not fill the cache with a text per
/// count. On SQLite a statement is no round trip and `insert_rows!` keeps nothing.
#[test]
fn few_rows_and_full_chunks_are_kept_prepared_and_other_counts_are_not() {
    use api::db::{Prepared, ROWS_PER_STATEMENT};
    let db = api::db::testing::fresh_database();
    let mut conn = db.connection();
    let kept = kept_statements(&mut conn);
    let AnyConnection::Postgresql(pg) = &mut conn else {
        assert_eq!(api::db::testing::test_backend(), api::db::Backend::Sqlite);
        return;
    };
    let ends = to_db_time(Utc::now() + chrono::Duration::minutes(5));
    let mut inserted = 0;
    for count in [3, 7, ROWS_PER_STATEMENT, 3, ROWS_PER_STATEMENT] {
        let rows: Vec<_> = (inserted..inserted + count)
            .map(|n| {
                (
                    rate_limits::bucket.eq(format!("bucket-{n}")),
                    rate_limits::hits.eq(1),
                    rate_limits::window_ends_at.eq(ends),
                )
            })
            .collect();
        let insert = diesel::insert_into(rate_limits::table).values(rows);
        assert_eq!(
            Prepared::when_few_rows(count, insert).execute(pg),
            Ok(count)
        );
        inserted += count;
    }
    let total: i64 = rate_limits::table.count().get_result(pg).unwrap();
    assert_eq!(usize::try_from(total).unwrap(), inserted);
    let kept = kept.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let values_of_kept: Vec<usize> = kept
        .iter()
        .filter(|sql| sql.starts_with("INSERT INTO"))
        .map(|sql| sql.matches("VALUES").count() + sql.matches("), (").count())
        .collect();
    assert_eq!(
        values_of_kept,
        [3, ROWS_PER_STATEMENT],
        "the 3-row and the full insert kept once each, the 7-row one not: {kept:#?}"
    );
}
