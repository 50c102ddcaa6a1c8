//! Request budgets on what anyone may call without logging in: they hold under parallel
//! requests (and across instances, `TEST_INSTANCES=2`), answer 429 with Retry-After, open
//! again when the window ends, and their rows are purged.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use futures_util::future::join_all;
use reqwest::StatusCode;

use api::db::schema::{login_throttle, rate_limits, sessions};
use api::db::{to_db_time, AnyConnection};
use api::rate_limit::{self, Budget, EDEVLET_LOGIN};

use crate::helpers::{problem, spawn_app, spawn_app_with, TestApp};

async fn login_starts(app: &TestApp, n: usize) -> Vec<reqwest::Response> {
    join_all((0..n).map(|_| app.client.get(app.url("/api/auth/edevlet/login")).send()))
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn one_client_gets_its_budget_of_login_starts_and_not_one_more() {
    let app = spawn_app().await;
    let budget = usize::try_from(EDEVLET_LOGIN.per_client).unwrap();
    let answers = login_starts(&app, budget + 30).await;
    let started = answers
        .iter()
        .filter(|r| r.status() == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(started, budget);
    let mut refused = 0;
    for answer in answers {
        if answer.status() == StatusCode::SEE_OTHER {
            continue;
        }
        let retry_after: u64 = answer.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&retry_after), "{retry_after}");
        let (status, body) = problem(answer).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["code"], "rate_limited");
        refused += 1;
    }
    assert_eq!(refused, 30);

    // The window ends: the client may start again.
    app.clock.advance(Duration::seconds(61));
    let again = login_starts(&app, 1).await;
    assert_eq!(again[0].status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn an_exempt_address_is_held_only_by_the_global_budget() {
    let app = spawn_app_with(&[("NES_RATE_LIMIT_EXEMPT", "127.0.0.1")]).await;
    let n = usize::try_from(EDEVLET_LOGIN.per_client).unwrap() + 30;
    let answers = login_starts(&app, n).await;
    assert!(answers.iter().all(|r| r.status() == StatusCode::SEE_OTHER));
}

fn connection(app: &TestApp) -> AnyConnection {
    app.db.connection()
}

#[tokio::test]
async fn the_global_budget_holds_for_everyone_together() {
    let app = spawn_app().await;
    let mut conn = connection(&app);
    const SMALL: Budget = Budget {
        name: "test_budget",
        per_client: 100,
        global: 5,
        window: Duration::minutes(1),
    };
    let now = Utc::now();
    for n in 0..5 {
        let ip = format!("192.0.2.{n}");
        rate_limit::take(&mut conn, &SMALL, Some(&ip), now).unwrap();
    }
    let refused = rate_limit::take(&mut conn, &SMALL, Some("198.51.100.1"), now).unwrap_err();
    assert!(matches!(
        refused,
        api::error::ApiError::RateLimited {
            retry_after_seconds: 60
        }
    ));
    assert_eq!(
        hits(&mut conn, "test_budget:198.51.100.1"),
        0,
        "a call the global budget refuses is not counted against its client either"
    );
    // Counted whole at the window's end.
    rate_limit::take(
        &mut conn,
        &SMALL,
        Some("198.51.100.1"),
        now + Duration::minutes(1),
    )
    .unwrap();
}

#[tokio::test]
async fn the_purge_deletes_ended_windows_stale_throttles_and_ended_sessions_only() {
    use api::db::schema::scheduled_jobs;

    let app = spawn_app().await;
    let mut conn = connection(&app);
    let now = Utc::now();
    // The instances' own purge job held off for the day: this test runs the purge itself, and
    // a background run between the inserts below and that call would leave it nothing.
    diesel::delete(scheduled_jobs::table.filter(scheduled_jobs::name.eq(api::jobs::PURGE.name)))
        .execute(&mut conn)
        .unwrap();
    diesel::insert_into(scheduled_jobs::table)
        .values((
            scheduled_jobs::name.eq(api::jobs::PURGE.name),
            scheduled_jobs::next_run_at.eq(to_db_time(now + Duration::days(1))),
            scheduled_jobs::last_run_at.eq(to_db_time(now)),
            scheduled_jobs::last_run_by.eq("test"),
        ))
        .execute(&mut conn)
        .unwrap();
    let window = |bucket: &str, ends: chrono::DateTime<Utc>| {
        (
            rate_limits::bucket.eq(bucket.to_owned()),
            rate_limits::hits.eq(1),
            rate_limits::window_ends_at.eq(to_db_time(ends)),
        )
    };
    for row in [
        window("ended", now - Duration::seconds(1)),
        window("open", now + Duration::seconds(30)),
    ] {
        diesel::insert_into(rate_limits::table)
            .values(row)
            .execute(&mut conn)
            .unwrap();
    }
    let throttle = |subject: &str, last: chrono::DateTime<Utc>, locked: bool| {
        (
            login_throttle::subject.eq(subject.to_owned()),
            login_throttle::consecutive_failures.eq(3),
            login_throttle::last_failure_at.eq(to_db_time(last)),
            login_throttle::locked_at.eq(locked.then(|| to_db_time(last))),
        )
    };
    for row in [
        throttle("staff:random-1", now - Duration::days(2), false),
        throttle("staff:recent", now - Duration::minutes(5), false),
        throttle("staff:locked", now - Duration::days(2), true),
    ] {
        diesel::insert_into(login_throttle::table)
            .values(row)
            .execute(&mut conn)
            .unwrap();
    }
    let session = |id: &str, seen: chrono::DateTime<Utc>, ends: chrono::DateTime<Utc>| {
        (
            sessions::id_hash.eq(id.to_owned()),
            sessions::tckn.eq("10000000146"),
            sessions::first_name.eq("Ayşe"),
            sessions::last_name.eq("Yılmaz"),
            sessions::created_at.eq(to_db_time(now - Duration::hours(1))),
            sessions::last_seen_at.eq(to_db_time(seen)),
            sessions::absolute_expires_at.eq(to_db_time(ends)),
        )
    };
    let later = now + Duration::hours(1);
    for row in [
        session("idle", now - Duration::minutes(31), later),
        session("over", now, now - Duration::seconds(1)),
        session("alive", now - Duration::minutes(1), later),
    ] {
        diesel::insert_into(sessions::table)
            .values(row)
            .execute(&mut conn)
            .unwrap();
    }

    let purged = api::purge::run(&mut conn, now, Duration::minutes(30)).unwrap();
    assert_eq!(
        (
            purged.rate_limit_windows,
            purged.login_throttles,
            purged.applicant_sessions
        ),
        (1, 1, 2)
    );
    let buckets: Vec<String> = rate_limits::table
        .select(rate_limits::bucket)
        .load(&mut conn)
        .unwrap();
    assert_eq!(buckets, ["open"]);
    let mut subjects: Vec<String> = login_throttle::table
        .select(login_throttle::subject)
        .load(&mut conn)
        .unwrap();
    subjects.sort();
    assert_eq!(subjects, ["staff:locked", "staff:recent"]);
    let left: Vec<String> = sessions::table
        .select(sessions::id_hash)
        .load(&mut conn)
        .unwrap();
    assert_eq!(left, ["alive"]);
}

async fn login_starts_from(app: &TestApp, forwarded_for: &str, n: usize) -> Vec<StatusCode> {
    join_all((0..n).map(|_| {
        app.client
            .get(app.url("/api/auth/edevlet/login"))
            .header("x-forwarded-for", forwarded_for)
            .send()
    }))
    .await
    .into_iter()
    .map(|r| r.unwrap().status())
    .collect()
}

/// The address the audit trail recorded for a failed staff login sent with `forwarded_for`.
async fn audited_address(app: &TestApp, forwarded_for: &str) -> Option<String> {
    use api::db::schema::audit_log;
    let answer = app
        .client
        .post(app.url("/api/staff/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&serde_json::json!({ "username": "nobody.here", "password": "wrong password" }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    audit_log::table
        .filter(audit_log::action.eq("staff_login_failed"))
        .order(audit_log::seq.desc())
        .select(audit_log::client_ip)
        .first(&mut connection(app))
        .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget_and_address() {
    let app = spawn_app_with(&[("NES_TRUSTED_PROXIES", "127.0.0.1, ::1")]).await;
    let budget = usize::try_from(EDEVLET_LOGIN.per_client).unwrap();
    let first = login_starts_from(&app, "203.0.113.9", budget + 1).await;
    assert_eq!(
        first
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        budget
    );
    // Another client behind the same proxy is not held by the first one's budget; what a
    // client writes left of the proxy's entry is not believed.
    let other = login_starts_from(&app, "203.0.113.9, 198.51.100.20", 1).await;
    assert_eq!(other, [StatusCode::SEE_OTHER]);
    assert_eq!(
        audited_address(&app, "192.0.2.1, 203.0.113.77")
            .await
            .as_deref(),
        Some("203.0.113.77")
    );
}

#[tokio::test]
async fn without_trusted_proxies_x_forwarded_for_is_ignored() {
    let app = spawn_app().await;
    let budget = usize::try_from(EDEVLET_LOGIN.per_client).unwrap();
    let answers = join_all((0..=budget).map(|n| {
        app.client
            .get(app.url("/api/auth/edevlet/login"))
            .header("x-forwarded-for", format!("203.0.113.{}", n % 250))
            .send()
    }))
    .await;
    let refused = answers
        .into_iter()
        .filter(|r| r.as_ref().unwrap().status() == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(refused, 1);
    assert_eq!(
        audited_address(&app, "203.0.113.77").await.as_deref(),
        Some("127.0.0.1")
    );
}

fn hits(conn: &mut AnyConnection, bucket: &str) -> i32 {
    rate_limits::table
        .find(bucket)
        .select(rate_limits::hits)
        .first(conn)
        .unwrap()
}

#[test]
fn keyed_limits_count_all_or_none_and_an_ended_window_starts_again() {
    const HOURLY: rate_limit::KeyedLimit = rate_limit::KeyedLimit {
        name: "test_hour",
        limit: 5,
        window: Duration::hours(1),
    };
    const DAILY: rate_limit::KeyedLimit = rate_limit::KeyedLimit {
        name: "test_day",
        limit: 2,
        window: Duration::days(1),
    };
    let db = api::db::testing::fresh_database();
    let mut conn = db.connection();
    let now = Utc::now();
    let both = [&HOURLY, &DAILY];
    for _ in 0..2 {
        rate_limit::take_keyed(&mut conn, &both, "k", now).unwrap();
    }
    let refused = rate_limit::take_keyed(&mut conn, &both, "k", now).unwrap_err();
    assert!(
        matches!(
            refused,
            api::error::ApiError::RateLimited {
                retry_after_seconds: 86_400
            }
        ),
        "{refused:?}"
    );
    assert_eq!(
        hits(&mut conn, "test_hour:k"),
        2,
        "the refused hit was given back"
    );
    assert_eq!(hits(&mut conn, "test_day:k"), 2);

    let next_day = now + Duration::days(1);
    rate_limit::take_keyed(&mut conn, &both, "k", next_day).unwrap();
    assert_eq!(hits(&mut conn, "test_hour:k"), 1);
    assert_eq!(hits(&mut conn, "test_day:k"), 1);
}
