//! `Idempotency-Key` on the POSTs an integrator or an officer makes, after the IETF draft *The
//! Idempotency-Key HTTP Header Field* with Stripe's semantics. An HR system that timed out
//! can send the same request again with the same key and get the first answer, not a second
//! effect:
//!
//! - the first request with a key claims it (per caller: an API key, or a staff account) with a
//!   fingerprint of the request (method, path, query, body), runs, and its answer is kept for
//!   24 hours;
//! - a retry with the same key and request gets that status and body again
//!   (`Idempotent-Replayed: true`);
//! - the same key with another request is `422 idempotency_key_reused`;
//! - a retry while the first still runs is `409 idempotency_key_in_use` with `Retry-After`.
//!
//! An answer that asks to be repeated — our own failure (5xx) or anything with `Retry-After`
//! (a resend too soon, a busy database) — is not kept: the key is given back, so a retry
//! after the wait does the work instead of meeting the refusal again for a day. Without the header a request runs as before. The answer is kept after the
//! work's own commit; should the instance die between the two, the key is taken over by a
//! retry once its lease ends ([`store::LEASE`]).

pub mod store;

use actix_web::body::{to_bytes, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpResponse};
use sha2::{Digest, Sha256};

use crate::auth::BackOffice;
use crate::error::ApiError;
use crate::state::AppState;
use store::{Attempt, Claim, StoredAnswer};

/// The request header.
pub const HEADER: &str = "Idempotency-Key";

/// The answer header on a replayed answer (Stripe's `Idempotent-Replayed`).
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// The operations that take the header (documented in the spec by `openapi::CommonAnswers`).
pub const IDEMPOTENT_OPERATIONS: &[&str] = &[
    "create_pre_applications",
    "cancel_pre_application",
    "record_payment",
    "record_payment_with_details",
    "reverse_payment",
    "record_production_event",
    "resend_pre_application_email",
    "import_pre_applications_csv",
    "create_webhook_endpoint",
    "rotate_webhook_secret",
    "redeliver_webhook",
];

/// The longest key taken (the draft leaves it open; Stripe takes 255).
const MAX_KEY_LENGTH: usize = 255;

/// The most of a body read here for its fingerprint: above every idempotent operation's own
/// limit, which still answers for a body too large.
const BODY_LIMIT: usize = 4 * 1024 * 1024;

/// The middleware: `#[post("…", wrap = "from_fn(crate::idempotency::guard)")]`.
pub async fn guard(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(key) = req.headers().get(HEADER).cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let (http, mut payload) = req.into_parts();
    let prepared = async {
        // Who asks first: a stranger learns nothing about keys. The handler gets the caller
        // from here rather than looking it up again.
        let back_office = BackOffice::from_request(&http, &mut payload).await?;
        let caller = caller_of(&back_office);
        http.extensions_mut().insert(back_office);
        let key = valid_key(&key)?;
        let state = web::Data::<AppState>::extract(&http)
            .await
            .map_err(|_| ApiError::Internal("no application state".into()))?;
        let body = web::Payload::from_request(&http, &mut payload)
            .await
            .map_err(|e| ApiError::Malformed(e.to_string()))?;
        let body = crate::body::read_at_most(body, BODY_LIMIT).await?.freeze();
        let attempt = Attempt {
            caller,
            key,
            fingerprint: fingerprint(&http, &body),
        };
        Ok::<_, ApiError>((state, attempt, body))
    };
    let (state, attempt, body) = match prepared.await {
        Ok(prepared) => prepared,
        Err(e) => return Ok(refusal(http, e)),
    };
    let now = state.now();
    let claimed = {
        let attempt = attempt.clone();
        state
            .write(move |conn| store::claim(conn, &attempt, now))
            .await
    };
    match claimed {
        Ok(Claim::Run) => {}
        Ok(Claim::Replay(answer)) => return Ok(ServiceResponse::new(http, replay(answer))),
        Ok(Claim::InUse) => return Ok(refusal(http, ApiError::IdempotencyKeyInUse)),
        Ok(Claim::Reused) => return Ok(refusal(http, ApiError::IdempotencyKeyReused)),
        Err(e) => return Ok(refusal(http, e)),
    }
    let req = ServiceRequest::from_parts(http, actix_web::dev::Payload::from(body));
    let response = next.call(req).await?;
    let (http, response) = response.into_parts();
    let (head, body) = response.into_parts();
    let body = to_bytes(body)
        .await
        .map_err(|_| ApiError::Internal("the answer could not be read".into()))?;
    let answer = StoredAnswer {
        status: head.status().as_u16(),
        content_type: head
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        body: body.to_vec(),
    };
    let repeat_later = head.status().is_server_error() || head.headers().contains_key(RETRY_AFTER);
    let kept = if repeat_later {
        state
            .write(move |conn| store::release(conn, &attempt))
            .await
    } else {
        state
            .write(move |conn| store::record(conn, &attempt, &answer))
            .await
    };
    if let Err(e) = kept {
        // The work is done and its answer goes out; a retry after the lease does it again.
        tracing::warn!(error = %e, "an idempotent answer could not be kept");
    }
    Ok(ServiceResponse::new(
        http,
        head.set_body(body).map_into_boxed_body(),
    ))
}

fn refusal(http: actix_web::HttpRequest, error: ApiError) -> ServiceResponse<BoxBody> {
    ServiceResponse::new(http, HttpResponse::from_error(error))
}

/// The key as sent: 1–255 visible ASCII characters (RFC 8941 strings, as the draft asks).
fn valid_key(value: &HeaderValue) -> Result<String, ApiError> {
    let key = value
        .to_str()
        .map_err(|_| ApiError::IdempotencyKeyInvalid)?;
    let visible = key.bytes().all(|b| (0x20..0x7f).contains(&b));
    if key.is_empty() || key.len() > MAX_KEY_LENGTH || !visible {
        return Err(ApiError::IdempotencyKeyInvalid);
    }
    Ok(key.to_owned())
}

/// Whose keys these are: an API key's, or a staff account's (the same person after logging in
/// again keeps their keys).
fn caller_of(caller: &BackOffice) -> String {
    match caller {
        BackOffice::Integrator(key) => format!("api-key:{}", key.key_id),
        BackOffice::Officer { staff, .. } | BackOffice::Operator(staff) => {
            format!("staff:{}", staff.id)
        }
    }
}

/// SHA-256 over the method, the path with its query and the body.
fn fingerprint(http: &actix_web::HttpRequest, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(http.method().as_str().as_bytes());
    hash.update(b" ");
    hash.update(http.uri().path().as_bytes());
    hash.update(b"?");
    hash.update(http.uri().query().unwrap_or_default().as_bytes());
    hash.update(b"\n");
    hash.update(body);
    crate::secrets::hex(&hash.finalize())
}

fn replay(answer: StoredAnswer) -> HttpResponse {
    let status = actix_web::http::StatusCode::from_u16(answer.status)
        .unwrap_or(actix_web::http::StatusCode::OK);
    let mut response = HttpResponse::build(status);
    if let Some(content_type) = answer.content_type {
        response.insert_header((CONTENT_TYPE, content_type));
    }
    response.insert_header((
        HeaderName::from_static(REPLAYED_HEADER),
        HeaderValue::from_static("true"),
    ));
    response.body(answer.body)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn valid(key: &[u8]) -> bool {
        valid_key(&HeaderValue::from_bytes(key).unwrap()).is_ok()
    }

    #[test]
    fn keys_are_one_to_255_visible_ascii_characters() {
        assert!(valid(b"8e03978e-40d5-43e8-bc93-6894a57f9324"));
        assert!(valid("k".repeat(255).as_bytes()));
        assert!(!valid("k".repeat(256).as_bytes()));
        assert!(!valid(b""));
        assert!(!valid("café".as_bytes()));
    }
}
