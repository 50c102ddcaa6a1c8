use actix_web::{post, web, HttpRequest};
use shared::api::payment_callbacks::{
    validate_payment_callback, PaymentCallbackReceipt, PaymentCallbackRequest,
    MAX_PAYMENT_CALLBACK_BYTES,
};
use shared::problem::Problem;

use crate::auth::ClientInfo;
use crate::body::read_at_most;
use crate::error::ApiError;
use crate::payment_callbacks::receive::{self, provider_context};
use crate::routes::tags;
use crate::routes::Json;
use crate::standard_webhooks::{self, SignedHeaders};
use crate::state::AppState;

/// The payment provider reports a payment. Signed with the Standard Webhooks scheme: an
/// HMAC-SHA256 with the shared secret over `{webhook-id}.{webhook-timestamp}.{raw body}`,
/// the timestamp within five minutes of our clock. Idempotent by `transaction_id`: the same
/// payment reported again (a retry, a replay) answers exactly what the first delivery did
/// and changes nothing. A payment that matches an application and its tariff amount is
/// recorded as the operator's hand entry would be (a prepaid application goes into
/// production; the person gets an e-mail and an SMS). One that does not — a wrong amount,
/// an unknown reference, nothing to pay — is kept for Kamu SM's operators and answered `200`
/// with its `outcome` too: repeating it would not change it.
///
/// Not rate-limited: the signature is checked before the database is touched, so a flood
/// of forgeries costs an HMAC each, while a request budget would cost a write each and could
/// turn away the provider's own burst on a busy day.
#[utoipa::path(
    tag = tags::PAYMENT_PROVIDER,
    operation_id = "receive_payment_callback",
    params(
        ("webhook-id" = String, Header, description = "The message's id, the same on every retry"),
        ("webhook-timestamp" = i64, Header, description = "When the message was sent, in Unix seconds; at most five minutes from our clock"),
        ("webhook-signature" = String, Header, description = "Space-separated `v1,<base64 HMAC-SHA256>` entries"),
    ),
    request_body(content = PaymentCallbackRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Received: `outcome` says whether it was applied (the same answer for every delivery of one transaction)", body = PaymentCallbackReceipt),
        (status = 401, description = "A signature header is missing, the timestamp is outside the window, or no signature matches (`payment_callback_signature_invalid`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is invalid (`validation_failed`, `fields`: `required`, `too_long`, `invalid_characters`, `amount_invalid`, `currency_unsupported`, `date_invalid`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Payment callbacks are not configured on this server (`payment_callbacks_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/payments/callback")]
pub async fn receive_payment_callback(
    state: web::Data<AppState>,
    request: HttpRequest,
    client: ClientInfo,
    body: web::Payload,
) -> Result<Json<PaymentCallbackReceipt>, ApiError> {
    let secrets = state
        .config
        .payment_callbacks
        .as_ref()
        .ok_or(ApiError::PaymentCallbacksUnavailable)?;
    let bytes = read_at_most(body, MAX_PAYMENT_CALLBACK_BYTES).await?;
    let message = standard_webhooks::verify(
        &secrets.all(),
        SignedHeaders::from_request(&request),
        &bytes,
        state.now(),
    )
    .map_err(ApiError::PaymentCallbackSignatureInvalid)?;
    if !is_json(&request) {
        return Err(ApiError::Malformed(
            "the body must be application/json".into(),
        ));
    }
    let input: PaymentCallbackRequest = crate::json_object::from_slice(&bytes)?;
    let callback = validate_payment_callback(&input).map_err(ApiError::Validation)?;
    let ctx = provider_context(client, state.now());
    let config = state.config.clone();
    let receipt = state
        .write(move |conn| receive::receive(conn, &callback, &message.id, &ctx, &config))
        .await?;
    Ok(Json(receipt))
}

fn is_json(request: &HttpRequest) -> bool {
    request
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("application/json"))
}
