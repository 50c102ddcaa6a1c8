//! The database as the server uses it. Reads run on the pool, at most as many at once as it
//! has connections, so no thread waits for a connection and the blocking pool stays as small
//! as the connection pool. Changes go to SQLite's one writer (group commit, `writer.rs`), or
//! on PostgreSQL — which writes in parallel and groups its own commits — to the pool like
//! reads. The outbox's work on PostgreSQL has a small pool of its own: a person waits on
//! their screen for the SMS code it claims and sends.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

use thread_local::ThreadLocal;
use tokio::sync::Semaphore;

use super::pool::{
    connect, connect_more, establish, establish_reader, lost_connection, DbPool, DbSetupError,
    PoolSettings,
};
use super::writer::Writer;
use super::{AnyConnection, Backend};
use crate::applications::access::DeniedAccess;
use crate::audit::{self, AuditAction};
use crate::error::ApiError;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct Database {
    pub pool: DbPool,
    slots: Arc<Semaphore>,
    slot_timeout: Duration,
    writes: Writes,
    metrics: Arc<Metrics>,
}

/// Where changes go, which differs by backend.
#[derive(Clone)]
enum Writes {
    /// SQLite's one writer (group commit), and each request thread's own reader for the
    /// quick reads.
    Sqlite {
        writer: Arc<Writer>,
        near: Arc<NearReaders>,
    },
    /// PostgreSQL writes in parallel on the pool; the outbox has connections of its own
    /// ([`Database::change_first`]).
    Postgres { outbox: DbPool },
}

/// The outbox's own connections on PostgreSQL: its three lanes each wait for one piece of
/// work at a time, and the SMS lane should find one free when the e-mail lane is busy with an
/// import's batches.
const URGENT_CONNECTIONS: u32 = 2;

/// SQLite: a read connection for each thread that serves requests, for reads of a few rows
/// by key made on that thread ([`Database::quick_read`]). A profile of `GET /api/session`
/// found the hop to the blocking pool and back — two thread wake-ups, a third of the CPU in
/// the scheduler — costing more than the read itself.
struct NearReaders {
    url: String,
    settings: PoolSettings,
    connections: ThreadLocal<RefCell<Option<AnyConnection>>>,
}

impl NearReaders {
    fn run<T>(
        &self,
        work: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let cell = self.connections.get_or(|| RefCell::new(None));
        let mut slot = cell
            .try_borrow_mut()
            .map_err(|_| ApiError::Internal("a quick read inside a quick read".into()))?;
        let conn = match &mut *slot {
            Some(conn) => conn,
            empty => empty.insert(
                establish_reader(&self.url, self.settings)
                    .map_err(|e| ApiError::NoConnection(e.to_string()))?,
            ),
        };
        let result = work(conn);
        if lost_connection(&result) {
            // Opened again by the next read on this thread.
            *slot = None;
        }
        result
    }
}

impl Database {
    /// Opens the database at `url`: migrations, the pool, and on SQLite the writer.
    pub fn open(
        url: &str,
        settings: impl Into<PoolSettings>,
        metrics: Arc<Metrics>,
    ) -> Result<Database, DbSetupError> {
        let settings = settings.into();
        let pool = connect(url, settings)?;
        let writes = match Backend::of(url) {
            Backend::Sqlite => {
                let conn = establish(url, settings)?;
                let checkpointing = establish_reader(url, settings)?;
                let writer = Writer::start(conn, checkpointing).map_err(|e| {
                    DbSetupError::Connect(format!("cannot start the SQLite writer: {e}"))
                })?;
                Writes::Sqlite {
                    writer: Arc::new(writer),
                    near: Arc::new(NearReaders {
                        url: url.to_owned(),
                        settings,
                        connections: ThreadLocal::new(),
                    }),
                }
            }
            Backend::Postgres => {
                super::route::advise(url);
                Writes::Postgres {
                    outbox: connect_more(url, settings, URGENT_CONNECTIONS)?,
                }
            }
        };
        Ok(Database {
            pool,
            slots: Arc::new(Semaphore::new(
                usize::try_from(settings.max_connections)
                    .unwrap_or(1)
                    .max(1),
            )),
            slot_timeout: settings.checkout_timeout,
            writes,
            metrics,
        })
    }

    /// Runs blocking work that only reads (or writes outside a request's change, such as a
    /// failed login's audit entry) with a pooled connection, off the async executor.
    pub async fn read<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let _slot = tokio::time::timeout(self.slot_timeout, self.slots.clone().acquire_owned())
            .await
            // Every connection is at work on other requests: busy, not unreachable.
            .map_err(|_| ApiError::Busy("every database connection is busy".into()))?
            .map_err(|_| ApiError::Internal("the database slots are closed".into()))?;
        self.pooled(work).await
    }

    /// A read of a few rows by key (a session, one person's applications): on SQLite made
    /// at once on the calling thread with that thread's own connection — cheaper than the
    /// hop to the pool for a read of microseconds; elsewhere [`Database::read`]. Only for
    /// work that reads: a refused access is audited through a change afterwards.
    pub async fn quick_read<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let Writes::Sqlite { near, .. } = &self.writes else {
            return self.read(work).await;
        };
        match near.run(work) {
            Err(ApiError::AccessDenied(denied)) => {
                let denied = self
                    .change(move |conn| record_denied(conn, &denied).map(|()| denied))
                    .await?;
                Err(ApiError::AccessDenied(denied))
            }
            other => other,
        }
    }

    async fn pooled<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        self.pooled_on(self.pool.clone(), work).await
    }

    async fn pooled_on<T, F>(&self, pool: DbPool, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        let metrics = self.metrics.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = crate::metrics::checkout(&pool, &metrics)?;
            let outcome = audited(&mut conn, work);
            conn.report(&outcome);
            outcome
        })
        .await
        .map_err(|e| ApiError::Internal(format!("a database task failed: {e}")))?
    }

    /// Runs work that changes something (its own `write_transaction`s become savepoints of the
    /// writer's group on SQLite) and answers once it is durable.
    pub async fn change<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        match &self.writes {
            Writes::Sqlite { writer, .. } => writer.change(false, work).await,
            Writes::Postgres { .. } => self.read(work).await,
        }
    }

    /// Like [`Database::change`], ahead of the requests waiting (the outbox worker: a person
    /// waits on their screen for the SMS code it sends). On PostgreSQL it runs on the outbox's
    /// own connections: on the pool's it waited for a request's work to end first.
    pub async fn change_first<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
    {
        match &self.writes {
            Writes::Sqlite { writer, .. } => writer.change(true, work).await,
            Writes::Postgres { outbox } => self.pooled_on(outbox.clone(), work).await,
        }
    }

    /// A change, then a read of what it left (for the answer) once it is committed: on SQLite
    /// the read is a quick read on the calling thread, not on the writer (every answer read
    /// here is one application's, by key: the hop to the pool cost more than the read); on
    /// PostgreSQL both run in one task.
    pub async fn change_then_read<T, U, W, R>(&self, change: W, read: R) -> Result<U, ApiError>
    where
        T: Send + 'static,
        U: Send + 'static,
        W: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        R: FnOnce(&mut AnyConnection, T) -> Result<U, ApiError> + Send + 'static,
    {
        match &self.writes {
            Writes::Sqlite { writer, .. } => {
                let changed = writer.change(false, change).await?;
                self.quick_read(move |conn| read(conn, changed)).await
            }
            Writes::Postgres { .. } => {
                self.read(move |conn| {
                    let changed = change(conn)?;
                    read(conn, changed)
                })
                .await
            }
        }
    }
}

/// Runs `work`; a refused access to an application (`ApiError::AccessDenied`) is audited
/// here, after the work's transaction has rolled back, so the refusal stays in the trail.
pub(super) fn audited<T>(
    conn: &mut AnyConnection,
    work: impl FnOnce(&mut AnyConnection) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    match work(conn) {
        Err(ApiError::AccessDenied(denied)) => {
            record_denied(conn, &denied)?;
            Err(ApiError::AccessDenied(denied))
        }
        other => other,
    }
}

fn record_denied(conn: &mut AnyConnection, denied: &DeniedAccess) -> Result<(), ApiError> {
    audit::record_now(
        conn,
        &denied.ctx,
        AuditAction::AccessDenied,
        Some(&denied.application_id),
        denied.institution_id.as_deref(),
        Some(denied.detail),
    )
}
