//! Who may touch an application, decided in one place. Every use case that reads an
//! application loads it through [`read`], every one that changes it through [`lock`], which
//! also holds the row until the transaction ends (`SELECT … FOR NO KEY UPDATE` on PostgreSQL;
//! on SQLite the write transaction already holds the database's writer lock from `BEGIN
//! IMMEDIATE`). A rule checked after `lock` — a try counter, a cooldown, "not approved yet" —
//! therefore still holds when the transaction commits, whatever runs beside it.
//!
//! An application that exists but is not the caller's answers exactly like one that does not
//! exist (`404`), so ids cannot be probed; the refusal is audited (`access_denied`) by
//! `AppState::db` once the transaction that met it has rolled back.

use diesel::dsl::exists;
use diesel::prelude::*;
use shared::Tckn;

use super::row::{Application, ApplicationRow};
use super::transition::EventContext;
use crate::auth::session::SessionRow;
use crate::auth::{Applicant, ApplicantSession, BackOffice, ClientInfo};
use crate::db::schema::{applications, persons, sessions, webhook_endpoints};
use crate::db::{from_db_time, write_transaction, AnyConnection, DbTime};
use crate::error::ApiError;

/// Who asks.
#[derive(Debug, Clone)]
pub enum Caller {
    /// The person the application is for.
    Applicant(Tckn),
    /// An institution, through its HR system's API key or its e-signature officer: its own
    /// applications only.
    Institution { institution_id: String },
    /// A Kamu SM operator: every application.
    Operator,
    /// The server itself (the expiry sweep), or a caller whose credential already names the
    /// application (the signing application's token is bound to one signing session).
    System,
}

impl Caller {
    fn may_reach(&self, row: &ApplicationRow) -> bool {
        match self {
            Caller::Applicant(tckn) => row.tckn == tckn.as_str(),
            Caller::Institution { institution_id } => {
                row.institution_id.as_deref() == Some(institution_id.as_str())
            }
            Caller::Operator | Caller::System => true,
        }
    }

    /// The institution the caller acts for, as the audit trail files a refusal.
    fn institution_id(&self) -> Option<&str> {
        match self {
            Caller::Institution { institution_id } => Some(institution_id),
            _ => None,
        }
    }

    fn refusal_detail(&self) -> &'static str {
        match self {
            Caller::Applicant(_) => "application of another person",
            _ => "application of another institution",
        }
    }
}

impl From<&Applicant> for Caller {
    fn from(applicant: &Applicant) -> Caller {
        Caller::Applicant(applicant.tckn.clone())
    }
}

impl From<&BackOffice> for Caller {
    fn from(caller: &BackOffice) -> Caller {
        match caller.institution_scope() {
            Some(institution_id) => Caller::Institution {
                institution_id: institution_id.to_owned(),
            },
            None => Caller::Operator,
        }
    }
}

/// A refused access, carried by `ApiError::AccessDenied` to where it is audited.
#[derive(Debug, Clone)]
pub struct DeniedAccess {
    pub ctx: EventContext,
    pub application_id: String,
    pub institution_id: Option<String>,
    pub detail: &'static str,
}

/// The application, for reading.
pub fn read(
    conn: &mut AnyConnection,
    id: &str,
    caller: &Caller,
    ctx: &EventContext,
) -> Result<Application, ApiError> {
    let row = applications::table
        .find(id)
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()?;
    admit(row, caller, ctx)
}

/// Application `id`'s row with `$selection`, locked until the transaction ends:
/// `SELECT … FOR NO KEY UPDATE` on PostgreSQL; on SQLite the transaction began with
/// `BEGIN IMMEDIATE`, so no other writer runs until it ends.
macro_rules! locked_row {
    ($conn:expr, $id:expr, $selection:expr) => {
        match $conn {
            AnyConnection::Postgresql(pg) => applications::table
                .find($id)
                .select($selection)
                .for_no_key_update()
                .first(pg)
                .optional(),
            AnyConnection::Sqlite(sqlite) => applications::table
                .find($id)
                .select($selection)
                .first(sqlite)
                .optional(),
        }
    };
}

/// Whether the application's institution has a webhook endpoint enabled, asked in the
/// statement that locks the row: every transition would otherwise look its endpoints up in
/// a round trip of its own.
#[diesel::dsl::auto_type]
fn institution_listens() -> _ {
    exists(
        webhook_endpoints::table
            .filter(
                webhook_endpoints::institution_id
                    .nullable()
                    .eq(applications::institution_id),
            )
            .filter(webhook_endpoints::disabled_at.is_null()),
    )
}

/// When the application's person consented to e-Onay, asked in the statement that locks the
/// row for the applicant: the approval with e-Onay would otherwise ask in a round trip of its
/// own.
#[diesel::dsl::auto_type]
fn e_onay_consent_at() -> _ {
    persons::table
        .filter(persons::tckn.eq(applications::tckn))
        .select(persons::e_onay_consent_at)
        .single_value()
}

/// The application, for changing: its row stays locked until the caller's transaction ends.
/// Call it inside `db::write_transaction` (or use [`change`], which does).
pub fn lock(
    conn: &mut AnyConnection,
    id: &str,
    caller: &Caller,
    ctx: &EventContext,
) -> Result<Application, ApiError> {
    let found: Option<(ApplicationRow, bool)> = locked_row!(
        conn,
        id,
        (ApplicationRow::as_select(), institution_listens())
    )?;
    let (row, listens) = found.unzip();
    let mut app = admit(row, caller, ctx)?;
    app.institution_listens = listens;
    Ok(app)
}

/// `work` on application `id` as the applicant of `session`, in a write transaction of its
/// own (like [`change`]): the session's row and the person's e-Onay consent are read in the
/// statement that locks the application's (one round trip for all on PostgreSQL), the session
/// touched when due, and `work` gets the request's event context. The application as `work`
/// left it, and what it returned.
pub fn change_as_applicant<T>(
    conn: &mut AnyConnection,
    id: &str,
    session: &ApplicantSession,
    client: &ClientInfo,
    mut work: impl FnMut(&mut AnyConnection, &mut Application, &EventContext) -> Result<T, ApiError>,
) -> Result<(Application, T), ApiError> {
    let id_hash = session.id_hash();
    // PostgreSQL: one scalar subquery a column, since its row lock cannot reach the nullable
    // side of an outer join; they are not locked, and a session that has ended reads as NULLs
    // instead of hiding the application's row. SQLite (its writer lock held from `BEGIN
    // IMMEDIATE`): the session's row joined once, where five subqueries searched it five times.
    macro_rules! session_column {
        ($column:expr) => {
            sessions::table
                .filter(sessions::id_hash.eq(id_hash))
                .select($column)
                .single_value()
        };
    }
    write_transaction(conn, |conn| {
        type Found = (ApplicationRow, bool, Option<DbTime>, SessionColumns);
        let found: Option<Found> = match conn {
            AnyConnection::Postgresql(pg) => applications::table
                .find(id)
                .select((
                    ApplicationRow::as_select(),
                    institution_listens(),
                    e_onay_consent_at(),
                    (
                        session_column!(sessions::tckn),
                        session_column!(sessions::first_name),
                        session_column!(sessions::last_name),
                        session_column!(sessions::last_seen_at),
                        session_column!(sessions::absolute_expires_at),
                    ),
                ))
                .for_no_key_update()
                .first(pg)
                .optional(),
            AnyConnection::Sqlite(sqlite) => applications::table
                .left_join(sessions::table.on(sessions::id_hash.eq(id_hash)))
                .filter(applications::id.eq(id))
                .select((
                    ApplicationRow::as_select(),
                    institution_listens(),
                    e_onay_consent_at(),
                    (
                        sessions::tckn.nullable(),
                        sessions::first_name.nullable(),
                        sessions::last_name.nullable(),
                        sessions::last_seen_at.nullable(),
                        sessions::absolute_expires_at.nullable(),
                    ),
                ))
                .first(sqlite)
                .optional(),
        }?;
        let Some((row, listens, consent_at, session_columns)) = found else {
            // No such application; an ended session is still told as such first.
            session.look_up(conn)?;
            return Err(ApiError::NotFound);
        };
        let applicant = session.admit_and_touch(conn, session_row(session_columns))?;
        let ctx = EventContext::applicant(&applicant.tckn, client.clone(), session.now());
        let mut app = admit(Some(row), &Caller::from(&applicant), &ctx)?;
        app.institution_listens = Some(listens);
        app.e_onay_consent_at = Some(consent_at.map(|DbTime(at)| from_db_time(at)));
        let done = work(conn, &mut app, &ctx)?;
        Ok((app, done))
    })
}

/// The session's columns as the lock statement reads them: all NULL when there is no such
/// session.
type SessionColumns = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<DbTime>,
    Option<DbTime>,
);

fn session_row(columns: SessionColumns) -> Option<SessionRow> {
    let (tckn, first_name, last_name, last_seen, absolute) = columns;
    Some((tckn?, first_name?, last_name?, last_seen?, absolute?))
}

/// `work` on application `id` as `caller`, its row locked in a write transaction of its own
/// (a savepoint inside a larger one): the application as `work` left it, and what it returned.
pub fn change<T>(
    conn: &mut AnyConnection,
    id: &str,
    caller: &Caller,
    ctx: &EventContext,
    mut work: impl FnMut(&mut AnyConnection, &mut Application) -> Result<T, ApiError>,
) -> Result<(Application, T), ApiError> {
    write_transaction(conn, |conn| {
        let mut app = lock(conn, id, caller, ctx)?;
        let done = work(conn, &mut app)?;
        Ok((app, done))
    })
}

pub(super) fn admit(
    row: Option<ApplicationRow>,
    caller: &Caller,
    ctx: &EventContext,
) -> Result<Application, ApiError> {
    let row = row.ok_or(ApiError::NotFound)?;
    if !caller.may_reach(&row) {
        return Err(ApiError::AccessDenied(Box::new(DeniedAccess {
            ctx: ctx.clone(),
            application_id: row.id,
            institution_id: caller.institution_id().map(str::to_owned),
            detail: caller.refusal_detail(),
        })));
    }
    Application::try_from(row)
}
