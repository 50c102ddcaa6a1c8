use actix_web::{get, web};
use shared::api::evidence::EvidencePublicKey;
use shared::problem::Problem;

use super::tags;
use crate::error::ApiError;
use crate::evidence::signing;
use crate::routes::Json;
use crate::state::AppState;

/// The public key evidence packages are signed with, for anyone to check a package: its
/// `manifest.sig` is this key's ECDSA P-256 SHA-256 signature (DER) over the exact bytes of
/// `manifest.json`, whose `key_id` names the key.
#[utoipa::path(
    tag = tags::OPERATIONS,
    operation_id = "get_evidence_public_key",
    responses(
        (status = 200, description = "The key", body = EvidencePublicKey),
        (status = 503, description = "No evidence signing key is configured (`evidence_signing_unavailable`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/evidence/public-key")]
pub async fn get_evidence_public_key(
    state: web::Data<AppState>,
) -> Result<Json<EvidencePublicKey>, ApiError> {
    let key = state
        .evidence_key
        .as_ref()
        .ok_or(ApiError::EvidenceSigningUnavailable)?;
    Ok(Json(EvidencePublicKey {
        key_id: key.public().key_id().to_owned(),
        algorithm: signing::ALGORITHM.to_owned(),
        public_key_pem: key.public().pem().to_owned(),
    }))
}
