//! What an evidence package holds: the manifest and the records written as JSON beside it.
//! The server writes these and `nes-admin verify-evidence` reads them, so they are one set
//! of types; their field names are the package's published format (`FORMAT`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::audit::Entry;

/// The manifest's `format`: changes when a file's meaning does.
pub const FORMAT: &str = "nes-evidence/1";

pub const MANIFEST: &str = "manifest.json";
pub const MANIFEST_SIGNATURE: &str = "manifest.sig";
pub const PUBLIC_KEY: &str = "server_public_key.pem";
pub const FORM: &str = "form.json";
pub const TAAHHUTNAME: &str = "taahhutname.txt";
pub const APPROVAL: &str = "approval.json";
pub const SMS_VERIFICATION: &str = "sms_verification.json";
pub const CONSENT: &str = "consent.json";
pub const SIGNED_DOCUMENT: &str = "signed_document.json";
pub const SIGNATURE: &str = "signature.p7s";
pub const SIGNER_CERTIFICATE: &str = "signer_certificate.der";
pub const SIGNATURE_VERIFICATION: &str = "signature_verification.json";
pub const TIMELINE: &str = "timeline.json";
pub const AUDIT: &str = "audit.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub application_id: String,
    pub reference: String,
    /// `e_onay` or `e_imza`.
    pub approval_method: String,
    pub generated_at: DateTime<Utc>,
    /// The signing key's id (`signing::PublicKey::key_id`) and algorithm.
    pub key_id: String,
    pub signature_algorithm: String,
    /// Every file of the package but the manifest and its signature.
    pub files: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    pub name: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub size: u64,
    pub description: String,
}

/// `approval.json`: the approval as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalRecord {
    pub method: String,
    pub approved_at: DateTime<Utc>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub taahhutname_version: String,
    pub taahhutname_sha256: String,
    /// SHA-256 of the form approved: of `form.json`'s bytes.
    pub form_sha256: Option<String>,
}

/// `sms_verification.json`: the code that verified the phone — when, to which number
/// (masked) — never the code or its keyed hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmsVerificationRecord {
    pub phone_masked: String,
    pub sent_at: DateTime<Utc>,
    pub verified_at: DateTime<Utc>,
    pub wrong_tries_before: i32,
}

/// `consent.json`: the person's consent to e-Onay, with its audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub consented_at: Option<DateTime<Utc>>,
    pub audit_entry: Option<AuditRecord>,
}

/// `signature_verification.json`: what the server found when the signature arrived.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignatureVerificationRecord {
    pub result: String,
    pub verified_at: DateTime<Utc>,
    pub signing_time: DateTime<Utc>,
    pub subject_cn: String,
    pub issuer_cn: String,
    pub certificate_serial: String,
    pub signed_document_sha256: String,
    pub checks: Vec<String>,
}

/// One row of `timeline.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRecord {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
}

/// One audit entry with its place in the chain: `hash` is `audit::entry_hash` of the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub outcome: String,
    pub target: Option<String>,
    pub institution_id: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRecord {
    pub fn new(entry: Entry, hash: String) -> AuditRecord {
        AuditRecord {
            seq: entry.seq,
            at: entry.at,
            actor_kind: entry.actor_kind,
            actor_id: entry.actor_id,
            action: entry.action,
            outcome: entry.outcome,
            target: entry.target,
            institution_id: entry.institution_id,
            detail: entry.detail,
            client_ip: entry.client_ip,
            user_agent: entry.user_agent,
            prev_hash: entry.prev_hash,
            hash,
        }
    }

    /// The entry as the audit module hashes it.
    pub fn entry(&self) -> Entry {
        Entry {
            seq: self.seq,
            at: self.at,
            actor_kind: self.actor_kind.clone(),
            actor_id: self.actor_id.clone(),
            action: self.action.clone(),
            outcome: self.outcome.clone(),
            target: self.target.clone(),
            institution_id: self.institution_id.clone(),
            detail: self.detail.clone(),
            client_ip: self.client_ip.clone(),
            user_agent: self.user_agent.clone(),
            prev_hash: self.prev_hash.clone(),
        }
    }
}
