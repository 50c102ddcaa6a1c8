//! The audit trail of one application: the audit log's entries about it and its own timeline,
//! newest first, so the operator sees who did what, when and from where.

use std::cmp::Reverse;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::operator::{AuditEntry, AuditSource, AuditTrail};
use shared::workflow::EventKind;

use crate::applications::row::Application;
use crate::audit;
use crate::db::schema::application_events;
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;

/// More entries than one application ever gathers in practice; a bound all the same.
const MAX_AUDIT_ENTRIES: i64 = 1000;

type EventRow = (
    NaiveDateTime,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The trail of `app` (the caller loaded it through `access`).
pub fn for_application(
    conn: &mut AnyConnection,
    app: &Application,
) -> Result<AuditTrail, ApiError> {
    let mut entries: Vec<AuditEntry> = audit::entries_for_target(conn, &app.id, MAX_AUDIT_ENTRIES)?
        .into_iter()
        .map(|entry| {
            let (label_tr, label_en) = action_label(&entry.action);
            AuditEntry {
                at: entry.at,
                source: AuditSource::AuditLog,
                label_tr: label_tr.to_owned(),
                label_en: label_en.to_owned(),
                action: entry.action,
                actor_kind: entry.actor_kind,
                actor_id: entry.actor_id,
                outcome: Some(entry.outcome),
                detail: entry.detail,
                client_ip: entry.client_ip,
                seq: Some(entry.seq),
            }
        })
        .collect();
    let events: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq(&app.id))
        .order(application_events::id.desc())
        .select((
            application_events::at,
            application_events::kind,
            application_events::actor_kind,
            application_events::actor_id,
            application_events::client_ip,
        ))
        .load(conn)?;
    for (at, kind, actor_kind, actor_id, client_ip) in events {
        let (label_tr, label_en) = EventKind::parse(&kind)
            .map(|k| (k.label_tr(), k.label_en()))
            .unwrap_or((kind.as_str(), kind.as_str()));
        entries.push(AuditEntry {
            at: from_db_time(at),
            source: AuditSource::Timeline,
            label_tr: label_tr.to_owned(),
            label_en: label_en.to_owned(),
            action: kind,
            // The applicant's TCKN is the id of their events: not repeated on every line.
            actor_id: actor_id.filter(|_| actor_kind != "applicant"),
            actor_kind,
            outcome: None,
            detail: None,
            client_ip,
            seq: None,
        });
    }
    // Newest first. Within one moment the audit entry, written last in its transaction,
    // comes first; each source keeps its own order (a stable sort).
    entries.sort_by_key(|e| (Reverse(e.at), e.source == AuditSource::Timeline));
    Ok(AuditTrail {
        application_id: app.id.clone(),
        reference: app.reference.to_string(),
        entries,
    })
}

/// The audit actions that concern applications, in Turkish and English; others show their
/// stored name.
fn action_label(action: &str) -> (&str, &str) {
    match action {
        "pre_application_created" => ("Ön başvuru oluşturuldu", "Pre-application created"),
        "pre_application_cancelled" => ("Ön başvuru iptal edildi", "Pre-application cancelled"),
        "pre_application_imported" => (
            "Ön başvuru toplu yüklemeyle oluşturuldu",
            "Pre-application imported",
        ),
        "notification_resent" => ("Bildirim yeniden gönderildi", "Notification sent again"),
        "e_onay_consent_given" => (
            "E-Onay ile işlem yapma onayı verildi",
            "Consent to e-Onay given",
        ),
        "application_approved" => ("Başvuru onaylandı", "Application approved"),
        "payment_recorded" => ("Ödeme kaydedildi", "Payment recorded"),
        "payment_callback_refused" => (
            "Ödeme bildirimi uygulanmadı",
            "Payment notification not applied",
        ),
        "production_event_recorded" => ("Üretim adımı kaydedildi", "Production step recorded"),
        "access_denied" => ("Erişim reddedildi", "Access denied"),
        "evidence_downloaded" => ("Kanıt paketi indirildi", "Evidence package downloaded"),
        other => (other, other),
    }
}
