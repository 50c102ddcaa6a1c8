//! `eimza-uygulamasi`: approve an NES application (or log in) with a qualified e-signature.
//! Without arguments — a double-click — it opens its window; with arguments it is the terminal
//! app that scripts and tests drive.
// No console window behind the app's window on Windows. Output redirected to a file or a pipe
// still arrives; the terminal face is for automation there.
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

use clap::Parser;
use signer::cli::{self, Args};
use signer::flow;
use signer::gui::{self, GuiOptions};
use signer::ui::Ui;

fn main() -> ExitCode {
    if std::env::args_os().len() <= 1 {
        return window(GuiOptions {
            server: cli::server(None),
            ..GuiOptions::default()
        });
    }
    // Usage errors exit with 2, --help and --version with 0 (clap's own codes).
    let args = Args::parse();
    if args.gui {
        return window(GuiOptions {
            server: cli::server(args.server),
            lang: args.lang,
            pkcs11_modules: args.pkcs11_modules,
            p12: args.p12,
            screenshot: args.screenshot,
            ..GuiOptions::default()
        });
    }
    let ui = Ui::new(args.lang, args.yes);
    match flow::run(args.into_options(), &ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            ui.report(&failure);
            ExitCode::from(failure.kind.code())
        }
    }
}

fn window(options: GuiOptions) -> ExitCode {
    match gui::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Without a display (a server, a bare terminal) the terminal face still works.
            eprintln!(
                "Pencere açılamadı (the window cannot be opened): {error}\n\
                 Terminalde çalıştırmak için (to run in the terminal): eimza-uygulamasi --code KOD"
            );
            ExitCode::from(1)
        }
    }
}
