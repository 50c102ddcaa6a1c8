//! Server-side administration, run where the API runs (same environment variables):
//!
//! ```text
//! nes-admin verify-audit                      check the audit log's hash chain
//! nes-admin create-operator --username U --display-name "N"
//!                                             create a Kamu SM operator; the password is
//!                                             read from standard input
//! nes-admin reseal-secrets                    after rotating NES_SECRET_KEY (the old one in
//!                                             NES_SECRET_KEY_PREVIOUS): seal everything
//!                                             again under the current key
//! nes-admin verify-evidence FILE.zip [--public-key FILE.pem]
//!                                             check an evidence package: the manifest's
//!                                             signature against the configured key
//!                                             (NES_EVIDENCE_SIGNING_KEY) or the one given,
//!                                             every file's hash, the form's fingerprint, the
//!                                             audit entries' chain hashes, the e-İmza CMS
//!                                             against the configured trust roots
//! ```
//!
//! Exit codes: 0 done (chain intact, package valid), 1 the chain is broken or the package
//! invalid (the report says what), 2 wrong usage or failure.

use std::process::ExitCode;

use api::config::Config;

const USAGE: &str = "usage: nes-admin verify-audit | nes-admin reseal-secrets | \
nes-admin create-operator --username U --display-name NAME | \
nes-admin verify-evidence FILE.zip [--public-key FILE.pem]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("configuration: {e}");
            return ExitCode::from(2);
        }
    };
    // A package is checked without the database: it may be verified on another machine.
    if command == "verify-evidence" {
        return match api::admin::verify_evidence::run(&args[1..], &config) {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::from(1),
            Err(e) => {
                eprintln!("nes-admin verify-evidence: {e}");
                ExitCode::from(2)
            }
        };
    }
    let mut conn = match api::db::connect(&config.database_url, 1).and_then(|pool| {
        pool.get()
            .map_err(|e| api::db::DbSetupError::Connect(e.to_string()))
    }) {
        Ok(conn) => conn,
        Err(e) => {
            eprintln!("database: {e}");
            return ExitCode::from(2);
        }
    };
    let outcome = match command.as_str() {
        "verify-audit" => api::admin::verify_audit::run(&mut conn).map(|intact| {
            if intact {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }),
        "reseal-secrets" => {
            api::admin::reseal_secrets::run(&mut conn, &config.secrets).map(|_| ExitCode::SUCCESS)
        }
        "create-operator" => {
            let now = api::clock::Clock::now(&api::clock::SystemClock);
            api::admin::create_operator::run(&mut conn, &args[1..], now).map(|created| {
                if created {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(2)
                }
            })
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nes-admin {command}: {e}");
            ExitCode::from(2)
        }
    }
}
