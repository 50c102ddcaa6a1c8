//! Raw bodies (the officer's CSV file, the signing application's CMS) read with a limit of the
//! operation's own: over it, `413 payload_too_large` with a problem body — not actix's
//! `web::Bytes` limit, whose answer is plain text.

use actix_web::web;
use futures_util::StreamExt;

use crate::error::ApiError;

/// The whole body, or `PayloadTooLarge` as soon as it passes `max` bytes.
pub async fn read_at_most(mut body: web::Payload, max: usize) -> Result<web::BytesMut, ApiError> {
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ApiError::Malformed(e.to_string()))?;
        if bytes.len() + chunk.len() > max {
            return Err(ApiError::PayloadTooLarge {
                got: Some(bytes.len() + chunk.len()),
                max,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}
