//! The evidence package of an approved application (issue 12): one ZIP a court, an auditor
//! or the applicant can keep, holding every record of how the application was approved, with
//! a manifest listing each file's SHA-256 and size, signed by the server's key.
//!
//! - `gather` reads the records (the database's own bytes where there are bytes: the stored
//!   form, the signed document, the CMS and the certificate);
//! - [`assemble`] writes them as files, the manifest over them and its signature;
//! - `package` is the ZIP (deterministic on writing, bounded on reading);
//! - `signing` is the key (`NES_EVIDENCE_SIGNING_KEY`);
//! - `verify` checks a package as `nes-admin verify-evidence` does: the manifest's signature
//!   against the *configured* key (a key inside the ZIP proves nothing: anyone can put theirs
//!   there), every file against the manifest, the form against the approval's fingerprint, the
//!   audit entries' hashes and links, and the e-İmza CMS with `esign`.

mod gather;
pub mod manifest;
pub mod package;
pub mod signing;
pub mod verify;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use gather::{gather, Evidence};
use manifest::{Manifest, ManifestEntry};
use package::PackageFile;
use signing::EvidenceKey;

use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::secrets::sha256_hex;

/// A package ready to be sent.
#[derive(Debug, Clone)]
pub struct EvidencePackage {
    /// `<reference>-kanit.zip`.
    pub file_name: String,
    pub zip: Vec<u8>,
}

/// The package of `evidence`, signed with `key`, as of `generated_at`.
pub fn assemble(
    evidence: &Evidence,
    key: &EvidenceKey,
    generated_at: DateTime<Utc>,
) -> Result<EvidencePackage, ApiError> {
    let files = files_of(evidence, key)?;
    let manifest = Manifest {
        format: manifest::FORMAT.to_owned(),
        application_id: evidence.application_id.clone(),
        reference: evidence.reference.clone(),
        approval_method: evidence.approval.method.clone(),
        generated_at,
        key_id: key.public().key_id().to_owned(),
        signature_algorithm: signing::ALGORITHM.to_owned(),
        files: files
            .iter()
            .map(|(file, description)| ManifestEntry {
                name: file.name.clone(),
                sha256: sha256_hex(&file.bytes),
                size: file.bytes.len() as u64,
                description: description.clone(),
            })
            .collect(),
    };
    let manifest_bytes = json(&manifest)?;
    let signature = key.sign(&manifest_bytes);
    let mut all = vec![
        PackageFile {
            name: manifest::MANIFEST.to_owned(),
            bytes: manifest_bytes,
        },
        PackageFile {
            name: manifest::MANIFEST_SIGNATURE.to_owned(),
            bytes: signature,
        },
    ];
    all.extend(files.into_iter().map(|(file, _)| file));
    let zip = package::write(&all).map_err(|e| ApiError::Internal(format!("evidence ZIP: {e}")))?;
    Ok(EvidencePackage {
        file_name: format!("{}-kanit.zip", evidence.reference),
        zip,
    })
}

/// The download, in the audit trail: who fetched which application's evidence.
pub fn record_download(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    evidence: &Evidence,
) -> Result<(), ApiError> {
    audit::record(
        conn,
        ctx,
        AuditAction::EvidenceDownloaded,
        Outcome::Success,
        Some(&evidence.application_id),
        evidence.institution_id.as_deref(),
        None,
    )
}

/// The listed files, each with the manifest's description of it.
fn files_of(
    evidence: &Evidence,
    key: &EvidenceKey,
) -> Result<Vec<(PackageFile, String)>, ApiError> {
    let mut files = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, description: String| {
        files.push((
            PackageFile {
                name: name.to_owned(),
                bytes,
            },
            description,
        ));
    };
    let approval = &evidence.approval;
    add(
        manifest::FORM,
        evidence.form_json.clone().into_bytes(),
        format!(
            "The application form as approved, as stored; its SHA-256 is the approval's form_sha256 ({})",
            approval.form_sha256.as_deref().unwrap_or("not recorded")
        ),
    );
    if let Some(text) = evidence.taahhutname_text {
        add(
            manifest::TAAHHUTNAME,
            text.as_bytes().to_vec(),
            format!(
                "Nitelikli Elektronik Sertifika Sahibi Taahhütnamesi, version {}, SHA-256 {}",
                approval.taahhutname_version, approval.taahhutname_sha256
            ),
        );
    }
    add(
        manifest::APPROVAL,
        json(approval)?,
        "The approval record: method, time, client address, user agent, Taahhütname version and hash, form hash".into(),
    );
    if let Some(sms) = &evidence.sms {
        add(
            manifest::SMS_VERIFICATION,
            json(sms)?,
            "The SMS verification of the mobile phone: when, to which number (masked); never the code".into(),
        );
    }
    if let Some(consent) = &evidence.consent {
        add(
            manifest::CONSENT,
            json(consent)?,
            "The person's consent to working with e-Onay, with its audit entry".into(),
        );
    }
    if let Some(signature) = &evidence.signature {
        add(
            manifest::SIGNED_DOCUMENT,
            signature.document.clone().into_bytes(),
            "The canonical document the applicant signed with e-İmza (the CMS's detached content)"
                .into(),
        );
        add(
            manifest::SIGNATURE,
            signature.cms.clone(),
            "The CAdES-BES detached CMS SignedData (DER) as uploaded".into(),
        );
        add(
            manifest::SIGNER_CERTIFICATE,
            signature.certificate.clone(),
            format!(
                "The signer's certificate (DER): {}, issued by {}, serial {}",
                signature.verification.subject_cn,
                signature.verification.issuer_cn,
                signature.verification.certificate_serial
            ),
        );
        add(
            manifest::SIGNATURE_VERIFICATION,
            json(&signature.verification)?,
            "What the server's verification found when the signature arrived".into(),
        );
    }
    add(
        manifest::TIMELINE,
        json(&evidence.timeline)?,
        "The application's timeline: every state change, by whom, from where".into(),
    );
    add(
        manifest::AUDIT,
        json(&evidence.audit)?,
        "The audit log's entries about the application, oldest first, each with seq, prev_hash and hash".into(),
    );
    add(
        manifest::PUBLIC_KEY,
        key.public().pem().as_bytes().to_vec(),
        "The server's public key, for convenience only: verify against the key Kamu SM publishes (GET /api/evidence/public-key)".into(),
    );
    Ok(files)
}

fn json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| ApiError::Internal(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}
