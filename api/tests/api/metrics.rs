//! `GET /metrics`: the Prometheus text format, counters that move with the requests made,
//! one registry per server, and where production serves it.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration as StdDuration;

use chrono::Duration;
use reqwest::StatusCode;

use crate::helpers::{citizen, spawn_instances, valid_form, wrong_code, TestApp};

/// Metrics are each instance's own: these tests talk to one instance, whatever
/// `TEST_INSTANCES` says.
async fn spawn_app() -> TestApp {
    spawn_instances(1, &[]).await
}

async fn spawn_app_with(vars: &[(&str, &str)]) -> TestApp {
    spawn_instances(1, vars).await
}
use crate::staff_helpers::{create_operator_account, StaffBrowser};

const REQUESTS: &str = "nes_http_requests_total";
const DURATIONS: &str = "nes_http_request_duration_seconds";
const SMS_CODES: &str = "nes_sms_codes_total";
const LOGINS: &str = "nes_logins_total";
const DELIVERIES: &str = "nes_outbox_deliveries_total";
const PENDING: &str = "nes_outbox_pending_messages";
const OLDEST_AGE: &str = "nes_outbox_oldest_pending_age_seconds";
const TYPED_PHONE: &str = "0532 123 45 67";
const PHONE: &str = "+905321234567";

/// One scrape, parsed: every sample and the declared type of every family.
struct Scrape {
    types: HashMap<String, String>,
    samples: Vec<(String, BTreeMap<String, String>, f64)>,
}

impl Scrape {
    /// Parses the text format strictly enough that a malformed line fails the test.
    fn parse(text: &str) -> Scrape {
        let mut types = HashMap::new();
        let mut samples = Vec::new();
        for line in text.lines().filter(|l| !l.is_empty()) {
            if let Some(declaration) = line.strip_prefix("# TYPE ") {
                let (name, kind) = declaration.split_once(' ').expect("# TYPE name kind");
                types.insert(name.to_owned(), kind.to_owned());
                continue;
            }
            if line.starts_with("# HELP ") {
                continue;
            }
            let (series, value) = line.rsplit_once(' ').expect("a sample: series value");
            let value: f64 = value.parse().expect("a numeric sample value");
            let (name, labels) = match series.split_once('{') {
                Some((name, rest)) => (name, labels(rest.strip_suffix('}').expect("}"))),
                None => (series, BTreeMap::new()),
            };
            assert!(is_metric_name(name), "metric name `{name}`");
            samples.push((name.to_owned(), labels, value));
        }
        Scrape { types, samples }
    }

    /// The value of one series; 0 when it does not exist (yet).
    fn value(&self, name: &str, wanted: &[(&str, &str)]) -> f64 {
        self.find(name, wanted).unwrap_or(0.0)
    }

    fn find(&self, name: &str, wanted: &[(&str, &str)]) -> Option<f64> {
        self.samples
            .iter()
            .find(|(n, labels, _)| {
                n == name
                    && labels.len() == wanted.len()
                    && wanted
                        .iter()
                        .all(|(k, v)| labels.get(*k).map(String::as_str) == Some(*v))
            })
            .map(|(_, _, value)| *value)
    }

    fn requests(&self, operation: &str, status: &str) -> f64 {
        self.value(REQUESTS, &[("operation", operation), ("status", status)])
    }
}

fn labels(list: &str) -> BTreeMap<String, String> {
    list.split("\",")
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once("=\"").expect("label=\"value\"");
            (key.to_owned(), value.trim_end_matches('"').to_owned())
        })
        .collect()
}

fn is_metric_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

async fn scrape_at(url: &str) -> Scrape {
    let response = reqwest::get(url).await.expect("scrape");
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    Scrape::parse(&response.text().await.unwrap())
}

async fn scrape(app: &TestApp) -> Scrape {
    scrape_at(&app.url("/metrics")).await
}

/// Scrapes until `done` holds (the outbox worker runs on its own time), at most 10 s.
async fn scrape_until(app: &TestApp, done: impl Fn(&Scrape) -> bool) -> Scrape {
    let deadline = std::time::Instant::now() + StdDuration::from_secs(10);
    loop {
        let scrape = scrape(app).await;
        if done(&scrape) || std::time::Instant::now() > deadline {
            return scrape;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn metrics_are_served_in_the_prometheus_text_format() {
    let app = spawn_app().await;
    app.client
        .get(app.url("/api/taahhutname"))
        .send()
        .await
        .unwrap();

    let scrape = scrape(&app).await;

    assert_eq!(scrape.types[REQUESTS], "counter");
    assert_eq!(scrape.types[DURATIONS], "histogram");
    assert_eq!(
        scrape.types["nes_db_pool_checkout_wait_seconds"],
        "histogram"
    );
    assert_eq!(scrape.types["nes_db_pool_connections_in_use"], "gauge");
    assert_eq!(scrape.types[PENDING], "gauge");
    for (name, _, _) in &scrape.samples {
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix))
            .filter(|base| scrape.types.get(*base).map(String::as_str) == Some("histogram"))
            .unwrap_or(name);
        assert!(scrape.types.contains_key(family), "{name} has no # TYPE");
    }
    // DATABASE_MAX_CONNECTIONS defaults to two per core. The outbox worker may hold one now.
    let max = f64::from(api::config::default_database_max_connections());
    assert_eq!(scrape.value("nes_db_pool_connections_max", &[]), max);
    let in_use = scrape.value("nes_db_pool_connections_in_use", &[]);
    let idle = scrape.value("nes_db_pool_connections_idle", &[]);
    assert!(
        idle >= 1.0 && in_use + idle <= max,
        "{in_use} in use, {idle} idle"
    );
    assert!(scrape.value("nes_db_pool_checkout_wait_seconds_count", &[]) >= 1.0);
    assert_eq!(scrape.value(PENDING, &[]), 0.0);
}

#[tokio::test]
async fn each_request_is_counted_once_under_its_operation_id_and_status() {
    let app = spawn_app().await;
    let before = scrape(&app).await;

    for _ in 0..3 {
        let response = app
            .client
            .get(app.url("/api/taahhutname"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }
    let after = scrape(&app).await;

    let counted =
        after.requests("get_taahhutname", "200") - before.requests("get_taahhutname", "200");
    assert_eq!(counted, 3.0);
    let timed = [("operation", "get_taahhutname"), ("status", "200")];
    let count = format!("{DURATIONS}_count");
    assert_eq!(
        after.value(&count, &timed) - before.value(&count, &timed),
        3.0
    );
    assert_eq!(after.requests("metrics", "200"), 1.0, "the first scrape");
}

#[tokio::test]
async fn requests_no_operation_answered_are_labelled_without_their_path() {
    let app = spawn_app().await;
    let get = |path: &str| app.client.get(app.url(path)).send();

    assert_eq!(get("/api/no-such-thing/4711").await.unwrap().status(), 404);
    assert_eq!(get("/api/taahhutname/4711").await.unwrap().status(), 404);
    get("/some/page/of/the/browser/app").await.unwrap();
    let delete = app.client.delete(app.url("/api/taahhutname")).send();
    assert_eq!(delete.await.unwrap().status(), 405);
    let scrape = scrape(&app).await;

    assert_eq!(scrape.requests("unmatched", "404"), 2.0);
    assert_eq!(scrape.requests("unmatched", "405"), 1.0);
    assert_eq!(scrape.requests("static", "404"), 1.0);
    for (_, labels, _) in &scrape.samples {
        assert!(
            labels.values().all(|v| !v.contains('/')),
            "a path in {labels:?}"
        );
    }
}

#[tokio::test]
async fn each_server_counts_only_its_own_requests() {
    let (one, other) = (spawn_app().await, spawn_app().await);

    for _ in 0..2 {
        one.client
            .get(one.url("/api/taahhutname"))
            .send()
            .await
            .unwrap();
    }

    assert_eq!(scrape(&one).await.requests("get_taahhutname", "200"), 2.0);
    assert_eq!(scrape(&other).await.requests("get_taahhutname", "200"), 0.0);
}

#[tokio::test]
async fn the_applicant_path_counts_the_login_and_the_sms_code_sent_and_verified() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;

    assert_eq!(
        app.submit_form(&id, valid_form(TYPED_PHONE)).await.status(),
        200
    );
    // Again within the minute: the form is stored, but no second code goes out.
    assert_eq!(
        app.submit_form(&id, valid_form(TYPED_PHONE)).await.status(),
        200
    );
    let code = app.sms_code_sent_to(PHONE, 1).await;
    assert_eq!(app.verify_sms_code(&id, &code).await.status(), 200);
    let scrape = scrape(&app).await;

    let logins = [("method", "e_devlet"), ("outcome", "success")];
    assert_eq!(scrape.value(LOGINS, &logins), 1.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "sent")]), 1.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "verified")]), 1.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "exhausted")]), 0.0);
}

#[tokio::test]
async fn a_resent_code_and_five_wrong_tries_are_counted() {
    let app = spawn_app().await;
    let ayse = citizen(0);
    let id = app.pre_application_for(&ayse, "institution", false).await;
    app.login_as(&ayse).await;
    assert_eq!(
        app.submit_form(&id, valid_form(TYPED_PHONE)).await.status(),
        200
    );
    app.clock.advance(Duration::seconds(61));
    assert_eq!(app.send_sms_code(&id).await.status(), 202);
    let code = app.sms_code_sent_to(PHONE, 2).await;
    let wrong = wrong_code(&code);

    for _ in 0..5 {
        app.verify_sms_code(&id, &wrong).await;
    }
    let scrape = scrape(&app).await;

    assert_eq!(scrape.value(SMS_CODES, &[("event", "sent")]), 2.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "wrong")]), 4.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "exhausted")]), 1.0);
    assert_eq!(scrape.value(SMS_CODES, &[("event", "verified")]), 0.0);
}

#[tokio::test]
async fn a_failed_staff_login_is_counted_as_a_failure() {
    let app = spawn_app().await;
    create_operator_account(&app, "operator.first");
    let mut browser = StaffBrowser::new(&app);

    let response = browser
        .login("operator.first", "yanlış ama uzun bir parola")
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let scrape = scrape(&app).await;

    let failure = [("method", "staff_password"), ("outcome", "failure")];
    let success = [("method", "staff_password"), ("outcome", "success")];
    assert_eq!(scrape.value(LOGINS, &failure), 1.0);
    assert_eq!(scrape.value(LOGINS, &success), 0.0);
    assert_eq!(scrape.requests("staff_login", "401"), 1.0);
}

#[tokio::test]
async fn the_outbox_depth_and_the_age_of_its_oldest_message_show_what_waits() {
    let app = spawn_app().await;
    // The notification e-mail of a pre-application is refused twice ("try later").
    app.smtp.fail_next(2, 451);
    app.pre_application_for(&citizen(0), "institution", false)
        .await;
    let retry = [("channel", "email"), ("outcome", "retry")];
    let delivered = [("channel", "email"), ("outcome", "delivered")];

    let scrape = scrape_until(&app, |s| s.value(DELIVERIES, &retry) >= 1.0).await;
    assert_eq!(scrape.value(PENDING, &[]), 1.0);
    assert_eq!(scrape.value(OLDEST_AGE, &[]), 0.0);

    app.clock.advance(Duration::seconds(90));
    let scrape = scrape_until(&app, |s| s.value(DELIVERIES, &retry) >= 2.0).await;
    assert_eq!(scrape.value(PENDING, &[]), 1.0);
    assert_eq!(scrape.value(OLDEST_AGE, &[]), 90.0);

    app.clock.advance(Duration::seconds(60));
    // The attempt is counted as it ends; the row is marked delivered a moment later.
    let scrape = scrape_until(&app, |s| s.value(PENDING, &[]) == 0.0).await;
    assert_eq!(scrape.value(DELIVERIES, &delivered), 1.0);
    assert_eq!(scrape.value(DELIVERIES, &retry), 2.0);
    assert_eq!(scrape.value(PENDING, &[]), 0.0);
    assert_eq!(scrape.value(OLDEST_AGE, &[]), 0.0);
}

#[tokio::test]
async fn a_message_refused_for_good_is_counted_as_failed_for_its_channel() {
    let app = spawn_app().await;
    app.smtp.fail_next(1, 550);
    app.pre_application_for(&citizen(0), "institution", false)
        .await;
    let failed = [("channel", "email"), ("outcome", "failed")];

    let scrape = scrape_until(&app, |s| {
        s.value(DELIVERIES, &failed) >= 1.0 && s.value(PENDING, &[]) == 0.0
    })
    .await;

    assert_eq!(scrape.value(DELIVERIES, &failed), 1.0);
    assert_eq!(scrape.value(PENDING, &[]), 0.0);
}

/// What production needs besides what `spawn_app_with` sets (SMTP and the SMS gateway).
fn production<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut vars = vec![
        ("NES_ENV", "production"),
        ("NES_SECRET_KEY", "a-test-secret-of-at-least-32-characters"),
        (
            "EDEVLET_AUTHORIZE_URL",
            "https://giris.example/oauth2/authorize",
        ),
        ("EDEVLET_TOKEN_URL", "https://giris.example/oauth2/token"),
        (
            "EDEVLET_USERINFO_URL",
            "https://giris.example/oauth2/userinfo",
        ),
        ("EDEVLET_CLIENT_ID", "nes-basvuru"),
        ("EDEVLET_CLIENT_SECRET", "a-client-secret"),
        ("PAYMENT_IBAN", "TR330006100519786457841326"),
        ("PAYMENT_BANK", "Örnek Banka"),
        ("PAYMENT_ACCOUNT_HOLDER", "Kamu SM"),
    ];
    vars.extend_from_slice(extra);
    vars
}

#[tokio::test]
async fn production_does_not_serve_metrics_on_the_public_listener() {
    let app = spawn_app_with(&production(&[])).await;

    let response = app.client.get(app.url("/metrics")).send().await.unwrap();

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, spec) = app.get_json("/api-docs/openapi.json").await;
    assert!(spec["paths"]["/metrics"].is_null(), "nor documents it");
}

#[tokio::test]
async fn production_serves_metrics_publicly_only_when_told_to() {
    let app = spawn_app_with(&production(&[("NES_METRICS_PUBLIC", "true")])).await;

    let scrape = scrape(&app).await;

    let max = f64::from(api::config::default_database_max_connections());
    assert_eq!(scrape.value("nes_db_pool_connections_max", &[]), max);
}

#[tokio::test]
async fn a_metrics_address_gets_a_listener_that_serves_metrics_only() {
    let port = {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        free.local_addr().unwrap().port()
    };
    let bind = format!("127.0.0.1:{port}");
    let app = spawn_app_with(&production(&[("NES_METRICS_BIND", &bind)])).await;
    app.client
        .get(app.url("/api/taahhutname"))
        .send()
        .await
        .unwrap();

    let scrape = scrape_at(&format!("http://{bind}/metrics")).await;

    assert_eq!(scrape.requests("get_taahhutname", "200"), 1.0);
    let elsewhere = reqwest::get(format!("http://{bind}/api/taahhutname")).await;
    assert_eq!(elsewhere.unwrap().status(), StatusCode::NOT_FOUND);
    let posted = reqwest::Client::new()
        .post(format!("http://{bind}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(posted.headers()["allow"], "GET");
    let public = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(public.status(), StatusCode::NOT_FOUND);
}
