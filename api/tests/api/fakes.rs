//! Real servers on loopback standing in for the outside world: an SMTP server and an HTTP SMS
//! gateway. They accept what the API sends and let tests read it back (and make them fail).
#![allow(dead_code)] // a toolbox: not every test module uses every tool
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Waits until `ready` gives `Some`, or the timeout passes (then gives what `fallback` says).
async fn wait_until<T>(
    changed: &Notify,
    timeout: Duration,
    ready: impl Fn() -> Option<T>,
    fallback: impl Fn() -> T,
) -> T {
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        // Registered before the check, so a change between the check and the wait still wakes us.
        let notified = changed.notified();
        if let Some(done) = ready() {
            return done;
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return ready().unwrap_or_else(fallback);
        }
    }
}

// ------------------------------------------------------------------------------------ SMTP

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub from: String,
    /// The envelope recipients (`RCPT TO`).
    pub to: Vec<String>,
    /// Headers and body as sent (after dot-unstuffing), CRLF line ends.
    pub data: String,
}

impl ReceivedMail {
    fn split(&self) -> (&str, &str) {
        self.data
            .split_once("\r\n\r\n")
            .or_else(|| self.data.split_once("\n\n"))
            .unwrap_or((&self.data, ""))
    }

    /// A header, unfolded and with RFC 2047 encoded words decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let (headers, _) = self.split();
        let unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| decode_encoded_words(value.trim()))
        })
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The body of a single-part text message, transfer encoding undone.
    pub fn text_body(&self) -> String {
        let (_, body) = self.split();
        let encoding = self
            .header("Content-Transfer-Encoding")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let bytes = match encoding.as_str() {
            "base64" => base64::engine::general_purpose::STANDARD
                .decode(body.split_whitespace().collect::<String>())
                .expect("a base64 body"),
            "quoted-printable" => decode_quoted_printable(body),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8(bytes)
            .expect("a UTF-8 body")
            .replace("\r\n", "\n")
    }
}

/// `=?utf-8?b?…?=` and `=?utf-8?q?…?=` words; the space between two encoded words goes.
fn decode_encoded_words(value: &str) -> String {
    let mut out = String::new();
    let mut previous_was_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let decoded = word
            .strip_prefix("=?")
            .and_then(|w| w.strip_suffix("?="))
            .and_then(|w| {
                let mut parts = w.splitn(3, '?');
                let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
                let bytes = match encoding.to_ascii_lowercase().as_str() {
                    "b" => base64::engine::general_purpose::STANDARD
                        .decode(text)
                        .ok()?,
                    "q" => decode_quoted_printable(&text.replace('_', " ")),
                    _ => return None,
                };
                String::from_utf8(bytes).ok()
            });
        match decoded {
            Some(text) => {
                if i > 0 && !previous_was_encoded {
                    out.push(' ');
                }
                out.push_str(&text);
                previous_was_encoded = true;
            }
            None => {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(word);
                previous_was_encoded = false;
            }
        }
    }
    out
}

fn decode_quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\r\n", "").replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(byte) = u8::from_str_radix(hex, 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[derive(Default)]
struct SmtpState {
    messages: Mutex<Vec<ReceivedMail>>,
    /// TCP connections accepted so far.
    connections: std::sync::atomic::AtomicUsize,
    /// Reply codes for the next messages' end of DATA (e.g. 451, 550) instead of 250.
    failures: Mutex<VecDeque<u16>>,
    changed: Notify,
}

/// A plain SMTP server (no TLS, no AUTH) on 127.0.0.1 that keeps every message.
pub struct FakeSmtpServer {
    port: u16,
    state: Arc<SmtpState>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeSmtpServer {
    pub async fn start() -> FakeSmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the fake SMTP server");
        let port = listener.local_addr().expect("its address").port();
        let state = Arc::new(SmtpState::default());
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared
                    .connections
                    .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::spawn(smtp_session(stream, shared.clone()));
            }
        });
        FakeSmtpServer { port, state, task }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn messages(&self) -> Vec<ReceivedMail> {
        lock(&self.state.messages).clone()
    }

    /// How many TCP connections the server has accepted.
    pub fn connections(&self) -> usize {
        self.state
            .connections
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until `count` messages arrived; on timeout gives what did arrive.
    pub async fn wait_for_messages(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        wait_until(
            &self.state.changed,
            timeout,
            || Some(self.messages()).filter(|m| m.len() >= count),
            || self.messages(),
        )
        .await
    }

    /// Answers the end of DATA of the next `n` messages with `code` (4xx: try later,
    /// 5xx: refused) instead of accepting them.
    pub fn fail_next(&self, n: usize, code: u16) {
        lock(&self.state.failures).extend(std::iter::repeat_n(code, n));
    }
}

impl Drop for FakeSmtpServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn smtp_session(stream: TcpStream, state: Arc<SmtpState>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if !reply(&mut write, "220 fake-smtp.localhost ESMTP ready\r\n").await {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        match lines.read_until(b'\n', &mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let ok = match verb.as_str() {
            "EHLO" => {
                reply(
                    &mut write,
                    "250-fake-smtp.localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 HELP\r\n",
                )
                .await
            }
            "HELO" => reply(&mut write, "250 fake-smtp.localhost\r\n").await,
            "MAIL" => {
                from = angle_address(&command);
                to.clear();
                reply(&mut write, "250 OK\r\n").await
            }
            "RCPT" => {
                to.push(angle_address(&command));
                reply(&mut write, "250 OK\r\n").await
            }
            "DATA" => {
                if to.is_empty() {
                    reply(&mut write, "503 RCPT first\r\n").await
                } else if !reply(&mut write, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                    return;
                } else {
                    let Some(data) = read_data(&mut lines).await else {
                        return;
                    };
                    let failure = lock(&state.failures).pop_front();
                    let answer = match failure {
                        Some(code) => format!("{code} fake failure\r\n"),
                        None => {
                            lock(&state.messages).push(ReceivedMail {
                                from: std::mem::take(&mut from),
                                to: std::mem::take(&mut to),
                                data,
                            });
                            state.changed.notify_waiters();
                            "250 OK queued\r\n".to_owned()
                        }
                    };
                    from.clear();
                    to.clear();
                    reply(&mut write, &answer).await
                }
            }
            "RSET" => {
                from.clear();
                to.clear();
                reply(&mut write, "250 OK\r\n").await
            }
            "NOOP" => reply(&mut write, "250 OK\r\n").await,
            "QUIT" => {
                let _ = reply(&mut write, "221 Bye\r\n").await;
                return;
            }
            _ => reply(&mut write, "502 Command not implemented\r\n").await,
        };
        if !ok {
            return;
        }
    }
}

async fn reply(write: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    write.write_all(text.as_bytes()).await.is_ok()
}

/// `MAIL FROM:<a@b> BODY=8BITMIME` → `a@b`.
fn angle_address(command: &str) -> String {
    match (command.find('<'), command.find('>')) {
        (Some(start), Some(end)) if start < end => command[start + 1..end].to_owned(),
        _ => command
            .split_once(':')
            .map(|(_, rest)| rest.trim().to_owned())
            .unwrap_or_default(),
    }
}

/// Reads DATA up to the lone `.` line, undoing dot-stuffing.
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<String> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        if line == b".\r\n" || line == b".\n" {
            break;
        }
        let unstuffed = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        data.extend_from_slice(unstuffed);
    }
    Some(String::from_utf8_lossy(&data).into_owned())
}

/// An HTTP server on a free loopback port answering `POST path` with `handler` (its state
/// shared): the URL of that path and the server's handle.
fn serve_post<S, F, Args>(
    state: Arc<S>,
    path: &'static str,
    handler: F,
) -> (String, actix_web::dev::ServerHandle)
where
    S: Send + Sync + 'static,
    F: actix_web::Handler<Args> + Clone + Send + 'static,
    Args: actix_web::FromRequest + 'static,
    F::Output: actix_web::Responder + 'static,
{
    let shared = web::Data::from(state);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(shared.clone())
            .route(path, web::post().to(handler.clone()))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)
    .expect("listen")
    .run();
    let handle = server.handle();
    tokio::spawn(server);
    (format!("http://127.0.0.1:{port}{path}"), handle)
}

// ------------------------------------------------------------------------------------- SMS

/// One SMS the gateway accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sms {
    pub to: String,
    pub text: String,
}

/// One HTTP request to the gateway, accepted or not, as it arrived.
#[derive(Debug, Clone)]
pub struct GatewayRequest {
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    /// The body parsed as JSON (`Null` when it was not JSON).
    pub json: serde_json::Value,
    /// The status the gateway answered.
    pub status: u16,
}

#[derive(Default)]
struct GatewayState {
    token: String,
    messages: Mutex<Vec<Sms>>,
    requests: Mutex<Vec<GatewayRequest>>,
    failures: Mutex<VecDeque<u16>>,
    changed: Notify,
}

/// An HTTP SMS gateway on 127.0.0.1: `POST /sms` with `{"to", "text"}` and a bearer token.
pub struct FakeSmsGateway {
    url: String,
    state: Arc<GatewayState>,
    server: actix_web::dev::ServerHandle,
}

impl FakeSmsGateway {
    pub async fn start(token: &str) -> FakeSmsGateway {
        let state = Arc::new(GatewayState {
            token: token.to_owned(),
            ..GatewayState::default()
        });
        let (url, server) = serve_post(state.clone(), "/sms", receive_sms);
        FakeSmsGateway { url, state, server }
    }

    /// The URL to configure as `SMS_GATEWAY_URL`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The SMS accepted so far (not those answered with an error).
    pub fn messages(&self) -> Vec<Sms> {
        lock(&self.state.messages).clone()
    }

    /// Every request, including refused ones.
    pub fn requests(&self) -> Vec<GatewayRequest> {
        lock(&self.state.requests).clone()
    }

    fn messages_to(&self, to: &str) -> Vec<Sms> {
        self.messages()
            .into_iter()
            .filter(|sms| sms.to == to)
            .collect()
    }

    /// Waits until `count` SMS to `to` were accepted; on timeout gives those that were.
    pub async fn wait_for_sms_to(&self, to: &str, count: usize, timeout: Duration) -> Vec<Sms> {
        wait_until(
            &self.state.changed,
            timeout,
            || Some(self.messages_to(to)).filter(|m| m.len() >= count),
            || self.messages_to(to),
        )
        .await
    }

    /// Answers the next `n` requests with `status` (after checking the token) and drops them.
    pub fn fail_next(&self, n: usize, status: u16) {
        lock(&self.state.failures).extend(std::iter::repeat_n(status, n));
    }

    /// The six-digit code in the latest SMS to `to`.
    pub fn latest_code_for(&self, to: &str) -> Option<String> {
        self.messages_to(to)
            .last()
            .and_then(|sms| six_digit_code(&sms.text))
    }
}

impl Drop for FakeSmsGateway {
    fn drop(&mut self) {
        // Sends the stop command at once; the returned future only waits for it.
        drop(self.server.stop(false));
    }
}

/// The first run of exactly six digits standing alone (not the tail of `NES-2026-000123`).
pub fn six_digit_code(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let standalone = start == 0 || matches!(chars[start - 1], ' ' | ':' | '\n');
            if i - start == 6 && standalone {
                return Some(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

async fn receive_sms(
    request: HttpRequest,
    body: web::Bytes,
    state: web::Data<GatewayState>,
) -> HttpResponse {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let authorization = header("authorization");
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
    let expected = format!("Bearer {}", state.token);

    let status = if authorization.as_deref() != Some(expected.as_str()) {
        401
    } else if let Some(status) = lock(&state.failures).pop_front() {
        status
    } else {
        match serde_json::from_value::<SmsRequest>(json.clone()) {
            Ok(sms) => {
                lock(&state.messages).push(Sms {
                    to: sms.to,
                    text: sms.text,
                });
                202
            }
            Err(_) => 400,
        }
    };
    lock(&state.requests).push(GatewayRequest {
        authorization,
        content_type: header("content-type"),
        json,
        status,
    });
    state.changed.notify_waiters();
    let status = actix_web::http::StatusCode::from_u16(status)
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    HttpResponse::build(status).json(serde_json::json!({ "status": status.as_u16() }))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SmsRequest {
    to: String,
    text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_is_found_and_the_reference_is_not_taken_for_it() {
        assert_eq!(
            six_digit_code("Kamu SM NES başvurusu NES-2026-000123 onay kodunuz: 654321. 10 dakika"),
            Some("654321".into())
        );
        assert_eq!(six_digit_code("NES-2026-000123 no code"), None);
    }

    #[test]
    fn encoded_words_and_quoted_printable_are_decoded() {
        assert_eq!(
            decode_encoded_words("=?utf-8?b?xZ5pZnJl?= =?utf-8?b?IGfDvHZlbmxpxJ9p?= x"),
            "Şifre güvenliği x"
        );
        assert_eq!(
            String::from_utf8(decode_quoted_printable("Say=C4=B1n=\r\n Ay=C5=9Fe")).unwrap(),
            "Sayın Ayşe"
        );
    }
}

// -------------------------------------------------------------------------------- Webhooks

/// One request a webhook receiver got: the Standard Webhooks headers and the body.
#[derive(Debug, Clone)]
pub struct ReceivedWebhook {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: String,
    /// The status the receiver answered.
    pub status: u16,
}

impl ReceivedWebhook {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

#[derive(Default)]
struct ReceiverState {
    requests: Mutex<Vec<ReceivedWebhook>>,
    failures: Mutex<VecDeque<u16>>,
    changed: Notify,
}

/// An institution's webhook endpoint on 127.0.0.1 (`POST /hooks`): records every request and
/// answers 204, or the statuses queued by [`FakeWebhookReceiver::fail_next`].
pub struct FakeWebhookReceiver {
    url: String,
    state: Arc<ReceiverState>,
    _server: actix_web::dev::ServerHandle,
}

impl FakeWebhookReceiver {
    pub async fn start() -> FakeWebhookReceiver {
        let state = Arc::new(ReceiverState::default());
        let (url, server) = serve_post(state.clone(), "/hooks", receive_webhook);
        FakeWebhookReceiver {
            url,
            state,
            _server: server,
        }
    }

    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The next `n` requests are answered with `status`.
    pub fn fail_next(&self, n: usize, status: u16) {
        lock(&self.state.failures).extend(std::iter::repeat_n(status, n));
    }

    pub fn requests(&self) -> Vec<ReceivedWebhook> {
        lock(&self.state.requests).clone()
    }

    /// The requests answered 2xx.
    pub fn accepted(&self) -> Vec<ReceivedWebhook> {
        self.requests()
            .into_iter()
            .filter(|r| (200..300).contains(&r.status))
            .collect()
    }

    /// Waits until `count` requests arrived, answered however; on timeout gives those that did.
    pub async fn wait_for_requests(&self, count: usize, timeout: Duration) -> Vec<ReceivedWebhook> {
        wait_until(
            &self.state.changed,
            timeout,
            || Some(self.requests()).filter(|r| r.len() >= count),
            || self.requests(),
        )
        .await
    }

    /// Waits until `count` requests were answered 2xx; on timeout gives those that were.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedWebhook> {
        wait_until(
            &self.state.changed,
            timeout,
            || Some(self.accepted()).filter(|r| r.len() >= count),
            || self.accepted(),
        )
        .await
    }
}

async fn receive_webhook(
    state: web::Data<ReceiverState>,
    request: HttpRequest,
    body: web::Bytes,
) -> HttpResponse {
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let status = lock(&state.failures).pop_front().unwrap_or(204);
    lock(&state.requests).push(ReceivedWebhook {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body: String::from_utf8_lossy(&body).into_owned(),
        status,
    });
    state.changed.notify_waiters();
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}
