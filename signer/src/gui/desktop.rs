//! On Linux, the window adds the app to the desktop's applications menu (a `.desktop` entry in
//! `~/.local/share/applications`), so that after the first double-click in the file manager
//! it is found like any other application. Release builds only: a developer's `cargo run`
//! leaves no entry behind.

use std::path::{Path, PathBuf};

/// The entry's text for the binary at `exe`.
pub fn entry(exe: &Path) -> String {
    // The Exec value is quoted: download folders have spaces ("İndirilenler" is fine, "My
    // Downloads" would not be).
    let exe = exe
        .display()
        .to_string()
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=e-İmza Uygulaması\n\
         Name[en]=e-İmza Application\n\
         Comment=NES başvurusunu e-İmza ile onaylayın\n\
         Comment[en]=Approve your NES application with your e-signature\n\
         Exec=\"{exe}\"\n\
         Terminal=false\n\
         Categories=Office;Security;\n\
         StartupWMClass=eimza-uygulamasi\n"
    )
}

/// Where the entry goes: `$XDG_DATA_HOME/applications`, else `~/.local/share/applications`.
fn entry_path() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share")))?;
    Some(data.join("applications/eimza-uygulamasi.desktop"))
}

/// Writes the entry when it is missing or names another file; a failure only costs the menu
/// item, so it is not reported.
pub fn install() {
    if cfg!(debug_assertions) || !cfg!(target_os = "linux") {
        return;
    }
    let (Ok(exe), Some(path)) = (std::env::current_exe(), entry_path()) else {
        return;
    };
    let text = entry(&exe);
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return;
    }
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&path, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_starts_the_binary_without_a_terminal_even_from_a_folder_with_spaces() {
        let text = entry(Path::new(
            "/home/ayse/My Downloads/eimza-uygulamasi-linux-x86_64",
        ));
        assert!(text.contains("Exec=\"/home/ayse/My Downloads/eimza-uygulamasi-linux-x86_64\"\n"));
        assert!(text.contains("Terminal=false\n"));
        assert!(text.starts_with("[Desktop Entry]\n"));
    }
}
