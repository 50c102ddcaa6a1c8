//! What the applicant sees: the list on Başvuru İşlemleri, one application, and the result.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::{
    ApplicationDetail, ApplicationResult, ApplicationSummary, ApprovalInfo, MyApplications,
    Shipment, TimelineEvent,
};
use shared::workflow::{ApprovalMethod, EventKind};
use shared::Tckn;

use super::row::{load_owned, ApplicationRow};
use super::{payment, sms};
use crate::config::Config;
use crate::db::schema::{application_events, applications, approvals, shipments};
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;

pub fn my_applications(conn: &mut AnyConnection, owner: &Tckn) -> Result<MyApplications, ApiError> {
    let rows: Vec<ApplicationRow> = applications::table
        .filter(applications::tckn.eq(owner.as_str()))
        .order((
            applications::created_at.desc(),
            applications::reference.desc(),
        ))
        .select(ApplicationRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut timelines = timelines(conn, &ids)?;
    let mut list = MyApplications {
        ongoing: Vec::new(),
        completed: Vec::new(),
    };
    for row in &rows {
        let summary = summary(row, timelines.remove(&row.id).unwrap_or_default())?;
        if summary.state.is_completed() {
            list.completed.push(summary);
        } else {
            list.ongoing.push(summary);
        }
    }
    Ok(list)
}

pub fn detail(
    conn: &mut AnyConnection,
    id: &str,
    owner: &Tckn,
    now: DateTime<Utc>,
) -> Result<ApplicationDetail, ApiError> {
    let row = load_owned(conn, id, owner)?;
    let timeline = timelines(conn, &[row.id.as_str()])?
        .remove(&row.id)
        .unwrap_or_default();
    Ok(ApplicationDetail {
        summary: summary(&row, timeline)?,
        prefilled: row.prefilled()?,
        form: row.form()?,
        draft: row.draft()?,
        sms: sms::status(conn, &row.id, now)?,
        approval: approval(conn, &row.id)?,
    })
}

/// "Başvuru İşlemleri Sonuç": only once the application is approved.
pub fn result(
    conn: &mut AnyConnection,
    id: &str,
    owner: &Tckn,
    config: &Config,
) -> Result<ApplicationResult, ApiError> {
    let row = load_owned(conn, id, owner)?;
    let approval = approval(conn, &row.id)?.ok_or(ApiError::NotFound)?;
    let form = row.form()?.ok_or(ApiError::NotFound)?;
    let timeline = timelines(conn, &[row.id.as_str()])?
        .remove(&row.id)
        .unwrap_or_default();
    Ok(ApplicationResult {
        payment: payment::instructions(
            row.payer()?,
            row.prepaid,
            row.paid,
            form.certificate_term,
            &row.reference,
            &config.tariff,
        ),
        certificate_term_years: form.certificate_term.years(),
        approval,
        application: summary(&row, timeline)?,
    })
}

/// One application's summary with its timeline.
pub fn summary_of(
    conn: &mut AnyConnection,
    row: &ApplicationRow,
) -> Result<ApplicationSummary, ApiError> {
    let timeline = timelines(conn, &[row.id.as_str()])?
        .remove(&row.id)
        .unwrap_or_default();
    summary(row, timeline)
}

fn summary(
    row: &ApplicationRow,
    timeline: Vec<TimelineEvent>,
) -> Result<ApplicationSummary, ApiError> {
    let state = row.state()?;
    Ok(ApplicationSummary {
        id: row.id.clone(),
        reference: row.reference.clone(),
        institution: row.institution.clone(),
        state,
        state_label_tr: state.label_tr().to_owned(),
        state_label_en: state.label_en().to_owned(),
        next_action: state.next_action(),
        payer: row.payer()?,
        prepaid: row.prepaid,
        created_at: from_db_time(row.created_at),
        updated_at: from_db_time(row.updated_at),
        deadline: from_db_time(row.deadline),
        timeline,
    })
}

pub fn approval(conn: &mut AnyConnection, id: &str) -> Result<Option<ApprovalInfo>, ApiError> {
    let row: Option<(String, chrono::NaiveDateTime, String)> = approvals::table
        .find(id)
        .select((
            approvals::method,
            approvals::approved_at,
            approvals::taahhutname_version,
        ))
        .first(conn)
        .optional()?;
    row.map(|(method, at, version)| {
        Ok(ApprovalInfo {
            method: ApprovalMethod::parse(&method)
                .ok_or_else(|| ApiError::Internal(format!("approval method {method}")))?,
            at: from_db_time(at),
            taahhutname_version: version,
        })
    })
    .transpose()
}

/// The events of several applications in one query, oldest first.
fn timelines(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<HashMap<String, Vec<TimelineEvent>>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, chrono::NaiveDateTime, String, String)> = application_events::table
        .filter(application_events::application_id.eq_any(ids))
        .order(application_events::id.asc())
        .select((
            application_events::application_id,
            application_events::at,
            application_events::kind,
            application_events::actor_kind,
        ))
        .load(conn)?;
    let mut shipped: HashMap<String, Shipment> = shipments::table
        .filter(shipments::application_id.eq_any(ids))
        .select((
            shipments::application_id,
            shipments::courier,
            shipments::tracking_number,
        ))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(id, courier, tracking_number)| {
            (
                id,
                Shipment {
                    courier,
                    tracking_number,
                },
            )
        })
        .collect();
    let mut by_application: HashMap<String, Vec<TimelineEvent>> = HashMap::new();
    for (application_id, at, kind, actor) in rows {
        let kind = EventKind::parse(&kind)
            .ok_or_else(|| ApiError::Internal(format!("unknown event kind {kind}")))?;
        // The courier and tracking number belong to the `shipped` step.
        let shipment = match kind {
            EventKind::Shipped => shipped.remove(&application_id),
            _ => None,
        };
        by_application
            .entry(application_id)
            .or_default()
            .push(TimelineEvent {
                at: from_db_time(at),
                kind,
                actor,
                label_tr: kind.label_tr().to_owned(),
                label_en: kind.label_en().to_owned(),
                shipment,
            });
    }
    Ok(by_application)
}
