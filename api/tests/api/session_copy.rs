//! Each instance's copy of applicant sessions (`auth::session_cache`), on PostgreSQL:
//! `GET /api/session` is answered from it, and whatever ends a session or changes a consent
//! — on this instance, another, or straight in the database — is seen in the next answers.
//! On SQLite there is no copy; the same tests check that the answers are the database's.

use std::time::{Duration, Instant};

use api::db::schema::{persons, sessions};
use api::db::testing::test_backend;
use api::db::Backend;
use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    browser_client, citizen, login, set_cookie, spawn_instances, Citizen, TestApp,
};

/// `GET /api/session` answers from the copy (`nes_session_cache_hits_total`).
async fn hits(app: &TestApp) -> u64 {
    let text = reqwest::get(app.url("/metrics"))
        .await
        .expect("scrape")
        .text()
        .await
        .expect("metrics text");
    text.lines()
        .find_map(|line| line.strip_prefix("nes_session_cache_hits_total "))
        .map(|value| value.trim().parse().expect("a count"))
        .unwrap_or(0)
}

/// A session's cookie, sent by hand: a browser drops it at logout, but a copy of it (another
/// tab's, a thief's) must be refused from then on.
struct Holder {
    client: reqwest::Client,
    address: String,
    cookie: String,
    csrf: String,
}

impl Holder {
    async fn log_in(app: &TestApp, citizen: &Citizen) -> Holder {
        let callback = login(&browser_client(), &app.address, citizen).await;
        let cookie = set_cookie(&callback, "nes_session")
            .and_then(|c| c.split(';').next().map(str::to_owned))
            .expect("a session cookie");
        let mut holder = Holder {
            client: reqwest::Client::new(),
            address: app.address.clone(),
            cookie,
            csrf: String::new(),
        };
        let (status, session) = holder.session().await;
        assert_eq!(status, StatusCode::OK);
        holder.csrf = session["csrf_token"]
            .as_str()
            .expect("a CSRF token")
            .to_owned();
        holder
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address))
            .header("Cookie", &self.cookie)
            .header("X-CSRF-Token", &self.csrf);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    async fn session(&self) -> (StatusCode, Value) {
        let response = self.send(Method::GET, "/api/session", None).await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn log_out(&self) {
        let response = self.send(Method::POST, "/api/session/logout", None).await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    async fn give_consent(&self) {
        let body = json!({ "accepted": true });
        let response = self
            .send(Method::PUT, "/api/me/e-onay-consent", Some(body))
            .await;
        assert_eq!(response.status(), StatusCode::OK);
    }

    /// Reads the session until an answer came from the copy (on PostgreSQL, where the
    /// listener first has to vouch for it), and answers it; on SQLite, twenty reads and none
    /// may. `app` names the one instance whose counter is read.
    async fn read_from_the_copy(&self, app: &TestApp) -> Value {
        let start = hits(app).await;
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut reads = 0;
        loop {
            let (status, session) = self.session().await;
            assert_eq!(status, StatusCode::OK);
            reads += 1;
            let hit = hits(app).await > start;
            match test_backend() {
                Backend::Postgres if hit => return session,
                Backend::Postgres => {
                    assert!(Instant::now() < deadline, "no read came from the copy")
                }
                Backend::Sqlite => {
                    assert!(!hit, "SQLite has no copy");
                    if reads == 20 {
                        return session;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Reads the session until `done` holds for its answer, at most two seconds: the copy
    /// hears of a change made elsewhere when the database's announcement reaches its listener.
    async fn session_within_two_seconds(&self, done: impl Fn(StatusCode, &Value) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            let (status, session) = self.session().await;
            if done(status, &session) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "still {status} {session} two seconds after the change"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

#[tokio::test]
async fn the_copy_answers_as_the_database_would() {
    let app = spawn_instances(1, &[]).await;
    let ayse = Holder::log_in(&app, &citizen(0)).await;
    let (status, from_the_database) = ayse.session().await;
    assert_eq!(status, StatusCode::OK);
    let from_the_copy = ayse.read_from_the_copy(&app).await;
    assert_eq!(from_the_copy, from_the_database);
}

#[tokio::test]
async fn a_logout_is_refused_at_once_by_the_copy_of_its_instance() {
    let app = spawn_instances(1, &[]).await;
    let ayse = Holder::log_in(&app, &citizen(0)).await;
    ayse.read_from_the_copy(&app).await;
    ayse.log_out().await;
    let (status, _) = ayse.session().await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_consent_given_shows_at_once() {
    let app = spawn_instances(1, &[]).await;
    let ayse = Holder::log_in(&app, &citizen(0)).await;
    assert_eq!(
        ayse.read_from_the_copy(&app).await["e_onay_consent_given"],
        false
    );
    ayse.give_consent().await;
    let (_, after) = ayse.session().await;
    assert_eq!(after["e_onay_consent_given"], true);
}

#[tokio::test]
async fn a_session_ended_in_the_database_is_refused_by_the_copy() {
    // As the sweep, another instance, or an operator's hand would end it.
    let app = spawn_instances(1, &[]).await;
    let ayse = Holder::log_in(&app, &citizen(0)).await;
    ayse.read_from_the_copy(&app).await;
    let ended = diesel::delete(sessions::table)
        .execute(&mut app.db.connection())
        .expect("delete the session");
    assert_eq!(ended, 1);
    ayse.session_within_two_seconds(|status, _| status == StatusCode::UNAUTHORIZED)
        .await;
}

#[tokio::test]
async fn a_consent_stored_by_another_instance_shows() {
    let app = spawn_instances(1, &[]).await;
    let citizen = citizen(0);
    let ayse = Holder::log_in(&app, &citizen).await;
    assert_eq!(
        ayse.read_from_the_copy(&app).await["e_onay_consent_given"],
        false
    );
    let now = chrono::Utc::now().naive_utc();
    diesel::insert_into(persons::table)
        .values((
            persons::tckn.eq(&citizen.tckn),
            persons::e_onay_consent_at.eq(Some(now)),
            persons::created_at.eq(now),
        ))
        .execute(&mut app.db.connection())
        .expect("store the consent");
    ayse.session_within_two_seconds(|_, session| session["e_onay_consent_given"] == true)
        .await;
}

#[tokio::test]
async fn without_its_listener_the_copy_stops_and_the_answers_stay_right() {
    if test_backend() != Backend::Postgres {
        return;
    }
    let app = spawn_instances(1, &[]).await;
    let ayse = Holder::log_in(&app, &citizen(0)).await;
    ayse.read_from_the_copy(&app).await;
    // The listener's connection goes (a restarted database, a cut line): an announcement
    // sent meanwhile is lost, so the copy must not answer from what it held.
    let mut conn = app.db.connection();
    let terminated: Vec<bool> = diesel::sql_query(
        "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid() \
         AND query LIKE 'SELECT pg_backend_pid() FROM pg_notify(''nes_sessions_%'",
    )
    .load::<Terminated>(&mut conn)
    .expect("terminate the listener")
    .into_iter()
    .map(|row| row.terminated)
    .collect();
    assert_eq!(terminated, [true], "one listener");
    diesel::delete(sessions::table)
        .execute(&mut conn)
        .expect("delete the session");
    ayse.session_within_two_seconds(|status, _| status == StatusCode::UNAUTHORIZED)
        .await;
    // It reconnects and serves again.
    let mehmet = Holder::log_in(&app, &citizen(1)).await;
    mehmet.read_from_the_copy(&app).await;
}

#[derive(QueryableByName)]
struct Terminated {
    #[diesel(sql_type = diesel::sql_types::Bool)]
    terminated: bool,
}

#[tokio::test]
async fn a_logout_on_one_instance_is_refused_at_once_by_the_other_instances_copy() {
    // Behind the round-robin balancer each request goes to the other instance: the read
    // after the logout is the other one's, from a copy that held the session (the reads
    // before it reached each instance twice).
    let app = spawn_instances(2, &[]).await;
    for round in 0..10 {
        let holder = Holder::log_in(&app, &citizen(round % 5)).await;
        for _ in 0..4 {
            let (status, _) = holder.session().await;
            assert_eq!(status, StatusCode::OK);
        }
        holder.log_out().await;
        let (status, _) = holder.session().await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "round {round}");
    }
}
