//! SQLite's one writer, with group commit. SQLite lets one transaction write at a time and, in
//! WAL mode with `synchronous = FULL`, makes each commit durable with an fsync of its own; a
//! thread per change, queueing for the lock, spent its time waiting and syncing. Here one
//! thread owns the writing connection: it takes every change waiting (the outbox worker's
//! first), runs them in one `BEGIN IMMEDIATE` transaction — each `write_transaction` of a
//! change is a savepoint there, rolled back alone when it fails, the others stand — commits
//! once, and only then answers each change. Every change is still durable before it is acknowledged; fifty of them share one
//! fsync.
//!
//! Each change sees the ones before it in the group, as if they had run one after another —
//! which is what they did. Another process writing the same file (nes-admin) waits for the
//! writer in `busy_timeout`, and the writer for it.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::Connection;
use tokio::sync::oneshot;

use super::checkpoint::{Checkpointer, WRITER_BACKSTOP_PAGES};
use super::database::audited;
use super::failure::{failure_of, DbFailure};
use super::AnyConnection;
use crate::error::ApiError;

/// The most changes committed together.
const MAX_GROUP: usize = 128;

/// Hands changes to the writing thread.
pub struct Writer {
    queue: mpsc::Sender<Queued>,
}

struct Queued {
    /// The outbox worker's changes go first: a person waits on their screen for its SMS code.
    urgent: bool,
    job: Box<dyn Job>,
}

/// A change waiting for its group.
trait Job: Send {
    /// Runs the change in a savepoint of the group's transaction; answers what to tell its
    /// caller once the group is committed (or is not).
    fn run(self: Box<Self>, conn: &mut AnyConnection) -> Box<dyn Reply>;
    /// The group could not begin: the change did not run.
    fn refuse(self: Box<Self>, why: &GroupFailure);
}

trait Reply: Send {
    fn settle(self: Box<Self>, committed: Result<(), &GroupFailure>);
}

/// Why a whole group failed, kept so that every change of it can be told.
struct GroupFailure {
    message: String,
    kind: Option<DbFailure>,
}

impl GroupFailure {
    fn of(error: &diesel::result::Error) -> GroupFailure {
        GroupFailure {
            message: error.to_string(),
            kind: failure_of(error),
        }
    }

    fn error(&self) -> ApiError {
        match self.kind {
            Some(DbFailure::Busy) => ApiError::Busy(self.message.clone()),
            Some(DbFailure::Unavailable) => ApiError::NoConnection(self.message.clone()),
            None => ApiError::Internal(format!("group commit: {}", self.message)),
        }
    }
}

struct Change<T, F> {
    work: F,
    answer: oneshot::Sender<Result<T, ApiError>>,
}

struct Answer<T> {
    outcome: Result<T, ApiError>,
    answer: oneshot::Sender<Result<T, ApiError>>,
}

impl<T, F> Job for Change<T, F>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
{
    fn run(self: Box<Self>, conn: &mut AnyConnection) -> Box<dyn Reply> {
        let Change { work, answer } = *self;
        // No savepoint around the whole change: its own `write_transaction`s are the
        // savepoints, kept or rolled back one by one, as each would commit or not on a pooled
        // connection. A refusal that must stay recorded although the request fails (a wrong
        // SMS code counted, a refused signature, a refused access) stays recorded here too.
        let outcome = audited(conn, work);
        Box::new(Answer { outcome, answer })
    }

    fn refuse(self: Box<Self>, why: &GroupFailure) {
        let _ = self.answer.send(Err(why.error()));
    }
}

impl<T: Send> Reply for Answer<T> {
    fn settle(self: Box<Self>, committed: Result<(), &GroupFailure>) {
        let told = match committed {
            Ok(()) => self.outcome,
            Err(why) => Err(why.error()),
        };
        let _ = self.answer.send(told);
    }
}

impl Writer {
    /// Starts the writing thread on `conn` (a connection of its own, outside the pool), and
    /// the thread that checkpoints what it commits on `checkpointing` (another one).
    pub fn start(mut conn: AnyConnection, checkpointing: AnyConnection) -> std::io::Result<Writer> {
        conn.batch_execute(&format!(
            "PRAGMA wal_autocheckpoint = {WRITER_BACKSTOP_PAGES}"
        ))
        .map_err(std::io::Error::other)?;
        let checkpointer = Checkpointer::start(checkpointing)?;
        let (queue, waiting) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_groups(conn, waiting, &checkpointer))?;
        Ok(Writer { queue })
    }

    /// Runs `work` in the next group and answers once that group is committed.
    pub async fn change<T, F>(&self, urgent: bool, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let (answer, told) = oneshot::channel();
        let job = Box::new(Change { work, answer });
        self.queue
            .send(Queued { urgent, job })
            .map_err(|_| ApiError::Internal("the SQLite writer has stopped".into()))?;
        told.await
            .map_err(|_| ApiError::Internal("the SQLite writer dropped a change".into()))?
    }
}

/// The writing thread: one group after another until every `Writer` is gone.
fn write_groups(
    mut conn: AnyConnection,
    waiting: mpsc::Receiver<Queued>,
    checkpointer: &Checkpointer,
) {
    while let Ok(first) = waiting.recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match waiting.try_recv() {
                Ok(next) => group.push(next),
                Err(_) => break,
            }
        }
        group.sort_by_key(|queued| !queued.urgent);
        if commit_group(&mut conn, group) {
            checkpointer.nudge();
        }
    }
}

/// Runs and commits one group; answers whether it committed.
fn commit_group(conn: &mut AnyConnection, group: Vec<Queued>) -> bool {
    let begun = match conn {
        AnyConnection::Sqlite(sqlite) => {
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")
        }
        AnyConnection::Postgresql(_) => {
            <AnyConnection as Connection>::TransactionManager::begin_transaction(conn)
        }
    };
    if let Err(e) = begun {
        let why = GroupFailure::of(&e);
        tracing::warn!(error = %why.message, "the SQLite writer could not begin a group");
        group.into_iter().for_each(|queued| queued.job.refuse(&why));
        return false;
    }
    let mut replies = Vec::with_capacity(group.len());
    let mut jobs = group.into_iter();
    for queued in jobs.by_ref() {
        match std::panic::catch_unwind(AssertUnwindSafe(|| queued.job.run(conn))) {
            Ok(reply) => replies.push(reply),
            Err(_) => {
                // A change panicked half-way through its savepoint: the group cannot be
                // trusted; it is rolled back whole and every change told.
                let why = GroupFailure {
                    message: "a change panicked".into(),
                    kind: None,
                };
                let _ =
                    <AnyConnection as Connection>::TransactionManager::rollback_transaction(conn);
                replies
                    .into_iter()
                    .for_each(|reply| reply.settle(Err(&why)));
                jobs.for_each(|queued| queued.job.refuse(&why));
                return false;
            }
        }
    }
    let committed = <AnyConnection as Connection>::TransactionManager::commit_transaction(conn);
    match committed {
        Ok(()) => {
            replies.into_iter().for_each(|reply| reply.settle(Ok(())));
            true
        }
        Err(e) => {
            let why = GroupFailure::of(&e);
            tracing::error!(error = %why.message, "the SQLite writer could not commit a group");
            let _ = <AnyConnection as Connection>::TransactionManager::rollback_transaction(conn);
            replies
                .into_iter()
                .for_each(|reply| reply.settle(Err(&why)));
            false
        }
    }
}
