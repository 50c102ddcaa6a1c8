//! The SQLite writer's commits made durable on a thread of their own. With `synchronous =
//! FULL` each commit synced the log inside `COMMIT`, and the writer — the one thread every
//! change waits for — wrote nothing during every fsync: on a disk whose syncs take
//! milliseconds, one group a sync at most. Now the writer commits with `synchronous = NORMAL`
//! (its frames written to the log, not yet synced), hands the group's answers here and takes
//! the next group while this thread syncs the log. A change is answered only once a sync that
//! began after its commit has succeeded, so it is still durable before it is acknowledged; the
//! syncs of several groups are shared as their commits are.
//!
//! Why a sync of the log file from here is the sync SQLite would have made: its frames are
//! appended in commit order and recovery keeps every frame up to the last whole commit, so a
//! synced log holds every commit written before the sync began; SQLite still syncs the log's
//! header when it starts the log again and the database file after a checkpoint
//! (`synchronous = NORMAL` keeps those).
//!
//! A committed group is visible to readers before its sync; a read answered then could show
//! what a power cut would still take back. So reads wait at the [`Horizon`]: a read's answer
//! goes out once every group that was committing by the time it finished is synced — at once
//! when nothing is being written, a sync's wait at most otherwise.

use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use tokio::sync::watch;

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl, SqliteConnection};

/// What waits for the log to be synced: told whether the sync succeeded.
pub(super) trait Durable: Send + 'static {
    fn settle(self, synced: Result<(), &io::Error>);
}

/// Hands committed work to the syncing thread.
pub(super) struct LogSync<D> {
    committed: Sender<D>,
}

impl<D: Durable> LogSync<D> {
    /// Starts the thread that runs `sync` whenever something committed waits for it.
    pub fn start(sync: impl FnMut() -> io::Result<()> + Send + 'static) -> io::Result<Self> {
        let (committed, waiting) = mpsc::channel();
        std::thread::Builder::new()
            .name("sqlite-log-sync".into())
            .spawn(move || sync_when_committed(waiting, sync))?;
        Ok(LogSync { committed })
    }

    /// `committed` has been committed: it is settled after the next sync (given back if the
    /// syncing thread is gone).
    pub fn after_sync(&self, committed: D) -> Result<(), D> {
        self.committed.send(committed).map_err(|gone| gone.0)
    }
}

fn sync_when_committed<D: Durable>(waiting: Receiver<D>, mut sync: impl FnMut() -> io::Result<()>) {
    while let Ok(first) = waiting.recv() {
        // Everything sent so far was committed before this sync begins: one sync for all.
        let mut committed = vec![first];
        committed.extend(waiting.try_iter());
        let synced = sync();
        if let Err(e) = &synced {
            tracing::error!(error = %e, "the SQLite log could not be synced");
        }
        for durable in committed {
            durable.settle(synced.as_ref().map(|_| ()));
        }
    }
}

/// How far the writer's groups are committing and how far they are synced, numbered in order.
pub(super) struct Horizon {
    /// The last group whose commit has begun: counted before `COMMIT`, so that a reader that
    /// sees a group's rows finds it counted when it looks here afterwards.
    committing: AtomicU64,
    synced: watch::Sender<u64>,
}

impl Default for Horizon {
    fn default() -> Self {
        Horizon {
            committing: AtomicU64::new(0),
            synced: watch::Sender::new(0),
        }
    }
}

impl Horizon {
    /// A group is about to commit: its number, to pass to [`Horizon::synced_through`].
    pub fn commit_begins(&self) -> u64 {
        self.committing.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Every group up to `group` is synced (or its sync failed and its changes were told so;
    /// the reads go on, as they would after a failed commit).
    pub fn synced_through(&self, group: u64) {
        self.synced.send_if_modified(|synced| {
            let moved = group > *synced;
            *synced = (*synced).max(group);
            moved
        });
    }

    /// Waits until whatever a read that has just finished may have seen is synced, or for at
    /// most `patience`: answers whether it is.
    pub async fn reached(&self, patience: Duration) -> bool {
        let seen = self.committing.load(Ordering::SeqCst);
        if *self.synced.borrow() >= seen {
            return true;
        }
        let mut synced = self.synced.subscribe();
        let waited =
            tokio::time::timeout(patience, synced.wait_for(|synced| *synced >= seen)).await;
        matches!(waited, Ok(Ok(_)))
    }
}

/// The log (`-wal`) file of `conn`'s main database, as SQLite names it.
pub(super) fn log_file_of(conn: &mut SqliteConnection) -> io::Result<PathBuf> {
    #[derive(QueryableByName)]
    struct MainFile {
        #[diesel(sql_type = Text)]
        file: String,
    }
    let main: MainFile =
        diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .get_result(conn)
            .map_err(io::Error::other)?;
    if main.file.is_empty() {
        return Err(io::Error::other("the SQLite writer needs a database file"));
    }
    Ok(PathBuf::from(format!("{}-wal", main.file)))
}

/// Syncs `path` through a descriptor of its own: an fsync writes out the file's pages whoever
/// wrote them, and a file opened per sync is never one SQLite has since replaced.
pub(super) fn sync_file(path: &std::path::Path) -> io::Result<()> {
    std::fs::File::open(path)?.sync_all()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::*;

    /// Records when it was settled, against the syncs begun so far.
    struct Waiting {
        settled: mpsc::Sender<(u32, bool)>,
        name: u32,
    }

    impl Durable for Waiting {
        fn settle(self, synced: Result<(), &io::Error>) {
            let _ = self.settled.send((self.name, synced.is_ok()));
        }
    }

    /// A sync that waits until the test lets it finish, and counts the syncs begun.
    fn gated_sync(
        begun: Arc<Mutex<u32>>,
        release: Receiver<io::Result<()>>,
    ) -> impl FnMut() -> io::Result<()> + Send {
        move || {
            *begun.lock().unwrap() += 1;
            release.recv().unwrap()
        }
    }

    #[test]
    fn work_committed_during_a_sync_waits_for_the_next_one() {
        let begun = Arc::new(Mutex::new(0));
        let (release, gate) = mpsc::channel();
        let sync = LogSync::start(gated_sync(begun.clone(), gate)).unwrap();
        let (settled, told) = mpsc::channel();
        let waiting = |name| Waiting {
            settled: settled.clone(),
            name,
        };
        sync.after_sync(waiting(1)).map_err(|_| "gone").unwrap();
        while *begun.lock().unwrap() == 0 {
            std::thread::sleep(Duration::from_millis(1));
        }
        // Committed while the first sync runs: that sync may not have its frames.
        sync.after_sync(waiting(2)).map_err(|_| "gone").unwrap();
        sync.after_sync(waiting(3)).map_err(|_| "gone").unwrap();
        assert!(told.recv_timeout(Duration::from_millis(50)).is_err());
        release.send(Ok(())).unwrap();
        assert_eq!(told.recv().unwrap(), (1, true));
        assert!(told.recv_timeout(Duration::from_millis(50)).is_err());
        // The second sync serves both that were committed during the first.
        release.send(Ok(())).unwrap();
        assert_eq!(told.recv().unwrap(), (2, true));
        assert_eq!(told.recv().unwrap(), (3, true));
        assert_eq!(*begun.lock().unwrap(), 2);
    }

    #[tokio::test]
    async fn a_read_waits_until_the_groups_committing_when_it_finished_are_synced() {
        let horizon = Arc::new(Horizon::default());
        let patience = Duration::from_secs(5);
        assert!(horizon.reached(patience).await, "nothing written");
        let first = horizon.commit_begins();
        let second = horizon.commit_begins();
        let read = tokio::spawn({
            let horizon = horizon.clone();
            async move { horizon.reached(patience).await }
        });
        horizon.synced_through(first);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!read.is_finished(), "the second group is not synced yet");
        // A group begun after the read finished is not the read's to wait for.
        horizon.commit_begins();
        horizon.synced_through(second);
        assert!(read.await.unwrap());
        assert!(!horizon.reached(Duration::from_millis(20)).await);
    }

    #[test]
    fn the_log_synced_is_the_one_sqlite_writes() {
        use diesel::connection::SimpleConnection;
        use diesel::Connection;

        let dir = std::env::temp_dir().join(format!("nes-log-sync-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("nes.sqlite3");
        let mut conn = SqliteConnection::establish(file.to_str().unwrap()).unwrap();
        conn.batch_execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER)")
            .unwrap();
        let log = log_file_of(&mut conn).unwrap();
        let before = std::fs::metadata(&log).unwrap().len();
        conn.batch_execute("INSERT INTO t VALUES (1)").unwrap();
        assert!(std::fs::metadata(&log).unwrap().len() > before);
        sync_file(&log).unwrap();
        drop(conn);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_sync_is_told_to_what_waited_for_it() {
        let (release, gate) = mpsc::channel();
        let sync = LogSync::start(gated_sync(Arc::default(), gate)).unwrap();
        let (settled, told) = mpsc::channel();
        sync.after_sync(Waiting { settled, name: 7 })
            .map_err(|_| "gone")
            .unwrap();
        release.send(Err(io::Error::other("EIO"))).unwrap();
        assert_eq!(told.recv().unwrap(), (7, false));
    }
}
