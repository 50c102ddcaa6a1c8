//! The audit log: written with the acts it records, refused by the database when changed,
//! and `nes-admin verify-audit` names the first broken link after tampering.

use api::audit::verify::{verify_chain, BrokenLink, ChainReport};
use api::db::Backend;
use diesel::connection::SimpleConnection;

use crate::helpers::{citizen, spawn_app, TestApp};

fn connection(app: &TestApp) -> api::db::DbConn {
    api::db::connect(&app.db.url, 1)
        .expect("pool")
        .get()
        .expect("a connection")
}

/// Three pre-applications: three `pre_application_created` entries.
async fn three_entries(app: &TestApp) -> Vec<String> {
    let mut ids = Vec::new();
    for index in 0..3 {
        ids.push(
            app.pre_application_for(&citizen(index), "person", false)
                .await,
        );
    }
    ids
}

/// What someone with direct access to the database could do: switch the guard off.
fn disable_append_only_guard(app: &TestApp, conn: &mut api::db::DbConn) {
    let sql = match app.db.backend() {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
        Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER USER;",
    };
    conn.batch_execute(sql).expect("guard switched off");
}

fn verify_audit_command(app: &TestApp) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_nes-admin"))
        .arg("verify-audit")
        .env("DATABASE_URL", &app.db.url)
        .output()
        .expect("nes-admin runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[tokio::test]
async fn each_created_pre_application_is_audited_and_the_chain_verifies() {
    let app = spawn_app().await;
    let ids = three_entries(&app).await;
    let mut conn = connection(&app);
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Intact { entries: 3 }
    );
    let entries = api::audit::entries_for_target(&mut conn, &ids[1], 10).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "pre_application_created");
    assert_eq!(entries[0].actor_kind, "integrator");
    assert_eq!(entries[0].seq, 2);
    let (status, stdout) = verify_audit_command(&app);
    assert_eq!(status, Some(0), "{stdout}");
    assert!(stdout.contains("intact: 3 entries"), "{stdout}");
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_audit_entries() {
    let app = spawn_app().await;
    three_entries(&app).await;
    let mut conn = connection(&app);
    assert!(conn
        .batch_execute("UPDATE audit_log SET detail = 'x' WHERE seq = 2")
        .is_err());
    assert!(conn
        .batch_execute("DELETE FROM audit_log WHERE seq = 3")
        .is_err());
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Intact { entries: 3 }
    );
}

#[tokio::test]
async fn a_changed_entry_is_reported_as_the_first_broken_link() {
    let app = spawn_app().await;
    three_entries(&app).await;
    let mut conn = connection(&app);
    disable_append_only_guard(&app, &mut conn);
    conn.batch_execute("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 2")
        .unwrap();
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Broken {
            seq: 2,
            reason: BrokenLink::ContentChanged
        }
    );
    let (status, stdout) = verify_audit_command(&app);
    assert_eq!(status, Some(1), "{stdout}");
    assert!(stdout.contains("broken at entry 2"), "{stdout}");
}

#[tokio::test]
async fn a_removed_entry_is_reported() {
    let app = spawn_app().await;
    three_entries(&app).await;
    let mut conn = connection(&app);
    disable_append_only_guard(&app, &mut conn);
    conn.batch_execute("DELETE FROM audit_log WHERE seq = 2")
        .unwrap();
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Broken {
            seq: 3,
            reason: BrokenLink::SequenceGap
        }
    );
}

#[tokio::test]
async fn a_rewritten_chain_that_skips_an_entry_is_reported() {
    let app = spawn_app().await;
    three_entries(&app).await;
    let mut conn = connection(&app);
    disable_append_only_guard(&app, &mut conn);
    // Entry 3 made to follow entry 1 directly: its own hash no longer fits its content.
    conn.batch_execute(
        "UPDATE audit_log SET prev_hash = (SELECT hash FROM audit_log WHERE seq = 1) \
         WHERE seq = 3",
    )
    .unwrap();
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Broken {
            seq: 3,
            reason: BrokenLink::PreviousHashMismatch
        }
    );
}

#[tokio::test]
async fn removing_the_newest_entries_is_reported() {
    let app = spawn_app().await;
    three_entries(&app).await;
    let mut conn = connection(&app);
    disable_append_only_guard(&app, &mut conn);
    conn.batch_execute("DELETE FROM audit_log WHERE seq = 3")
        .unwrap();
    assert_eq!(
        verify_chain(&mut conn).unwrap(),
        ChainReport::Broken {
            seq: 3,
            reason: BrokenLink::HeadMismatch
        }
    );
}
