//! The OpenAPI document's frame: title, servers, security schemes, tags. The paths come
//! from the routes themselves (`utoipa_actix_web`), so the two cannot drift.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::metrics::http::OperationIds;
use crate::routes::fallback::KnownRoutes;
use crate::routes::tags;
use crate::webhooks::spec::WebhookEvents;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kamu SM NES Başvuru API",
        description = "Completing qualified electronic certificate (NES) applications at Kamu SM: \
            pre-applications from institutions, the applicant's form, SMS verification and \
            approval with e-Onay. Errors are RFC 9457 problem details with a stable `code`.",
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server (the document is served by the API it describes)")),
    components(schemas(
        shared::problem::Problem,
        shared::problem::ErrorCode,
        shared::api::webhooks::WebhookEvent,
        shared::api::webhooks::WebhookEventData
    )),
    modifiers(&SecuritySchemes, &WebhookEvents),
    tags(
        (name = tags::INTEGRATOR, description = "For institutions' HR systems and Kamu SM tools (API key)"),
        (name = tags::APPLICANT, description = "The applicant's own applications (session cookie; CSRF header on changes)"),
        (name = tags::SESSION, description = "Login with e-Devlet, the session, logout"),
        (name = tags::SIGNING_APP, description = "For the desktop e-İmza signing application (bearer token from e_imza_login)"),
        (name = tags::STAFF, description = "Staff login (password + TOTP or passkey), enrolment, the staff session (cookie nes_staff_session; CSRF header on changes)"),
        (name = tags::OFFICER, description = "The institution's e-signature officer: pre-applications, CSV import and applications of their own institution"),
        (name = tags::OPERATOR, description = "Kamu SM operators: institutions, API keys, staff accounts, applications across institutions, payments, production, audit"),
        (name = tags::OPERATIONS, description = "Liveness and readiness"),
        (name = tags::PAYMENT_PROVIDER, description = "For the payment provider: payment callbacks, signed with the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature headers; HMAC-SHA256 with the shared secret)"),
    )
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "integrator_api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The integrator API key issued by Kamu SM"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "signing_token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("The signing token answered by e_imza_login"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "staff_session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::staff::STAFF_SESSION_COOKIE.base,
                "Set by the staff login once the second factor is done (named `__Host-nes_staff_session` on https); state-changing requests also need the X-CSRF-Token header from GET /api/staff/session",
            ))),
        );
        components.add_security_scheme(
            "session_cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::auth::session::SESSION_COOKIE.base,
                "Set by the e-Devlet, e-İmza or passkey login (named `__Host-nes_session` on https); state-changing requests also need the X-CSRF-Token header from GET /api/session",
            ))),
        );
    }
}

/// The answers every operation can give besides its own, documented here in one place rather
/// than in every `#[utoipa::path]` (an operation's own description of a status is kept; the
/// `503` of the database is appended to its own `503`). All are problem details:
///
/// - `400 malformed_request`: the path, query or body could not be read (not JSON, JSON of
///   another shape, no `Content-Type`) — operations with parameters or a body;
/// - `413 payload_too_large`: a body over the limit — operations with a body;
/// - `401` and `403`: no valid credentials, or not allowed (CSRF token, role, a password
///   change first) — operations with a security requirement;
/// - `429 rate_limited`: over a request budget — the operations of
///   `rate_limit::BUDGETED_OPERATIONS`;
/// - `503 database_unavailable` / `database_busy` — every operation that needs the database;
/// - the `Idempotency-Key` header with its `409` and `422` — the operations of
///   `idempotency::IDEMPOTENT_OPERATIONS`;
/// - `security: []` on the public operations, so that none leaves its security unsaid.
pub struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;

        const WITHOUT_DATABASE: [&str; 2] = ["healthz", "metrics"];
        for item in openapi.paths.paths.values_mut() {
            let path_parameters = item.parameters.as_ref().is_some_and(|p| !p.is_empty());
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                let id = operation.operation_id.clone().unwrap_or_default();
                let has_body = operation.request_body.is_some();
                let has_parameters =
                    path_parameters || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
                let secured = operation
                    .security
                    .as_ref()
                    .is_some_and(|requirements| !requirements.is_empty());
                // A public operation says so (`security: []`) rather than leaving it unsaid.
                operation.security.get_or_insert_with(Vec::new);
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, answer: utoipa::openapi::Response| {
                    responses
                        .entry(status.to_owned())
                        .or_insert(RefOr::T(answer));
                };
                if has_body || has_parameters {
                    add(
                        "400",
                        problem(
                            "The request could not be read (`malformed_request`): a path or query \
                         parameter, the body or its `Content-Type` is not of the documented shape",
                            None,
                        ),
                    );
                }
                if has_body {
                    add(
                        "413",
                        problem(
                            "The body is larger than this operation accepts (`payload_too_large`)",
                            None,
                        ),
                    );
                }
                if secured {
                    add(
                        "401",
                        problem(
                            "No valid credentials for this operation (`unauthenticated`, \
                         `api_key_invalid`, `signing_token_invalid`…)",
                            None,
                        ),
                    );
                    add(
                        "403",
                        problem(
                            "Authenticated, but not allowed: a missing or wrong CSRF token \
                         (`csrf_token_invalid`), another role (`forbidden`), or a password to \
                         change first (`password_change_required`)",
                            None,
                        ),
                    );
                }
                if crate::idempotency::IDEMPOTENT_OPERATIONS.contains(&id.as_str()) {
                    idempotent(operation);
                }
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, answer: utoipa::openapi::Response| {
                    responses
                        .entry(status.to_owned())
                        .or_insert(RefOr::T(answer));
                };
                if crate::rate_limit::BUDGETED_OPERATIONS.contains(&id.as_str()) {
                    add(
                        "429",
                        problem(
                            "Too many of these from this client or from everyone just now \
                         (`rate_limited`): repeat after `Retry-After` seconds",
                            Some("Seconds to wait"),
                        ),
                    );
                }
                if !WITHOUT_DATABASE.contains(&id.as_str()) {
                    const DATABASE: &str = "The database is unreachable (`database_unavailable`) \
                        or too busy (`database_busy`): nothing was changed; repeat after \
                        `Retry-After` seconds";
                    let description = match responses.get("503") {
                        Some(RefOr::T(own)) if !own.description.contains(DATABASE) => {
                            format!("{}; or: {DATABASE}", own.description)
                        }
                        Some(RefOr::T(own)) => own.description.clone(),
                        _ => DATABASE.to_owned(),
                    };
                    responses.insert(
                        "503".to_owned(),
                        RefOr::T(problem(&description, Some("Seconds to wait"))),
                    );
                }
            }
        }
    }
}

/// The `Idempotency-Key` header of an idempotent operation, with the answers it adds.
fn idempotent(operation: &mut utoipa::openapi::path::Operation) {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::{ObjectBuilder, RefOr, Required};

    let header = ParameterBuilder::new()
        .name(crate::idempotency::HEADER)
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Makes a retry safe: the first answer to this caller's request with this key is \
             kept for 24 hours and given again (with `Idempotent-Replayed: true`) to a retry \
             of the same request. 1–255 visible ASCII characters; a UUID is a good key.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .min_length(Some(1))
                .max_length(Some(255))
                .pattern(Some("^[\\x20-\\x7e]+$")),
        ))
        .build();
    operation
        .parameters
        .get_or_insert_with(Vec::new)
        .push(header);
    let answers = [
        (
            "409",
            "The first request with this `Idempotency-Key` is still running \
             (`idempotency_key_in_use`): repeat after `Retry-After` seconds",
            Some("Seconds to wait"),
        ),
        (
            "422",
            "This `Idempotency-Key` was used for another request — another body, route or query \
             (`idempotency_key_reused`)",
            None,
        ),
    ];
    let responses = &mut operation.responses.responses;
    for (status, description, retry_after) in answers {
        let description = match responses.get(status) {
            Some(RefOr::T(own)) => format!("{}; or: {description}", own.description),
            _ => description.to_owned(),
        };
        responses.insert(
            status.to_owned(),
            RefOr::T(problem(&description, retry_after)),
        );
    }
}

/// A problem-details answer, with `Retry-After` when `retry_after` describes it.
fn problem(description: &str, retry_after: Option<&str>) -> utoipa::openapi::Response {
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::{ContentBuilder, ObjectBuilder, Ref, ResponseBuilder};

    let mut response = ResponseBuilder::new().description(description).content(
        "application/problem+json",
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    );
    if let Some(retry_after) = retry_after {
        response = response.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Integer))
                .description(Some(retry_after))
                .build(),
        );
    }
    response.build()
}

/// Where the OpenAPI document is served.
pub const DOCUMENT_PATH: &str = "/api-docs/openapi.json";

/// The OpenAPI document as the server's workers share it: its JSON, serialized once, and the
/// route tables read from it. Each worker builds the document again as it registers its routes
/// (`utoipa_actix_web` collects it from the same calls) and drops it once this exists; kept
/// in every worker, it held 4.5 MB of each one's memory for good (heaptrack at rest after
/// `nes-bench`, 2026-12-05: half the live heap on two workers).
#[derive(Clone)]
pub struct PublishedDocument {
    json: actix_web::web::Bytes,
    pub known_routes: KnownRoutes,
    pub operation_ids: OperationIds,
}

impl PublishedDocument {
    /// `paths` is what the routes registered: [`CommonAnswers`] is added here.
    pub fn of(mut document: utoipa::openapi::OpenApi) -> PublishedDocument {
        CommonAnswers.modify(&mut document);
        // A tree of strings, string-keyed maps and numbers: there is nothing it could fail on.
        #[allow(clippy::expect_used)]
        let json = serde_json::to_vec(&document).expect("the OpenAPI document serializes");
        PublishedDocument {
            json: json.into(),
            known_routes: KnownRoutes::from_openapi(&document).with(DOCUMENT_PATH, &["GET"]),
            operation_ids: OperationIds::from_openapi(&document),
        }
    }

    /// `GET` the document (other methods pass by, to the default service's `405` with
    /// `Allow`); Swagger UI reads it from here too.
    pub fn service(&self) -> actix_web::Resource {
        let json = self.json.clone();
        actix_web::web::resource(DOCUMENT_PATH)
            .guard(actix_web::guard::Get())
            .to(move || {
                let json = json.clone();
                async move {
                    actix_web::HttpResponse::Ok()
                        .content_type(actix_web::http::header::ContentType::json())
                        .body(json)
                }
            })
    }
}
