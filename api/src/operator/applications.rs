//! The applications of every institution, as the operator finds them (filters, search,
//! pages) and as the operator acts on one (what the workflow allows next).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::operator::{
    Applicant, ApplicationFilter, OperatorAction, OperatorApplication, OperatorApplicationPage,
    OperatorApplicationRow,
};
use shared::api::Shipment;
use shared::workflow::Command;
use shared::Tckn;

use crate::applications::row::{load_any, ApplicationRow};
use crate::applications::{payment, read};
use crate::config::Config;
use crate::db::schema::{applications, shipments};
use crate::db::{from_db_time, AnyConnection};
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
        .iter()
        .map(list_row)
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(OperatorApplicationPage {
        items,
        total: u64::try_from(total).unwrap_or_default(),
        page,
        per_page,
    })
}

fn list_row(row: &ApplicationRow) -> Result<OperatorApplicationRow, ApiError> {
    let state = row.state()?;
    Ok(OperatorApplicationRow {
        id: row.id.clone(),
        reference: row.reference.clone(),
        institution: row.institution.clone(),
        institution_id: row.institution_id.clone(),
        applicant_name: format!("{} {}", row.first_name, row.last_name),
        tckn_masked: masked_tckn(&row.tckn),
        state,
        state_label_tr: state.label_tr().to_owned(),
        state_label_en: state.label_en().to_owned(),
        payer: row.payer()?,
        prepaid: row.prepaid,
        paid: row.paid,
        created_at: from_db_time(row.created_at),
        updated_at: from_db_time(row.updated_at),
    })
}

fn masked_tckn(tckn: &str) -> String {
    Tckn::parse(tckn)
        .map(|t| t.masked())
        .unwrap_or_else(|_| "***********".to_owned())
}

/// One application with what the operator needs to act on it.
pub fn get(
    conn: &mut AnyConnection,
    id: &str,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<OperatorApplication, ApiError> {
    let row = load_any(conn, id)?;
    let form = row.form()?;
    let payment = form
        .as_ref()
        .map(|form| {
            Ok::<_, ApiError>(payment::instructions(
                row.payer()?,
                row.prepaid,
                row.paid,
                form.certificate_term,
                &row.reference,
                &config.tariff,
            ))
        })
        .transpose()?;
    let shipment = shipments::table
        .find(&row.id)
        .select((shipments::courier, shipments::tracking_number))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(courier, tracking_number)| Shipment {
            courier,
            tracking_number,
        });
    Ok(OperatorApplication {
        summary: read::summary_of(conn, &row)?,
        institution_id: row.institution_id.clone(),
        applicant: Applicant {
            first_name: row.first_name.clone(),
            last_name: row.last_name.clone(),
            tckn: row.tckn.clone(),
            email: row.email.clone(),
            mobile_phone_masked: form.as_ref().map(|f| f.mobile_phone.masked()),
        },
        paid: row.paid,
        approval: read::approval(conn, &row.id)?,
        payment,
        shipment,
        allowed_actions: allowed_actions(&row, now)?,
    })
}

/// What the workflow would accept from the operator now.
pub fn allowed_actions(
    row: &ApplicationRow,
    now: DateTime<Utc>,
) -> Result<Vec<OperatorAction>, ApiError> {
    let workflow = row.workflow()?;
    Ok([
        (OperatorAction::RecordPayment, Command::RecordPayment),
        (OperatorAction::MarkProduced, Command::MarkProduced),
        (OperatorAction::MarkShipped, Command::MarkShipped),
        (OperatorAction::MarkDelivered, Command::MarkDelivered),
    ]
    .into_iter()
    .filter(|(_, command)| workflow.decide(*command, now).is_ok())
    .map(|(action, _)| action)
    .collect())
}
