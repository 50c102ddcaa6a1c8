use actix_web::{post, web, HttpRequest};
use shared::api::e_imza_login::SigningPurpose;
use shared::api::SignatureAccepted;
use shared::named::Named;
use shared::problem::Problem;

use crate::signature_trust::refusal_code;
use shared::signing::SigningState;

use super::signing_token;
use crate::applications::access::{self, Caller};
use crate::applications::e_imza::{self, Verdict};
use crate::applications::EventContext;
use crate::auth::ClientInfo;
use crate::body::read_at_most;
use crate::db::write_transaction;
use crate::e_imza_login;
use crate::error::ApiError;
use crate::routes::e_imza_login::signature::submit_login_signature;
use crate::routes::tags;
use crate::routes::Json;
use crate::state::AppState;

/// The largest CMS accepted: a signature with a certificate chain is a few kilobytes.
const MAX_CMS_BYTES: usize = 256 * 1024;

/// The body of `submit_e_imza_signature` in the document: the DER bytes of a detached CMS
/// SignedData, sent as they are (a binary string, not JSON).
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct CmsSignedData(pub Vec<u8>);

/// For the signing application: uploads the detached CAdES-BES CMS SignedData (DER) over the
/// document. The server checks the signature over the signed attributes, the document's
/// hash, the signing certificate attribute, the signing time against its clock, validity at
/// signing time and now, the chain to the trusted roots, revocation by the configured CRLs,
/// keyUsage nonRepudiation, and that the certificate's serialNumber is the applicant's TCKN.
/// Accepted: the application is approved with e-İmza and the CMS kept as evidence; refused:
/// the reason is recorded and answered, and the page shows it. For a login challenge's token
/// the same checks run, except that the signer is whoever the certificate names; accepted, the
/// login page collects its session (`get_e_imza_login_status`).
#[utoipa::path(
    tag = tags::SIGNING_APP,
    operation_id = "submit_e_imza_signature",
    security(("signing_token" = [])),
    request_body(content = inline(CmsSignedData), content_type = "application/cms", description = "DER CMS SignedData, detached"),
    responses(
        (status = 200, description = "Accepted: the application is approved (or the login can be collected)", body = SignatureAccepted),
        (status = 401, description = "Missing or unknown signing token", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already signed, the application can no longer be approved, or the form changed after the code was given (`signing_session_superseded`)", body = Problem, content_type = "application/problem+json"),
        (status = 410, description = "The signing session has expired", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than any signature", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused; `code` names the failed check", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "e-İmza approval is not configured", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/e-imza/signature")]
pub async fn submit_e_imza_signature(
    state: web::Data<AppState>,
    req: HttpRequest,
    client: ClientInfo,
    body: web::Payload,
) -> Result<Json<SignatureAccepted>, ApiError> {
    let token = signing_token(&req)?;
    let body = read_at_most(body, MAX_CMS_BYTES).await?.freeze();
    let verifier = state
        .signature_trust
        .as_ref()
        .map(|trust| trust.verifier())
        .ok_or(ApiError::EImzaUnavailable)?;
    let now = state.now();
    let (config, metrics) = (state.config.clone(), state.metrics.clone());
    let accepted = state
        .write(move |conn| {
            // A login challenge's token: verified and recorded as a login (e_imza_login).
            if let Some(challenge) = e_imza_login::signing_app::by_token(conn, &token, now)? {
                return submit_login_signature(
                    conn, &challenge, &body, &verifier, client, now, &metrics,
                );
            }
            let session = e_imza::by_token(conn, &token, now)?;
            // The token names its application: no person's scope to check.
            let system = EventContext::system(now);
            let app = access::read(conn, &session.application_id, &Caller::System, &system)?;
            let tckn = app.tckn().clone();
            let verdict = match verifier.verify(&body, session.document.as_bytes(), &tckn, now) {
                Ok(signature) => Verdict::Accepted(Box::new(signature)),
                Err(refusal) => Verdict::Refused(refusal_code(&refusal)),
            };
            if let Verdict::Refused(code) = &verdict {
                tracing::info!(application = %app.reference, refusal = %code, "e-İmza signature refused");
            }
            let ctx = EventContext::applicant(&tckn, client, now);
            write_transaction(conn, |conn| {
                let mut app = access::lock(conn, &session.application_id, &Caller::System, &ctx)?;
                e_imza::record_upload(conn, &mut app, &session, &body, &verdict, &ctx, &config)
            })?;
            match verdict {
                Verdict::Accepted(_) => Ok(SignatureAccepted {
                    status: SigningState::Accepted.as_str().into(),
                    purpose: SigningPurpose::Approval,
                    application_reference: Some(app.reference.to_string()),
                }),
                Verdict::Refused(code) => Err(ApiError::SignatureRefused(code)),
            }
        })
        .await?;
    Ok(Json(accepted))
}

#[cfg(test)]
mod tests {
    use shared::named::Named;
    use shared::problem::ErrorCode;

    #[test]
    fn every_refusal_of_the_verifier_has_its_own_api_error_code() {
        for code in esign::verify::Refusal::ALL_CODES {
            let mapped = ErrorCode::signature_refusal(code);
            assert_eq!(mapped.map(ErrorCode::as_str), Some(code), "{code}");
            assert_eq!(mapped.map(ErrorCode::http_status), Some(422), "{code}");
        }
    }
}
