//! An application's page (`GET /api/applications/{id}`) in one statement: the row, its
//! timeline and its SMS codes (each gathered into a JSON array by the database), its approval
//! and its shipment. Before, the page took up to five statements, each a round trip on
//! PostgreSQL and a statement run on SQLite (docs/benchmarks.md, "The API under load"). The
//! applicant's own read ([`load_as`]) also reads their session's row in the same statement,
//! so `GET /api/applications/{id}` is one round trip in all.
//!
//! The statement is written per backend (the JSON functions differ) but is a type of its own
//! with a static query id, so each connection prepares it once and keeps it, as it does
//! diesel's own queries; `sql_query` would be prepared again on every run.

use std::borrow::Cow;

use chrono::NaiveDateTime;
use diesel::dsl::AsSelect;
use diesel::expression::Expression;
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::sql_types::{Nullable, Text, Timestamp};
use diesel::sqlite::Sqlite;
use serde::Deserialize;
use shared::api::{ApprovalInfo, Shipment, TimelineEvent};

use super::read;
use super::row::ApplicationRow;
use super::sms::{CodeRow, Codes};
use crate::auth::session::{SessionRow, SessionSelection, SESSION_SELECTION};
use crate::auth::{Applicant, ApplicantSession};
use crate::db::{parse_db_time, AnyConnection, DbTime};
use crate::error::ApiError;

/// What the page shows beside the application's own row.
pub struct Extras {
    pub timeline: Vec<TimelineEvent>,
    pub codes: Codes,
    pub approval: Option<ApprovalInfo>,
}

/// Reads application `id` (not yet admitted to anyone) with everything its page shows;
/// `None` when there is no such row.
pub fn load(
    conn: &mut AnyConnection,
    id: &str,
) -> Result<Option<(ApplicationRow, Extras)>, ApiError> {
    let fetched = match conn {
        AnyConnection::Sqlite(conn) => PageQuery::<Sqlite, ApplicationRow>::new(id)
            .get_result::<Fetched>(conn)
            .optional()?,
        AnyConnection::Postgresql(conn) => PageQuery::<Pg, ApplicationRow>::new(id)
            .get_result::<Fetched>(conn)
            .optional()?,
    };
    fetched.map(split).transpose()
}

/// [`load`] for the applicant of `session`, whose row is read in the same statement: the
/// applicant ([`ApplicantSession::admit`]: `401` when the session has ended or never was),
/// and application `id` if it exists.
pub fn load_as(
    conn: &mut AnyConnection,
    session: &ApplicantSession,
    id: &str,
) -> Result<(Applicant, Option<(ApplicationRow, Extras)>), ApiError> {
    let session_key = session.id_hash();
    let fetched = match conn {
        AnyConnection::Sqlite(conn) => {
            PageQuery::<Sqlite, Option<ApplicationRow>>::joined(session_key, id)
                .get_result::<JoinedFetched>(conn)
                .optional()?
        }
        AnyConnection::Postgresql(conn) => {
            PageQuery::<Pg, Option<ApplicationRow>>::joined(session_key, id)
                .get_result::<JoinedFetched>(conn)
                .optional()?
        }
    };
    let (session_row, page) = match fetched {
        Some((session_row, row, beside)) => (Some(session_row), row.map(|row| (row, beside))),
        None => (None, None),
    };
    let applicant = session.admit(session_row)?;
    Ok((applicant, page.map(split).transpose()?))
}

/// Beside the application's row: its timeline and SMS codes as JSON arrays, the approval's
/// method, time and Taahhütname version, the shipment's courier and tracking number.
type Beside = (
    String,
    String,
    Option<String>,
    Option<DbTime>,
    Option<String>,
    Option<String>,
    Option<String>,
);

type BesideSql = (
    Text,
    Text,
    Nullable<Text>,
    Nullable<Timestamp>,
    Nullable<Text>,
    Nullable<Text>,
    Nullable<Text>,
);

type Fetched = (ApplicationRow, Beside);

/// With the session's row first; no application row when there is no application `id`.
type JoinedFetched = (SessionRow, Option<ApplicationRow>, Beside);

fn split(
    (row, (events, codes, method, approved_at, version, courier, tracking)): Fetched,
) -> Result<(ApplicationRow, Extras), ApiError> {
    let shipment = courier
        .zip(tracking)
        .map(|(courier, tracking_number)| Shipment {
            courier,
            tracking_number,
        });
    let mut events = parse::<Vec<EventJson>>(&events, "timeline")?;
    events.sort_unstable_by_key(|event| event.0);
    let timeline = events
        .into_iter()
        .map(|EventJson(_, at, kind, actor)| {
            read::timeline_event(json_time(&at)?, &kind, actor.into_owned(), || {
                Ok(shipment.clone())
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let mut codes = parse::<Vec<CodeJson>>(&codes, "SMS codes")?
        .into_iter()
        .map(CodeRow::try_from)
        .collect::<Result<Vec<_>, ApiError>>()?;
    codes.sort_unstable_by(|a, b| (a.sent_at, &a.id).cmp(&(b.sent_at, &b.id)));
    let approval = match (method, approved_at, version) {
        (Some(method), Some(DbTime(at)), Some(version)) => {
            Some(read::approval_info(&method, at, version)?)
        }
        _ => None,
    };
    Ok((
        row,
        Extras {
            timeline,
            codes: Codes::from_rows(codes),
            approval,
        },
    ))
}

/// `[id, at, kind, actor_kind]`, borrowed from the statement's text where JSON did not escape
/// them (always, for our own vocabulary): only the actor is kept, as a `String`.
#[derive(Deserialize)]
struct EventJson<'a>(
    i64,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
);

/// `[id, phone, code_hmac, sent_at, expires_at, failed_attempts, used_at]`
#[derive(Deserialize)]
struct CodeJson(String, String, String, String, String, i32, Option<String>);

impl TryFrom<CodeJson> for CodeRow {
    type Error = ApiError;

    fn try_from(
        CodeJson(id, phone, code_hmac, sent_at, expires_at, failed_attempts, used_at): CodeJson,
    ) -> Result<Self, ApiError> {
        Ok(CodeRow {
            id,
            phone,
            code_hmac,
            sent_at: json_time(&sent_at)?,
            expires_at: json_time(&expires_at)?,
            failed_attempts,
            used_at: used_at.as_deref().map(json_time).transpose()?,
        })
    }
}

fn parse<'a, T: Deserialize<'a>>(json: &'a str, what: &str) -> Result<T, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(format!("{what} as JSON: {e}")))
}

/// A timestamp as the database wrote it into JSON: SQLite keeps diesel's text
/// (`2026-12-05 02:10:37.123456`), PostgreSQL writes ISO 8601 (`2026-12-05T02:10:37.123456`).
fn json_time(text: &str) -> Result<NaiveDateTime, ApiError> {
    parse_db_time(text).ok_or_else(|| ApiError::Internal(format!("timestamp {text:?}")))
}

/// The statement, for backend `DB`: application `id` with what its page shows, or (with a
/// session's key, `Row` then `Option<ApplicationRow>`) the session's row with them.
struct PageQuery<DB: diesel::backend::Backend, Row: Selectable<DB>> {
    session_key: Option<String>,
    id: String,
    columns: AsSelect<Row, DB>,
}

impl<DB: diesel::backend::Backend> PageQuery<DB, ApplicationRow>
where
    ApplicationRow: Selectable<DB>,
{
    fn new(id: &str) -> Self {
        PageQuery {
            session_key: None,
            id: id.to_owned(),
            columns: ApplicationRow::as_select(),
        }
    }
}

impl<DB: diesel::backend::Backend> PageQuery<DB, Option<ApplicationRow>>
where
    Option<ApplicationRow>: Selectable<DB>,
{
    fn joined(session_key: &str, id: &str) -> Self {
        PageQuery {
            session_key: Some(session_key.to_owned()),
            id: id.to_owned(),
            columns: Option::<ApplicationRow>::as_select(),
        }
    }
}

/// One statement text per backend and shape, whatever the keys: safe to prepare once and
/// keep.
impl<DB: diesel::backend::Backend + 'static, Row: Selectable<DB> + 'static> QueryId
    for PageQuery<DB, Row>
{
    type QueryId = Self;
    const HAS_STATIC_QUERY_ID: bool = true;
}

type SessionSql = (Text, Text, Text, Timestamp, Timestamp);

impl Query for PageQuery<Sqlite, ApplicationRow> {
    type SqlType = (
        <AsSelect<ApplicationRow, Sqlite> as Expression>::SqlType,
        BesideSql,
    );
}

impl Query for PageQuery<Pg, ApplicationRow> {
    type SqlType = (
        <AsSelect<ApplicationRow, Pg> as Expression>::SqlType,
        BesideSql,
    );
}

impl Query for PageQuery<Sqlite, Option<ApplicationRow>> {
    type SqlType = (
        SessionSql,
        <AsSelect<Option<ApplicationRow>, Sqlite> as Expression>::SqlType,
        BesideSql,
    );
}

impl Query for PageQuery<Pg, Option<ApplicationRow>> {
    type SqlType = (
        SessionSql,
        <AsSelect<Option<ApplicationRow>, Pg> as Expression>::SqlType,
        BesideSql,
    );
}

impl<DB: diesel::backend::Backend, Row: Selectable<DB>, Conn> RunQueryDsl<Conn>
    for PageQuery<DB, Row>
{
}

/// The joins and the keys, the same for both backends; `aggregates` are the two JSON arrays
/// in the backend's own words. With a session's key the session's row leads, and the
/// application is joined to it: no row means no session, a row without an application means
/// no application `id`.
fn walk<'b, DB, Row>(
    query: &'b PageQuery<DB, Row>,
    aggregates: &str,
    mut out: AstPass<'_, 'b, DB>,
) -> QueryResult<()>
where
    DB: diesel::backend::Backend,
    Row: Selectable<DB>,
    AsSelect<Row, DB>: QueryFragment<DB>,
    SessionSelection: QueryFragment<DB>,
    String: diesel::serialize::ToSql<Text, DB>,
{
    out.push_sql("SELECT ");
    if query.session_key.is_some() {
        SESSION_SELECTION.walk_ast(out.reborrow())?;
        out.push_sql(", ");
    }
    query.columns.walk_ast(out.reborrow())?;
    out.push_sql(", ");
    out.push_sql(aggregates);
    out.push_sql(
        ", approvals.method, approvals.approved_at, approvals.taahhutname_version, \
         shipments.courier, shipments.tracking_number FROM ",
    );
    if query.session_key.is_some() {
        out.push_sql("sessions LEFT JOIN applications ON applications.id = ");
        out.push_bind_param::<Text, String>(&query.id)?;
    } else {
        out.push_sql("applications");
    }
    out.push_sql(
        " LEFT JOIN approvals ON approvals.application_id = applications.id \
         LEFT JOIN shipments ON shipments.application_id = applications.id WHERE ",
    );
    match &query.session_key {
        Some(key) => {
            out.push_sql("sessions.id_hash = ");
            out.push_bind_param::<Text, String>(key)?;
        }
        None => {
            out.push_sql("applications.id = ");
            out.push_bind_param::<Text, String>(&query.id)?;
        }
    }
    Ok(())
}

/// The arrays are gathered in whatever order the database reads the rows and put in order
/// here (`split`): an aggregate's own `ORDER BY` made SQLite build two temporary b-trees for
/// every read of the page (a tenth of its CPU, in a callgrind profile) and PostgreSQL sort.
const SQLITE_AGGREGATES: &str =
    "(SELECT json_group_array(json_array(e.id, e.at, e.kind, e.actor_kind)) \
       FROM application_events e WHERE e.application_id = applications.id), \
     (SELECT json_group_array(json_array(c.id, c.phone, c.code_hmac, c.sent_at, \
         c.expires_at, c.failed_attempts, c.used_at)) \
       FROM sms_codes c WHERE c.application_id = applications.id)";

const PG_AGGREGATES: &str =
    "(SELECT coalesce(json_agg(json_build_array(e.id, e.at, e.kind, e.actor_kind)), \
         '[]')::text \
       FROM application_events e WHERE e.application_id = applications.id), \
     (SELECT coalesce(json_agg(json_build_array(c.id, c.phone, c.code_hmac, c.sent_at, \
         c.expires_at, c.failed_attempts, c.used_at)), '[]')::text \
       FROM sms_codes c WHERE c.application_id = applications.id)";

impl<Row> QueryFragment<Sqlite> for PageQuery<Sqlite, Row>
where
    Row: Selectable<Sqlite>,
    AsSelect<Row, Sqlite>: QueryFragment<Sqlite>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Sqlite>) -> QueryResult<()> {
        walk(self, SQLITE_AGGREGATES, out)
    }
}

impl<Row> QueryFragment<Pg> for PageQuery<Pg, Row>
where
    Row: Selectable<Pg>,
    AsSelect<Row, Pg>: QueryFragment<Pg>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        walk(self, PG_AGGREGATES, out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use shared::workflow::ApprovalMethod;

    #[test]
    fn timestamps_are_read_as_either_backend_writes_them_into_json() {
        let sqlite = json_time("2026-12-05 02:10:37.123456").unwrap();
        let postgres = json_time("2026-12-05T02:10:37.123456").unwrap();
        assert_eq!(sqlite, postgres);
        assert_eq!(
            json_time("2026-12-05T02:10:37").unwrap(),
            sqlite.with_nanosecond(0).unwrap()
        );
        assert_eq!(
            json_time("2026-12-05 02:10:37.5").unwrap(),
            sqlite.with_nanosecond(500_000_000).unwrap()
        );
        assert!(json_time("05.12.2026").is_err());
        assert!(json_time("2026-12-05 02:10:37.123456+03:00").is_err());
        assert!(json_time("2026-12-05X02:10:37").is_err());
    }

    #[test]
    fn an_unknown_event_kind_is_our_error_not_a_silent_gap() {
        let fetched: Fetched = (
            row(),
            (
                r#"[[1, "2026-12-05 02:10:37", "no_such_kind", "system"]]"#.to_owned(),
                "[]".to_owned(),
                None,
                None,
                None,
                None,
                None,
            ),
        );
        assert!(matches!(split(fetched), Err(ApiError::Internal(_))));
    }

    #[test]
    fn events_and_codes_are_put_in_order_and_the_shipment_goes_with_the_shipped_event() {
        let fetched: Fetched = (
            row(),
            (
                // As the database may gather them: out of order.
                r#"[[9, "2026-12-06T09:00:00", "shipped", "operator"],
                    [2, "2026-12-05 02:10:37", "pre_application_created", "system"]]"#
                    .to_owned(),
                r#"[["c2", "+905321234567", "h", "2026-12-05 02:11:00", "2026-12-05 02:21:00", 1, null],
                    ["c1", "+905321234567", "h", "2026-12-05 02:01:00", "2026-12-05 02:11:00", 5, null]]"#
                    .to_owned(),
                Some("e_onay".to_owned()),
                Some(DbTime(json_time("2026-12-05 02:12:00").unwrap())),
                Some("2026.1".to_owned()),
                Some("PTT Kargo".to_owned()),
                Some("KP1".to_owned()),
            ),
        );
        let (_, extras) = split(fetched).unwrap();
        assert_eq!(extras.timeline.len(), 2);
        assert!(extras.timeline[0].shipment.is_none());
        assert_eq!(
            extras.timeline[1]
                .shipment
                .as_ref()
                .map(|s| s.tracking_number.as_str()),
            Some("KP1")
        );
        assert_eq!(
            extras.approval.map(|a| a.method),
            Some(ApprovalMethod::EOnay)
        );
        let status = super::super::sms::status_of(
            &extras.codes,
            chrono::DateTime::parse_from_rfc3339("2026-12-05T02:12:00Z")
                .unwrap()
                .to_utc(),
        )
        .unwrap();
        assert_eq!(status.tries_left, 4);
    }

    fn row() -> ApplicationRow {
        let at = json_time("2026-12-05 02:00:00").unwrap();
        ApplicationRow {
            id: "a".into(),
            reference: "NES-2026-000001".into(),
            tckn: "10000000146".into(),
            first_name: "Zeynep".into(),
            last_name: "Kaya".into(),
            email: "z@example.org".into(),
            institution: "Kurum".into(),
            payer: "institution".into(),
            prepaid: false,
            paid: false,
            state: "pre_application".into(),
            version: 1,
            form_json: None,
            draft_json: None,
            deadline: at,
            created_at: at,
            updated_at: at,
            institution_id: None,
        }
    }
}
