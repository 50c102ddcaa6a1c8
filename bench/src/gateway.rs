//! The SMS gateway the API sends its codes to during a run: it takes `POST /sms` as the real
//! HTTP gateway would, and hands each code, with the moment it arrived, to whoever waits for
//! that phone number.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use serde::Deserialize;
use tokio::sync::oneshot;

pub const TOKEN: &str = "bench-gateway-token";

/// A code as it reached the gateway.
pub struct Arrival {
    pub at: Instant,
    pub code: String,
}

#[derive(Default)]
struct Waiting {
    by_phone: Mutex<HashMap<String, oneshot::Sender<Arrival>>>,
}

pub struct Gateway {
    pub url: String,
    waiting: Arc<Waiting>,
    _server: actix_web::dev::ServerHandle,
}

#[derive(Deserialize)]
struct Sms {
    to: String,
    text: String,
}

impl Gateway {
    pub fn start() -> std::io::Result<Gateway> {
        let waiting = Arc::new(Waiting::default());
        let shared = web::Data::from(waiting.clone());
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .route("/sms", web::post().to(receive))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)?
        .run();
        let handle = server.handle();
        tokio::spawn(server);
        Ok(Gateway {
            url: format!("http://127.0.0.1:{port}/sms"),
            waiting,
            _server: handle,
        })
    }

    /// Waits for the next code to `phone`: call before the request that sends it.
    pub fn expect(&self, phone: &str) -> oneshot::Receiver<Arrival> {
        let (sender, receiver) = oneshot::channel();
        lock(&self.waiting).insert(phone.to_owned(), sender);
        receiver
    }
}

fn lock(waiting: &Waiting) -> std::sync::MutexGuard<'_, HashMap<String, oneshot::Sender<Arrival>>> {
    waiting
        .by_phone
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn receive(
    request: HttpRequest,
    sms: web::Json<Sms>,
    waiting: web::Data<Waiting>,
) -> HttpResponse {
    let at = Instant::now();
    let authorised = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bearer {TOKEN}"));
    if !authorised {
        return HttpResponse::Unauthorized().finish();
    }
    let Some(code) = six_digit_code(&sms.text) else {
        // Not a code (a progress notice): accepted and forgotten.
        return HttpResponse::Ok().finish();
    };
    if let Some(waiter) = lock(&waiting).remove(&sms.to) {
        let _ = waiter.send(Arrival { at, code });
    }
    HttpResponse::Ok().finish()
}

/// The first run of exactly six digits (the reference `NES-2026-000003` is not one).
fn six_digit_code(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(5)).find_map(|start| {
        let run = bytes.get(start..start + 6)?;
        let before = start.checked_sub(1).and_then(|i| bytes.get(i));
        let after = bytes.get(start + 6);
        let alone = |b: Option<&u8>| b.is_none_or(|b| !b.is_ascii_digit() && *b != b'-');
        (run.iter().all(u8::is_ascii_digit)
            && alone(before)
            && after.is_none_or(|b| !b.is_ascii_digit()))
        .then(|| String::from_utf8_lossy(run).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::six_digit_code;

    #[test]
    fn the_code_is_found_and_the_reference_is_not_taken_for_one() {
        assert_eq!(
            six_digit_code("NES-2026-000003 başvurunuz için onay kodunuz: 482913").as_deref(),
            Some("482913")
        );
        assert_eq!(six_digit_code("NES-2026-000003 kargoya verildi"), None);
    }
}
