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

use super::row::{Application, ApplicationRow};
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
    let apps = rows
        .into_iter()
        .map(Application::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let ids: Vec<&str> = apps.iter().map(|app| app.id.as_str()).collect();
    let mut timelines = timelines(conn, &ids)?;
    let mut list = MyApplications {
        ongoing: Vec::new(),
        completed: Vec::new(),
    };
    for app in &apps {
        let summary = summary(app, timelines.remove(&app.id).unwrap_or_default());
        if summary.state.is_completed() {
            list.completed.push(summary);
        } else {
            list.ongoing.push(summary);
        }
    }
    Ok(list)
}

/// One application as its applicant sees it (the caller loaded it through `access`).
pub fn detail(
    conn: &mut AnyConnection,
    app: &Application,
    now: DateTime<Utc>,
) -> Result<ApplicationDetail, ApiError> {
    Ok(ApplicationDetail {
        summary: summary_of(conn, app)?,
        prefilled: app.person.clone(),
        form: app.form.clone(),
        draft: app.draft.clone(),
        sms: sms::status(conn, &app.id, now)?,
        approval: approval(conn, &app.id)?,
    })
}

/// "Başvuru İşlemleri Sonuç": only once the application is approved.
pub fn result(
    conn: &mut AnyConnection,
    app: &Application,
    config: &Config,
) -> Result<ApplicationResult, ApiError> {
    let approval = approval(conn, &app.id)?.ok_or(ApiError::NotFound)?;
    let form = app.form.as_ref().ok_or(ApiError::NotFound)?;
    Ok(ApplicationResult {
        payment: payment::instructions(
            app.workflow.payment,
            form.certificate_term,
            &app.reference,
            &config.tariff,
        ),
        certificate_term_years: form.certificate_term.years(),
        approval,
        application: summary_of(conn, app)?,
    })
}

/// One application's summary with its timeline.
pub fn summary_of(
    conn: &mut AnyConnection,
    app: &Application,
) -> Result<ApplicationSummary, ApiError> {
    let timeline = timelines(conn, &[app.id.as_str()])?
        .remove(&app.id)
        .unwrap_or_default();
    Ok(summary(app, timeline))
}

pub fn summary(app: &Application, timeline: Vec<TimelineEvent>) -> ApplicationSummary {
    let state = app.state();
    ApplicationSummary {
        id: app.id.clone(),
        reference: app.reference.to_string(),
        institution: app.person.institution.clone(),
        state,
        state_label_tr: state.label_tr().to_owned(),
        state_label_en: state.label_en().to_owned(),
        next_action: state.next_action(),
        payer: app.payer(),
        prepaid: app.workflow.payment.prepaid,
        created_at: app.created_at,
        updated_at: app.updated_at,
        deadline: app.workflow.deadline,
        timeline,
    }
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
