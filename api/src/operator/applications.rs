//! The applications of every institution, as the operator finds them (filters, search,
//! pages) and as the operator acts on one (what the workflow allows next).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::operator::{
    Applicant, ApplicationFilter, OperatorAction, OperatorApplication, OperatorApplicationPage,
    OperatorApplicationRow,
};
use shared::named::Named;
use shared::workflow::Command;

use crate::applications::row::{Application, ApplicationRow};
use crate::applications::{payment, read};
use crate::config::Config;
use crate::db::schema::applications;
use crate::db::AnyConnection;
use crate::error::ApiError;

type Db = <AnyConnection as diesel::Connection>::Backend;

/// The applications matching `filter`, before ordering and paging.
fn matching(filter: &ApplicationFilter) -> applications::BoxedQuery<'static, Db> {
    let mut query = applications::table.into_boxed();
    if let Some(id) = filter.institution_id.as_deref().filter(|id| !id.is_empty()) {
        query = query.filter(applications::institution_id.eq(id.to_owned()));
    }
    if let Some(state) = filter.state {
        query = query.filter(applications::state.eq(state.as_str()));
    }
    match filter.search() {
        Some(q) if q.len() == 11 && q.bytes().all(|b| b.is_ascii_digit()) => {
            query = query.filter(applications::tckn.eq(q.to_owned()));
        }
        Some(q) => {
            // References are upper-case letters, digits and hyphens: anything else cannot
            // match, and dropping it keeps LIKE's wildcards out of the pattern.
            let cleaned: String = q
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_uppercase();
            query = query.filter(applications::reference.like(format!("%{cleaned}%")));
        }
        None => {}
    }
    query
}

pub fn list(
    conn: &mut AnyConnection,
    filter: &ApplicationFilter,
) -> Result<OperatorApplicationPage, ApiError> {
    let (page, per_page) = (filter.page(), filter.per_page());
    let total: i64 = matching(filter).count().get_result(conn)?;
    let rows: Vec<ApplicationRow> = matching(filter)
        .order((
            applications::updated_at.desc(),
            applications::reference.desc(),
        ))
        .limit(i64::from(per_page))
        .offset(i64::from(page - 1) * i64::from(per_page))
        .select(ApplicationRow::as_select())
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(|row| Application::try_from(row).map(|app| list_row(&app)))
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(OperatorApplicationPage {
        items,
        total: u64::try_from(total).unwrap_or_default(),
        page,
        per_page,
    })
}

fn list_row(app: &Application) -> OperatorApplicationRow {
    let state = app.state();
    OperatorApplicationRow {
        id: app.id.clone(),
        reference: app.reference.to_string(),
        institution: app.person.institution.clone(),
        institution_id: app.institution_id.clone(),
        applicant_name: app.full_name(),
        tckn_masked: app.tckn().masked(),
        state,
        state_label_tr: state.label_tr().to_owned(),
        state_label_en: state.label_en().to_owned(),
        payer: app.payer(),
        prepaid: app.workflow.payment.prepaid,
        paid: app.workflow.payment.paid,
        created_at: app.created_at,
        updated_at: app.updated_at,
    }
}

/// One application (the caller loaded it through `access`) with what the operator needs
/// to act on it.
pub fn get(
    conn: &mut AnyConnection,
    app: &Application,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<OperatorApplication, ApiError> {
    let payment = app.form.as_ref().map(|form| {
        payment::instructions(
            app.workflow.payment,
            form.certificate_term,
            &app.reference,
            &config.tariff,
            &config.payment_account,
        )
    });
    let summary = read::summary_of(conn, app)?;
    // The courier and tracking number travel with the timeline's `shipped` step.
    let shipment = summary
        .timeline
        .iter()
        .rev()
        .find_map(|event| event.shipment.clone());
    Ok(OperatorApplication {
        summary,
        institution_id: app.institution_id.clone(),
        applicant: Applicant {
            first_name: app.person.first_name.to_string(),
            last_name: app.person.last_name.to_string(),
            tckn: app.tckn().to_string(),
            email: app.person.email.to_string(),
            mobile_phone_masked: app.form.as_ref().map(|f| f.mobile_phone.masked()),
        },
        paid: app.workflow.payment.paid,
        approval: read::approval(conn, &app.id)?,
        payment,
        shipment,
        allowed_actions: allowed_actions(app, now),
        messages: crate::notify::delivery_state::of_application(conn, &app.id)?,
        form: app.form.clone(),
        payment_records: crate::applications::payment_records::list(conn, &app.id)?,
    })
}

/// What the workflow would accept from the operator now.
pub fn allowed_actions(app: &Application, now: DateTime<Utc>) -> Vec<OperatorAction> {
    let workflow = app.workflow;
    [
        (OperatorAction::RecordPayment, Command::RecordPayment),
        (OperatorAction::ReversePayment, Command::ReversePayment),
        (OperatorAction::MarkProduced, Command::MarkProduced),
        (OperatorAction::MarkShipped, Command::MarkShipped),
        (OperatorAction::MarkDelivered, Command::MarkDelivered),
    ]
    .into_iter()
    .filter(|(_, command)| workflow.decide(*command, now).is_ok())
    .map(|(action, _)| action)
    .collect()
}
