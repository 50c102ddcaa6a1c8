//! A login challenge's signature, uploaded by the signing application to
//! `POST /api/e-imza/signature` (the approval's route, see `routes::e_imza::signature`).

use std::sync::Arc;

use crate::signature_trust::refusal_code;
use chrono::{DateTime, Utc};
use esign::verify::Verifier;
use shared::api::e_imza_login::SigningPurpose;
use shared::api::SignatureAccepted;
use shared::named::Named;
use shared::signing::SigningState;

use crate::applications::EventContext;
use crate::auth::ClientInfo;
use crate::db::{write_transaction, AnyConnection};
use crate::e_imza_login::signing_app::{record_upload, LoginVerdict};
use crate::e_imza_login::ChallengeRow;
use crate::error::ApiError;
use crate::metrics::{LoginMethod, LoginOutcome, Metrics};

/// Verifies the CMS over the challenge's login document with the approval's verifier (same
/// roots, CRLs and checks; the signer is whoever the certificate names), records the outcome
/// in its own transaction — a refusal is committed and audited although the request fails —
/// and answers as the approval does.
pub fn submit_login_signature(
    conn: &mut AnyConnection,
    challenge: &ChallengeRow,
    cms: &[u8],
    verifier: &Arc<Verifier>,
    client: ClientInfo,
    now: DateTime<Utc>,
    metrics: &Metrics,
) -> Result<SignatureAccepted, ApiError> {
    let verdict = match verifier.verify_identity(cms, challenge.document.as_bytes(), now) {
        Ok(signature) => LoginVerdict::Accepted(Box::new(signature)),
        Err(refusal) => LoginVerdict::Refused(refusal_code(&refusal)),
    };
    if let LoginVerdict::Refused(code) = &verdict {
        tracing::info!(refusal = %code, "e-İmza login signature refused");
        metrics.login(LoginMethod::EImza, LoginOutcome::Failure);
    }
    let ctx = EventContext::anonymous(client, now);
    write_transaction(conn, |conn| record_upload(conn, challenge, &verdict, &ctx))?;
    match verdict {
        LoginVerdict::Accepted(_) => Ok(SignatureAccepted {
            status: SigningState::Accepted.as_str().into(),
            purpose: SigningPurpose::Login,
            application_reference: None,
        }),
        LoginVerdict::Refused(code) => Err(ApiError::SignatureRefused(code)),
    }
}
