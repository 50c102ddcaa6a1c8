//! What a database error means for the request that met it. Most are our own bugs (500),
//! but two kinds are the database's state, not a fault of the request: it is unreachable
//! (PostgreSQL restarting, a connection killed) or too busy to take this transaction now
//! (SQLite's writer lock, a serialization failure or deadlock on PostgreSQL). Those answer
//! `503` with `Retry-After`, and the transient ones are retried once first.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFailure {
    /// The database cannot be reached, or the connection died under the request.
    Unavailable,
    /// The transaction lost a race for a lock; the same work may succeed a moment later.
    Busy,
}

/// Messages of errors that libpq and SQLite report without a kind of their own.
const BUSY_MESSAGES: [&str; 4] = [
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "canceling statement due to lock timeout",
];
const UNAVAILABLE_MESSAGES: [&str; 6] = [
    "terminating connection",
    "server closed the connection",
    "no connection to the server",
    "connection to server",
    "could not connect",
    "the database system is",
];

pub fn failure_of(error: &DieselError) -> Option<DbFailure> {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
        | DieselError::BrokenTransactionManager => Some(DbFailure::Unavailable),
        DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
            Some(DbFailure::Busy)
        }
        DieselError::DatabaseError(_, info) => {
            let message = info.message();
            if BUSY_MESSAGES.iter().any(|m| message.contains(m)) {
                Some(DbFailure::Busy)
            } else if UNAVAILABLE_MESSAGES.iter().any(|m| message.contains(m)) {
                Some(DbFailure::Unavailable)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database_error(kind: DatabaseErrorKind, message: &str) -> DieselError {
        DieselError::DatabaseError(kind, Box::new(message.to_owned()))
    }

    #[test]
    fn a_locked_sqlite_database_and_a_deadlock_are_busy() {
        for message in ["database is locked", "deadlock detected"] {
            assert_eq!(
                failure_of(&database_error(DatabaseErrorKind::Unknown, message)),
                Some(DbFailure::Busy),
                "{message}"
            );
        }
        assert_eq!(
            failure_of(&database_error(
                DatabaseErrorKind::SerializationFailure,
                "could not serialize access"
            )),
            Some(DbFailure::Busy)
        );
    }

    #[test]
    fn a_lost_connection_is_unavailable() {
        assert_eq!(
            failure_of(&database_error(DatabaseErrorKind::ClosedConnection, "")),
            Some(DbFailure::Unavailable)
        );
        assert_eq!(
            failure_of(&database_error(
                DatabaseErrorKind::Unknown,
                "terminating connection due to administrator command"
            )),
            Some(DbFailure::Unavailable)
        );
    }

    #[test]
    fn a_constraint_violation_or_a_missing_row_is_no_database_failure() {
        assert_eq!(
            failure_of(&database_error(DatabaseErrorKind::UniqueViolation, "dup")),
            None
        );
        assert_eq!(failure_of(&DieselError::NotFound), None);
    }
}
