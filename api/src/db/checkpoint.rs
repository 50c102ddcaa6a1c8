//! SQLite's WAL checkpoints, on a thread of their own. SQLite checkpoints on the connection
//! whose commit takes the log past 1,000 pages: here that is the writer, which every change
//! waits for, and a profile of the applicant path put a tenth of the writer's time in
//! checkpoints (copying the log's pages into the database file and syncing it). The writer
//! now only nudges this thread after each group it commits; the thread copies what is new
//! (a passive checkpoint, which never waits for or blocks the writer or the readers) at
//! most every [`PAUSE`]. Should it fall behind, the writer still checkpoints itself once the
//! log passes [`WRITER_BACKSTOP_PAGES`].
//!
//! Durability is the log's business: a commit is acknowledged once it is synced into the
//! log, whether or not a checkpoint has copied it yet.

use std::cell::Cell;
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::time::Duration;

use diesel::connection::SimpleConnection;

use super::AnyConnection;

/// The shortest time between two checkpoints: under load each copies a few thousand pages at
/// once (a page written again and again between two checkpoints is copied once).
const PAUSE: Duration = Duration::from_millis(100);

/// Log pages after which the writer checkpoints itself (SQLite's `wal_autocheckpoint`; its
/// default is 1,000): about 80 MB, reached only if this thread stops keeping up.
pub const WRITER_BACKSTOP_PAGES: u32 = 20_000;

/// Nudged by the writer; checkpoints on its own connection.
pub struct Checkpointer {
    nudge: SyncSender<()>,
    /// Whether the thread's end was logged (once, not at every commit after it).
    told_gone: Cell<bool>,
}

impl Checkpointer {
    /// Starts the checkpointing thread on `conn` (a connection of its own).
    pub fn start(conn: AnyConnection) -> std::io::Result<Checkpointer> {
        // One nudge waiting is enough: commits made meanwhile are copied by the same pass.
        let (nudge, nudges) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("sqlite-checkpoint".into())
            .spawn(move || checkpoint_when_nudged(conn, nudges))?;
        Ok(Checkpointer {
            nudge,
            told_gone: Cell::new(false),
        })
    }

    /// Something was committed: a checkpoint is due (at once unless one ran within
    /// [`PAUSE`]).
    pub fn nudge(&self) {
        match self.nudge.try_send(()) {
            Ok(()) | Err(TrySendError::Full(())) => {}
            Err(TrySendError::Disconnected(())) => {
                if !self.told_gone.replace(true) {
                    tracing::warn!(
                        "the SQLite checkpoint thread has stopped; the writer checkpoints"
                    );
                }
            }
        }
    }
}

fn checkpoint_when_nudged(mut conn: AnyConnection, nudges: Receiver<()>) {
    while nudges.recv().is_ok() {
        // PASSIVE copies what no reader still needs, without waiting for anyone.
        if let Err(e) = conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
            tracing::warn!(error = %e, "a WAL checkpoint failed");
        }
        std::thread::sleep(PAUSE);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::pool::{establish, establish_reader};
    use super::super::writer::Writer;
    use super::*;

    /// The writer's commits reach the database file without the writer checkpointing: the
    /// log stays far below the writer's own threshold, so only this thread copies them.
    #[tokio::test]
    async fn what_the_writer_commits_is_copied_into_the_database_file_by_the_checkpointer() {
        let dir = std::env::temp_dir().join(format!("nes-checkpoint-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = dir.join("nes.sqlite3").display().to_string();
        let writer = Writer::start(
            establish(&url, 2.into()).unwrap(),
            establish_reader(&url, 2.into()).unwrap(),
        )
        .unwrap();
        let file = dir.join("nes.sqlite3");
        let before = std::fs::metadata(&file).unwrap().len();
        writer
            .change(false, |conn| {
                conn.batch_execute(
                    "CREATE TABLE filler (text TEXT NOT NULL); \
                     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) \
                     INSERT INTO filler SELECT printf('%0100d', i) FROM n;",
                )?;
                Ok(())
            })
            .await
            .unwrap();
        // About 60 pages of 4 KiB: in the log at once, in the file once checkpointed.
        let copied = |size: u64| size > before + 150 * 1024;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !copied(std::fs::metadata(&file).unwrap().len()) {
            assert!(
                std::time::Instant::now() < deadline,
                "the rows never reached the database file ({} bytes, {before} before)",
                std::fs::metadata(&file).unwrap().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        drop(writer);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
