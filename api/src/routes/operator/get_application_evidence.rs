use actix_web::{get, web, HttpResponse};
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ClientInfo, Operator};
use crate::error::ApiError;
use crate::evidence;
use crate::routes::applications::evidence::{zip_response, EvidenceZip};
use crate::routes::tags;
use crate::state::AppState;

/// Kamu SM operators only. The evidence package of any approved application (the same ZIP
/// the applicant gets: see `get_my_application_evidence`). The download is audited.
#[utoipa::path(
    tag = tags::OPERATOR,
    operation_id = "get_application_evidence",
    params(("id" = String, Path, description = "Application id")),
    security(("staff_session_cookie" = [])),
    responses(
        (status = 200, description = "The evidence package", body = inline(EvidenceZip), content_type = "application/zip",
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"<reference>-kanit.zip\"`"))),
        (status = 401, description = "No staff session, or the second factor is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a Kamu SM operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not approved yet: no evidence (`evidence_not_available`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "No evidence signing key is configured (`evidence_signing_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/operator/applications/{id}/evidence")]
pub async fn get_application_evidence(
    state: web::Data<AppState>,
    operator: Operator,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = state
        .evidence_key
        .clone()
        .ok_or(ApiError::EvidenceSigningUnavailable)?;
    let (id, now) = (id.into_inner(), state.now());
    let ctx = EventContext::staff(&operator.0, client, now);
    let reader = ctx.clone();
    let gathered = state
        .db(move |conn| {
            let app = access::read(conn, &id, &Caller::Operator, &reader)?;
            evidence::gather(conn, &app)
        })
        .await?;
    let package = evidence::assemble(&gathered, &key, now)?;
    state
        .write(move |conn| evidence::record_download(conn, &ctx, &gathered))
        .await?;
    Ok(zip_response(package))
}
