//! "Dosya seç…": the system's dialog for choosing the `.p12` file (rfd: IFileOpenDialog on
//! Windows; on Linux the XDG Desktop Portal, else zenity). It blocks until the person chooses,
//! so the window runs it on its worker thread. Tests stand in for it with [`FilePicker::new`].

use std::cell::Cell;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// What the dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    File(PathBuf),
    /// Closed without choosing: nothing changes.
    Cancelled,
    /// No dialog could be opened (no portal and no zenity, as under Xvfb).
    Unavailable,
}

/// Opens a file dialog titled with its argument and waits for the person's choice.
#[derive(Clone)]
pub struct FilePicker(Arc<dyn Fn(&str) -> Picked + Send + Sync>);

impl FilePicker {
    pub fn new(pick: impl Fn(&str) -> Picked + Send + Sync + 'static) -> FilePicker {
        FilePicker(Arc::new(pick))
    }

    /// The operating system's dialog, showing `.p12` and `.pfx` files.
    pub fn native() -> FilePicker {
        FilePicker::new(native)
    }

    pub(super) fn pick(&self, title: &str) -> Picked {
        (self.0)(title)
    }
}

impl Default for FilePicker {
    fn default() -> FilePicker {
        FilePicker::native()
    }
}

impl fmt::Debug for FilePicker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FilePicker")
    }
}

fn native(title: &str) -> Picked {
    let watching = RfdLog::watch();
    RFD.with(|trace| trace.set(Trace::default()));
    let chosen = rfd::FileDialog::new()
        .set_title(title)
        .add_filter("PKCS#12 (.p12, .pfx)", &["p12", "pfx", "P12", "PFX"])
        .pick_file();
    let trace = RFD.with(Cell::take);
    match chosen {
        Some(path) => Picked::File(path),
        // rfd answers "no file" both when the person cancels and when no dialog opened; on
        // Linux the second is a portal that failed and then a zenity that failed too.
        None if watching && trace.fallback_failed => Picked::Unavailable,
        None => Picked::Cancelled,
    }
}

/// What rfd logged on this thread during one dialog.
#[derive(Debug, Clone, Copy, Default)]
struct Trace {
    fell_back: bool,
    fallback_failed: bool,
}

thread_local! {
    static RFD: Cell<Trace> = Cell::new(Trace::default());
}

/// The process's logger, which only listens to rfd's warnings and errors (the app logs nothing
/// else through `log`).
struct RfdLog;

static RFD_LOG: RfdLog = RfdLog;

impl RfdLog {
    /// Whether rfd's records reach [`RfdLog`]: false if another logger was installed first.
    fn watch() -> bool {
        static INSTALLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
        *INSTALLED.get_or_init(|| {
            let installed = log::set_logger(&RFD_LOG).is_ok();
            if installed {
                log::set_max_level(log::LevelFilter::Warn);
            }
            installed
        })
    }
}

impl log::Log for RfdLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("rfd") && metadata.level() <= log::Level::Warn
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        RFD.with(|trace| {
            let mut now = trace.get();
            match record.level() {
                // "Using zenity fallback": the portal did not answer.
                log::Level::Warn if record.args().to_string().contains("fallback") => {
                    now.fell_back = true;
                }
                // "Failed to pick file with zenity: …" (not installed, no display).
                log::Level::Error if now.fell_back => now.fallback_failed = true,
                _ => {}
            }
            trace.set(now);
        });
    }

    fn flush(&self) {}
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn without_a_portal_or_zenity_the_dialog_is_unavailable_rather_than_cancelled() {
        let session = ["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some());
        let path = std::env::var_os("PATH").unwrap_or_default();
        let zenity = std::env::split_paths(&path).any(|dir| dir.join("zenity").is_file());
        if session || zenity {
            eprintln!("skipped: a desktop session or zenity is there, a dialog could open");
            return;
        }
        assert_eq!(native("test"), Picked::Unavailable);
    }
}
