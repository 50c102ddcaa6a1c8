//! Creates the development PKI ([`api::dev_pki`]) for trying approval with e-İmza by hand and
//! in end-to-end tests. A development API makes it by itself when it is missing; this makes it
//! elsewhere or anew.
//!
//! `cargo run -p api --bin dev-pki -- [--out DIR] [--force]` (default DIR: `$NES_DATA_DIR/pki`,
//! i.e. `data/pki`, where the API looks for `root.pem` and `crl.pem` by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use api::dev_pki::{self, DEFAULT_MODULE, P12_PASSWORD, SO_PIN, USER_PIN};

struct Options {
    out: PathBuf,
    force: bool,
    module: PathBuf,
}

fn options() -> Result<Options, String> {
    let data_dir = std::env::var("NES_DATA_DIR").unwrap_or_else(|_| "data".to_owned());
    let mut options = Options {
        out: Path::new(&data_dir).join("pki"),
        force: false,
        module: PathBuf::from(DEFAULT_MODULE),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => options.out = args.next().ok_or("--out needs a directory")?.into(),
            "--pkcs11-module" => {
                options.module = args.next().ok_or("--pkcs11-module needs a path")?.into()
            }
            "--force" => options.force = true,
            "--help" | "-h" => {
                return Err(
                    "usage: dev-pki [--out DIR] [--pkcs11-module PATH] [--force]".to_owned(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    match options().and_then(|o| run(&o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dev-pki: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), String> {
    let out = &options.out;
    if out.exists() {
        if !options.force {
            return Err(format!(
                "{} exists; pass --force to make a new PKI (old tokens and certificates go)",
                out.display()
            ));
        }
        std::fs::remove_dir_all(out).map_err(|e| e.to_string())?;
    }
    let made = dev_pki::create(out, &options.module)?;
    if let Some(why) = &made.no_tokens {
        return Err(why.clone());
    }
    println!(
        "{:<12} {:<18} {:<8} {:<24} .p12",
        "TCKN", "name", "key", "token label"
    );
    for issued in &made.issued {
        let note = if issued.revoked { " (revoked)" } else { "" };
        println!(
            "{:<12} {:<18} {:<8} {:<24} {}{note}",
            issued.tckn,
            issued.name,
            issued.key,
            issued.token_label.as_deref().unwrap_or("-"),
            issued.p12
        );
    }
    println!();
    println!("Written to {}.", out.display());
    println!("Token PIN {USER_PIN} (SO PIN {SO_PIN}); .p12 password {P12_PASSWORD}.");
    println!("The API trusts root.pem and crl.pem from here by default (restart it).");
    if let Some(conf) = &made.softhsm_conf {
        println!(
            "Signing app: SOFTHSM2_CONF={} cargo run -p signer -- --gui",
            conf.display()
        );
    }
    Ok(())
}
