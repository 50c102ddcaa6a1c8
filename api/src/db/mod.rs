//! One connection type over SQLite (the embedded default) and PostgreSQL (production),
//! chosen at start-up from the database URL; an r2d2 pool; migrations embedded per backend;
//! write transactions that take their locks up front; and what a database failure means
//! to the caller.

mod checkpoint;
mod database;
mod failure;
mod pool;
mod prepared;
mod route;
pub mod schema;
pub mod testing;
mod time;
mod transaction;
mod writer;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{PgConnection, SqliteConnection};

pub use database::Database;
pub use failure::{failure_of, DbFailure};
pub use pool::{connect, establish, DbConn, DbPool, DbSetupError, PoolSettings};
pub use prepared::{execute_kept, execute_prepared, is_keyed_by_type, Prepared};
pub use route::Route;
pub use time::{parse_db_time, DbTime};
pub use transaction::{within_transaction, write_transaction, AsDieselError};

/// Rows per multi-row INSERT or `IN (…)` list: well under both databases' limits on bound
/// parameters (SQLite 32,766, PostgreSQL 65,535) at twenty columns a row.
pub const ROWS_PER_STATEMENT: usize = 500;

/// Inserts of at most this many rows are kept prepared on PostgreSQL ([`Prepared`]), and those
/// of a full [`ROWS_PER_STATEMENT`] chunk (a bulk import's): one text per row count, so only
/// the few counts a single change writes (an event, an audit entry, a message or two) and the
/// full chunk; a chunk's remainder is parsed afresh. Keeping the full chunks bought a bulk
/// import on PostgreSQL 10–15 % (docs/benchmarks.md) for some megabytes per connection.
pub const PREPARED_ROWS_AT_MOST: usize = 4;

/// One multi-row INSERT of `rows` (a slice or `Vec` of insertable values) into `table`.
/// Diesel's `MultiConnection` cannot build a batch insert, so the statement is built for the
/// connection's own backend. One row (most changes' events, audit entry, message) goes in by
/// an INSERT kept prepared — by its type when every value is bound (`execute_kept`), so that a
/// run renders nothing; diesel would parse it again on every run. A few rows on PostgreSQL go
/// in one INSERT kept prepared by its text (one round trip); on SQLite, inside a transaction,
/// one by one, each kept by its type (diesel would parse a multi-row INSERT again on every
/// run): should one fail, the rows before it are the enclosing transaction's to roll back, as
/// with any other statement of the change.
macro_rules! insert_rows {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let rows = $rows;
        let all = &rows[..];
        match $conn {
            $crate::db::AnyConnection::Postgresql(conn) => match all {
                [] => Ok(0),
                [row] => $crate::db::execute_kept(diesel::insert_into($table).values(row), conn),
                _ => {
                    let insert = diesel::insert_into($table).values(all);
                    let insert = $crate::db::Prepared::when_few_rows(all.len(), insert);
                    diesel::RunQueryDsl::execute(insert, conn)
                }
            },
            $crate::db::AnyConnection::Sqlite(conn) => match all {
                [] => Ok(0),
                [row] => $crate::db::execute_kept(diesel::insert_into($table).values(row), conn),
                _ if all.len() <= $crate::db::PREPARED_ROWS_AT_MOST
                    && $crate::db::in_transaction(conn) =>
                {
                    all.iter().try_fold(0, |inserted, row| {
                        let insert = diesel::insert_into($table).values(row);
                        Ok(inserted + $crate::db::execute_kept(insert, conn)?)
                    })
                }
                _ => diesel::RunQueryDsl::execute(diesel::insert_into($table).values(all), conn),
            },
        }
    }};
}
pub(crate) use insert_rows;

/// Whether `conn` is inside a transaction (or a savepoint of one).
pub fn in_transaction<C>(conn: &mut C) -> bool
where
    C: diesel::Connection<TransactionManager = diesel::connection::AnsiTransactionManager>,
{
    use diesel::connection::TransactionManager;
    matches!(
        diesel::connection::AnsiTransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth(),
        Ok(Some(_))
    )
}

/// `$body` run with `$conn` bound to the connection's own backend (it must compile for
/// both): for the hot reads. diesel's `MultiConnection` renders a statement's whole text in
/// each of its passes on every run, even for a statement kept prepared — a fifth of the CPU
/// of a session read (`GET /api/session`) on SQLite, in a callgrind profile; on the backend's
/// own connection a statement of a static query id is found by its type.
macro_rules! natively {
    ($conn:expr, |$own:ident| $body:expr) => {
        match $conn {
            $crate::db::AnyConnection::Postgresql($own) => $body,
            $crate::db::AnyConnection::Sqlite($own) => $body,
        }
    };
}
pub(crate) use natively;

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a URL names. `AnyConnection::establish` only says "invalid url" on any
/// failure, so the backend is picked here and the real error of that backend kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn of(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }
}

pub fn is_unique_violation(e: &DieselError) -> bool {
    matches!(
        e,
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Times are stored as UTC without zone on both backends.
pub fn to_db_time(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc()
}

pub fn from_db_time(t: NaiveDateTime) -> DateTime<Utc> {
    t.and_utc()
}

/// A new row's primary key: a UUIDv7, which begins with the time it was made, so rows made
/// one after another sit side by side in every index keyed on it (the row's own key, and the
/// events, audit entries and messages that refer to it). A random (v4) key put each new row
/// on a different page of each such index, so a bulk import of 1,000 rows dirtied and wrote
/// about a thousand pages per index (docs/benchmarks.md, "Row keys in time order").
///
/// Not for anything that must be hard to guess (a login challenge, a signing session, a
/// passkey's user handle): a v7 tells when it was made, and uuid's generator counts up
/// within a millisecond (a 42-bit counter seeded at random, then 32 random bits), so keys
/// made together are near neighbours. Two instances making keys in the same millisecond
/// still differ: each seeds its own counter.
pub fn new_row_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::{is_keyed_by_type, new_row_id};

    #[test]
    fn row_keys_made_one_after_another_sort_in_the_order_they_were_made() {
        // As the databases compare them: as text. Thousands fall in one millisecond, so
        // this also holds the order within a millisecond.
        let keys: Vec<String> = (0..10_000).map(|_| new_row_id()).collect();
        assert!(
            keys.windows(2).all(|pair| pair[0] < pair[1]),
            "row keys out of order"
        );
    }

    #[test]
    fn row_keys_made_on_fifty_threads_at_once_are_all_different() {
        let threads: Vec<_> = (0..50)
            .map(|_| std::thread::spawn(|| (0..2_000).map(|_| new_row_id()).collect::<Vec<_>>()))
            .collect();
        let mut keys = std::collections::HashSet::new();
        for thread in threads {
            for key in thread.join().unwrap_or_default() {
                assert!(keys.insert(key), "a row key came twice");
            }
        }
        assert_eq!(keys.len(), 50 * 2_000);
    }

    #[test]
    fn one_row_is_inserted_by_a_statement_kept_prepared_and_several_all_go_in() {
        use super::schema::rate_limits;
        use super::{testing, to_db_time};
        use chrono::Utc;
        use diesel::connection::{Connection, InstrumentationEvent};
        use diesel::prelude::*;
        use std::sync::{Arc, Mutex};

        let db = testing::fresh_database();
        let mut conn = db.connection();
        let kept = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = Arc::clone(&kept);
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                sink.lock().unwrap().push(sql.to_owned());
            }
        });
        let ends = to_db_time(Utc::now());
        let row = |bucket: &'static str| {
            (
                rate_limits::bucket.eq(bucket),
                rate_limits::hits.eq(1),
                rate_limits::window_ends_at.eq(ends),
            )
        };
        assert!(is_keyed_by_type(
            &diesel::insert_into(rate_limits::table).values(row("a"))
        ));
        for bucket in ["a", "b", "c"] {
            assert_eq!(
                insert_rows!(&mut conn, rate_limits::table, [row(bucket)]),
                Ok(1)
            );
        }
        let several = vec![row("d"), row("e"), row("f")];
        assert_eq!(insert_rows!(&mut conn, rate_limits::table, several), Ok(3));
        // Inside a transaction, a few rows go in one by one by the one-row statement.
        let inside = conn.transaction(|conn| {
            insert_rows!(conn, rate_limits::table, [row("g"), row("h"), row("i")])
        });
        assert_eq!(inside, Ok(3));

        let stored: i64 = rate_limits::table.count().get_result(&mut conn).unwrap();
        assert_eq!(stored, 9);
        let kept = kept.lock().unwrap().clone();
        let single_inserts = kept
            .iter()
            .filter(|sql| sql.starts_with("INSERT INTO") && sql.matches(['?', '$']).count() <= 3)
            .count();
        assert_eq!(single_inserts, 1, "the one-row INSERT kept once: {kept:#?}");
    }
}
