//! One connection type over SQLite (the embedded default) and PostgreSQL (production),
//! chosen at start-up from the database URL; an r2d2 pool; migrations embedded per backend.

pub mod schema;
pub mod testing;

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<AnyConnection>>;
pub type DbConn = PooledConnection<ConnectionManager<AnyConnection>>;

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
    Pool(#[from] diesel::r2d2::PoolError),
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

fn establish(url: &str) -> Result<AnyConnection, DbSetupError> {
    let connect_error = |e: diesel::ConnectionError| DbSetupError::Connect(e.to_string());
    Ok(match Backend::of(url) {
        Backend::Postgres => {
            AnyConnection::Postgresql(PgConnection::establish(url).map_err(connect_error)?)
        }
        Backend::Sqlite => {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            AnyConnection::Sqlite(SqliteConnection::establish(path).map_err(connect_error)?)
        }
    })
}

/// SQLite needs these on every connection: WAL lets readers run beside the writer,
/// `busy_timeout` makes writers queue instead of failing, `synchronous = FULL` makes each
/// commit durable before it is acknowledged, and foreign keys are off by default.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<AnyConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut AnyConnection) -> Result<(), diesel::r2d2::Error> {
        if let AnyConnection::Sqlite(sqlite) = conn {
            sqlite
                .batch_execute(
                    "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 10000; \
                     PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Creates the data directory when needed, runs the migrations and builds the pool.
pub fn connect(url: &str, max_connections: u32) -> Result<DbPool, DbSetupError> {
    if Backend::of(url) == Backend::Sqlite {
        let path = std::path::Path::new(url.strip_prefix("sqlite://").unwrap_or(url));
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| DbSetupError::DataDir {
                path: dir.display().to_string(),
                source,
            })?;
        }
    }
    let mut conn = establish(url)?;
    if let AnyConnection::Sqlite(sqlite) = &mut conn {
        // WAL must be switched on before anything else writes.
        sqlite
            .batch_execute("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .map_err(|e| DbSetupError::Connect(e.to_string()))?;
    }
    run_migrations(&mut conn)?;
    drop(conn);

    let manager = ConnectionManager::<AnyConnection>::new(url);
    Ok(Pool::builder()
        .max_size(max_connections)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SqlitePragmas))
        .build(manager)?)
}

fn run_migrations(conn: &mut AnyConnection) -> Result<(), DbSetupError> {
    let result = match conn {
        AnyConnection::Postgresql(pg) => pg.run_pending_migrations(POSTGRES_MIGRATIONS).map(drop),
        AnyConnection::Sqlite(sqlite) => sqlite.run_pending_migrations(SQLITE_MIGRATIONS).map(drop),
    };
    result.map_err(|e| DbSetupError::Migrations(e.to_string()))
}

/// Runs `work` in a transaction, again when SQLite reports the database locked: two deferred
/// SQLite transactions that both read and then write cannot both commit, and SQLite answers
/// the loser at once instead of waiting. The closure must therefore only touch the database.
pub fn write_transaction<T, E>(
    conn: &mut AnyConnection,
    mut work: impl FnMut(&mut AnyConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DieselError> + AsDieselError,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match conn.transaction(&mut work) {
            Err(e) if attempt < 20 && e.as_diesel().is_some_and(is_sqlite_busy) => {
                std::thread::sleep(Duration::from_millis(5 * attempt));
            }
            other => return other,
        }
    }
}

/// Lets [`write_transaction`] see the database error inside an application error.
pub trait AsDieselError {
    fn as_diesel(&self) -> Option<&DieselError>;
}

impl AsDieselError for DieselError {
    fn as_diesel(&self) -> Option<&DieselError> {
        Some(self)
    }
}

fn is_sqlite_busy(e: &DieselError) -> bool {
    match e {
        DieselError::DatabaseError(DatabaseErrorKind::Unknown, info) => {
            let message = info.message();
            message.contains("database is locked") || message.contains("database table is locked")
        }
        _ => false,
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
