//! A round-robin load balancer for the tests: each request goes to the next API instance in
//! turn, with no stickiness, so a test run with `TEST_INSTANCES=2` has every request of a
//! flow (login, its callback, the next page…) alternate between two servers that share only
//! the database. Whatever lives only in one process's memory breaks such a run.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};

/// Headers that belong to one hop, not to the request or answer forwarded.
const HOP_BY_HOP: [&str; 5] = [
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "host",
];

struct Upstreams {
    backends: Vec<String>,
    next: AtomicUsize,
    /// Requests each backend served: a run that never reached one proves nothing.
    served: Vec<AtomicUsize>,
    client: reqwest::Client,
}

pub struct RoundRobinProxy {
    upstreams: Arc<Upstreams>,
    server: actix_web::dev::ServerHandle,
}

impl RoundRobinProxy {
    /// Serves on `listener`, forwarding to `backends` (`http://host:port` each).
    pub fn start(listener: TcpListener, backends: Vec<String>) -> RoundRobinProxy {
        let upstreams = Arc::new(Upstreams {
            served: backends.iter().map(|_| AtomicUsize::new(0)).collect(),
            backends,
            next: AtomicUsize::new(0),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client"),
        });
        let shared = web::Data::from(upstreams.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .app_data(web::PayloadConfig::new(16 * 1024 * 1024))
                .default_service(web::to(forward))
        })
        .workers(2)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        RoundRobinProxy {
            upstreams,
            server: handle,
        }
    }

    /// How many requests each backend served so far.
    pub fn served(&self) -> Vec<usize> {
        self.upstreams
            .served
            .iter()
            .map(|count| count.load(Ordering::Relaxed))
            .collect()
    }
}

impl Drop for RoundRobinProxy {
    fn drop(&mut self) {
        drop(self.server.stop(false));
    }
}

async fn forward(
    request: HttpRequest,
    body: web::Bytes,
    upstreams: web::Data<Upstreams>,
) -> HttpResponse {
    let turn = upstreams.next.fetch_add(1, Ordering::Relaxed) % upstreams.backends.len();
    upstreams.served[turn].fetch_add(1, Ordering::Relaxed);
    let target = format!(
        "{}{}",
        upstreams.backends[turn],
        request
            .uri()
            .path_and_query()
            .map_or("/", |path| path.as_str())
    );
    let method =
        reqwest::Method::from_bytes(request.method().as_str().as_bytes()).expect("an HTTP method");
    let mut outgoing = upstreams.client.request(method, target);
    for (name, value) in request.headers() {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = match outgoing.body(body.to_vec()).send().await {
        Ok(answer) => answer,
        Err(e) => return HttpResponse::BadGateway().body(e.to_string()),
    };
    let status = StatusCode::from_u16(answer.status().as_u16()).expect("a status");
    let mut response = HttpResponse::build(status);
    for (name, value) in answer.headers() {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            response.append_header((name.as_str(), value.as_bytes()));
        }
    }
    match answer.bytes().await {
        Ok(bytes) => response.body(bytes),
        Err(e) => HttpResponse::BadGateway().body(e.to_string()),
    }
}
