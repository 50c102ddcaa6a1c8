//! Checks an evidence package: what `nes-admin verify-evidence` runs, and what the tests run
//! on tampered copies. Every check is reported, so a refusal says what is wrong; a package is
//! valid when none failed.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use esign::document::SigningDocument;
use esign::verify::Verifier;
use serde::de::DeserializeOwned;

use super::manifest::{
    self, ApprovalRecord, AuditRecord, ConsentRecord, Manifest, SignatureVerificationRecord,
};
use super::package::{self, PackageFile};
use super::signing::PublicKey;
use crate::audit::entry_hash;
use crate::secrets::sha256_hex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed(String),
    /// Not checked, and why (no trusted roots to check a CMS against).
    Skipped(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub what: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub checks: Vec<Check>,
}

impl Report {
    pub fn valid(&self) -> bool {
        self.failures().next().is_none()
    }

    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|check| matches!(check.outcome, Outcome::Failed(_)))
    }

    fn add(&mut self, what: impl Into<String>, outcome: Outcome) {
        self.checks.push(Check {
            what: what.into(),
            outcome,
        });
    }

    fn check(&mut self, what: impl Into<String>, result: Result<(), String>) {
        let outcome = match result {
            Ok(()) => Outcome::Passed,
            Err(why) => Outcome::Failed(why),
        };
        self.add(what, outcome);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for check in &self.checks {
            match &check.outcome {
                Outcome::Passed => writeln!(f, "  ok       {}", check.what)?,
                Outcome::Failed(why) => writeln!(f, "  FAILED   {}: {why}", check.what)?,
                Outcome::Skipped(why) => writeln!(f, "  skipped  {}: {why}", check.what)?,
            }
        }
        match self.valid() {
            true => write!(f, "VALID: the evidence package is intact"),
            false => write!(f, "INVALID: {} check(s) failed", self.failures().count()),
        }
    }
}

/// Checks `zip` against `key` (the configured one) and, for e-İmza, the CMS with `cms` —
/// the verifier of the configured trust roots, or `None` when there are none.
pub fn verify(zip: &[u8], key: &PublicKey, cms: Option<&Verifier>) -> Report {
    let mut report = Report::default();
    let files = match package::read(zip) {
        Ok(files) => files,
        Err(e) => {
            report.check("the ZIP can be read", Err(e.to_string()));
            return report;
        }
    };
    let by_name: BTreeMap<&str, &PackageFile> = files
        .iter()
        .map(|file| (file.name.as_str(), file))
        .collect();
    let Some(manifest_file) = by_name.get(manifest::MANIFEST) else {
        report.check("manifest.json is present", Err("missing".into()));
        return report;
    };
    let manifest: Manifest = match serde_json::from_slice(&manifest_file.bytes) {
        Ok(manifest) => manifest,
        Err(e) => {
            report.check("manifest.json can be read", Err(e.to_string()));
            return report;
        }
    };
    report.check(
        format!("format {}", manifest::FORMAT),
        expect_eq(&manifest.format, manifest::FORMAT, "format"),
    );
    check_signature(&mut report, &manifest, &manifest_file.bytes, &by_name, key);
    check_listing(&mut report, &manifest, &by_name);

    let approval: Option<ApprovalRecord> = record(&mut report, &by_name, manifest::APPROVAL);
    if let Some(approval) = &approval {
        check_form(&mut report, approval, &by_name);
        if let Some(text) = by_name.get(manifest::TAAHHUTNAME) {
            report.check(
                format!(
                    "Taahhütname {} matches its recorded hash",
                    approval.taahhutname_version
                ),
                expect_eq(
                    &sha256_hex(&text.bytes),
                    &approval.taahhutname_sha256,
                    "SHA-256",
                ),
            );
        }
        report.check(
            "the approval method is the manifest's",
            expect_eq(&approval.method, &manifest.approval_method, "method"),
        );
    }
    if let Some(audit) = record::<Vec<AuditRecord>>(&mut report, &by_name, manifest::AUDIT) {
        check_audit(&mut report, &manifest.application_id, &audit);
    }
    if manifest.approval_method == "e_onay" {
        if let Some(consent) = record::<ConsentRecord>(&mut report, &by_name, manifest::CONSENT) {
            if let Some(entry) = &consent.audit_entry {
                report.check(
                    format!("the consent's audit entry #{} matches its hash", entry.seq),
                    entry_matches(entry),
                );
            }
        }
    }
    if manifest.approval_method == "e_imza" {
        check_e_imza(&mut report, &manifest, approval.as_ref(), &by_name, cms);
    }
    report
}

fn check_signature(
    report: &mut Report,
    manifest: &Manifest,
    manifest_bytes: &[u8],
    by_name: &BTreeMap<&str, &PackageFile>,
    key: &PublicKey,
) {
    report.check(
        format!("signed by the configured key {}", key.key_id()),
        expect_eq(&manifest.key_id, key.key_id(), "key id"),
    );
    let signature = by_name.get(manifest::MANIFEST_SIGNATURE);
    report.check(
        "the manifest's signature verifies",
        match signature {
            None => Err("manifest.sig is missing".into()),
            Some(signature) if key.verifies(manifest_bytes, &signature.bytes) => Ok(()),
            Some(_) => {
                Err("manifest.sig is not the configured key's signature over manifest.json".into())
            }
        },
    );
}

/// Every listed file is there with its size and hash; nothing else is.
fn check_listing(report: &mut Report, manifest: &Manifest, by_name: &BTreeMap<&str, &PackageFile>) {
    let mut listed = BTreeSet::new();
    for entry in &manifest.files {
        let result = if !listed.insert(entry.name.as_str()) {
            Err("listed twice".to_owned())
        } else {
            match by_name.get(entry.name.as_str()) {
                None => Err("listed but missing".to_owned()),
                Some(file) if file.bytes.len() as u64 != entry.size => Err(format!(
                    "{} bytes, the manifest says {}",
                    file.bytes.len(),
                    entry.size
                )),
                Some(file) => expect_eq(&sha256_hex(&file.bytes), &entry.sha256, "SHA-256"),
            }
        };
        report.check(format!("{} matches the manifest", entry.name), result);
    }
    let unlisted: Vec<&str> = by_name
        .keys()
        .copied()
        .filter(|name| {
            !listed.contains(name)
                && *name != manifest::MANIFEST
                && *name != manifest::MANIFEST_SIGNATURE
        })
        .collect();
    report.check(
        "no file outside the manifest",
        match unlisted.is_empty() {
            true => Ok(()),
            false => Err(format!("not listed: {}", unlisted.join(", "))),
        },
    );
}

fn check_form(
    report: &mut Report,
    approval: &ApprovalRecord,
    by_name: &BTreeMap<&str, &PackageFile>,
) {
    let Some(form) = by_name.get(manifest::FORM) else {
        report.check("form.json is present", Err("missing".into()));
        return;
    };
    match &approval.form_sha256 {
        Some(recorded) => report.check(
            "form.json is the form approved (its SHA-256 is the approval's form_sha256)",
            expect_eq(&sha256_hex(&form.bytes), recorded, "SHA-256"),
        ),
        None => report.add(
            "form.json is the form approved",
            Outcome::Skipped("approved before form fingerprints were recorded".into()),
        ),
    }
}

/// Each entry's hash is the audit module's over its content; entries that follow each other
/// in the chain (seq n, n + 1) link; all are about this application.
fn check_audit(report: &mut Report, application_id: &str, entries: &[AuditRecord]) {
    let mut previous: Option<&AuditRecord> = None;
    for entry in entries {
        let mut result = entry_matches(entry);
        if result.is_ok() && entry.target.as_deref() != Some(application_id) {
            result = Err(format!("about {:?}, not this application", entry.target));
        }
        if let (Ok(()), Some(before)) = (&result, previous) {
            if entry.seq <= before.seq {
                result = Err(format!("out of order after #{}", before.seq));
            } else if entry.seq == before.seq + 1 && entry.prev_hash != before.hash {
                result = Err(format!("prev_hash is not the hash of #{}", before.seq));
            }
        }
        report.check(
            format!("audit entry #{} ({})", entry.seq, entry.action),
            result,
        );
        previous = Some(entry);
    }
}

fn entry_matches(entry: &AuditRecord) -> Result<(), String> {
    match entry_hash(&entry.entry()) == entry.hash {
        true => Ok(()),
        false => Err("its content does not give its hash".into()),
    }
}

fn check_e_imza(
    report: &mut Report,
    manifest: &Manifest,
    approval: Option<&ApprovalRecord>,
    by_name: &BTreeMap<&str, &PackageFile>,
    cms: Option<&Verifier>,
) {
    let present = |name: &str| by_name.get(name).map(|file| file.bytes.as_slice());
    let (Some(document), Some(signature), Some(certificate)) = (
        present(manifest::SIGNED_DOCUMENT),
        present(manifest::SIGNATURE),
        present(manifest::SIGNER_CERTIFICATE),
    ) else {
        report.check(
            "the e-İmza files are present",
            Err("signed_document.json, signature.p7s or signer_certificate.der is missing".into()),
        );
        return;
    };
    let Some(recorded) =
        record::<SignatureVerificationRecord>(report, by_name, manifest::SIGNATURE_VERIFICATION)
    else {
        return;
    };
    report.check(
        "the signed document is the one the server verified",
        expect_eq(
            &sha256_hex(document),
            &recorded.signed_document_sha256,
            "SHA-256",
        ),
    );
    let parsed = match SigningDocument::parse(document) {
        Ok(parsed) => parsed,
        Err(e) => {
            report.check("the signed document can be read", Err(e.to_string()));
            return;
        }
    };
    report.check(
        "the signed document names this application",
        expect_eq(
            parsed.application_reference().as_str(),
            &manifest.reference,
            "reference",
        ),
    );
    if let Some(recorded_form) = approval.and_then(|a| a.form_sha256.as_deref()) {
        report.check(
            "the signed document carries the approved form's hash",
            expect_eq(
                parsed.form().get("form_sha256").unwrap_or_default(),
                recorded_form,
                "form_sha256",
            ),
        );
    }
    let Some(verifier) = cms else {
        report.add(
            "the CMS signature (esign)",
            Outcome::Skipped("no trusted roots configured (ESIGN_TRUSTED_ROOTS)".into()),
        );
        return;
    };
    // As of the moment the server accepted it: signingTime was then compared with the server
    // clock, and the certificate was valid then (it may have expired since).
    let result = verifier
        .verify(signature, document, parsed.tckn(), recorded.verified_at)
        .map_err(|refusal| format!("{} ({refusal})", refusal.code()))
        .and_then(
            |verified| match verified.signer_certificate_der() == certificate {
                true => Ok(()),
                false => Err("signer_certificate.der is not the CMS's signer".into()),
            },
        );
    report.check(
        format!(
            "the CMS signature over the document, as of {} (esign)",
            recorded.verified_at.to_rfc3339()
        ),
        result,
    );
}

/// A JSON record of the package, reported when missing or unreadable.
fn record<T: DeserializeOwned>(
    report: &mut Report,
    by_name: &BTreeMap<&str, &PackageFile>,
    name: &str,
) -> Option<T> {
    let result = by_name
        .get(name)
        .ok_or_else(|| "missing".to_owned())
        .and_then(|file| serde_json::from_slice(&file.bytes).map_err(|e| e.to_string()));
    match result {
        Ok(value) => Some(value),
        Err(why) => {
            report.check(format!("{name} can be read"), Err(why));
            None
        }
    }
}

fn expect_eq(found: &str, expected: &str, what: &str) -> Result<(), String> {
    match found == expected {
        true => Ok(()),
        false => Err(format!("{what} is {found}, expected {expected}")),
    }
}
