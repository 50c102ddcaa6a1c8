//! The server's evidence signing key: ECDSA P-256 with SHA-256 over the exact bytes of
//! `manifest.json`, the signature DER-encoded in `manifest.sig` — the form `openssl dgst
//! -sha256 -verify server_public_key.pem -signature manifest.sig manifest.json` checks, so
//! a third party needs nothing of ours to verify a package.
//!
//! `NES_EVIDENCE_SIGNING_KEY` names a PKCS#8 PEM file. In development, when it is unset, a key
//! is made once and kept under the data directory; production never makes one (a package
//! signed by a key nobody configured would prove nothing): without the variable the evidence
//! routes answer `503 evidence_signing_unavailable`, and a variable naming an unreadable key
//! stops the server at start.

use std::fmt;
use std::path::{Path, PathBuf};

use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{
    DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey, LineEnding,
};

use crate::secrets::sha256_hex;

/// What the manifest names as its signature algorithm.
pub const ALGORITHM: &str = "ecdsa-p256-sha256";

/// The file a development server keeps its key in, under the data directory.
const DEVELOPMENT_KEY_FILE: &str = "evidence-signing-key.pem";

/// Where the key comes from, as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySetting {
    /// `NES_EVIDENCE_SIGNING_KEY`: this file, which must hold a usable key.
    File(PathBuf),
    /// Development without the variable: this file under the data directory, made when missing.
    Development(PathBuf),
    /// Production without the variable: evidence packages cannot be signed.
    Unset,
}

impl KeySetting {
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        production: bool,
        data_dir: &Path,
    ) -> KeySetting {
        match get("NES_EVIDENCE_SIGNING_KEY") {
            Some(path) => KeySetting::File(PathBuf::from(path)),
            None if production => KeySetting::Unset,
            None => KeySetting::Development(data_dir.join(DEVELOPMENT_KEY_FILE)),
        }
    }

    /// The key the server signs with: read (in development made first when missing).
    /// `Ok(None)` only in production without the variable.
    pub fn load_or_create(&self) -> Result<Option<EvidenceKey>, KeyError> {
        match self {
            KeySetting::File(path) => EvidenceKey::read(path).map(Some),
            KeySetting::Development(path) if !path.exists() => EvidenceKey::create(path).map(Some),
            KeySetting::Development(path) => EvidenceKey::read(path).map(Some),
            KeySetting::Unset => Ok(None),
        }
    }

    /// The key as it is, never made: what `nes-admin` verifies with.
    pub fn load(&self) -> Result<Option<EvidenceKey>, KeyError> {
        match self {
            KeySetting::File(path) => EvidenceKey::read(path).map(Some),
            KeySetting::Development(path) if path.exists() => EvidenceKey::read(path).map(Some),
            KeySetting::Development(_) | KeySetting::Unset => Ok(None),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("{path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("not a P-256 public key in PEM (SubjectPublicKeyInfo): {0}")]
    PublicKey(String),
}

fn file_error(path: &Path, reason: impl ToString) -> KeyError {
    KeyError::File {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// The private key; its `Debug` never shows it.
pub struct EvidenceKey {
    signing: SigningKey,
    public: PublicKey,
}

impl fmt::Debug for EvidenceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EvidenceKey")
            .field("key_id", &self.public.key_id)
            .finish_non_exhaustive()
    }
}

impl EvidenceKey {
    pub fn from_pkcs8_pem(pem: &str) -> Result<EvidenceKey, String> {
        let signing = SigningKey::from_pkcs8_pem(pem)
            .map_err(|e| format!("not a P-256 private key in PKCS#8 PEM: {e}"))?;
        let public = PublicKey::new(*signing.verifying_key())?;
        Ok(EvidenceKey { signing, public })
    }

    fn read(path: &Path) -> Result<EvidenceKey, KeyError> {
        let pem = std::fs::read_to_string(path).map_err(|e| file_error(path, e))?;
        EvidenceKey::from_pkcs8_pem(&pem).map_err(|e| file_error(path, e))
    }

    /// A fresh key, written readable by this user only. Another instance starting on the same
    /// data directory at the same moment may win: its key is then the one used by both.
    fn create(path: &Path) -> Result<EvidenceKey, KeyError> {
        let signing = SigningKey::random(&mut rand::rngs::OsRng);
        let pem = signing
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| file_error(path, e))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| file_error(path, e))?;
        }
        // Written whole under another name, then linked into place (which fails if the name is
        // taken): nobody ever reads half a key.
        let partial = path.with_extension(format!("{}.partial", uuid::Uuid::new_v4()));
        write_private(&partial, pem.as_bytes()).map_err(|e| file_error(path, e))?;
        let linked = std::fs::hard_link(&partial, path);
        let _ = std::fs::remove_file(&partial);
        match linked {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return EvidenceKey::read(path)
            }
            Err(e) => return Err(file_error(path, e)),
        }
        let public = PublicKey::new(*signing.verifying_key()).map_err(|e| file_error(path, e))?;
        tracing::warn!(
            path = %path.display(),
            key_id = %public.key_id,
            "development evidence signing key created (set NES_EVIDENCE_SIGNING_KEY in production)"
        );
        Ok(EvidenceKey { signing, public })
    }

    /// The DER signature over `message`.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        let signature: Signature = self.signing.sign(message);
        signature.to_der().as_bytes().to_vec()
    }

    pub fn public(&self) -> &PublicKey {
        &self.public
    }
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}

/// The public half: what the packages are verified with, published at
/// `GET /api/evidence/public-key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    verifying: VerifyingKey,
    /// The first 16 hex digits of the SHA-256 of the SubjectPublicKeyInfo (DER).
    key_id: String,
    pem: String,
}

impl PublicKey {
    fn new(verifying: VerifyingKey) -> Result<PublicKey, String> {
        let der = verifying.to_public_key_der().map_err(|e| e.to_string())?;
        let pem = verifying
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| e.to_string())?;
        Ok(PublicKey {
            verifying,
            key_id: sha256_hex(der.as_bytes())[..16].to_owned(),
            pem,
        })
    }

    pub fn from_pem(pem: &str) -> Result<PublicKey, KeyError> {
        let verifying = VerifyingKey::from_public_key_pem(pem)
            .map_err(|e| KeyError::PublicKey(e.to_string()))?;
        PublicKey::new(verifying).map_err(KeyError::PublicKey)
    }

    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// Whether `signature` (DER) is this key's over exactly `message`.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        Signature::from_der(signature)
            .is_ok_and(|signature| self.verifying.verify(message, &signature).is_ok())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn temp_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nes-evidence-key-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_development_key_is_made_once_and_kept() {
        let dir = temp_dir();
        let setting = KeySetting::from_lookup(&|_| None, false, &dir);
        assert_eq!(
            setting.load().unwrap().map(|_| ()),
            None,
            "never made by load"
        );
        let made = setting.load_or_create().unwrap().unwrap();
        let again = setting.load_or_create().unwrap().unwrap();
        assert_eq!(made.public(), again.public());
        assert_eq!(setting.load().unwrap().unwrap().public(), made.public());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn production_never_makes_a_key_and_a_named_file_must_hold_one() {
        let dir = temp_dir();
        assert_eq!(
            KeySetting::from_lookup(&|_| None, true, &dir),
            KeySetting::Unset
        );
        let bad = dir.join("bad.pem");
        std::fs::write(&bad, "not a key").unwrap();
        let named = bad.display().to_string();
        let setting = KeySetting::from_lookup(&|_| Some(named.clone()), true, &dir);
        assert!(setting.load_or_create().is_err());
        assert!(!dir.join(DEVELOPMENT_KEY_FILE).exists());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_signature_verifies_only_over_the_same_bytes_and_with_the_same_key() {
        let dir = temp_dir();
        let key = EvidenceKey::create(&dir.join("k.pem")).unwrap();
        let signature = key.sign(b"manifest");
        let public = PublicKey::from_pem(key.public().pem()).unwrap();
        assert_eq!(public.key_id(), key.public().key_id());
        assert!(public.verifies(b"manifest", &signature));
        assert!(!public.verifies(b"manifest ", &signature));
        let other = EvidenceKey::create(&dir.join("other.pem")).unwrap();
        assert!(!other.public().verifies(b"manifest", &signature));
        assert!(!format!("{key:?}").contains("PRIVATE"));
        std::fs::remove_dir_all(dir).ok();
    }
}
