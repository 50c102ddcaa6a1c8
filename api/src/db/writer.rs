//! SQLite's one writer, with group commit. SQLite lets one transaction write at a time and, in
//! WAL mode with `synchronous = FULL`, makes each commit durable with an fsync of its own; a
//! thread per change, queueing for the lock, spent its time waiting and syncing. Here one
//! thread owns the writing connection: it takes every change waiting (the outbox worker's
//! first), runs them in one `BEGIN IMMEDIATE` transaction — each `write_transaction` of a
//! change is a savepoint there, rolled back alone when it fails, the others stand — commits
//! once, and answers each change once the log holding the group is synced (`log_sync.rs`: on
//! a thread of its own, while this one runs the next group). Every change is still durable
//! before it is acknowledged; fifty of them share one fsync.
//!
//! Each change sees the ones before it in the group, as if they had run one after another —
//! which is what they did. Another process writing the same file (nes-admin) waits for the
//! writer in `busy_timeout`, and the writer for it.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::Arc;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::Connection;
use tokio::sync::oneshot;

use super::checkpoint::{Checkpointer, WRITER_BACKSTOP_PAGES};
use super::database::audited;
use super::failure::{failure_of, DbFailure};
use super::log_sync::{log_file_of, sync_file, Durable, Horizon, LogSync};
use super::AnyConnection;
use crate::error::ApiError;

/// The most changes committed together.
const MAX_GROUP: usize = 128;

/// Hands changes to the writing thread.
pub struct Writer {
    queue: mpsc::Sender<Queued>,
    horizon: Arc<Horizon>,
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

/// A committed group's answers, given once the log holding it is synced.
struct CommittedGroup {
    replies: Vec<Box<dyn Reply>>,
    number: u64,
    horizon: Arc<Horizon>,
}

impl Durable for CommittedGroup {
    fn settle(self, synced: Result<(), &std::io::Error>) {
        // Readers first: a person told their change is done may read it at once.
        self.horizon.synced_through(self.number);
        let failed = synced.err().map(|e| GroupFailure {
            message: format!("the log could not be synced: {e}"),
            kind: Some(DbFailure::Unavailable),
        });
        for reply in self.replies {
            reply.settle(failed.as_ref().map_or(Ok(()), Err));
        }
    }
}

/// The writer's side of the log's syncing.
struct Syncing {
    log_sync: LogSync<CommittedGroup>,
    horizon: Arc<Horizon>,
}

impl Syncing {
    /// Group `number`'s `replies` (none when its commit failed: it still takes its turn, as
    /// readers count it) are answered after the next sync.
    fn after_sync(&self, number: u64, replies: Vec<Box<dyn Reply>>) {
        let committed = CommittedGroup {
            replies,
            number,
            horizon: self.horizon.clone(),
        };
        if let Err(unsynced) = self.log_sync.after_sync(committed) {
            let why = GroupFailure {
                message: "the SQLite log's syncing thread has stopped".into(),
                kind: None,
            };
            tracing::error!("{}", why.message);
            self.horizon.synced_through(number);
            for reply in unsynced.replies {
                reply.settle(Err(&why));
            }
        }
    }
}

impl Writer {
    /// Starts the writing thread on `conn` (a SQLite connection of its own, outside the pool),
    /// the thread that syncs what it commits, and the one that checkpoints it on
    /// `checkpointing` (another connection).
    pub fn start(mut conn: AnyConnection, checkpointing: AnyConnection) -> std::io::Result<Writer> {
        let AnyConnection::Sqlite(sqlite) = &mut conn else {
            return Err(std::io::Error::other(
                "the group-committing writer is SQLite's",
            ));
        };
        let log = log_file_of(sqlite)?;
        // The log is synced by `log_sync` before any change of a commit is answered, not
        // inside the commit (see there).
        conn.batch_execute(&format!(
            "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = {WRITER_BACKSTOP_PAGES}"
        ))
        .map_err(std::io::Error::other)?;
        let horizon = Arc::new(Horizon::default());
        let syncing = Syncing {
            log_sync: LogSync::start(move || sync_file(&log))?,
            horizon: horizon.clone(),
        };
        let checkpointer = Checkpointer::start(checkpointing)?;
        let (queue, waiting) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || write_groups(conn, waiting, &syncing, &checkpointer))?;
        Ok(Writer { queue, horizon })
    }

    /// Waits until what a read that has just finished may have seen is durable (see
    /// `log_sync`), for at most `patience`; answers whether it is.
    pub async fn durable_for_readers(&self, patience: std::time::Duration) -> bool {
        self.horizon.reached(patience).await
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
    syncing: &Syncing,
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
        if commit_group(&mut conn, group, syncing) {
            checkpointer.nudge();
        }
    }
}

/// Runs and commits one group, its answers handed to the log's syncing; answers whether it
/// committed.
fn commit_group(conn: &mut AnyConnection, group: Vec<Queued>, syncing: &Syncing) -> bool {
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
    let number = syncing.horizon.commit_begins();
    let committed = <AnyConnection as Connection>::TransactionManager::commit_transaction(conn);
    let replies = match &committed {
        Ok(()) => replies,
        Err(e) => {
            let why = GroupFailure::of(e);
            tracing::error!(error = %why.message, "the SQLite writer could not commit a group");
            let _ = <AnyConnection as Connection>::TransactionManager::rollback_transaction(conn);
            replies
                .into_iter()
                .for_each(|reply| reply.settle(Err(&why)));
            Vec::new()
        }
    };
    syncing.after_sync(number, replies);
    committed.is_ok()
}
