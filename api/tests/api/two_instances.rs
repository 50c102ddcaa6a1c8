//! Two API instances on one database behind a round-robin balancer with no sticky sessions:
//! every request of a flow may land on the other instance, so whatever lived only in one
//! process's memory (a session, a login's state, a counter, a ceremony) would break here.
//! CI also runs a large part of the suite this way (`TEST_INSTANCES=2`, `scripts/test`).

use reqwest::Method;
use serde_json::json;

use crate::helpers::{citizen, spawn_instances, valid_form};
use crate::staff_helpers::{code, create_operator_account, enrolled, PASSWORD};

#[tokio::test]
async fn the_applicant_path_and_a_staff_login_work_with_requests_alternating_between_instances() {
    let app = spawn_instances(2, &[]).await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "person", true).await;
    // The e-Devlet login: start, the simulator's form, its code, our callback — each step
    // on the other instance from the one before.
    app.login_as(&ayse).await;
    assert_eq!(
        app.submit_form(&id, valid_form("0532 123 45 67"))
            .await
            .status(),
        200
    );
    let sms = app.sms_code_sent_to("+905321234567", 1).await;
    assert_eq!(app.verify_sms_code(&id, &sms).await.status(), 200);
    assert_eq!(app.give_consent().await.status(), 200);
    let (version, sha256) = app.taahhutname().await;
    let response = app.approve(&id, &version, &sha256, true).await;
    assert_eq!(response.status(), 200);
    let (_, detail) = app.get_json(&format!("/api/applications/{id}")).await;
    assert_eq!(detail["state"], "awaiting_payment");
    let logout = app.call(Method::POST, "/api/session/logout", None).await;
    assert_eq!(logout.status(), 204);
    let (status, _) = app.get_json("/api/session").await;
    assert_eq!(status, 401, "the session ended on both instances");

    // A staff login: the password on one instance, the TOTP code on the other.
    create_operator_account(&app, "operator.two");
    let (mut operator, secret) = enrolled(&app, "operator.two", PASSWORD).await;
    crate::staff_helpers::next_step(&app);
    assert_eq!(operator.logout().await.status(), 204);
    assert_eq!(operator.login("operator.two", PASSWORD).await.status(), 200);
    assert_eq!(operator.totp(&code(&app, &secret, 0)).await.status(), 200);
    let (status, session) = operator.get("/api/staff/session").await;
    assert_eq!(status, 200);
    assert_eq!(session["stage"], json!("active"));

    let served = app.balancer.as_ref().expect("a balancer").served();
    assert_eq!(served.len(), 2);
    assert!(
        served.iter().all(|n| *n > 10),
        "both instances served: {served:?}"
    );
}

#[tokio::test]
async fn instances_starting_together_on_an_empty_database_take_turns_with_the_migrations() {
    let empty = api::db::testing::empty_database();
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let url = empty.url.clone();
            std::thread::spawn(move || api::db::connect(&url, 1).map(drop))
        })
        .collect();
    for start in starts {
        let started = start.join().unwrap();
        assert!(started.is_ok(), "{started:?}");
    }
}

#[tokio::test]
async fn without_the_statement_cache_no_named_statement_outlives_a_query_for_a_pooler_to_mix_up() {
    use api::db::{connect, PoolSettings};
    use diesel::prelude::*;
    // PgBouncer in transaction mode hands each transaction another server connection: named
    // prepared statements (diesel's cache) would be looked up on the wrong one. SQLite has no
    // such pooler.
    if api::db::testing::test_backend() != api::db::Backend::Postgres {
        return;
    }
    let db = api::db::testing::fresh_database();
    let named_statements = |statement_cache: bool| {
        let settings = PoolSettings {
            statement_cache,
            ..PoolSettings::from(1)
        };
        let pool = connect(&db.url, settings).unwrap();
        let mut conn = pool.get().unwrap();
        for _ in 0..2 {
            let _: i64 = api::db::schema::applications::table
                .count()
                .get_result(&mut **conn)
                .unwrap();
        }
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM pg_prepared_statements)",
        ))
        .get_result::<i64>(&mut **conn)
        .unwrap()
    };
    assert!(named_statements(true) > 0, "the cache is on by default");
    assert_eq!(named_statements(false), 0);
}

#[tokio::test]
async fn fifty_sms_codes_asked_for_at_once_on_two_instances_each_leave_once() {
    use api::notify::outbox::{self, STATUS_DELIVERED};
    use std::sync::Arc;

    use crate::load::{self, Applicant, Ledger};

    let app = spawn_instances(2, &[]).await;
    let people = load::pre_applications(&app.address, &app.db.url, 10).await;
    let ledger = Arc::new(Ledger::default());
    let (mut submissions, mut phones) = (Vec::new(), Vec::new());
    for (person, ids) in &people {
        let applicant = Arc::new(Applicant::log_in(&app.address, person).await);
        for id in ids {
            let phone = load::phone_of(phones.len());
            phones.push(phone.clone());
            let (applicant, ledger, path) = (
                applicant.clone(),
                ledger.clone(),
                format!("/api/applications/{id}/form"),
            );
            submissions.push(async move {
                let form = valid_form(&phone);
                applicant
                    .call(&ledger, Method::PUT, &path, Some(form))
                    .await
            });
        }
    }
    assert_eq!(phones.len(), 50);
    let answers = futures_util::future::join_all(submissions).await;
    assert!(
        answers
            .iter()
            .all(|answer| *answer == Some(reqwest::StatusCode::OK)),
        "{:?} {:?}",
        ledger.statuses(),
        ledger.problems()
    );

    // Each instance hands the codes it queued to its own SMS lane; none is sent twice.
    for phone in &phones {
        let sent = app
            .sms
            .wait_for_sms_to(phone, 1, std::time::Duration::from_secs(20))
            .await;
        assert_eq!(sent.len(), 1, "{phone}");
    }
    let settled = || {
        outbox::all(&mut app.db.connection())
            .unwrap()
            .into_iter()
            .filter(|row| row.channel == "sms")
            .collect::<Vec<_>>()
    };
    let waited = std::time::Instant::now();
    while settled().iter().any(|row| row.status != STATUS_DELIVERED) {
        assert!(waited.elapsed().as_secs() < 20, "{:?}", settled());
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let rows = settled();
    assert_eq!(rows.len(), 50);
    assert!(rows.iter().all(|row| row.attempts == 1), "{rows:?}");
    assert_eq!(app.sms.messages().len(), 50, "no code left twice");
}
