//! The development PKI: a test root CA standing for Kamu SM's, NES-style certificates for the
//! e-Devlet simulator's test citizens (in .p12 files and on SoftHSM2 tokens that stand for
//! smart cards), and a CRL that revokes one of them. `cargo run -p api --bin dev-pki` makes it
//! by hand; a development API makes it at start-up when it is missing, so that e-İmza works
//! after README's first command. Never in production (the configuration has no directory
//! for it there).

use std::path::{Path, PathBuf};

use chrono::{Duration, Utc};
use esign::pki::softhsm::{import_key_and_certificate, init_token, SoftHsmConfig};
use esign::pki::{crl_pem, KeyType, PersonCertificateRequest, TestCa};
use esign::sign::{Pin, Pkcs11Module};
use shared::Tckn;

use crate::edevlet::simulator::citizens::test_citizens;

/// Public development secrets, printed and documented: nothing here protects anything real.
pub const USER_PIN: &str = "123456";
pub const SO_PIN: &str = "12345678";
pub const P12_PASSWORD: &str = "123456";
pub const DEFAULT_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
/// İbrahim Güneş's certificate is revoked, to try the refusal.
const REVOKED_INDEX: usize = 4;

/// One test citizen's credentials, as listed.
pub struct Issued {
    pub tckn: String,
    pub name: String,
    pub key: &'static str,
    pub token_label: Option<String>,
    pub p12: String,
    pub revoked: bool,
}

/// What was made: the citizens' credentials, the SoftHSM2 configuration (`None`: no SoftHSM2
/// here, .p12 files only) and why there are no tokens.
pub struct Made {
    pub issued: Vec<Issued>,
    pub softhsm_conf: Option<PathBuf>,
    pub no_tokens: Option<String>,
}

/// Makes the PKI in `out`, which must not exist yet (two API instances starting at once: the
/// one that creates the directory makes it, the other finds it). Tokens are made through
/// `module` when it loads; without SoftHSM2 only the files are made.
pub fn create(out: &Path, module: &Path) -> Result<Made, String> {
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::create_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
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
    let (module, no_tokens) = match Pkcs11Module::load(module) {
        Ok(loaded) => (Some(loaded), None),
        Err(e) => (
            None,
            Some(format!("{}: {e} (install softhsm2)", module.display())),
        ),
    };

    let mut revoked = Vec::new();
    let mut made = Vec::new();
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
        if let Some(module) = &module {
            init_token(module, &label, &Pin::new(SO_PIN), &Pin::new(USER_PIN))
                .map_err(|e| e.to_string())?;
            import_key_and_certificate(
                module,
                &label,
                &Pin::new(USER_PIN),
                "NES imza sertifikası",
                &[0x01],
                issued.private_key(),
                issued.certificate_der(),
            )
            .map_err(|e| e.to_string())?;
        }
        let key = match key_type {
            KeyType::Rsa2048 => "RSA-2048",
            KeyType::P256 => "P-256",
        };
        made.push(Issued {
            tckn: citizen.tckn.to_owned(),
            name,
            key,
            token_label: module.is_some().then_some(label),
            p12: format!("p12/{p12_name}"),
            revoked: index == REVOKED_INDEX,
        });
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

    Ok(Made {
        issued: made,
        softhsm_conf: module.is_some().then(|| softhsm.conf_path().to_owned()),
        no_tokens,
    })
}

/// At a development API's start: makes the PKI in `dir` when it is not there, so that e-İmza
/// works at once. Says what it did (or why not) in the log; never stops the start.
pub fn ensure(dir: &Path) {
    if dir.join("root.pem").exists() {
        return;
    }
    if dir.exists() {
        tracing::warn!(
            dir = %dir.display(),
            "the development PKI directory has no root.pem (half made, or another instance is \
             making it): e-İmza approval may be unavailable; `cargo run -p api --bin dev-pki -- \
             --force` makes it anew"
        );
        return;
    }
    match create(dir, Path::new(DEFAULT_MODULE)) {
        Ok(made) => {
            let tokens = match &made.no_tokens {
                None => format!("SoftHSM2 tokens \"NES <TCKN>\" (PIN {USER_PIN})"),
                Some(why) => format!("no SoftHSM2 tokens ({why})"),
            };
            tracing::info!(
                dir = %dir.display(),
                citizens = made.issued.len(),
                "made the development PKI for e-İmza: {tokens}, p12/<TCKN>.p12 (password \
                 {P12_PASSWORD}); the signing app finds the tokens with SOFTHSM2_CONF={}/softhsm2.conf",
                dir.display()
            );
        }
        Err(error) => tracing::warn!(
            dir = %dir.display(),
            "the development PKI could not be made ({error}): e-İmza approval is unavailable"
        ),
    }
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
