//! What the applicant sees: the list on Başvuru İşlemleri, one application, and the result.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::{
    ApplicationDetail, ApplicationResult, ApplicationSummary, ApprovalInfo, MyApplications,
    MyApplicationsQuery, Shipment, TimelineEvent,
};
use shared::named::Named;
use shared::workflow::{ApplicationState, ApprovalMethod, EventKind, Payer};
use shared::Tckn;

use super::access::{self, Caller};
use super::row::{Application, ApplicationRow};
use super::{page_query, payment, sms, EventContext};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::config::{Config, Tariff};
use crate::db::schema::{application_events, applications, approvals, shipments};
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;

/// The person's applications, one page of them (see [`MyApplications`]): two counts, then
/// at most a page of rows and their timelines, however many applications there are.
pub fn my_applications(
    conn: &mut AnyConnection,
    owner: &Tckn,
    query: &MyApplicationsQuery,
) -> Result<MyApplications, ApiError> {
    // Ongoing is the workflow's `is_ongoing_for_applicant` (before approval, or approved and
    // still owed by the person), written as a filter so that the database counts and pages
    // each group.
    let before_approval: Vec<&'static str> = ApplicationState::ALL
        .iter()
        .copied()
        .filter(|state| state.is_before_approval())
        .map(ApplicationState::as_str)
        .collect();
    let closed = [
        ApplicationState::Cancelled.as_str(),
        ApplicationState::Expired.as_str(),
    ];
    let group = |completed: bool| {
        let mine = applications::table
            .filter(applications::tckn.eq(owner.as_str().to_owned()))
            .into_boxed();
        let person_owes = applications::payer
            .eq(Payer::Person.as_str())
            .and(applications::paid.eq(false))
            .and(applications::state.ne_all(closed));
        let ongoing = applications::state
            .eq_any(before_approval.clone())
            .or(person_owes);
        if completed {
            mine.filter(diesel::dsl::not(ongoing))
        } else {
            mine.filter(ongoing)
        }
    };
    let count = |conn: &mut AnyConnection, completed: bool| -> Result<u64, ApiError> {
        let n: i64 = group(completed).count().get_result(conn)?;
        Ok(u64::try_from(n).unwrap_or_default())
    };
    let (ongoing_total, completed_total) = (count(conn, false)?, count(conn, true)?);
    let total = ongoing_total + completed_total;
    let (page, per_page) = query
        .paging()
        .unwrap_or((1, u32::try_from(total.max(1)).unwrap_or(u32::MAX)));
    // The page is a window over "ongoing, then completed": its start in the ongoing group,
    // and whatever room is left from the start of the completed group.
    let start = u64::from(page - 1) * u64::from(per_page);
    let load = |conn: &mut AnyConnection, completed: bool, offset: u64, limit: u64| {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let rows: Vec<ApplicationRow> = group(completed)
            .order((
                applications::created_at.desc(),
                applications::reference.desc(),
            ))
            .limit(i64::try_from(limit).unwrap_or(i64::MAX))
            .offset(i64::try_from(offset).unwrap_or(i64::MAX))
            .select(ApplicationRow::as_select())
            .load(conn)?;
        rows.into_iter()
            .map(Application::try_from)
            .collect::<Result<Vec<_>, ApiError>>()
    };
    let ongoing_limit = ongoing_total.saturating_sub(start).min(u64::from(per_page));
    let ongoing = load(conn, false, start, ongoing_limit)?;
    let completed_limit = u64::from(per_page) - ongoing_limit;
    let completed = load(
        conn,
        true,
        start.saturating_sub(ongoing_total),
        completed_limit.min(completed_total),
    )?;

    let ids: Vec<&str> = ongoing
        .iter()
        .chain(&completed)
        .map(|app| app.id.as_str())
        .collect();
    let mut timelines = timelines(conn, &ids)?;
    let mut summaries = |apps: &[Application]| -> Vec<ApplicationSummary> {
        apps.iter()
            .map(|app| summary(app, timelines.remove(&app.id).unwrap_or_default()))
            .collect()
    };
    Ok(MyApplications {
        ongoing: summaries(&ongoing),
        completed: summaries(&completed),
        total,
        ongoing_total,
        completed_total,
        page,
        per_page,
        total_pages: u32::try_from(total.div_ceil(u64::from(per_page)).max(1)).unwrap_or(u32::MAX),
    })
}

/// Application `id` as its applicant sees it, if `caller` may: read in one statement.
pub fn page(
    conn: &mut AnyConnection,
    id: &str,
    caller: &Caller,
    ctx: &EventContext,
    tariff: &Tariff,
) -> Result<ApplicationDetail, ApiError> {
    page_of(page_query::load(conn, id)?, caller, ctx, tariff)
}

/// [`page`] for the applicant of `session`, whose row is read in the same statement: one
/// round trip on PostgreSQL, where the look-up and the page were two.
pub fn page_as(
    conn: &mut AnyConnection,
    session: &ApplicantSession,
    id: &str,
    client: ClientInfo,
    tariff: &Tariff,
) -> Result<ApplicationDetail, ApiError> {
    let (applicant, fetched) = page_query::load_as(conn, session, id)?;
    let ctx = EventContext::applicant(&applicant.tckn, client, session.now());
    page_of(fetched, &Caller::from(&applicant), &ctx, tariff)
}

fn page_of(
    fetched: Option<(ApplicationRow, page_query::Extras)>,
    caller: &Caller,
    ctx: &EventContext,
    tariff: &Tariff,
) -> Result<ApplicationDetail, ApiError> {
    let (row, extras) = fetched.unzip();
    let app = access::admit(row, caller, ctx)?;
    let extras = extras.ok_or(ApiError::NotFound)?;
    Ok(detail_of(&app, extras, ctx.at, tariff))
}

/// [`page`] of an application the caller has just changed (and so may see).
pub fn detail(
    conn: &mut AnyConnection,
    app: &Application,
    now: DateTime<Utc>,
    tariff: &Tariff,
) -> Result<ApplicationDetail, ApiError> {
    let (_, extras) = page_query::load(conn, &app.id)?.ok_or(ApiError::NotFound)?;
    Ok(detail_of(app, extras, now, tariff))
}

fn detail_of(
    app: &Application,
    extras: page_query::Extras,
    now: DateTime<Utc>,
    tariff: &Tariff,
) -> ApplicationDetail {
    ApplicationDetail {
        summary: summary(app, extras.timeline),
        prefilled: app.person.clone(),
        form: app.form.clone(),
        draft: app.draft.clone(),
        // No code goes out before the form, no approval exists before it is approved.
        sms: app
            .form
            .as_ref()
            .and_then(|_| sms::status_of(&extras.codes, now)),
        approval: extras
            .approval
            .filter(|_| !app.state().is_before_approval()),
        fees: payment::fees(app.workflow.payment, tariff),
    }
}

/// "Başvuru İşlemleri Sonuç": only once the application is approved.
pub fn result(
    conn: &mut AnyConnection,
    app: &Application,
    config: &Config,
) -> Result<ApplicationResult, ApiError> {
    // The page's one statement brings the approval and the timeline together.
    let (_, extras) = page_query::load(conn, &app.id)?.ok_or(ApiError::NotFound)?;
    let approval = extras.approval.ok_or(ApiError::NotFound)?;
    let form = app.form.as_ref().ok_or(ApiError::NotFound)?;
    Ok(ApplicationResult {
        payment: payment::instructions(
            app.workflow.payment,
            form.certificate_term,
            &app.reference,
            &config.tariff,
            &config.payment_account,
        ),
        certificate_term_years: form.certificate_term.years(),
        approval,
        application: summary(app, extras.timeline),
    })
}

/// One application's summary with its timeline.
pub fn summary_of(
    conn: &mut AnyConnection,
    app: &Application,
) -> Result<ApplicationSummary, ApiError> {
    Ok(summary(app, timeline(conn, &app.id)?))
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
        next_action: app.workflow.next_action(),
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
    row.map(|(method, at, version)| approval_info(&method, at, version))
        .transpose()
}

/// An approval from its stored columns.
pub(super) fn approval_info(
    method: &str,
    at: chrono::NaiveDateTime,
    taahhutname_version: String,
) -> Result<ApprovalInfo, ApiError> {
    Ok(ApprovalInfo {
        method: ApprovalMethod::parse(method)
            .ok_or_else(|| ApiError::Internal(format!("approval method {method}")))?,
        at: from_db_time(at),
        taahhutname_version,
    })
}

/// The events of several applications in one query, oldest first.
pub fn timelines(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<HashMap<String, Vec<TimelineEvent>>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq_any(ids))
        .order(application_events::id.asc())
        .select(EVENT_COLUMNS)
        .load(conn)?;
    let mut by_application: HashMap<String, Vec<EventRow>> = HashMap::new();
    for row in rows {
        by_application.entry(row.0.clone()).or_default().push(row);
    }
    by_application
        .into_iter()
        .map(|(id, rows)| Ok((id, timeline_of(conn, rows)?)))
        .collect()
}

/// One application's events, oldest first: a query the database keeps prepared.
fn timeline(conn: &mut AnyConnection, id: &str) -> Result<Vec<TimelineEvent>, ApiError> {
    let rows: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq(id))
        .order(application_events::id.asc())
        .select(EVENT_COLUMNS)
        .load(conn)?;
    timeline_of(conn, rows)
}

type EventRow = (String, chrono::NaiveDateTime, String, String);

const EVENT_COLUMNS: (
    application_events::application_id,
    application_events::at,
    application_events::kind,
    application_events::actor_kind,
) = (
    application_events::application_id,
    application_events::at,
    application_events::kind,
    application_events::actor_kind,
);

/// The timeline of one application's event rows. The courier and tracking number belong to
/// the `shipped` step; they are looked up only for an application that was shipped.
fn timeline_of(
    conn: &mut AnyConnection,
    rows: Vec<EventRow>,
) -> Result<Vec<TimelineEvent>, ApiError> {
    rows.into_iter()
        .map(|(application_id, at, kind, actor)| {
            timeline_event(at, &kind, actor, || {
                Ok(shipments::table
                    .find(&application_id)
                    .select((shipments::courier, shipments::tracking_number))
                    .first::<(String, String)>(conn)
                    .optional()?
                    .map(|(courier, tracking_number)| Shipment {
                        courier,
                        tracking_number,
                    }))
            })
        })
        .collect()
}

/// One timeline entry from its stored columns. `shipment` is asked for only on the `shipped`
/// step, the one the courier and tracking number belong to.
pub(super) fn timeline_event(
    at: chrono::NaiveDateTime,
    kind: &str,
    actor: String,
    shipment: impl FnOnce() -> Result<Option<Shipment>, ApiError>,
) -> Result<TimelineEvent, ApiError> {
    let kind = EventKind::parse(kind)
        .ok_or_else(|| ApiError::Internal(format!("unknown event kind {kind}")))?;
    Ok(TimelineEvent {
        at: from_db_time(at),
        kind,
        actor,
        label_tr: kind.label_tr().to_owned(),
        label_en: kind.label_en().to_owned(),
        shipment: match kind {
            EventKind::Shipped => shipment()?,
            _ => None,
        },
    })
}
