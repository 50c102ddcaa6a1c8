//! Reads what an approved application's evidence is made of, each record as the database
//! keeps it: the stored form (whose SHA-256 the approval recorded), the approval, the SMS
//! verification (masked number; never the code or its keyed hash), the e-Onay consent or the
//! e-İmza signature with its document, the timeline and the audit entries with their hashes.

use diesel::prelude::*;
use shared::named::Named;
use shared::workflow::ApprovalMethod;
use shared::MobilePhone;

use super::manifest::{
    ApprovalRecord, AuditRecord, ConsentRecord, SignatureVerificationRecord, SmsVerificationRecord,
    TimelineRecord,
};
use crate::applications::{consent, taahhutname, Application};
use crate::audit::{self, AuditAction};
use crate::db::schema::{
    application_events, applications, approvals, signature_evidence, signing_sessions, sms_codes,
};
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;

/// Everything a package is built from.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub application_id: String,
    pub reference: String,
    pub institution_id: Option<String>,
    /// `applications.form_json` as stored.
    pub form_json: String,
    pub approval: ApprovalRecord,
    /// The text of the Taahhütname approved, when this server still has that version.
    pub taahhutname_text: Option<&'static str>,
    pub sms: Option<SmsVerificationRecord>,
    pub consent: Option<ConsentRecord>,
    pub signature: Option<SignatureEvidence>,
    pub timeline: Vec<TimelineRecord>,
    pub audit: Vec<AuditRecord>,
}

#[derive(Debug, Clone)]
pub struct SignatureEvidence {
    pub document: String,
    pub cms: Vec<u8>,
    pub certificate: Vec<u8>,
    pub verification: SignatureVerificationRecord,
}

/// What the verifier checked before the signature approved (`esign::verify`, in its order).
const SIGNATURE_CHECKS: [&str; 9] = [
    "cms_shape",
    "signature_over_signed_attributes",
    "message_digest",
    "signing_certificate_v2",
    "signing_time_against_server_clock",
    "certificate_validity",
    "chain_and_revocation",
    "key_usage_non_repudiation",
    "subject_serial_number_is_tckn",
];

/// The evidence of `app`, which the caller reached through `access`. An application never
/// approved has none (`evidence_not_available`).
pub fn gather(conn: &mut AnyConnection, app: &Application) -> Result<Evidence, ApiError> {
    let approval = approval(conn, &app.id)?.ok_or(ApiError::EvidenceNotAvailable)?;
    let method = ApprovalMethod::parse(&approval.method)
        .ok_or_else(|| ApiError::Internal(format!("approval method {}", approval.method)))?;
    let form_json: Option<String> = applications::table
        .find(&app.id)
        .select(applications::form_json)
        .first(conn)?;
    let form_json =
        form_json.ok_or_else(|| ApiError::Internal("approved without a form".into()))?;
    let current = taahhutname::current();
    let taahhutname_text = (current.version == approval.taahhutname_version
        && current.sha256 == approval.taahhutname_sha256)
        .then_some(current.text.as_str());
    let consent = match method {
        ApprovalMethod::EOnay => Some(consent_record(conn, app)?),
        ApprovalMethod::EImza => None,
    };
    let signature = match method {
        ApprovalMethod::EImza => Some(
            signature(conn, &app.id)?
                .ok_or_else(|| ApiError::Internal("e-İmza approval without evidence".into()))?,
        ),
        ApprovalMethod::EOnay => None,
    };
    let audit = audit::chained_entries_for_target(conn, &app.id)?
        .into_iter()
        .map(|(entry, hash)| AuditRecord::new(entry, hash))
        .collect();
    Ok(Evidence {
        application_id: app.id.clone(),
        reference: app.reference.to_string(),
        institution_id: app.institution_id.clone(),
        form_json,
        approval,
        taahhutname_text,
        sms: sms_verification(conn, &app.id)?,
        consent,
        signature,
        timeline: timeline(conn, &app.id)?,
        audit,
    })
}

type ApprovalRow = (
    String,
    chrono::NaiveDateTime,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn approval(conn: &mut AnyConnection, id: &str) -> Result<Option<ApprovalRecord>, ApiError> {
    let row: Option<ApprovalRow> = approvals::table
        .find(id)
        .select((
            approvals::method,
            approvals::approved_at,
            approvals::taahhutname_version,
            approvals::taahhutname_sha256,
            approvals::client_ip,
            approvals::user_agent,
            approvals::form_sha256,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(method, at, taahhutname_version, taahhutname_sha256, client_ip, user_agent, form)| {
            ApprovalRecord {
                method,
                approved_at: from_db_time(at),
                client_ip,
                user_agent,
                taahhutname_version,
                taahhutname_sha256,
                form_sha256: form,
            }
        },
    ))
}

/// The code that verified the phone: the one used.
fn sms_verification(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<SmsVerificationRecord>, ApiError> {
    type Row = (
        String,
        chrono::NaiveDateTime,
        Option<chrono::NaiveDateTime>,
        i32,
    );
    let row: Option<Row> = sms_codes::table
        .filter(sms_codes::application_id.eq(id))
        .filter(sms_codes::used_at.is_not_null())
        .order(sms_codes::used_at.desc())
        .select((
            sms_codes::phone,
            sms_codes::sent_at,
            sms_codes::used_at,
            sms_codes::failed_attempts,
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(phone, sent_at, used_at, failed)| {
        Some(SmsVerificationRecord {
            // A number stored before today's rules is still not shown whole.
            phone_masked: MobilePhone::parse(&phone)
                .map(|phone| phone.masked())
                .unwrap_or_else(|_| "***".to_owned()),
            sent_at: from_db_time(sent_at),
            verified_at: from_db_time(used_at?),
            wrong_tries_before: failed,
        })
    }))
}

fn consent_record(conn: &mut AnyConnection, app: &Application) -> Result<ConsentRecord, ApiError> {
    let tckn = app.tckn();
    Ok(ConsentRecord {
        consented_at: consent::consent_given_at(conn, tckn)?,
        audit_entry: audit::first_chained_entry_by(
            conn,
            AuditAction::EOnayConsentGiven,
            tckn.as_str(),
        )?
        .map(|(entry, hash)| AuditRecord::new(entry, hash)),
    })
}

type SignatureRow = (
    String,
    Vec<u8>,
    Vec<u8>,
    String,
    String,
    String,
    chrono::NaiveDateTime,
    chrono::NaiveDateTime,
);

fn signature(conn: &mut AnyConnection, id: &str) -> Result<Option<SignatureEvidence>, ApiError> {
    let row: Option<SignatureRow> = signature_evidence::table
        .find(id)
        .select((
            signature_evidence::signing_session_id,
            signature_evidence::cms,
            signature_evidence::certificate,
            signature_evidence::certificate_serial,
            signature_evidence::subject_cn,
            signature_evidence::issuer_cn,
            signature_evidence::signing_time,
            signature_evidence::verified_at,
        ))
        .first(conn)
        .optional()?;
    let Some((session, cms, certificate, serial, subject_cn, issuer_cn, signing_time, verified_at)) =
        row
    else {
        return Ok(None);
    };
    let (document, document_sha256): (String, String) = signing_sessions::table
        .find(&session)
        .select((
            signing_sessions::document,
            signing_sessions::document_sha256,
        ))
        .first(conn)?;
    Ok(Some(SignatureEvidence {
        document,
        cms,
        certificate,
        verification: SignatureVerificationRecord {
            result: "accepted".into(),
            verified_at: from_db_time(verified_at),
            signing_time: from_db_time(signing_time),
            subject_cn,
            issuer_cn,
            certificate_serial: serial,
            signed_document_sha256: document_sha256,
            checks: SIGNATURE_CHECKS.iter().map(|c| (*c).to_owned()).collect(),
        },
    }))
}

type EventRow = (
    chrono::NaiveDateTime,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn timeline(conn: &mut AnyConnection, id: &str) -> Result<Vec<TimelineRecord>, ApiError> {
    let rows: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq(id))
        .order(application_events::id.asc())
        .select((
            application_events::at,
            application_events::kind,
            application_events::from_state,
            application_events::to_state,
            application_events::actor_kind,
            application_events::actor_id,
            application_events::client_ip,
            application_events::user_agent,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(at, kind, from_state, to_state, actor_kind, actor_id, client_ip, user_agent)| {
                TimelineRecord {
                    at: from_db_time(at),
                    kind,
                    from_state,
                    to_state,
                    actor_kind,
                    actor_id,
                    client_ip,
                    user_agent,
                }
            },
        )
        .collect())
}
