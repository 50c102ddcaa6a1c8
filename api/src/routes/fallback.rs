//! What answers when no route matched: `405` with `Allow` and a problem body when the path
//! exists with other methods (an operation of the OpenAPI document, anywhere, or a page of
//! the browser app, which takes GET and HEAD), else `404 route_not_found` under `/api` and the
//! browser app for everything else. Every `405` the server sends comes from here: the API's
//! routes and the file services are registered with method guards, so a request with another
//! method falls through to these handlers.

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

    /// Also a path outside the document (the document's own, `/api-docs/openapi.json`).
    pub fn with(self, path: &str, methods: &[&'static str]) -> KnownRoutes {
        let mut routes = self.0.as_ref().clone();
        routes.push((segments(path), methods.to_vec()));
        KnownRoutes(Arc::new(routes))
    }

    /// The methods a path takes, if any template matches it. Where several do, the most
    /// specific ones (fewest parameters) name the resource: `/api/me/passkeys/registration`
    /// is that path, not `/api/me/passkeys/{id}` with the id `registration`.
    pub fn methods_for(&self, path: &str) -> Option<Vec<&'static str>> {
        let wanted = segments(path);
        let matching: Vec<_> = self
            .0
            .iter()
            .filter(|(template, _)| {
                template.len() == wanted.len()
                    && template
                        .iter()
                        .zip(&wanted)
                        .all(|(t, w)| is_parameter(t) || t == w)
            })
            .map(|(template, methods)| {
                (template.iter().filter(|t| is_parameter(t)).count(), methods)
            })
            .collect();
        let fewest = matching.iter().map(|(parameters, _)| *parameters).min()?;
        let mut methods: Vec<&'static str> = matching
            .into_iter()
            .filter(|(parameters, _)| *parameters == fewest)
            .flat_map(|(_, methods)| methods.iter().copied())
            .collect();
        methods.sort_unstable();
        methods.dedup();
        (!methods.is_empty()).then_some(methods)
    }
}

fn is_parameter(segment: &str) -> bool {
    segment.starts_with('{')
}

fn segments(path: &str) -> Vec<String> {
    path.trim_end_matches('/')
        .split('/')
        .map(str::to_owned)
        .collect()
}

/// `405` with `Allow` when an operation of the document has this path.
fn method_not_allowed(req: &HttpRequest) -> Option<ApiError> {
    let methods = req
        .app_data::<web::Data<KnownRoutes>>()?
        .methods_for(req.path())?;
    Some(ApiError::MethodNotAllowed {
        allow: methods.join(", "),
    })
}

pub async fn api_route_not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(method_not_allowed(&req).unwrap_or(ApiError::RouteNotFound))
}

/// A resource registered with `web::resource(…).route(…)` (the e-Devlet simulator's) answers
/// a method it has no route for with this: `405`, `Allow` and a problem body.
pub fn methods_other_than(allow: &'static str) -> actix_web::Route {
    web::to(move || async move {
        Err::<HttpResponse, ApiError>(ApiError::MethodNotAllowed {
            allow: allow.to_owned(),
        })
    })
}

/// Paths outside `/api` belong to the browser app: its files, and for every other path the
/// `index.html` of the bundle that shows it, so that deep links and reloads work (GET and HEAD;
/// other methods `405`; `web_app`). An operation outside `/api` (`/healthz`…) asked with
/// another method: `405`. Until the app is built, a JSON 404.
pub async fn spa(req: HttpRequest) -> actix_web::Result<HttpResponse> {
    if let Some(not_allowed) = method_not_allowed(&req) {
        return Err(not_allowed.into());
    }
    let web_app = req
        .app_data::<web::Data<crate::web_app::WebApp>>()
        .ok_or_else(|| ApiError::Internal("web app missing".into()))?;
    let reads = matches!(
        *req.method(),
        actix_web::http::Method::GET | actix_web::http::Method::HEAD
    );
    if !reads {
        return Err(if web_app.is_built() {
            ApiError::MethodNotAllowed {
                allow: "GET, HEAD".to_owned(),
            }
        } else {
            ApiError::RouteNotFound
        }
        .into());
    }
    web_app
        .answer(&req)
        .await
        .ok_or_else(|| ApiError::RouteNotFound.into())
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
    fn a_literal_segment_wins_over_a_parameter() {
        let known = KnownRoutes(Arc::new(vec![
            (segments("/api/me/passkeys/{id}"), vec!["DELETE", "PATCH"]),
            (segments("/api/me/passkeys/registration"), vec!["POST"]),
        ]));
        assert_eq!(
            known.methods_for("/api/me/passkeys/registration"),
            Some(vec!["POST"])
        );
        assert_eq!(
            known.methods_for("/api/me/passkeys/abc"),
            Some(vec!["DELETE", "PATCH"])
        );
    }

    #[test]
    fn an_unknown_path_matches_nothing() {
        assert_eq!(known().methods_for("/api/applications/abc/other"), None);
        assert_eq!(known().methods_for("/api"), None);
    }
}
