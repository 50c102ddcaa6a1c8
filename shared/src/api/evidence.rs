//! The evidence package's public key: what anyone checks a package's `manifest.sig` with.

use serde::{Deserialize, Serialize};

/// `GET /api/evidence/public-key`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct EvidencePublicKey {
    /// The `key_id` a package's manifest names: the first 16 hex digits of the SHA-256 of
    /// the key's SubjectPublicKeyInfo (DER).
    #[cfg_attr(feature = "server", schema(example = "3f9a0c51d2e47b68"))]
    pub key_id: String,
    /// ECDSA over P-256 with SHA-256; `manifest.sig` is the DER signature over the exact
    /// bytes of `manifest.json`.
    #[cfg_attr(feature = "server", schema(example = "ecdsa-p256-sha256"))]
    pub algorithm: String,
    /// The key as PEM (SubjectPublicKeyInfo), e.g. for `openssl dgst -sha256 -verify KEY.pem
    /// -signature manifest.sig manifest.json`.
    pub public_key_pem: String,
}
