//! The processes under test: the API (release build) on a fresh database, and the bare
//! actix-web ceiling. Each is a child process, so its memory is its own to read.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};

/// The local PostgreSQL server's Unix socket, where Debian's server puts it.
const LOCAL_SOCKET: &str = "/var/run/postgresql/.s.PGSQL.5432";

/// The local server, as an API on the same machine should reach it (docs/deployment.md,
/// "Reaching PostgreSQL"): through its Unix socket when there is one that lets us in (a
/// server set up for TCP only may refuse `postgres` there), else over loopback TCP without
/// TLS.
pub fn local_postgres_url() -> String {
    let socket = "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres";
    if Path::new(LOCAL_SOCKET).exists() && PgConnection::establish(socket).is_ok() {
        socket.into()
    } else {
        "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable".into()
    }
}

/// How `url` reaches its server, for the report.
pub fn connection_kind(url: &str) -> &'static str {
    api::db::Route::of(url, std::env::var("PGSSLMODE").ok().as_deref()).describe()
}

/// A database for one run: a file in a new directory, or a new PostgreSQL database that is
/// dropped afterwards.
pub enum Database {
    Sqlite { dir: PathBuf },
    Postgres { admin_url: String, name: String },
}

impl Database {
    pub fn sqlite() -> std::io::Result<Database> {
        let dir = std::env::temp_dir().join(format!("nes-bench-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir)?;
        Ok(Database::Sqlite { dir })
    }

    pub fn postgres(admin_url: &str) -> Result<Database, String> {
        let name = format!("nes_bench_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::establish(admin_url).map_err(|e| e.to_string())?;
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .map_err(|e| e.to_string())?;
        Ok(Database::Postgres {
            admin_url: admin_url.to_owned(),
            name,
        })
    }

    pub fn label(&self) -> &'static str {
        match self {
            Database::Sqlite { .. } => "SQLite",
            Database::Postgres { .. } => "PostgreSQL",
        }
    }

    pub fn url(&self) -> String {
        match self {
            Database::Sqlite { dir } => dir.join("nes.sqlite3").display().to_string(),
            Database::Postgres { admin_url, name } => {
                let server = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url.as_str(), |(s, _)| s);
                format!("{server}/{name}")
            }
        }
    }

    /// The server processes of the connections to this database (PostgreSQL's backends; none
    /// for SQLite, which runs inside the API).
    pub fn backend_pids(&self) -> Vec<u32> {
        #[derive(diesel::QueryableByName)]
        struct Backend {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            pid: i32,
        }
        let Database::Postgres { admin_url, name } = self else {
            return Vec::new();
        };
        let Ok(mut admin) = PgConnection::establish(admin_url) else {
            return Vec::new();
        };
        diesel::sql_query("SELECT pid FROM pg_stat_activity WHERE datname = $1")
            .bind::<diesel::sql_types::Text, _>(name.as_str())
            .load::<Backend>(&mut admin)
            .map(|backends| {
                backends
                    .into_iter()
                    .filter_map(|b| u32::try_from(b.pid).ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn data_dir(&self) -> PathBuf {
        match self {
            Database::Sqlite { dir } => dir.clone(),
            Database::Postgres { name, .. } => std::env::temp_dir().join(name),
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        match self {
            Database::Sqlite { dir } => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Database::Postgres { admin_url, name } => {
                let _ = std::fs::remove_dir_all(std::env::temp_dir().join(&*name));
                if let Ok(mut admin) = PgConnection::establish(admin_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut admin);
                }
            }
        }
    }
}

/// A running child process that answers HTTP on `base`.
pub struct Process {
    child: Child,
    pub base: String,
}

pub fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Process {
    /// The API on `database`, sending SMS to `gateway_url` and e-mail to the SMTP server on
    /// `smtp_port`, knowing `citizens` generated test citizens.
    pub async fn api(
        binary: &Path,
        database: &Database,
        gateway_url: &str,
        smtp_port: u16,
        citizens: usize,
    ) -> Result<Process, String> {
        let port = free_port().map_err(|e| e.to_string())?;
        let base = format!("http://127.0.0.1:{port}");
        let data_dir = database.data_dir();
        std::fs::create_dir_all(&data_dir).map_err(|e| e.to_string())?;
        let child = Command::new(binary)
            .env("NES_BIND", format!("127.0.0.1:{port}"))
            // Every applicant of the run logs in from this one address.
            .env("NES_RATE_LIMIT_EXEMPT", "127.0.0.1")
            .env("NES_PUBLIC_URL", &base)
            .env("DATABASE_URL", database.url())
            .env("NES_DATA_DIR", &data_dir)
            .env("NES_STATIC_DIR", data_dir.join("no-spa"))
            .env("NES_EMAIL_TRANSPORT", "smtp")
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", smtp_port.to_string())
            .env("SMTP_TLS", "none")
            .env("NES_SMS_TRANSPORT", "http")
            .env("SMS_GATEWAY_URL", gateway_url)
            .env("SMS_GATEWAY_TOKEN", crate::gateway::TOKEN)
            .env("EDEVLET_SIMULATOR_GENERATED_CITIZENS", citizens.to_string())
            .env(
                "RUST_LOG",
                std::env::var("BENCH_API_LOG").unwrap_or_else(|_| "error".into()),
            )
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let process = Process { child, base };
        process.wait_until_ready("/readyz").await?;
        Ok(process)
    }

    /// The bare actix-web handler.
    pub async fn ceiling(binary: &Path) -> Result<Process, String> {
        let port = free_port().map_err(|e| e.to_string())?;
        let child = Command::new(binary)
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let process = Process {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        process.wait_until_ready("/ceiling").await?;
        Ok(process)
    }

    async fn wait_until_ready(&self, path: &str) -> Result<(), String> {
        let started = Instant::now();
        loop {
            let answer = reqwest::get(format!("{}{path}", self.base)).await;
            if answer.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(60) {
                return Err(format!("{}{path} never answered", self.base));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Peak and current resident memory in MiB, from `/proc/<pid>/status`.
    pub fn memory_mib(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib / 1024.0)
        };
        Some((field("VmHWM:")?, field("VmRSS:")?))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
