//! `eimza-uygulamasi`: approve an NES application with a qualified e-signature.

use std::process::ExitCode;

use clap::Parser;
use signer::cli::Args;
use signer::flow;
use signer::ui::Ui;

fn main() -> ExitCode {
    // Usage errors exit with 2, --help and --version with 0 (clap's own codes).
    let args = Args::parse();
    let ui = Ui::new(args.lang, args.yes);
    match flow::run(args.into_options(), &ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            ui.report(&failure);
            ExitCode::from(failure.kind.code())
        }
    }
}
