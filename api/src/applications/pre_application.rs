//! Section 3.1: Kamu SM creates a pre-application for each person an institution's
//! e-signature officer named, and e-mails them. Each row is its own transaction: a bad row
//! never blocks the good ones, and nothing is half-written.

use chrono::{DateTime, Datelike, Utc};
use diesel::prelude::*;
use shared::api::{PreApplicationInput, PreApplicationRowResult, RowOutcome};
use shared::form::FieldErrors;
use shared::workflow::{ApplicationState, EventKind, Payer};
use shared::{ApplicationRef, Email, PersonName, Tckn};

use super::transition::{record_event, EventContext};
use crate::audit::{self, AuditAction, Outcome};
use crate::config::Config;
use crate::db::schema::{applications, reference_counters};
use crate::db::{is_unique_violation, to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::institutions::{self, Institution};
use crate::notify::{self, templates, Channel, OutgoingMessage};

/// A row that passed validation.
#[derive(Debug, Clone)]
pub struct NewPreApplication {
    pub tckn: Tckn,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    /// Whose application it is: what scoping goes by.
    pub institution: Institution,
    /// The institution as the person sees it in e-mails and on their pages — the row's own
    /// wording (a unit, a directorate) or else the institution's name.
    pub institution_label: String,
    pub payer: Payer,
    pub prepaid: bool,
}

/// Validates one row for a caller. An institution's caller (API key or officer) always creates
/// for its own institution; the row's `institution`, when given, is only the wording the
/// person sees (a unit, a directorate). An operator (no scope) must name an existing
/// institution by code or name.
pub fn validate_row(
    conn: &mut AnyConnection,
    scope: Option<&Institution>,
    input: &PreApplicationInput,
) -> Result<Result<NewPreApplication, FieldErrors>, ApiError> {
    let mut errors = FieldErrors::default();
    let tckn = Tckn::parse(&input.tckn)
        .map_err(|e| errors.add("tckn", e.code()))
        .ok();
    let first_name = PersonName::parse(&input.first_name)
        .map_err(|e| errors.add("first_name", e.code()))
        .ok();
    let last_name = PersonName::parse(&input.last_name)
        .map_err(|e| errors.add("last_name", e.code()))
        .ok();
    let email = Email::parse(&input.email)
        .map_err(|e| errors.add("email", e.code()))
        .ok();
    let named = input
        .institution
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match named.chars().count() {
        0 | 2..=200 => {}
        1 => errors.add("institution", "too_short"),
        _ => errors.add("institution", "too_long"),
    }
    let institution = match scope {
        Some(own) => Some(own.clone()),
        None if named.is_empty() => {
            errors.add("institution", "required");
            None
        }
        None => {
            let found = institutions::find_by_code_or_name(conn, &named)?;
            if found.is_none() {
                errors.add("institution", "institution_unknown");
            }
            found
        }
    };
    let payer = Payer::parse(input.payer.trim());
    if payer.is_none() {
        errors.add("payer", "payer_invalid");
    }
    Ok(
        match (tckn, first_name, last_name, email, institution, payer) {
            (
                Some(tckn),
                Some(first_name),
                Some(last_name),
                Some(email),
                Some(institution),
                Some(payer),
            ) if errors.is_empty() => Ok(NewPreApplication {
                tckn,
                first_name,
                last_name,
                email,
                institution_label: if named.is_empty() || scope.is_none() {
                    institution.name.clone()
                } else {
                    named
                },
                institution,
                payer,
                prepaid: input.prepaid,
            }),
            _ => Err(errors),
        },
    )
}

/// Creates one pre-application, or finds the open one that already exists for the same
/// person and institution (so an integrator can safely send the same list again).
pub fn create_one(
    conn: &mut AnyConnection,
    row: &NewPreApplication,
    ctx: &EventContext,
    config: &Config,
) -> Result<(RowOutcome, String, String), ApiError> {
    if let Some(existing) = find_open(conn, row)? {
        return Ok((RowOutcome::Existing, existing.0, existing.1));
    }
    let created = write_transaction(conn, |conn| insert(conn, row, ctx, config));
    match created {
        Ok((id, reference)) => Ok((RowOutcome::Created, id, reference)),
        // Somebody created the same open pre-application at the same moment.
        Err(ApiError::Database(e)) if is_unique_violation(&e) => match find_open(conn, row)? {
            Some((id, reference)) => Ok((RowOutcome::Existing, id, reference)),
            None => Err(ApiError::Database(e)),
        },
        Err(e) => Err(e),
    }
}

pub fn result_row(
    index: usize,
    outcome: Result<(RowOutcome, String, String), FieldErrors>,
) -> PreApplicationRowResult {
    match outcome {
        Ok((outcome, id, reference)) => PreApplicationRowResult {
            index,
            outcome,
            application_id: Some(id),
            reference: Some(reference),
            errors: None,
        },
        Err(errors) => PreApplicationRowResult {
            index,
            outcome: RowOutcome::Rejected,
            application_id: None,
            reference: None,
            errors: Some(errors),
        },
    }
}

fn find_open(
    conn: &mut AnyConnection,
    row: &NewPreApplication,
) -> Result<Option<(String, String)>, ApiError> {
    let closed = [
        ApplicationState::Delivered.as_str(),
        ApplicationState::Cancelled.as_str(),
        ApplicationState::Expired.as_str(),
    ];
    Ok(applications::table
        .filter(applications::tckn.eq(row.tckn.as_str()))
        .filter(applications::institution_id.eq(&row.institution.id))
        .filter(applications::institution.eq(&row.institution_label))
        .filter(applications::state.ne_all(closed))
        .select((applications::id, applications::reference))
        .first(conn)
        .optional()?)
}

fn insert(
    conn: &mut AnyConnection,
    row: &NewPreApplication,
    ctx: &EventContext,
    config: &Config,
) -> Result<(String, String), ApiError> {
    let id = uuid::Uuid::new_v4().to_string();
    let reference = next_reference(conn, ctx.at)?;
    let deadline = ctx.at + config.completion_period;
    diesel::insert_into(applications::table)
        .values((
            applications::id.eq(&id),
            applications::reference.eq(reference.as_str()),
            applications::tckn.eq(row.tckn.as_str()),
            applications::first_name.eq(row.first_name.as_str()),
            applications::last_name.eq(row.last_name.as_str()),
            applications::email.eq(row.email.as_str()),
            applications::institution.eq(&row.institution_label),
            applications::institution_id.eq(&row.institution.id),
            applications::payer.eq(row.payer.as_str()),
            applications::prepaid.eq(row.prepaid),
            applications::paid.eq(false),
            applications::state.eq(ApplicationState::PreApplication.as_str()),
            applications::version.eq(0_i64),
            applications::deadline.eq(to_db_time(deadline)),
            applications::created_by.eq(ctx.actor.id.as_deref().unwrap_or("system")),
            applications::created_at.eq(to_db_time(ctx.at)),
            applications::updated_at.eq(to_db_time(ctx.at)),
        ))
        .execute(conn)?;
    record_event(conn, &id, EventKind::PreApplicationCreated, None, ctx)?;
    audit::record(
        conn,
        ctx,
        AuditAction::PreApplicationCreated,
        Outcome::Success,
        Some(&id),
        Some(&row.institution.id),
        Some(reference.as_str()),
    )?;

    let (subject, body) = templates::pre_application_created(
        row.first_name.as_str(),
        row.last_name.as_str(),
        reference.as_str(),
        &row.institution_label,
        deadline,
        &config.public_url,
    );
    let message = OutgoingMessage {
        channel: Channel::Email,
        purpose: "pre_application_created",
        recipient: row.email.as_str().to_owned(),
        subject,
        body,
        application_id: Some(id.clone()),
        sensitive: false,
    };
    notify::enqueue(conn, &message, &config.secrets, ctx.at)?;
    Ok((id, reference.to_string()))
}

/// `NES-<year>-<n>`: a per-year counter, incremented inside the caller's transaction so
/// that references are never reused.
fn next_reference(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
) -> Result<ApplicationRef, ApiError> {
    let year = now.year();
    let bumped = diesel::update(reference_counters::table.find(year))
        .set(reference_counters::last_value.eq(reference_counters::last_value + 1))
        .execute(conn)?;
    if bumped == 0 {
        // First reference of the year. A savepoint, because on PostgreSQL a failed insert
        // would otherwise poison the whole transaction.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(reference_counters::table)
                .values((
                    reference_counters::year.eq(year),
                    reference_counters::last_value.eq(1_i64),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                diesel::update(reference_counters::table.find(year))
                    .set(reference_counters::last_value.eq(reference_counters::last_value + 1))
                    .execute(conn)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let value: i64 = reference_counters::table
        .find(year)
        .select(reference_counters::last_value)
        .first(conn)?;
    let sequence =
        u64::try_from(value).map_err(|_| ApiError::Internal("negative counter".into()))?;
    ApplicationRef::new(year, sequence)
        .ok_or_else(|| ApiError::Internal(format!("no reference for {year}/{sequence}")))
}
