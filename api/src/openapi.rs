//! The OpenAPI document's frame: title, servers, security schemes, tags. The paths come
//! from the routes themselves (`utoipa_actix_web`), so the two cannot drift.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::tags;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Kamu SM NES Başvuru API",
        description = "Completing qualified electronic certificate (NES) applications at Kamu SM: \
            pre-applications from institutions, the applicant's form, SMS verification and \
            approval with e-Onay. Errors are RFC 9457 problem details with a stable `code`.",
        version = "1.0.0"
    ),
    components(schemas(shared::problem::Problem, shared::problem::ErrorCode)),
    modifiers(&SecuritySchemes),
    tags(
        (name = tags::INTEGRATOR, description = "For institutions' HR systems and Kamu SM tools (API key)"),
        (name = tags::APPLICANT, description = "The applicant's own applications (session cookie; CSRF header on changes)"),
        (name = tags::SESSION, description = "Login with e-Devlet, the session, logout"),
        (name = tags::SIGNING_APP, description = "For the desktop e-İmza signing application (bearer token from e_imza_login)"),
        (name = tags::STAFF, description = "Staff login (password + TOTP or passkey), enrolment, the staff session (cookie nes_staff_session; CSRF header on changes)"),
        (name = tags::OFFICER, description = "The institution's e-signature officer: pre-applications, CSV import and applications of their own institution"),
        (name = tags::OPERATOR, description = "Kamu SM operators: institutions, API keys, staff accounts, applications across institutions, payments, production, audit"),
        (name = tags::OPERATIONS, description = "Liveness and readiness"),
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

/// Every operation that touches the database can meet it unavailable or busy: each is
/// documented with that `503` here, in one place, rather than in every handler (which still
/// documents its own `503`s, such as e-İmza not configured, extended with this one).
pub fn describe_database_failures(openapi: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::header::HeaderBuilder;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

    const WITHOUT_DATABASE: [&str; 2] = ["healthz", "metrics"];
    const DESCRIPTION: &str = "The database is unreachable (`database_unavailable`) or too busy \
        (`database_busy`): nothing was changed; repeat after `Retry-After` seconds";
    for item in openapi.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            if operation
                .operation_id
                .as_deref()
                .is_some_and(|id| WITHOUT_DATABASE.contains(&id))
            {
                continue;
            }
            let description = match operation.responses.responses.get("503") {
                Some(RefOr::T(own)) => format!("{}; or: {DESCRIPTION}", own.description),
                _ => DESCRIPTION.to_owned(),
            };
            let response = ResponseBuilder::new()
                .description(description)
                .header(
                    "Retry-After",
                    HeaderBuilder::new()
                        .schema(
                            utoipa::openapi::ObjectBuilder::new()
                                .schema_type(utoipa::openapi::schema::Type::Integer),
                        )
                        .description(Some("Seconds to wait"))
                        .build(),
                )
                .content(
                    "application/problem+json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build();
            operation
                .responses
                .responses
                .insert("503".to_owned(), RefOr::T(response));
        }
    }
}
