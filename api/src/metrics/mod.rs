//! What operators scrape at `GET /metrics`: HTTP requests per operationId, the database pool,
//! the outbox, SMS codes and logins, in the Prometheus text format (version 0.0.4) encoded by
//! the Prometheus project's `prometheus-client`.
//!
//! Each running `Application` owns its [`Metrics`] (in `AppState`), never a process-wide
//! static: the tests start several servers in one process and each must count only its own.
//! Every label value comes from a fixed set (operationIds of the OpenAPI document, status
//! codes, the enums of [`events`]), never from what a client sent, so the number of series
//! stays bounded.

pub mod events;
pub mod exposure;
pub mod http;
pub mod pool;
pub mod scrape;
pub mod server;
pub mod sms_codes;

use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::prometheus_text;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

pub use events::{LoginMethod, LoginOutcome, SmsCodeEvent};
pub use exposure::MetricsExposure;
pub use pool::checkout;
pub use scrape::ScrapeTime;

/// The `Content-Type` of what [`Metrics::render`] writes.
pub const CONTENT_TYPE: &str = prometheus_text::CONTENT_TYPE;

/// Every metric name starts with this (`nes_http_requests_total` …).
const PREFIX: &str = "nes";

/// Request latency buckets, in seconds: most answers take milliseconds; a staff password check
/// (argon2) takes a few hundred.
const HTTP_SECONDS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];
/// Pool checkout buckets, in seconds: a free connection comes in microseconds; the pool gives
/// up after its connection timeout (10 s).
const CHECKOUT_SECONDS: [f64; 10] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0];

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    /// The operationId, or `unmatched` / `static` (see [`http::OperationIds`]).
    operation: Arc<str>,
    status: u16,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    http_requests: Family<HttpLabels, Counter>,
    http_duration: HistogramFamily<HttpLabels>,
    checkout_wait: Histogram,
    checkout_timeouts: Counter,
    outbox_deliveries: Family<events::DeliveryLabels, Counter>,
    sms_codes: Family<events::SmsCodeLabels, Counter>,
    logins: Family<events::LoginLabels, Counter>,
    session_cache_hits: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix(PREFIX);
        let http_requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by operationId and status code",
            http_requests.clone(),
        );
        let http_duration: HistogramFamily<HttpLabels> =
            Family::new_with_constructor(|| Histogram::new(HTTP_SECONDS));
        registry.register(
            "http_request_duration_seconds",
            "Time from receiving a request to its response head, by operationId and status code",
            http_duration.clone(),
        );
        let checkout_wait = Histogram::new(CHECKOUT_SECONDS);
        registry.register(
            "db_pool_checkout_wait_seconds",
            "Time spent waiting for a database connection from the pool",
            checkout_wait.clone(),
        );
        let checkout_timeouts = Counter::default();
        registry.register(
            "db_pool_checkout_timeouts",
            "Checkouts that gave up because no database connection became free in time",
            checkout_timeouts.clone(),
        );
        let outbox_deliveries = Family::default();
        registry.register(
            "outbox_deliveries",
            "Outbox delivery attempts by channel and outcome (delivered, retry, failed)",
            outbox_deliveries.clone(),
        );
        let sms_codes = Family::default();
        registry.register(
            "sms_codes",
            "SMS verification codes: sent, verified, wrong tries, exhausted (fifth wrong try)",
            sms_codes.clone(),
        );
        let logins = Family::default();
        registry.register(
            "logins",
            "Login attempts (and staff login steps) by method and outcome",
            logins.clone(),
        );
        let session_cache_hits = Counter::default();
        registry.register(
            "session_cache_hits",
            "GET /api/session answered from the instance's copy of the session (PostgreSQL)",
            session_cache_hits.clone(),
        );
        Metrics {
            session_cache_hits,
            registry,
            http_requests,
            http_duration,
            checkout_wait,
            checkout_timeouts,
            outbox_deliveries,
            sms_codes,
            logins,
        }
    }

    /// One answered request; `operation` is a label from [`http::OperationIds`].
    pub fn http_request(&self, operation: Arc<str>, status: u16, elapsed: Duration) {
        let labels = HttpLabels { operation, status };
        self.http_requests.get_or_create(&labels).inc();
        self.http_duration
            .get_or_create(&labels)
            .observe(elapsed.as_secs_f64());
    }

    /// A `GET /api/session` answered without the database.
    pub fn session_cache_hit(&self) {
        self.session_cache_hits.inc();
    }

    /// One checkout from the database pool: how long it waited, and whether it gave up.
    pub fn pool_checkout(&self, waited: Duration, timed_out: bool) {
        self.checkout_wait.observe(waited.as_secs_f64());
        if timed_out {
            self.checkout_timeouts.inc();
        }
    }

    /// The text to answer a scrape with: the counters kept here, then the values read now.
    pub fn render(&self, now: &ScrapeTime) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_text::encode(&mut text, &self.registry)?;
        // The 0.0.4 text format has no end marker, so a second registry can simply follow.
        prometheus_text::encode(&mut text, &now.registry())?;
        Ok(text)
    }
}
