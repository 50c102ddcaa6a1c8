//! What answers when no route matched: JSON for `/api`, the SPA for everything else.

use actix_web::{HttpRequest, HttpResponse};

use crate::error::ApiError;

pub async fn api_route_not_found() -> Result<HttpResponse, ApiError> {
    Err(ApiError::RouteNotFound)
}

/// Paths outside `/api` belong to the browser app: serve its index.html so that deep
/// links and reloads work. Until the SPA is built, a JSON 404.
pub async fn spa(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    let state = req
        .app_data::<actix_web::web::Data<crate::state::AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let index = state.config.static_dir.join("index.html");
    match actix_files::NamedFile::open_async(&index).await {
        Ok(file) => Ok(file.into_response(&req)),
        Err(_) => Err(ApiError::RouteNotFound.into()),
    }
}
