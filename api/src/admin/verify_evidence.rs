//! `nes-admin verify-evidence FILE.zip [--public-key FILE.pem]`: checks an evidence package
//! (`evidence::verify`) against the key this server is configured with — or the one given,
//! to verify elsewhere — and, for e-İmza, the CMS against the configured trust roots and
//! CRLs (`ESIGN_TRUSTED_ROOTS`, `ESIGN_CRLS`, `ESIGN_CRL_URLS`), as the upload was checked.
//! Never with the key inside the ZIP: whoever forged a package would have put theirs there.

use std::path::PathBuf;

use crate::config::Config;
use crate::evidence::signing::PublicKey;
use crate::evidence::verify::{verify, Report};
use crate::signature_trust::SignatureTrust;

pub const USAGE: &str = "nes-admin verify-evidence FILE.zip [--public-key FILE.pem]";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyEvidenceArgs {
    pub zip: PathBuf,
    pub public_key: Option<PathBuf>,
}

impl VerifyEvidenceArgs {
    pub fn parse(args: &[String]) -> Result<VerifyEvidenceArgs, String> {
        let (mut zip, mut public_key) = (None, None);
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.split_once('=') {
                Some(("--public-key", value)) => public_key = Some(PathBuf::from(value)),
                _ if arg == "--public-key" => {
                    let value = rest.next().ok_or("--public-key needs a file")?;
                    public_key = Some(PathBuf::from(value));
                }
                _ if arg.starts_with("--") => return Err(format!("unknown argument `{arg}`")),
                _ if zip.is_none() => zip = Some(PathBuf::from(arg)),
                _ => return Err(format!("one ZIP file at a time (`{arg}`)")),
            }
        }
        Ok(VerifyEvidenceArgs {
            zip: zip.ok_or("the ZIP file to verify is missing")?,
            public_key,
        })
    }
}

/// Prints the report: `Ok(true)` valid, `Ok(false)` invalid, `Err` when it could not be
/// checked at all (usage, no key, unreadable file or trust roots).
pub fn run(args: &[String], config: &Config) -> Result<bool, String> {
    let args = VerifyEvidenceArgs::parse(args).map_err(|why| format!("{why}\nusage: {USAGE}"))?;
    let key = match &args.public_key {
        Some(path) => {
            let pem =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            PublicKey::from_pem(&pem).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => config
            .evidence_signing_key
            .load()
            .map_err(|e| e.to_string())?
            .map(|key| key.public().clone())
            .ok_or(
                "no evidence signing key is configured (NES_EVIDENCE_SIGNING_KEY): pass \
                 --public-key with the key Kamu SM publishes",
            )?,
    };
    let zip = std::fs::read(&args.zip).map_err(|e| format!("{}: {e}", args.zip.display()))?;
    let trust = trust(config)?;
    let report: Report = verify(&zip, &key, trust.as_ref().map(|t| t.verifier()).as_deref());
    println!("{}: key {}\n{report}", args.zip.display(), key.key_id());
    Ok(report.valid())
}

/// The configured e-İmza trust anchors, loaded as the server loads them (CRLs fetched).
fn trust(config: &Config) -> Result<Option<SignatureTrust>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(15))
        .build()
        .map_err(|e| e.to_string())?;
    runtime
        .block_on(SignatureTrust::load(config.esign.clone(), http))
        .map_err(|e| format!("e-İmza trust anchors: {e}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn one_zip_and_an_optional_key() {
        let args =
            VerifyEvidenceArgs::parse(&strings(&["a.zip", "--public-key", "k.pem"])).unwrap();
        assert_eq!(args.zip, PathBuf::from("a.zip"));
        assert_eq!(args.public_key, Some(PathBuf::from("k.pem")));
        let inline = VerifyEvidenceArgs::parse(&strings(&["--public-key=k.pem", "a.zip"])).unwrap();
        assert_eq!(inline, args);
        assert!(VerifyEvidenceArgs::parse(&strings(&[])).is_err());
        assert!(VerifyEvidenceArgs::parse(&strings(&["a.zip", "b.zip"])).is_err());
        assert!(VerifyEvidenceArgs::parse(&strings(&["a.zip", "--key", "k"])).is_err());
        assert!(VerifyEvidenceArgs::parse(&strings(&["a.zip", "--public-key"])).is_err());
    }
}
