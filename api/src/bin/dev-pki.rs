//! Creates a development PKI for trying approval with e-İmza by hand and in end-to-end tests:
//! a test root CA standing for Kamu SM's, NES-style certificates for the e-Devlet simulator's
//! test citizens (in .p12 files and on SoftHSM2 tokens that stand for smart cards), and a CRL
//! that revokes one of them.
//!
//! `cargo run -p api --bin dev-pki -- [--out DIR] [--force]` (default DIR: `$NES_DATA_DIR/pki`,
//! i.e. `data/pki`, where the API looks for `root.pem` and `crl.pem` by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use api::edevlet::simulator::citizens::test_citizens;
use chrono::{Duration, Utc};
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig};
use esign::pki::{crl_pem, KeyType, PersonCertificateRequest, TestCa};
use esign::sign::{Pin, Pkcs11Module};
use shared::Tckn;

/// Public development secrets, printed and documented: nothing here protects anything real.
const USER_PIN: &str = "123456";
const SO_PIN: &str = "12345678";
const P12_PASSWORD: &str = "123456";
const DEFAULT_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
/// İbrahim Güneş's certificate is revoked, to try the refusal.
const REVOKED_INDEX: usize = 4;

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
    std::fs::create_dir_all(out.join("p12")).map_err(|e| e.to_string())?;
    let now = Utc::now();
    let ca = TestCa::new(
        KeyType::Rsa2048,
        now - Duration::days(1),
        now + Duration::days(3650),
    )
    .map_err(|e| e.to_string())?;
    write(
        out,
        "root.pem",
        ca.certificate_pem().map_err(|e| e.to_string())?.as_bytes(),
    )?;
    write(out, "root.der", ca.certificate_der())?;

    // SoftHSM2 reads its configuration once per process, before the module is loaded.
    let softhsm = SoftHsmConfig::create_in(out).map_err(|e| e.to_string())?;
    std::env::set_var("SOFTHSM2_CONF", softhsm.conf_path());
    let module = Pkcs11Module::load(&options.module)
        .map_err(|e| format!("{}: {e} (install softhsm2)", options.module.display()))?;

    let mut revoked = Vec::new();
    println!(
        "{:<12} {:<18} {:<8} {:<24} .p12",
        "TCKN", "name", "key", "token label"
    );
    for (index, citizen) in test_citizens().iter().enumerate() {
        let tckn = Tckn::parse(citizen.tckn).map_err(|e| e.to_string())?;
        let name = turkish_upper(&format!("{} {}", citizen.first_name, citizen.last_name));
        let key_type = if index % 2 == 0 {
            KeyType::Rsa2048
        } else {
            KeyType::P256
        };
        let request = PersonCertificateRequest::nes(&name, tckn, key_type, now, 730);
        let issued = ca.issue(&request).map_err(|e| e.to_string())?;
        if index == REVOKED_INDEX {
            revoked.push(issued.serial().to_vec());
        }

        let p12 = issued
            .to_pkcs12(&ca, "nes", &Pin::new(P12_PASSWORD))
            .map_err(|e| e.to_string())?;
        let p12_name = format!("{}.p12", citizen.tckn);
        write(&out.join("p12"), &p12_name, &p12)?;

        let label = format!("NES {}", citizen.tckn);
        init_token(&module, &label, &Pin::new(SO_PIN), &Pin::new(USER_PIN))
            .map_err(|e| e.to_string())?;
        import_key_and_certificate(
            &module,
            &label,
            &Pin::new(USER_PIN),
            "NES imza sertifikası",
            &[0x01],
            issued.private_key(),
            issued.certificate_der(),
        )
        .map_err(|e| e.to_string())?;
        let key = match key_type {
            KeyType::Rsa2048 => "RSA-2048",
            KeyType::P256 => "P-256",
        };
        let note = if index == REVOKED_INDEX {
            " (revoked)"
        } else {
            ""
        };
        println!(
            "{:<12} {:<18} {:<8} {:<24} p12/{p12_name}{note}",
            citizen.tckn, name, key, label
        );
    }

    let revoked: Vec<&[u8]> = revoked.iter().map(Vec::as_slice).collect();
    let crl = ca
        .crl(
            &revoked,
            1,
            now - Duration::minutes(1),
            now + Duration::days(30),
        )
        .map_err(|e| e.to_string())?;
    write(
        out,
        "crl.pem",
        crl_pem(&crl).map_err(|e| e.to_string())?.as_bytes(),
    )?;
    write(out, "crl.der", &crl)?;

    println!();
    println!("Written to {}.", out.display());
    println!("Token PIN {USER_PIN} (SO PIN {SO_PIN}); .p12 password {P12_PASSWORD}.");
    println!("The API trusts root.pem and crl.pem from here by default (restart it).");
    println!(
        "Signing app: SOFTHSM2_CONF={} cargo run -p signer -- --server http://127.0.0.1:8080",
        softhsm.conf_path().display()
    );
    Ok(())
}

/// NES certificates spell names in capitals, the Turkish way: i → İ, ı → I.
fn turkish_upper(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'i' => "İ".to_owned(),
            'ı' => "I".to_owned(),
            other => other.to_uppercase().collect(),
        })
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))
}
