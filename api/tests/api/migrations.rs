//! Migrations that reshape existing data, tested on data the schema before them allowed.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use api::db::schema::{application_events, applications, institutions};
use api::db::testing::{empty_database, migrate_through};
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
            applications::state.eq("pre_application"),
            applications::version.eq(0i64),
            applications::deadline.eq(at),
            applications::created_by.eq("test"),
            applications::created_at.eq(at),
            applications::updated_at.eq(at),
        ))
        .execute(conn)
        .unwrap();
    id
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
