//! A PostgreSQL server of the test's own (initdb into a temporary directory, a free port), so
//! that a test may stop and start it under load without disturbing the other tests, which
//! share the machine's server. Needs Debian's `postgresql` package (installed by
//! `scripts/install-deps --for-tests`); PostgreSQL refuses to run as root, so as root the
//! server runs as the `postgres` user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::helpers::TempDir;

pub struct PrivatePostgres {
    bin: PathBuf,
    data: PathBuf,
    pub port: u16,
    _dir: TempDir,
}

impl PrivatePostgres {
    /// A new cluster, started, with an empty database `nes`.
    pub fn start() -> PrivatePostgres {
        let bin = server_binaries();
        let dir = TempDir(std::env::temp_dir().join(format!("nes-pg-{}", uuid::Uuid::new_v4())));
        std::fs::create_dir_all(&dir.0).expect("a directory for the cluster");
        let data = dir.0.join("data");
        give_to_postgres(&dir.0);
        run_as_postgres(
            Command::new(bin.join("initdb"))
                .args([
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--no-sync",
                    "-D",
                ])
                .arg(&data),
        );
        let server = PrivatePostgres {
            bin,
            data,
            port: free_port(),
            _dir: dir,
        };
        server.start_again();
        let status = Command::new("psql")
            .args(["-q", "-c", "CREATE DATABASE nes"])
            .arg(server.url("postgres"))
            .stdout(Stdio::null())
            .status()
            .expect("psql");
        assert!(status.success(), "create the test database");
        server
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Stops the server the way an operator's restart does: connections are cut at once.
    pub fn stop(&self) {
        self.pg_ctl(&["stop", "-m", "fast", "-w"]);
    }

    pub fn start_again(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            self.port
        );
        let log = self.data.join("server.log");
        self.pg_ctl(&[
            "start",
            "-w",
            "-o",
            &options,
            "-l",
            log.to_str().expect("a UTF-8 path"),
        ]);
    }

    fn pg_ctl(&self, args: &[&str]) {
        run_as_postgres(
            Command::new(self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(&self.data)
                .args(args),
        );
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = Command::new(self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(&self.data)
            .args(["stop", "-m", "immediate"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// Where Debian keeps `initdb` and `pg_ctl` (not on the PATH).
fn server_binaries() -> PathBuf {
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("PostgreSQL's server binaries under /usr/lib/postgresql (scripts/install-deps --for-tests)")
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("an initdb under /usr/lib/postgresql/*/bin")
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

fn give_to_postgres(dir: &Path) {
    if is_root() {
        let status = Command::new("chown")
            .args(["-R", "postgres:postgres"])
            .arg(dir)
            .status()
            .expect("chown");
        assert!(status.success());
    }
}

fn run_as_postgres(command: &mut Command) {
    let program = command.get_program().to_owned();
    let args: Vec<_> = command.get_args().map(|a| a.to_owned()).collect();
    let mut actual = if is_root() {
        let mut runuser = Command::new("runuser");
        runuser
            .args(["-u", "postgres", "--"])
            .arg(program)
            .args(args);
        runuser
    } else {
        let mut own = Command::new(program);
        own.args(args);
        own
    };
    let output = actual.output().expect("run a PostgreSQL tool");
    assert!(
        output.status.success(),
        "{:?} failed: {}",
        actual,
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}
