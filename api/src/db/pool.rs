//! The connection pool. Connections are made by [`ConnectionFactory`] rather than diesel's
//! generic manager, so that a failure keeps the backend's own message ("connection refused")
//! instead of "Invalid connection url for multiconnection", and so that every SQLite
//! connection gets its pragmas.

use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant};

use diesel::connection::CacheSize;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{self, ManageConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::{AnyConnection, Backend};

pub(crate) const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub(crate) const POSTGRES_MIGRATIONS: EmbeddedMigrations =
    embed_migrations!("../migrations/postgres");

pub type DbPool = Pool<ConnectionFactory>;
pub type DbConn = PooledConnection<ConnectionFactory>;

/// How long a PostgreSQL connection that has just done a request's work is handed out again
/// without a `SELECT 1` first. The check cost a round trip on every checkout — a third of a
/// session read's statements — while a busy pool's connections prove themselves every few
/// milliseconds. A connection idle for longer is checked, as r2d2 does by default; one that
/// dies within the window fails its next request (503, like a connection killed mid-request)
/// and is discarded ([`PooledDb::report`]).
const TRUSTED_AFTER_WORK: Duration = Duration::from_secs(1);

/// A pooled connection, and until when it is trusted to be alive without a check.
pub struct PooledDb {
    conn: AnyConnection,
    trusted_until: Option<Instant>,
    lost: bool,
}

impl PooledDb {
    /// What the work done on this connection says of it: the connection was lost (it leaves
    /// the pool when it is given back) or it answered (it is trusted a while).
    pub fn report<T>(&mut self, outcome: &Result<T, crate::error::ApiError>) {
        if lost_connection(outcome) {
            self.lost = true;
        } else {
            self.trusted_until = Some(Instant::now() + TRUSTED_AFTER_WORK);
        }
    }

    fn needs_check(&self, now: Instant) -> bool {
        match self.conn {
            // A file connection has no server to lose.
            AnyConnection::Sqlite(_) => false,
            AnyConnection::Postgresql(_) => self.trusted_until.is_none_or(|until| now >= until),
        }
    }
}

/// The outcome is a connection that died under the work (PostgreSQL restarted, the backend
/// killed): the connection must not be used again.
pub(super) fn lost_connection<T>(outcome: &Result<T, crate::error::ApiError>) -> bool {
    matches!(outcome, Err(crate::error::ApiError::Database(e))
        if super::failure_of(e) == Some(super::DbFailure::Unavailable))
}

impl Deref for PooledDb {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.conn
    }
}

impl DerefMut for PooledDb {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("cannot open the database: {0}")]
    Connect(String),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("database migrations failed: {0}")]
    Migrations(String),
    #[error("cannot build the connection pool: {0}")]
    Pool(#[from] r2d2::PoolError),
}

/// The pool's size, how long a request waits for a connection before it is told the
/// database is unavailable, and how long it waits for a lock another transaction holds
/// before it is told the database is busy: SQLite's writer lock (taken at `BEGIN IMMEDIATE`,
/// so this is a wait in a queue) or a PostgreSQL row lock. Nobody waits forever behind a
/// stuck transaction.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub checkout_timeout: Duration,
    pub lock_timeout: Duration,
    /// Keep PostgreSQL prepared statements per connection (faster). Off behind a pooler that
    /// shares server connections between transactions (PgBouncer before 1.21 in transaction
    /// mode), where one client's named statement is not another's.
    pub statement_cache: bool,
}

/// A pool of `max_connections` with the default checkout timeout (tests and tools).
impl From<u32> for PoolSettings {
    fn from(max_connections: u32) -> PoolSettings {
        PoolSettings {
            max_connections,
            checkout_timeout: Duration::from_secs(5),
            lock_timeout: Duration::from_secs(5),
            statement_cache: true,
        }
    }
}

/// SQLite's page cache of each pooled connection, KiB. The pool reads (on SQLite every
/// change goes to the writer): a session, an application, a few rows each, from a file the
/// system's own cache holds. Eight of SQLite's default 2 MiB were a third of the API's
/// resident memory at rest.
const READER_PAGE_CACHE_KIB: u32 = 512;

/// The writer's page cache, KiB (SQLite's default): it walks the indexes every insert
/// touches, bulk imports included.
const WRITER_PAGE_CACHE_KIB: u32 = 2048;

/// Opens connections to one database URL.
#[derive(Debug, Clone)]
pub struct ConnectionFactory {
    url: String,
    lock_timeout: Duration,
    statement_cache: bool,
    /// SQLite's page cache per connection, KiB.
    page_cache_kib: u32,
}

impl ConnectionFactory {
    /// The factory of a pool's connections.
    fn pooled(url: &str, settings: PoolSettings) -> ConnectionFactory {
        ConnectionFactory {
            url: url.to_owned(),
            lock_timeout: settings.lock_timeout,
            statement_cache: settings.statement_cache,
            page_cache_kib: READER_PAGE_CACHE_KIB,
        }
    }

    fn sqlite_path(&self) -> &str {
        self.url.strip_prefix("sqlite://").unwrap_or(&self.url)
    }

    fn establish(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        Ok(match Backend::of(&self.url) {
            Backend::Postgres => {
                let mut pg = PgConnection::establish(&self.url)?;
                if !self.statement_cache {
                    pg.set_prepared_statement_cache_size(CacheSize::Disabled);
                }
                pg.batch_execute(&format!(
                    "SET lock_timeout = {}",
                    self.lock_timeout.as_millis()
                ))
                .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                AnyConnection::Postgresql(pg)
            }
            Backend::Sqlite => {
                let mut sqlite = SqliteConnection::establish(self.sqlite_path())?;
                // `busy_timeout` makes writers queue instead of failing, WAL lets readers run
                // beside the writer, `synchronous = FULL` makes each commit durable before it
                // is acknowledged, and foreign keys are off by default. Savepoints' journals
                // stay in memory (`temp_store`): they never need to outlive the transaction.
                sqlite
                    .batch_execute(&format!(
                        "PRAGMA busy_timeout = {}; PRAGMA cache_size = -{};",
                        self.lock_timeout.as_millis(),
                        self.page_cache_kib
                    ))
                    .map_err(|e| diesel::ConnectionError::BadConnection(e.to_string()))?;
                // Turning a new file to WAL takes the database for a moment without waiting
                // in the busy queue: processes starting together try again.
                let deadline = std::time::Instant::now() + self.lock_timeout;
                loop {
                    let set = sqlite.batch_execute(
                        "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
                         PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;",
                    );
                    match set {
                        Ok(()) => break,
                        Err(e)
                            if std::time::Instant::now() < deadline
                                && super::failure_of(&e) == Some(super::DbFailure::Busy) =>
                        {
                            std::thread::sleep(Duration::from_millis(10));
                        }
                        Err(e) => {
                            return Err(diesel::ConnectionError::BadConnection(e.to_string()))
                        }
                    }
                }
                AnyConnection::Sqlite(sqlite)
            }
        })
    }
}

impl ManageConnection for ConnectionFactory {
    type Connection = PooledDb;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<PooledDb, r2d2::Error> {
        let conn = self.establish().map_err(r2d2::Error::ConnectionError)?;
        Ok(PooledDb {
            conn,
            trusted_until: Some(Instant::now() + TRUSTED_AFTER_WORK),
            lost: false,
        })
    }

    fn is_valid(&self, pooled: &mut PooledDb) -> Result<(), r2d2::Error> {
        if !pooled.needs_check(Instant::now()) {
            return Ok(());
        }
        pooled
            .conn
            .batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)?;
        pooled.trusted_until = Some(Instant::now() + TRUSTED_AFTER_WORK);
        Ok(())
    }

    fn has_broken(&self, pooled: &mut PooledDb) -> bool {
        std::thread::panicking() || pooled.lost || r2d2::R2D2Connection::is_broken(&mut pooled.conn)
    }
}

/// One connection outside the pool, made like the pool's but with the writer's page cache
/// (SQLite's writer).
pub fn establish(url: &str, settings: PoolSettings) -> Result<AnyConnection, DbSetupError> {
    establish_with(url, settings.lock_timeout, settings, WRITER_PAGE_CACHE_KIB)
}

/// How long a read made on a request's own thread waits for a lock: in WAL a reader waits
/// only in rare moments (recovery after a crash), and meanwhile the thread serves nobody.
const NEAR_READER_LOCK_TIMEOUT: Duration = Duration::from_millis(50);

/// One read connection outside the pool, made like the pool's, that waits little for locks
/// (see [`super::Database::quick_read`]).
pub fn establish_reader(url: &str, settings: PoolSettings) -> Result<AnyConnection, DbSetupError> {
    let lock_timeout = settings.lock_timeout.min(NEAR_READER_LOCK_TIMEOUT);
    establish_with(url, lock_timeout, settings, READER_PAGE_CACHE_KIB)
}

fn establish_with(
    url: &str,
    lock_timeout: Duration,
    settings: PoolSettings,
    page_cache_kib: u32,
) -> Result<AnyConnection, DbSetupError> {
    ConnectionFactory {
        url: url.to_owned(),
        lock_timeout,
        statement_cache: settings.statement_cache,
        page_cache_kib,
    }
    .establish()
    .map_err(|e| DbSetupError::Connect(e.to_string()))
}

/// Creates the data directory when needed, runs the migrations and builds the pool.
pub fn connect(url: &str, settings: impl Into<PoolSettings>) -> Result<DbPool, DbSetupError> {
    let settings = settings.into();
    let factory = ConnectionFactory::pooled(url, settings);
    if Backend::of(url) == Backend::Sqlite {
        let path = std::path::Path::new(factory.sqlite_path());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbSetupError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
    }
    let mut conn = factory
        .establish()
        .map_err(|e| DbSetupError::Connect(e.to_string()))?;
    run_migrations(&mut conn)?;
    drop(conn);
    pool_of(factory, settings.max_connections, settings.checkout_timeout)
}

/// A second pool of `size` connections to the database at `url`, which [`connect`] has
/// opened and migrated already.
pub fn connect_more(
    url: &str,
    settings: impl Into<PoolSettings>,
    size: u32,
) -> Result<DbPool, DbSetupError> {
    let settings = settings.into();
    pool_of(
        ConnectionFactory::pooled(url, settings),
        size,
        settings.checkout_timeout,
    )
}

fn pool_of(
    factory: ConnectionFactory,
    size: u32,
    checkout_timeout: Duration,
) -> Result<DbPool, DbSetupError> {
    Ok(Pool::builder()
        .max_size(size)
        .connection_timeout(checkout_timeout)
        .build(factory)?)
}

/// Any number for the advisory lock under which migrations run, the same in every instance.
const MIGRATION_LOCK: i64 = 0x4e45_535f_4d49_4752; // "NES_MIGR"

/// Runs the pending migrations, all in one transaction. Several instances starting at once
/// take turns: on PostgreSQL the first takes a transaction-scoped advisory lock (it works
/// through a pooler in transaction mode too) and the others, once it commits, find nothing
/// pending; on SQLite the writer lock taken at `BEGIN IMMEDIATE` does the same.
fn run_migrations(conn: &mut AnyConnection) -> Result<(), DbSetupError> {
    let failed = |e: &dyn std::fmt::Display| DbSetupError::Migrations(e.to_string());
    let pending_of =
        |e: Box<dyn std::error::Error + Send + Sync>| diesel::result::Error::QueryBuilderError(e);
    match conn {
        AnyConnection::Postgresql(pg) => pg
            .transaction(|pg| {
                pg.batch_execute(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))?;
                pg.run_pending_migrations(POSTGRES_MIGRATIONS)
                    .map(drop)
                    .map_err(pending_of)
            })
            .map_err(|e| failed(&e)),
        AnyConnection::Sqlite(sqlite) => sqlite
            .immediate_transaction(|sqlite| {
                sqlite
                    .run_pending_migrations(SQLITE_MIGRATIONS)
                    .map(drop)
                    .map_err(pending_of)
            })
            .map_err(|e| failed(&e)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use diesel::sql_types::BigInt;
    use diesel::RunQueryDsl;

    use super::*;

    #[derive(diesel::QueryableByName)]
    struct CacheSize {
        #[diesel(sql_type = BigInt)]
        cache_size: i64,
    }

    fn cache_size(conn: &mut AnyConnection) -> i64 {
        let AnyConnection::Sqlite(sqlite) = conn else {
            panic!("a SQLite connection");
        };
        diesel::sql_query("PRAGMA cache_size")
            .get_result::<CacheSize>(sqlite)
            .unwrap()
            .cache_size
    }

    #[test]
    fn sqlite_readers_keep_a_small_page_cache_and_the_writer_the_default() {
        let dir = std::env::temp_dir().join(format!("nes-pool-{}", uuid::Uuid::new_v4()));
        let url = dir.join("nes.sqlite3").display().to_string();
        let pool = connect(&url, 2).unwrap();
        assert_eq!(cache_size(&mut pool.get().unwrap()), -512);
        assert_eq!(cache_size(&mut establish(&url, 2.into()).unwrap()), -2048);
        assert_eq!(
            cache_size(&mut establish_reader(&url, 2.into()).unwrap()),
            -512
        );
        drop(pool);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[derive(diesel::QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = diesel::sql_types::Text)]
        compile_options: String,
    }

    /// `.cargo/config.toml` (`LIBSQLITE3_FLAGS`) builds the bundled SQLite for the hot paths;
    /// a change of the sqlite crates' build that dropped the flags would show here.
    #[test]
    fn the_bundled_sqlite_is_built_as_the_cargo_config_asks() {
        let dir = std::env::temp_dir().join(format!("nes-pool-{}", uuid::Uuid::new_v4()));
        let url = dir.join("nes.sqlite3").display().to_string();
        std::fs::create_dir_all(&dir).unwrap();
        let mut conn = establish(&url, 1.into()).unwrap();
        let AnyConnection::Sqlite(sqlite) = &mut conn else {
            panic!("a SQLite connection");
        };
        let options: Vec<String> = diesel::sql_query("PRAGMA compile_options")
            .load::<CompileOption>(sqlite)
            .unwrap()
            .into_iter()
            .map(|o| o.compile_options)
            .collect();
        for wanted in ["DEFAULT_MEMSTATUS=0", "ENABLE_QPSG"] {
            assert!(options.iter().any(|o| o == wanted), "{wanted}: {options:?}");
        }
        drop(conn);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
