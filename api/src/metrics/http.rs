//! Counts and times every HTTP request under the operationId that served it.
//!
//! The operationId comes from the OpenAPI document, which is built from the same
//! registrations as the router (like `routes::fallback::KnownRoutes`): the route actix matched
//! (`match_pattern()`, a template such as `/api/applications/{id}/form`) and the method name
//! one operation. A request no operation answered is `unmatched` under `/api` and `static`
//! elsewhere (the browser app, its files, Swagger UI): the raw path is never a label.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage, HttpRequest};

use crate::state::AppState;

/// The label of a request under `/api` that no operation answered (404, 405).
pub const UNMATCHED: &str = "unmatched";
/// The label of everything outside `/api` that is not an operation of the document.
pub const STATIC: &str = "static";

/// The route template that matches a request (`match_pattern()`), found once and kept with
/// the request: the request's span (`telemetry`) and its metrics both name it, and each
/// `match_pattern()` walks the route table again (regexes and all: a few per cent of a read's
/// CPU, in a callgrind profile).
pub fn route_pattern(request: &HttpRequest) -> Option<String> {
    #[derive(Clone)]
    struct Matched(Option<String>);
    if let Some(Matched(pattern)) = request.extensions().get::<Matched>() {
        return pattern.clone();
    }
    let pattern = request.match_pattern();
    request.extensions_mut().insert(Matched(pattern.clone()));
    pattern
}

/// (method, path template) → operationId, from the OpenAPI document.
#[derive(Debug, Clone)]
pub struct OperationIds {
    by_route: Arc<HashMap<(Method, String), Arc<str>>>,
    unmatched: Arc<str>,
    static_files: Arc<str>,
}

impl OperationIds {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> OperationIds {
        let mut by_route = HashMap::new();
        for (template, item) in &doc.paths.paths {
            let operations = [
                (Method::GET, &item.get),
                (Method::PUT, &item.put),
                (Method::POST, &item.post),
                (Method::DELETE, &item.delete),
                (Method::PATCH, &item.patch),
                (Method::HEAD, &item.head),
                (Method::OPTIONS, &item.options),
                (Method::TRACE, &item.trace),
            ];
            for (method, operation) in operations {
                if let Some(id) = operation.as_ref().and_then(|op| op.operation_id.as_deref()) {
                    by_route.insert((method, template.clone()), Arc::from(id));
                }
            }
        }
        OperationIds {
            by_route: Arc::new(by_route),
            unmatched: Arc::from(UNMATCHED),
            static_files: Arc::from(STATIC),
        }
    }

    /// The label of a request: its operationId, else `unmatched` or `static`.
    pub fn label(&self, method: &Method, pattern: Option<String>, path: &str) -> Arc<str> {
        let known = pattern.and_then(|pattern| self.by_route.get(&(method.clone(), pattern)));
        match known {
            Some(id) => id.clone(),
            None if path == "/api" || path.starts_with("/api/") => self.unmatched.clone(),
            None => self.static_files.clone(),
        }
    }
}

/// The middleware (`actix_web::middleware::from_fn`). Wrapped innermost, so that it sees the
/// response the router chose and times the handler, not the other middleware.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let counters = req
        .app_data::<web::Data<AppState>>()
        .map(|state| state.metrics.clone())
        .zip(req.app_data::<web::Data<OperationIds>>().cloned());
    let result = next.call(req).await;
    if let Some((metrics, operations)) = counters {
        let (operation, status) = match &result {
            Ok(response) => {
                let request = response.request();
                let operation =
                    operations.label(request.method(), route_pattern(request), request.path());
                (operation, response.status())
            }
            // The router answers every request with a response; an error can only come
            // from before any route was chosen.
            Err(error) => (
                operations.unmatched.clone(),
                error.as_response_error().status_code(),
            ),
        };
        metrics.http_request(operation, status.as_u16(), started.elapsed());
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::path::{OperationBuilder, PathItemBuilder};
    use utoipa::openapi::{HttpMethod, OpenApiBuilder, PathsBuilder};

    fn operations() -> OperationIds {
        let path = |method, id: &str| {
            PathItemBuilder::new()
                .operation(
                    method,
                    OperationBuilder::new().operation_id(Some(id)).build(),
                )
                .build()
        };
        let doc = OpenApiBuilder::new()
            .paths(
                PathsBuilder::new()
                    .path("/api/me/passkeys/{id}", path(HttpMethod::Delete, "remove"))
                    .path(
                        "/api/me/passkeys/registration",
                        path(HttpMethod::Post, "start"),
                    ),
            )
            .build();
        OperationIds::from_openapi(&doc)
    }

    fn label(method: Method, pattern: Option<&str>, path: &str) -> String {
        operations()
            .label(&method, pattern.map(str::to_owned), path)
            .to_string()
    }

    #[test]
    fn a_route_of_the_document_is_labelled_with_its_operation_id() {
        let template = Some("/api/me/passkeys/{id}");
        assert_eq!(
            label(Method::DELETE, template, "/api/me/passkeys/x"),
            "remove"
        );
        let literal = Some("/api/me/passkeys/registration");
        assert_eq!(
            label(Method::POST, literal, "/api/me/passkeys/registration"),
            "start"
        );
    }

    #[test]
    fn the_wrong_method_or_no_route_under_api_is_unmatched() {
        let template = Some("/api/me/passkeys/{id}");
        assert_eq!(
            label(Method::GET, template, "/api/me/passkeys/x"),
            UNMATCHED
        );
        assert_eq!(label(Method::GET, Some("/api"), "/api/nothing"), UNMATCHED);
        assert_eq!(label(Method::GET, None, "/api"), UNMATCHED);
    }

    #[test]
    fn everything_else_is_static_and_never_the_raw_path() {
        assert_eq!(label(Method::GET, None, "/basvuru-islemleri"), STATIC);
        assert_eq!(label(Method::GET, Some(""), "/pkg/app.wasm"), STATIC);
        assert_eq!(label(Method::GET, None, "/apiary"), STATIC);
    }
}
