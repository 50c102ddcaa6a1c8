//! Migrations that reshape existing data, tested on data the schema before them allowed.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use api::db::schema::{application_events, applications, institutions, outbox};
use api::db::testing::{empty_database, empty_sqlite_database, migrate_through};
use api::db::{to_db_time, AnyConnection};

fn institution(conn: &mut AnyConnection, code: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(institutions::table)
        .values((
            institutions::id.eq(&id),
            institutions::code.eq(code),
            institutions::name.eq(code),
            institutions::created_at.eq(to_db_time(Utc::now())),
            institutions::created_by.eq("test"),
        ))
        .execute(conn)
        .unwrap();
    id
}

fn open_application(
    conn: &mut AnyConnection,
    institution_id: &str,
    label: &str,
    minutes_ago: i64,
) -> String {
    application_in(conn, institution_id, label, minutes_ago, "pre_application")
}

fn application_in(
    conn: &mut AnyConnection,
    institution_id: &str,
    label: &str,
    minutes_ago: i64,
    state: &str,
) -> String {
    try_application_in(conn, institution_id, label, minutes_ago, state).unwrap()
}

fn try_application_in(
    conn: &mut AnyConnection,
    institution_id: &str,
    label: &str,
    minutes_ago: i64,
    state: &str,
) -> QueryResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let at = to_db_time(Utc::now() - Duration::minutes(minutes_ago));
    diesel::insert_into(applications::table)
        .values((
            applications::id.eq(&id),
            applications::reference.eq(format!("NES-2026-{minutes_ago}")),
            applications::tckn.eq("10000000146"),
            applications::first_name.eq("Ayşe"),
            applications::last_name.eq("Yılmaz"),
            applications::email.eq("ayse@kurum.gov.tr"),
            applications::institution.eq(label),
            applications::institution_id.eq(institution_id),
            applications::payer.eq("person"),
            applications::prepaid.eq(false),
            applications::paid.eq(false),
            applications::state.eq(state),
            applications::version.eq(0i64),
            applications::deadline.eq(at),
            applications::created_by.eq("test"),
            applications::created_at.eq(at),
            applications::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(id)
}

#[test]
fn one_open_application_per_person_and_institution_keeps_the_newest_of_several_labels() {
    let db = empty_database();
    migrate_through(&db.url, "2026-12-03-000003_scheduled_jobs");
    // A plain connection: a pool would run the pending migration first.
    let (older, newer, elsewhere) = {
        let mut conn = api::db::establish(&db.url, 1.into()).unwrap();
        let own = institution(&mut conn, "OWN");
        let other = institution(&mut conn, "OTHER");
        (
            open_application(&mut conn, &own, "Bilgi İşlem Dairesi", 20),
            open_application(&mut conn, &own, "Personel Dairesi", 10),
            open_application(&mut conn, &other, "Ortak Birim", 30),
        )
    };
    let pool = api::db::connect(&db.url, 1).unwrap();
    let mut pooled = pool.get().unwrap();
    let conn: &mut AnyConnection = &mut pooled;
    let state_of = |conn: &mut AnyConnection, id: &str| -> String {
        applications::table
            .find(id)
            .select(applications::state)
            .first(conn)
            .unwrap()
    };
    assert_eq!(state_of(conn, &older), "expired");
    assert_eq!(state_of(conn, &newer), "pre_application");
    assert_eq!(state_of(conn, &elsewhere), "pre_application");
    let events: Vec<(String, Option<String>)> = application_events::table
        .filter(application_events::application_id.eq(&older))
        .select((application_events::kind, application_events::actor_id))
        .load(conn)
        .unwrap();
    assert_eq!(
        events,
        [("expired".to_owned(), Some("migration".to_owned()))]
    );
}

fn message(conn: &mut AnyConnection, channel: &str, status: &str) -> QueryResult<usize> {
    let now = to_db_time(Utc::now());
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(uuid::Uuid::new_v4().to_string()),
            outbox::channel.eq(channel),
            outbox::purpose.eq("sms_code"),
            outbox::recipient.eq("+905321234567"),
            outbox::subject.eq(""),
            outbox::body.eq("kept"),
            outbox::sealed.eq(false),
            outbox::status.eq(status),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
            outbox::created_at.eq(now),
        ))
        .execute(conn)
}

/// The writes' constraints said again without constant lists (SQLite) keep the messages queued
/// before and refuse what they refused; one open application per person and institution still.
#[test]
fn the_outbox_built_again_keeps_its_messages_and_its_rules() {
    let db = empty_database();
    migrate_through(&db.url, "2026-12-07-000001_outbox_lanes");
    let own = {
        let mut conn = api::db::establish(&db.url, 1.into()).unwrap();
        assert_eq!(message(&mut conn, "sms", "pending"), Ok(1));
        institution(&mut conn, "OWN")
    };
    let pool = api::db::connect(&db.url, 1).unwrap();
    let mut pooled = pool.get().unwrap();
    let conn: &mut AnyConnection = &mut pooled;
    let kept: Vec<(String, String, String)> = outbox::table
        .select((outbox::channel, outbox::status, outbox::body))
        .load(conn)
        .unwrap();
    assert_eq!(kept, [("sms".into(), "pending".into(), "kept".into())]);

    for (channel, status) in [("email", "delivered"), ("webhook", "failed")] {
        assert_eq!(message(conn, channel, status), Ok(1));
    }
    for (channel, status) in [("fax", "pending"), ("sms", "sent")] {
        assert!(
            matches!(
                message(conn, channel, status),
                Err(diesel::result::Error::DatabaseError(
                    diesel::result::DatabaseErrorKind::CheckViolation,
                    _
                ))
            ),
            "{channel}/{status} refused"
        );
    }

    application_in(conn, &own, "Personel", 30, "delivered");
    application_in(conn, &own, "Personel", 20, "pre_application");
    assert!(
        matches!(
            try_application_in(conn, &own, "Personel", 10, "form_filled"),
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _
            ))
        ),
        "a second open application is refused"
    );
}

/// SQLite builds a temporary b-tree for `IN` over three constants or more each time a
/// statement runs, and evaluates a CHECK or a partial index's WHERE at every row written: no
/// table's writes may do so (docs/benchmarks.md, "Temporary b-trees in the writes"). An INSERT
/// of every column and an UPDATE of every column are planned for each table and their programs
/// searched for the opcode. The SQLite schema only, whichever backend the suite runs on.
#[test]
fn no_write_on_sqlite_builds_a_temporary_b_tree() {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    #[derive(diesel::QueryableByName)]
    struct Step {
        #[diesel(sql_type = diesel::sql_types::Text)]
        opcode: String,
    }
    // Evidence rows reference signing_sessions, so its CHECK could not be said again (see the
    // migration 2026-12-07-000002_lighter_writes); a few writes an approval with e-İmza.
    const KEPT_WITH_A_LIST: &[&str] = &["signing_sessions"];

    let db = empty_sqlite_database();
    let pool = api::db::connect(&db.url, 1).unwrap();
    let mut pooled = pool.get().unwrap();
    let conn: &mut AnyConnection = &mut pooled;
    let names = |conn: &mut AnyConnection, sql: String| -> Vec<String> {
        diesel::sql_query(sql)
            .load::<Name>(conn)
            .unwrap()
            .into_iter()
            .map(|row| row.name)
            .collect()
    };
    let tables = names(
        conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '__diesel%' ORDER BY name"
            .into(),
    );
    assert!(tables.len() > 20, "the schema's tables: {tables:?}");
    let mut building = Vec::new();
    for table in &tables {
        let columns = names(
            conn,
            format!("SELECT name FROM pragma_table_info('{table}')"),
        );
        let marks = vec!["?"; columns.len()].join(", ");
        let sets: Vec<String> = columns.iter().map(|c| format!("{c} = ?")).collect();
        for write in [
            format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                columns.join(", ")
            ),
            format!("UPDATE {table} SET {} WHERE rowid = ?", sets.join(", ")),
        ] {
            let program = diesel::sql_query(format!("EXPLAIN {write}"))
                .load::<Step>(conn)
                .unwrap();
            let temporary = program.iter().any(|step| step.opcode == "OpenEphemeral");
            if temporary != KEPT_WITH_A_LIST.contains(&table.as_str()) {
                building.push(write);
            }
        }
    }
    assert!(
        building.is_empty(),
        "writes building a temporary b-tree (or no longer): {building:#?}"
    );
}
