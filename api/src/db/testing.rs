//! Fresh, migrated databases for tests, on the backend the test run asks for:
//! `TEST_DATABASE_URL=postgres://…/postgres` gives each test its own PostgreSQL database
//! (created on that server, dropped afterwards); without it each test gets a new SQLite file.

use diesel::backend::Backend as DieselBackend;
use diesel::migration::MigrationSource;
use diesel::{Connection, PgConnection, RunQueryDsl, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness};

use super::pool::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use super::{connect, AnyConnection, Backend, DbPool};

/// A database that lives as long as this value.
pub struct TestDatabase {
    pub url: String,
    pub pool: DbPool,
    /// Removes the database when dropped (after the pool, declared before it).
    _cleanup: Cleanup,
}

enum Cleanup {
    SqliteDir(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl TestDatabase {
    pub fn backend(&self) -> Backend {
        Backend::of(&self.url)
    }

    /// A connection of the test's own, made like the pool's (a pooled one is not a diesel
    /// connection by itself: it carries the pool's trust in it, see `pool::PooledDb`).
    #[allow(clippy::expect_used)] // test support: a failure here should stop the test loudly
    pub fn connection(&self) -> AnyConnection {
        super::establish(&self.url, 1.into()).expect("a connection to the test database")
    }
}

/// Which backend this test run uses.
pub fn test_backend() -> Backend {
    std::env::var("TEST_DATABASE_URL")
        .map(|url| Backend::of(&url))
        .unwrap_or(Backend::Sqlite)
}

#[allow(clippy::expect_used)] // test support: a failure here should stop the test loudly
pub fn fresh_database() -> TestDatabase {
    let empty = empty_database();
    let pool = connect(&empty.url, 4).expect("migrate the test database");
    let EmptyDatabase { url, cleanup } = empty;
    TestDatabase {
        url,
        pool,
        _cleanup: cleanup,
    }
}

/// Runs the migrations of `url` up to and including the one named `last` (its folder name)
/// and no further: a later migration can then be tested on data the earlier schema allowed.
#[allow(clippy::expect_used)] // test support: a failure here should stop the test loudly
pub fn migrate_through(url: &str, last: &str) {
    fn run<B: DieselBackend, C: MigrationHarness<B>>(
        conn: &mut C,
        migrations: fn() -> EmbeddedMigrations,
        last: &str,
    ) where
        EmbeddedMigrations: MigrationSource<B>,
    {
        let wanted = MigrationSource::<B>::migrations(&migrations())
            .expect("the embedded migrations")
            .iter()
            .filter(|m| m.name().to_string().as_str() <= last)
            .count();
        for _ in 0..wanted {
            conn.run_next_migration(migrations())
                .expect("run the next migration");
        }
    }
    match Backend::of(url) {
        Backend::Postgres => run(
            &mut PgConnection::establish(url).expect("connect"),
            || POSTGRES_MIGRATIONS,
            last,
        ),
        Backend::Sqlite => run(
            &mut SqliteConnection::establish(url).expect("connect"),
            || SQLITE_MIGRATIONS,
            last,
        ),
    }
}

/// A new database with nothing in it, not even the migrations; dropped with this value.
pub struct EmptyDatabase {
    pub url: String,
    cleanup: Cleanup,
}

#[allow(clippy::expect_used)] // test support: a failure here should stop the test loudly
pub fn empty_database() -> EmptyDatabase {
    let name = format!("nes_test_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if Backend::of(&admin_url) == Backend::Postgres => {
            let mut admin = PgConnection::establish(&admin_url)
                .expect("TEST_DATABASE_URL must reach a PostgreSQL server");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .expect("create the test database");
            EmptyDatabase {
                url: replace_database(&admin_url, &name),
                cleanup: Cleanup::PostgresDatabase { admin_url, name },
            }
        }
        _ => sqlite_named(&name),
    }
}

/// A new, empty SQLite database whichever backend the run asks for (a test of the SQLite
/// schema itself); removed with this value.
pub fn empty_sqlite_database() -> EmptyDatabase {
    sqlite_named(&format!("nes_test_{}", uuid::Uuid::new_v4().simple()))
}

#[allow(clippy::expect_used)] // test support: a failure here should stop the test loudly
fn sqlite_named(name: &str) -> EmptyDatabase {
    let dir = std::env::temp_dir().join(name);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    EmptyDatabase {
        url: dir.join("nes.sqlite3").display().to_string(),
        cleanup: Cleanup::SqliteDir(dir),
    }
}

/// `postgres://user@host:5432/postgres?x=y` → same server, database `name`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let server = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replace_database;

    #[test]
    fn the_database_name_is_replaced_and_the_rest_kept() {
        assert_eq!(
            replace_database(
                "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable",
                "x"
            ),
            "postgres://postgres@127.0.0.1:5432/x?sslmode=disable"
        );
        assert_eq!(replace_database("postgres://h/db", "y"), "postgres://h/y");
        assert_eq!(replace_database("postgres://h", "y"), "postgres://h/y");
    }
}
