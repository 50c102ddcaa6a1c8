//! Write transactions. Each takes its locks up front — on SQLite the writer lock at
//! `BEGIN IMMEDIATE`, on PostgreSQL the rows it loads with `FOR UPDATE` (see
//! `applications::access`) — so that a rule checked inside the transaction still holds when
//! it commits. A transaction that loses a race anyway (SQLite busy past its timeout, a
//! PostgreSQL serialization failure or deadlock) is run once more; a second loss is answered
//! as `503`. Closures must therefore only touch the database.

use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::result::Error as DieselError;
use diesel::Connection;

use super::failure::{failure_of, DbFailure};
use super::AnyConnection;

/// Lets [`write_transaction`] see the database error inside an application error.
pub trait AsDieselError {
    fn as_diesel(&self) -> Option<&DieselError>;
}

impl AsDieselError for DieselError {
    fn as_diesel(&self) -> Option<&DieselError> {
        Some(self)
    }
}

type AnyTransactionManager = <AnyConnection as Connection>::TransactionManager;

/// Runs `work` in one transaction, committed before this returns. Nested inside another
/// transaction it becomes a savepoint of that one.
pub fn write_transaction<T, E>(
    conn: &mut AnyConnection,
    mut work: impl FnMut(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError> + AsDieselError,
{
    if is_in_transaction(conn)? {
        return forgetting_on_rollback(|| conn.transaction(work));
    }
    match forgetting_on_rollback(|| run_once(conn, &mut work)) {
        Err(e) if e.as_diesel().and_then(failure_of) == Some(DbFailure::Busy) => {
            // Let the winner finish before trying again.
            std::thread::sleep(Duration::from_millis(
                5 + u64::from(rand::random::<u8>() % 20),
            ));
            forgetting_on_rollback(|| run_once(conn, &mut work))
        }
        other => other,
    }
}

/// Runs a transaction (or savepoint) that is rolled back when it answers an error: the
/// messages it handed to the outbox's lanes were never stored, and are forgotten.
fn forgetting_on_rollback<T, E>(transaction: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let kept = crate::notify::queued::handed_so_far();
    let outcome = transaction();
    if outcome.is_err() {
        crate::notify::queued::forget_handed_since(kept);
    }
    outcome
}

/// Runs `work` as part of the transaction the caller is in (no savepoint: its failure fails
/// that transaction), or in a write transaction of its own when there is none.
pub fn within_transaction<T, E>(
    conn: &mut AnyConnection,
    mut work: impl FnMut(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError> + AsDieselError,
{
    if is_in_transaction(conn)? {
        work(conn)
    } else {
        write_transaction(conn, work)
    }
}

fn is_in_transaction(conn: &mut AnyConnection) -> Result<bool, DieselError> {
    Ok(AnyTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()?
        .is_some())
}

fn run_once<T, E>(
    conn: &mut AnyConnection,
    work: &mut impl FnMut(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError>,
{
    match conn {
        AnyConnection::Sqlite(sqlite) => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?
        }
        AnyConnection::Postgresql(_) => AnyTransactionManager::begin_transaction(conn)?,
    }
    match work(conn) {
        Ok(value) => {
            AnyTransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(failed) => match AnyTransactionManager::rollback_transaction(conn) {
            Ok(()) | Err(DieselError::BrokenTransactionManager) => Err(failed),
            Err(rollback_error) => Err(rollback_error.into()),
        },
    }
}
