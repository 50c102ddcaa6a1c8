use actix_web::{put, web};
use shared::api::{EOnayConsent, EOnayConsentRequest};
use shared::problem::Problem;

use super::tags;
use crate::applications::{consent, EventContext};
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::json_object::JsonObject;
use crate::routes::Json;
use crate::state::AppState;

/// Records the person's consent to working with e-Onay, which e-Onay approval needs
/// beforehand (section 3.4.1), audited (`e_onay_consent_given`). Giving it again keeps the
/// first moment.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "give_e_onay_consent",
    request_body = EOnayConsentRequest,
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "Consent recorded", body = EOnayConsent),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing CSRF token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`accepted` was not true", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/e-onay-consent")]
pub async fn give_e_onay_consent(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    body: JsonObject<EOnayConsentRequest>,
) -> Result<Json<EOnayConsent>, ApiError> {
    if !body.accepted {
        return Err(ApiError::AcceptanceRequired);
    }
    let now = state.now();
    let (consented_at, tckn) = state
        .write_as(session, move |conn, applicant| {
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            let at = consent::give_consent(conn, &applicant.tckn, &ctx)?;
            Ok((at, applicant.tckn.clone()))
        })
        .await?;
    // The database announces the change to every instance; this one need not wait to hear it.
    state.sessions.evict_person(tckn.as_str());
    Ok(Json(EOnayConsent { consented_at }))
}
