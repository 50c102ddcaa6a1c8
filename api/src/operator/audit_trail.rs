//! The audit trail of one application: the audit log's entries about it and its own timeline,
//! newest first, so the operator sees who did what, when and from where.

use std::cmp::Reverse;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::operator::{AuditEntry, AuditSource, AuditTrail};
use shared::named::Named;
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

/// The trail of `app` (the caller loaded it through `access`), one line per act: an audit
/// entry and the timeline events its act wrote (same moment, same actor, a kind the act
/// causes: [`causes`]) are one act — the events become the entry's words instead of lines of
/// their own, which listed every approval, payment and production step twice. Events no audit
/// entry covers (the form, the SMS code) keep their own line.
pub fn for_application(
    conn: &mut AnyConnection,
    app: &Application,
) -> Result<AuditTrail, ApiError> {
    let mut entries: Vec<AuditEntry> = audit::entries_for_target(conn, &app.id, MAX_AUDIT_ENTRIES)?
        .into_iter()
        .map(|entry| {
            let (label_tr, label_en) = action_label(&entry.action);
            let words = entry.detail.as_deref().and_then(detail_words);
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
                detail_tr: words.as_ref().map(|w| w.0.clone()),
                detail_en: words.map(|w| w.1),
                client_ip: entry.client_ip,
                seq: Some(entry.seq),
            }
        })
        .collect();
    let mut events: Vec<EventRow> = application_events::table
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
    // Oldest first, so that an act's steps are told in the order they happened.
    events.reverse();
    let mut own_lines = Vec::new();
    // The kinds each entry has taken: an act causes each step once.
    let mut taken: Vec<Vec<EventKind>> = vec![Vec::new(); entries.len()];
    for (at, kind, actor_kind, actor_id, client_ip) in events {
        let at = from_db_time(at);
        let (label_tr, label_en) = EventKind::parse(&kind)
            .map(|k| (k.label_tr(), k.label_en()))
            .unwrap_or((kind.as_str(), kind.as_str()));
        let parsed = EventKind::parse(&kind);
        let act = parsed.and_then(|event| {
            entries.iter().enumerate().position(|(i, entry)| {
                entry.at == at
                    && entry.actor_kind == actor_kind
                    && causes(&entry.action, entry.detail.as_deref(), event)
                    && !taken[i].contains(&event)
            })
        });
        if let (Some(i), Some(event)) = (act, parsed) {
            taken[i].push(event);
            let act = &mut entries[i];
            for (words, label) in [
                (&mut act.detail_tr, label_tr),
                (&mut act.detail_en, label_en),
            ] {
                *words = Some(match words.take() {
                    Some(before) => format!("{before} → {label}"),
                    None => label.to_owned(),
                });
            }
            continue;
        }
        own_lines.push(AuditEntry {
            at,
            source: AuditSource::Timeline,
            label_tr: label_tr.to_owned(),
            label_en: label_en.to_owned(),
            action: kind,
            // The applicant's TCKN is the id of their events: not repeated on every line.
            actor_id: actor_id.filter(|_| actor_kind != "applicant"),
            actor_kind,
            outcome: None,
            detail: None,
            detail_tr: None,
            detail_en: None,
            client_ip,
            seq: None,
        });
    }
    entries.extend(own_lines);
    // Newest first; each source keeps its own order (a stable sort).
    entries.sort_by_key(|e| (Reverse(e.at), e.source == AuditSource::Timeline));
    Ok(AuditTrail {
        application_id: app.id.clone(),
        reference: app.reference.to_string(),
        entries,
    })
}

/// Whether the audited act `action` (with its `detail`) writes a timeline event of `kind`.
fn causes(action: &str, detail: Option<&str>, kind: EventKind) -> bool {
    use EventKind as K;
    match action {
        "pre_application_created" | "pre_application_imported" => kind == K::PreApplicationCreated,
        "pre_application_cancelled" => kind == K::Cancelled,
        "application_approved" => matches!(
            kind,
            K::ApprovedWithEOnay | K::ApprovedWithEImza | K::PaymentAwaited | K::ProductionStarted
        ),
        "payment_recorded" => {
            kind == K::PaymentReceived
                || (kind == K::ProductionStarted && detail == Some("production_started"))
        }
        "payment_reversed" => kind == K::PaymentReversed,
        "production_event_recorded" => match detail {
            Some("produced") => kind == K::Produced,
            Some("delivered") => kind == K::Delivered,
            Some(d) if d.starts_with("shipped") => kind == K::Shipped,
            _ => false,
        },
        _ => false,
    }
}

/// A stored detail in words: the codes the use cases write, in Turkish and English; free text
/// (a reason, a callback's refusal) as it is.
fn detail_words(detail: &str) -> Option<(String, String)> {
    let (tr, en) = match detail {
        "e_onay" => ("e-Onay ile", "With e-Onay"),
        "e_imza" => ("e-İmza ile", "With e-İmza"),
        // The production steps say it again as timeline events: the code adds nothing.
        "production_started" | "produced" | "delivered" => return None,
        other => match other.strip_prefix("shipped: ") {
            Some(shipment) => {
                return Some((format!("Kargo: {shipment}"), format!("Courier: {shipment}")));
            }
            None => (other, other),
        },
    };
    Some((tr.to_owned(), en.to_owned()))
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
        "payment_reversed" => ("Ödeme kaydı geri alındı", "Payment record reversed"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_codes_read_as_words_and_free_text_stays() {
        let words = |d| detail_words(d).unwrap_or_default();
        assert_eq!(words("e_onay").0, "e-Onay ile");
        assert_eq!(detail_words("production_started"), None);
        assert_eq!(words("shipped: PTT KP1").1, "Courier: PTT KP1");
        assert_eq!(words("Yanlış başvuru").0, "Yanlış başvuru");
        assert_ne!(action_label("payment_reversed").0, "payment_reversed");
    }
}
