use actix_web::{get, web, HttpResponse};
use shared::problem::Problem;

use crate::applications::access::{self, Caller};
use crate::applications::EventContext;
use crate::auth::{ApplicantSession, ClientInfo};
use crate::error::ApiError;
use crate::evidence::{self, EvidencePackage};
use crate::routes::tags;
use crate::state::AppState;

/// A ZIP file: the evidence package.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct EvidenceZip(pub Vec<u8>);

/// The applicant's evidence package of their own approved application: a ZIP whose signed
/// `manifest.json` lists every file with its SHA-256 and size — the form as approved, the
/// Taahhütname, the approval record, the SMS verification (never the code), the e-Onay
/// consent or the e-İmza document, CMS, certificate and verification result, the timeline and
/// the audit entries with their chain hashes. The download is audited.
#[utoipa::path(
    tag = tags::APPLICANT,
    operation_id = "get_my_application_evidence",
    params(("id" = String, Path, description = "Application id")),
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "The evidence package", body = inline(EvidenceZip), content_type = "application/zip",
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"<reference>-kanit.zip\"`"))),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not approved yet: no evidence (`evidence_not_available`)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "No evidence signing key is configured (`evidence_signing_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/applications/{id}/evidence")]
pub async fn get_my_application_evidence(
    state: web::Data<AppState>,
    session: ApplicantSession,
    client: ClientInfo,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let key = state
        .evidence_key
        .clone()
        .ok_or(ApiError::EvidenceSigningUnavailable)?;
    let (id, now) = (id.into_inner(), state.now());
    let (gathered, ctx) = state
        .read_as(session, move |conn, applicant| {
            let ctx = EventContext::applicant(&applicant.tckn, client, now);
            let app = access::read(conn, &id, &Caller::from(applicant), &ctx)?;
            Ok((evidence::gather(conn, &app)?, ctx))
        })
        .await?;
    let package = evidence::assemble(&gathered, &key, now)?;
    state
        .write(move |conn| evidence::record_download(conn, &ctx, &gathered))
        .await?;
    Ok(zip_response(package))
}

/// A package as a download.
pub fn zip_response(package: EvidencePackage) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", package.file_name),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(package.zip)
}
