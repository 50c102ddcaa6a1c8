//! Approval with e-İmza: the page's two calls (start a signing session, follow its status)
//! and the signing application's three (log in with the code, fetch the document, upload
//! the signature).

pub mod document;
pub mod downloads;
pub mod login;
pub mod signature;
pub mod start;
pub mod status;

use actix_web::{http::header, HttpRequest};

use crate::error::ApiError;

/// The signing application's `Authorization: Bearer <signing token>`.
fn signing_token(req: &HttpRequest) -> Result<String, ApiError> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::SigningTokenInvalid)
}
