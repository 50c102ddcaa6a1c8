//! Section 3.1: Kamu SM creates a pre-application for each person an institution's
//! e-signature officer named, and e-mails them. Rows are checked one by one (a bad row never
//! blocks the good ones), then the good ones are written together, whole or not at all.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use diesel::prelude::*;
use shared::api::{institution_label, PreApplicationInput, PreApplicationRowResult, RowOutcome};
use shared::form::FieldErrors;
use shared::named::Named;
use shared::workflow::{ApplicationState, EventKind, Payer};
use shared::{ApplicationRef, Email, PersonName, Tckn};

use super::transition::{record_events, EventContext};
use crate::audit::{self, Act, AuditAction, Outcome};
use crate::config::Config;
use crate::db::schema::{applications, reference_counters};
use crate::db::{
    insert_rows, is_unique_violation, to_db_time, write_transaction, AnyConnection,
    ROWS_PER_STATEMENT,
};
use crate::error::ApiError;
use crate::institutions::{self, Institution};
use crate::notify::{self, templates, Channel, OutgoingMessage};
use crate::webhooks;

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
    let named = institution_label(&input.institution)
        .map_err(|code| errors.add("institution", code))
        .ok()
        .flatten();
    let institution = match scope {
        Some(own) => Some(own.clone()),
        None => match named.as_deref() {
            Some(named) => {
                let found = institutions::find_by_code_or_name(conn, named)?;
                if found.is_none() {
                    errors.add("institution", "institution_unknown");
                }
                found
            }
            None => {
                if errors.get("institution").is_empty() {
                    errors.add("institution", "required");
                }
                None
            }
        },
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
                institution_label: match named {
                    Some(label) if scope.is_some() => label,
                    _ => institution.name.clone(),
                },
                institution,
                payer,
                prepaid: input.prepaid,
            }),
            _ => Err(errors),
        },
    )
}

/// What one row of a request came to: created or found open, with its id and reference; or,
/// should the open application it clashed with have closed at that very moment again and
/// again, refused with `try_again`.
pub type Created = (RowOutcome, String, String);
pub type RowResult = Result<Created, FieldErrors>;

/// How often one row is tried against open applications that keep closing under it.
const ATTEMPTS_PER_ROW: usize = 3;

/// Creates the pre-applications of one request together, or finds the open ones that already
/// exist for the same person and institution (so an integrator can safely send the same list
/// again; the same person twice in one list is created once). One look-up for the whole
/// list and one multi-row insert per table, in one transaction: a thousand rows cost a few
/// statements, not thousands.
///
/// "The same" is the person and the institution (its id, never its wording): another
/// institution's application for the same person is none of this caller's business, so it
/// neither blocks nor shows.
pub fn create_all(
    conn: &mut AnyConnection,
    rows: &[NewPreApplication],
    ctx: &EventContext,
    config: &Config,
) -> Result<Vec<RowResult>, ApiError> {
    let open = find_open(conn, rows)?;
    let mut fresh: Vec<&NewPreApplication> = Vec::new();
    let mut first_of: HashMap<OpenKey, usize> = HashMap::new();
    // Per row: the open application it is, or the index of the fresh one it creates.
    let plan: Vec<Result<(String, String), usize>> = rows
        .iter()
        .map(|row| match open.get(&key(row)) {
            Some(found) => Ok(found.clone()),
            None => Err(*first_of.entry(key(row)).or_insert_with(|| {
                fresh.push(row);
                fresh.len() - 1
            })),
        })
        .collect();
    let created = match write_transaction(conn, |conn| insert_all(conn, &fresh, ctx, config)) {
        Ok(created) => created,
        // Somebody created one of the same open pre-applications at the same moment: row by
        // row, each finding what the other request made.
        Err(ApiError::Database(e)) if is_unique_violation(&e) => {
            return rows
                .iter()
                .map(|row| create_one(conn, row, ctx, config))
                .collect();
        }
        Err(e) => return Err(e),
    };
    let mut reported = vec![false; created.len()];
    Ok(plan
        .into_iter()
        .map(|step| match step {
            Ok((id, reference)) => Ok((RowOutcome::Existing, id, reference)),
            Err(index) => {
                let (id, reference) = created[index].clone();
                let first = !std::mem::replace(&mut reported[index], true);
                let outcome = if first {
                    RowOutcome::Created
                } else {
                    RowOutcome::Existing
                };
                Ok((outcome, id, reference))
            }
        })
        .collect())
}

/// One row after a clash: the open application that won, or a fresh one if that has closed
/// since; a few tries, then `try_again` for this row alone.
fn create_one(
    conn: &mut AnyConnection,
    row: &NewPreApplication,
    ctx: &EventContext,
    config: &Config,
) -> Result<RowResult, ApiError> {
    let rows = std::slice::from_ref(row);
    for _ in 0..ATTEMPTS_PER_ROW {
        if let Some((id, reference)) = find_open(conn, rows)?.remove(&key(row)) {
            return Ok(Ok((RowOutcome::Existing, id, reference)));
        }
        match write_transaction(conn, |conn| insert_all(conn, &[row], ctx, config)) {
            Ok(mut created) => {
                let (id, reference) = created.remove(0);
                return Ok(Ok((RowOutcome::Created, id, reference)));
            }
            Err(ApiError::Database(e)) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    let mut errors = FieldErrors::default();
    errors.add("tckn", "try_again");
    Ok(Err(errors))
}

pub fn result_row(index: usize, outcome: RowResult) -> PreApplicationRowResult {
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

/// What makes two pre-applications the same one while it is open: the person and the
/// institution (the unique index `applications_one_open_per_institution`).
type OpenKey = (String, String);

fn key(row: &NewPreApplication) -> OpenKey {
    (row.tckn.as_str().to_owned(), row.institution.id.clone())
}

/// The open applications of these rows' people, by [`OpenKey`].
fn find_open(
    conn: &mut AnyConnection,
    rows: &[NewPreApplication],
) -> Result<HashMap<OpenKey, (String, String)>, ApiError> {
    let closed = [
        ApplicationState::Delivered.as_str(),
        ApplicationState::Cancelled.as_str(),
        ApplicationState::Expired.as_str(),
    ];
    let mut tckns: Vec<&str> = rows.iter().map(|row| row.tckn.as_str()).collect();
    tckns.sort_unstable();
    tckns.dedup();
    let mut open = HashMap::new();
    for chunk in tckns.chunks(ROWS_PER_STATEMENT) {
        let found: Vec<(String, String, String, Option<String>)> = applications::table
            .filter(applications::tckn.eq_any(chunk))
            .filter(applications::state.ne_all(closed))
            .select((
                applications::id,
                applications::reference,
                applications::tckn,
                applications::institution_id,
            ))
            .load(conn)?;
        for (id, reference, tckn, institution_id) in found {
            if let Some(institution_id) = institution_id {
                open.insert((tckn, institution_id), (id, reference));
            }
        }
    }
    Ok(open)
}

/// Every column bound (none is optional): without `treat_none_as_default_value = false` diesel
/// would let any column be `DEFAULT`, and on SQLite insert a list of such rows one statement a
/// row instead of one a chunk.
#[derive(Insertable, Clone, Copy)]
#[diesel(table_name = applications, treat_none_as_default_value = false)]
struct NewApplicationRow<'a> {
    id: &'a str,
    reference: &'a str,
    tckn: &'a str,
    first_name: &'a str,
    last_name: &'a str,
    email: &'a str,
    institution: &'a str,
    institution_id: &'a str,
    payer: &'a str,
    prepaid: bool,
    paid: bool,
    state: &'a str,
    version: i64,
    deadline: NaiveDateTime,
    created_by: &'a str,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// Inserts the rows with their events, audit entries and e-mails; their (id, reference)s.
fn insert_all(
    conn: &mut AnyConnection,
    rows: &[&NewPreApplication],
    ctx: &EventContext,
    config: &Config,
) -> Result<Vec<(String, String)>, ApiError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // First, so that lists sent at once queue on the counter's row lock before taking any of
    // the unique index's: they cannot deadlock over people they share.
    let references = next_references(conn, ctx.at, rows.len())?;
    let ids: Vec<String> = rows.iter().map(|_| crate::db::new_row_id()).collect();
    let deadline = ctx.at + config.completion_period;
    let (at, due) = (to_db_time(ctx.at), to_db_time(deadline));
    let created_by = ctx.actor.id.as_deref().unwrap_or("system");
    let references: Vec<String> = references.iter().map(ToString::to_string).collect();
    let new_rows: Vec<NewApplicationRow> = rows
        .iter()
        .zip(ids.iter().zip(&references))
        .map(|(row, (id, reference))| NewApplicationRow {
            id,
            reference,
            tckn: row.tckn.as_str(),
            first_name: row.first_name.as_str(),
            last_name: row.last_name.as_str(),
            email: row.email.as_str(),
            institution: &row.institution_label,
            institution_id: &row.institution.id,
            payer: row.payer.as_str(),
            prepaid: row.prepaid,
            paid: false,
            state: ApplicationState::PreApplication.as_str(),
            version: 0,
            deadline: due,
            created_by,
            created_at: at,
            updated_at: at,
        })
        .collect();
    for chunk in new_rows.chunks(ROWS_PER_STATEMENT) {
        insert_rows!(conn, applications::table, chunk)?;
    }
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    record_events(conn, &id_refs, EventKind::PreApplicationCreated, None, ctx)?;
    let occurrences = rows
        .iter()
        .zip(ids.iter().zip(&references))
        .filter_map(|(row, (id, reference))| {
            webhooks::Occurrence::of(
                EventKind::PreApplicationCreated,
                &row.institution.id,
                id,
                reference,
                ApplicationState::PreApplication,
                ctx.at,
            )
        })
        .collect();
    webhooks::publish(conn, occurrences, ctx.at)?;
    let acts: Vec<Act> = rows
        .iter()
        .zip(ids.iter().zip(&references))
        .map(|(row, (id, reference))| Act {
            action: AuditAction::PreApplicationCreated,
            outcome: Outcome::Success,
            target: Some(id),
            institution_id: Some(&row.institution.id),
            detail: Some(reference),
        })
        .collect();
    audit::record_all(conn, ctx, &acts)?;
    let messages: Vec<OutgoingMessage> = rows
        .iter()
        .zip(ids.iter().zip(&references))
        .map(|(row, (id, reference))| {
            let (subject, body) = templates::pre_application_created(
                row.first_name.as_str(),
                row.last_name.as_str(),
                reference,
                &row.institution_label,
                deadline,
                &config.public_url,
            );
            OutgoingMessage {
                channel: Channel::Email,
                purpose: "pre_application_created",
                recipient: row.email.as_str().to_owned(),
                subject,
                body,
                application_id: Some(id.clone()),
                sensitive: false,
            }
        })
        .collect();
    notify::enqueue_all(conn, &messages, &config.secrets, ctx.at)?;
    Ok(ids.into_iter().zip(references).collect())
}

/// `NES-<year>-<n>` for `count` new applications: the per-year counter moved on once by
/// `count` inside the caller's transaction, so that references are never reused.
fn next_references(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    count: usize,
) -> Result<Vec<ApplicationRef>, ApiError> {
    let year = now.year();
    let step = i64::try_from(count).map_err(|_| ApiError::Internal("too many rows".into()))?;
    let bump = |conn: &mut AnyConnection| {
        diesel::update(reference_counters::table.find(year))
            .set(reference_counters::last_value.eq(reference_counters::last_value + step))
            .execute(conn)
    };
    if bump(conn)? == 0 {
        // First reference of the year. A savepoint, because on PostgreSQL a failed insert
        // would otherwise poison the whole transaction.
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(reference_counters::table)
                .values((
                    reference_counters::year.eq(year),
                    reference_counters::last_value.eq(step),
                ))
                .execute(conn)
        });
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                bump(conn)?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let last: i64 = reference_counters::table
        .find(year)
        .select(reference_counters::last_value)
        .first(conn)?;
    (last - step + 1..=last)
        .map(|value| {
            let sequence =
                u64::try_from(value).map_err(|_| ApiError::Internal("negative counter".into()))?;
            ApplicationRef::new(year, sequence)
                .ok_or_else(|| ApiError::Internal(format!("no reference for {year}/{sequence}")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{applications, NewApplicationRow};

    #[test]
    fn new_applications_go_in_by_one_insert_a_chunk_on_sqlite() {
        let at = chrono::DateTime::UNIX_EPOCH.naive_utc();
        let row = NewApplicationRow {
            id: "a",
            reference: "NES-2026-000001",
            tckn: "10000000146",
            first_name: "Zeynep",
            last_name: "Kaya",
            email: "z@example.org",
            institution: "Kurum",
            institution_id: "i",
            payer: "institution",
            prepaid: false,
            paid: false,
            state: "pre_application",
            version: 0,
            deadline: at,
            created_by: "system",
            created_at: at,
            updated_at: at,
        };
        let chunk = vec![row; 3];
        let insert = diesel::insert_into(applications::table).values(&chunk);
        // diesel writes rows any of whose columns may be DEFAULT as one INSERT each on SQLite.
        let text = diesel::debug_query::<diesel::sqlite::Sqlite, _>(&insert).to_string();
        assert_eq!(text.matches("INSERT INTO").count(), 1, "{text}");
    }
}
