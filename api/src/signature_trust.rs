//! Loads the e-İmza trust anchors (roots and CRLs) named in the configuration.

use std::path::Path;

use esign::verify::{TrustStore, Verifier};

use crate::config::ESignConfig;

/// The verifier for the configured roots and CRLs, or `None` when no root is configured.
pub fn load_verifier(config: &ESignConfig) -> Result<Option<Verifier>, String> {
    if config.trusted_roots.is_empty() {
        return Ok(None);
    }
    let roots = read_all(&config.trusted_roots, "CERTIFICATE")?;
    let crls = read_all(&config.crls, "X509 CRL")?;
    let trust = TrustStore::new(roots, crls).map_err(|e| e.to_string())?;
    Ok(Some(Verifier::new(trust).with_signing_time_tolerance(
        config.signing_time_tolerance,
    )))
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
