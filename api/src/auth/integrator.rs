use std::future::{ready, Ready};

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};

use crate::error::ApiError;
use crate::secrets::{constant_time_eq, sha256_hex};
use crate::state::AppState;

/// An HR system or Kamu SM tool calling with `Authorization: Bearer <api key>`.
#[derive(Debug, Clone)]
pub struct Integrator {
    pub name: String,
}

impl FromRequest for Integrator {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Integrator, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let key = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(ApiError::ApiKeyInvalid)?;
    let presented = sha256_hex(key.as_bytes());
    state
        .config
        .integrator_keys
        .iter()
        .find(|known| constant_time_eq(&known.sha256, &presented))
        .map(|known| Integrator {
            name: known.name.clone(),
        })
        .ok_or(ApiError::ApiKeyInvalid)
}
