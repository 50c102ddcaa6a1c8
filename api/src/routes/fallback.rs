//! What answers when no route matched: a problem body for `/api` (405 with `Allow` when the
//! path exists with other methods, else 404), the SPA for everything else.

use std::sync::Arc;

use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::ApiError;

/// The API's path templates and their methods, taken from the OpenAPI document, which is
/// built from the same registrations as the router.
#[derive(Debug, Clone, Default)]
pub struct KnownRoutes(Arc<Vec<(Vec<String>, Vec<&'static str>)>>);

impl KnownRoutes {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> KnownRoutes {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ]
                .into_iter()
                .filter_map(|(method, present)| present.then_some(method))
                .collect();
                (segments(template), methods)
            })
            .collect();
        KnownRoutes(Arc::new(routes))
    }

    /// The methods a path takes, if any template matches it.
    pub fn methods_for(&self, path: &str) -> Option<Vec<&'static str>> {
        let wanted = segments(path);
        let mut methods: Vec<&'static str> = self
            .0
            .iter()
            .filter(|(template, _)| {
                template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| t.starts_with('{') || t == w)
            })
            .flat_map(|(_, methods)| methods.iter().copied())
            .collect();
        methods.sort_unstable();
        methods.dedup();
        (!methods.is_empty()).then_some(methods)
    }
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

pub async fn api_route_not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let allowed = req
        .app_data::<web::Data<KnownRoutes>>()
        .and_then(|known| known.methods_for(req.path()));
    match allowed {
        Some(methods) => Err(ApiError::MethodNotAllowed {
            allow: methods.join(", "),
        }),
        None => Err(ApiError::RouteNotFound),
    }
}

/// Paths outside `/api` belong to the browser app: serve its index.html so that deep
/// links and reloads work. Until the SPA is built, a JSON 404.
pub async fn spa(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    let state = req
        .app_data::<web::Data<crate::state::AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let index = state.config.static_dir.join("index.html");
    match actix_files::NamedFile::open_async(&index).await {
        Ok(file) => {
            let mut response = file.into_response(&req);
            // index.html names the hashed assets of the current build: never keep it.
            response.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-cache"),
            );
            Ok(response)
        }
        Err(_) => Err(ApiError::RouteNotFound.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownRoutes {
        KnownRoutes(Arc::new(vec![
            (segments("/api/applications/{id}"), vec!["GET"]),
            (segments("/api/applications/{id}/form"), vec!["PUT"]),
        ]))
    }

    #[test]
    fn a_path_with_a_parameter_matches_its_template() {
        assert_eq!(
            known().methods_for("/api/applications/abc"),
            Some(vec!["GET"])
        );
        assert_eq!(
            known().methods_for("/api/applications/abc/form/"),
            Some(vec!["PUT"])
        );
    }

    #[test]
    fn an_unknown_path_matches_nothing() {
        assert_eq!(known().methods_for("/api/applications/abc/other"), None);
        assert_eq!(known().methods_for("/api"), None);
    }
}
