//! The e-İmza trust anchors (roots and CRLs) named in the configuration, kept current: read
//! at start and again every `ESIGN_CRL_REFRESH_MINUTES`, with the CRLs of `ESIGN_CRL_URLS`
//! fetched each time, so a CRL past its `nextUpdate` is replaced without a restart. A refresh
//! that fails keeps the anchors in use and says so loudly; a signature whose revocation
//! status no current CRL gives is refused (`revocation_status_unknown`) and logged as an
//! error, since it means the revocation source is stale or missing.

use std::path::Path;
use std::sync::{Arc, RwLock};

use esign::verify::{Refusal, TrustStore, Verifier};
use shared::problem::ErrorCode;

use crate::config::ESignConfig;

/// The verifier in use, replaced whole at each refresh (requests hold the one they began with).
pub struct SignatureTrust {
    config: ESignConfig,
    http: reqwest::Client,
    current: RwLock<Arc<Verifier>>,
}

impl SignatureTrust {
    /// Reads the roots and CRLs and fetches the CRLs' URLs; `None` when no root is
    /// configured (e-İmza unavailable).
    pub async fn load(
        config: ESignConfig,
        http: reqwest::Client,
    ) -> Result<Option<SignatureTrust>, String> {
        if config.trusted_roots.is_empty() {
            return Ok(None);
        }
        let verifier = build(&config, &http).await?;
        Ok(Some(SignatureTrust {
            config,
            http,
            current: RwLock::new(Arc::new(verifier)),
        }))
    }

    /// The verifier to check a signature with.
    pub fn verifier(&self) -> Arc<Verifier> {
        match self.current.read() {
            Ok(current) => current.clone(),
            // A panic while swapping cannot leave a half-written Arc: the old one is whole.
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reads and fetches everything again; on success the new anchors are used from the next
    /// signature on, on failure the old ones stay (and the error is answered).
    pub async fn refresh(&self) -> Result<(), String> {
        let verifier = Arc::new(build(&self.config, &self.http).await?);
        match self.current.write() {
            Ok(mut current) => *current = verifier,
            Err(poisoned) => *poisoned.into_inner() = verifier,
        }
        Ok(())
    }
}

/// Refreshes `trust` every `ESIGN_CRL_REFRESH_MINUTES` for the life of the process.
pub fn spawn_refresher(trust: Arc<SignatureTrust>) {
    let every = trust
        .config
        .crl_refresh
        .to_std()
        .unwrap_or(std::time::Duration::from_secs(3600));
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.tick().await; // the first tick is now: the anchors were just loaded
        loop {
            ticks.tick().await;
            match trust.refresh().await {
                Ok(()) => tracing::info!("e-İmza roots and CRLs refreshed"),
                Err(e) => tracing::error!(
                    error = %e,
                    "e-İmza roots and CRLs could not be refreshed: the previous ones stay in use; \
                     signatures will be refused as revocation_status_unknown once their CRLs expire"
                ),
            }
        }
    });
}

/// The API's code for a refusal of the verifier. A revocation status nobody can give is
/// ours to fix (a stale or missing CRL), not the signer's: it is logged as an error.
pub fn refusal_code(refusal: &Refusal) -> ErrorCode {
    if *refusal == Refusal::RevocationStatusUnknown {
        tracing::error!(
            "an e-İmza signature was refused because no current CRL covers its certificate: \
             check ESIGN_CRLS / ESIGN_CRL_URLS and the refresh log"
        );
    }
    ErrorCode::signature_refusal(refusal.code()).unwrap_or(ErrorCode::CmsMalformed)
}

async fn build(config: &ESignConfig, http: &reqwest::Client) -> Result<Verifier, String> {
    let (roots, crl_files) = (config.trusted_roots.clone(), config.crls.clone());
    let (roots, mut crls) = tokio::task::spawn_blocking(move || {
        Ok::<_, String>((
            read_all(&roots, "CERTIFICATE")?,
            read_all(&crl_files, "X509 CRL")?,
        ))
    })
    .await
    .map_err(|e| e.to_string())??;
    for url in &config.crl_urls {
        crls.extend(fetch_crl(http, url).await?);
    }
    let trust = TrustStore::new(roots, crls).map_err(|e| e.to_string())?;
    Ok(Verifier::new(trust).with_signing_time_tolerance(config.signing_time_tolerance))
}

/// One CRL distribution point: DER (`application/pkix-crl`) or PEM.
async fn fetch_crl(http: &reqwest::Client, url: &reqwest::Url) -> Result<Vec<Vec<u8>>, String> {
    let failed = |e: String| format!("{url}: {e}");
    let response = http
        .get(url.clone())
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !response.status().is_success() {
        return Err(failed(format!("answered {}", response.status())));
    }
    let body = response.bytes().await.map_err(|e| failed(e.to_string()))?;
    der_blocks(&body, "X509 CRL").map_err(failed)
}

fn read_all(paths: &[impl AsRef<Path>], pem_label: &str) -> Result<Vec<Vec<u8>>, String> {
    let mut all = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        all.extend(der_blocks(&bytes, pem_label).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    Ok(all)
}

/// A DER file as it is, or every `label` block of a PEM file.
fn der_blocks(bytes: &[u8], label: &str) -> Result<Vec<Vec<u8>>, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(vec![bytes.to_vec()]);
    };
    if !text.contains("-----BEGIN") {
        return Ok(vec![bytes.to_vec()]);
    }
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(&begin) {
        let Some(stop) = rest[start..].find(&end) else {
            return Err(format!("unterminated {label} block"));
        };
        let block = &rest[start..start + stop + end.len()];
        let (_, der) = pem_rfc7468::decode_vec(block.as_bytes()).map_err(|e| e.to_string())?;
        blocks.push(der);
        rest = &rest[start + stop + end.len()..];
    }
    if blocks.is_empty() {
        return Err(format!("no {label} block"));
    }
    Ok(blocks)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::der_blocks;

    #[test]
    fn every_pem_block_of_the_label_is_read_and_der_is_taken_as_it_is() {
        let pem = "-----BEGIN CERTIFICATE-----\nAQID\n-----END CERTIFICATE-----\nx\n-----BEGIN CERTIFICATE-----\nBAUG\n-----END CERTIFICATE-----\n";
        assert_eq!(
            der_blocks(pem.as_bytes(), "CERTIFICATE").unwrap(),
            vec![vec![1, 2, 3], vec![4, 5, 6]]
        );
        assert_eq!(
            der_blocks(&[0x30, 0x82, 0xff], "CERTIFICATE").unwrap(),
            vec![vec![0x30, 0x82, 0xff]]
        );
        assert!(der_blocks(b"-----BEGIN X509 CRL-----\n", "CERTIFICATE").is_err());
    }
}
