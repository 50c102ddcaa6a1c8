//! A key on a PKCS#11 token: the smart card (SoftHSM2 stands in for it in tests).
//!
//! Tokens are found by label, never by slot number (slot ids change, e.g. after a SoftHSM2
//! token is initialised). Certificates are public objects, listed without a PIN; the private
//! key beside a certificate is the one with the same `CKA_ID`, found after login.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use sha2::{Digest, Sha256};

use super::{
    ecdsa_p256_raw_to_der, Pin, PinStatus, SignError, SignatureScheme, Signer,
    SHA256_DIGEST_INFO_PREFIX,
};
use crate::certificate::{self, CertificateSummary};

/// A loaded and initialised PKCS#11 module (e.g. `/usr/lib/softhsm/libsofthsm2.so`).
///
/// Loading the same module twice in a process is fine: the second `C_Initialize` answers
/// "already initialised" and both handles share the library. SoftHSM2 reads `SOFTHSM2_CONF`
/// at the first load, so set it before.
#[derive(Debug, Clone)]
pub struct Pkcs11Module {
    pub(crate) context: Pkcs11,
}

impl Pkcs11Module {
    /// Loads the module at `path` and initialises it for use from several threads.
    pub fn load(path: impl AsRef<Path>) -> Result<Pkcs11Module, SignError> {
        let context =
            Pkcs11::new(path.as_ref()).map_err(|e| SignError::ModuleUnavailable(e.to_string()))?;
        match context.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(error) => return Err(SignError::ModuleUnavailable(error.to_string())),
        }
        Ok(Pkcs11Module { context })
    }

    /// Labels of the initialised tokens that are present now.
    pub fn token_labels(&self) -> Result<Vec<String>, SignError> {
        let slots = self
            .context
            .get_slots_with_initialized_token()
            .map_err(token_error)?;
        let mut labels = Vec::new();
        for slot in slots {
            // A token removed between the two calls is simply not listed.
            if let Ok(info) = self.context.get_token_info(slot) {
                labels.push(info.label().trim_end().to_owned());
            }
        }
        Ok(labels)
    }

    /// The present, initialised token labelled `label`; [`SignError::TokenNotPresent`] if none.
    pub fn token(&self, label: &str) -> Result<Token, SignError> {
        let slot = self.find_slot(label)?;
        Ok(Token {
            context: self.context.clone(),
            slot,
            label: label.to_owned(),
        })
    }

    pub(crate) fn find_slot(&self, label: &str) -> Result<Slot, SignError> {
        let slots = self
            .context
            .get_slots_with_initialized_token()
            .map_err(token_error)?;
        for slot in slots {
            if let Ok(info) = self.context.get_token_info(slot) {
                if info.label().trim_end() == label {
                    return Ok(slot);
                }
            }
        }
        Err(SignError::TokenNotPresent)
    }
}

/// One token, found by its label.
#[derive(Debug, Clone)]
pub struct Token {
    context: Pkcs11,
    slot: Slot,
    label: String,
}

/// A certificate found on a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenCertificate {
    id: Vec<u8>,
    label: String,
    summary: CertificateSummary,
}

impl TokenCertificate {
    /// `CKA_ID`, shared with the private key.
    pub fn id(&self) -> &[u8] {
        &self.id
    }

    /// `CKA_LABEL`.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn summary(&self) -> &CertificateSummary {
        &self.summary
    }
}

impl Token {
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The user-PIN flags from the token info.
    pub fn pin_status(&self) -> Result<PinStatus, SignError> {
        let info = self
            .context
            .get_token_info(self.slot)
            .map_err(token_error)?;
        Ok(PinStatus {
            count_low: info.user_pin_count_low(),
            final_try: info.user_pin_final_try(),
            locked: info.user_pin_locked(),
        })
    }

    /// The X.509 certificates on the token (public objects: no PIN needed). Objects whose value
    /// is not a readable certificate are skipped.
    pub fn certificates(&self) -> Result<Vec<TokenCertificate>, SignError> {
        let session = self
            .context
            .open_ro_session(self.slot)
            .map_err(token_error)?;
        let template = [
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ];
        let handles = session.find_objects(&template).map_err(token_error)?;
        let mut certificates = Vec::new();
        for handle in handles {
            let attributes = session
                .get_attributes(
                    handle,
                    &[
                        AttributeType::Id,
                        AttributeType::Label,
                        AttributeType::Value,
                    ],
                )
                .map_err(token_error)?;
            let mut id = Vec::new();
            let mut label = String::new();
            let mut value = Vec::new();
            for attribute in attributes {
                match attribute {
                    Attribute::Id(bytes) => id = bytes,
                    Attribute::Label(bytes) => label = String::from_utf8_lossy(&bytes).into(),
                    Attribute::Value(bytes) => value = bytes,
                    _ => {}
                }
            }
            if let Ok(summary) = CertificateSummary::from_der(&value) {
                certificates.push(TokenCertificate { id, label, summary });
            }
        }
        Ok(certificates)
    }

    /// Logs in with `pin` and finds the private key beside `certificate`.
    ///
    /// A wrong PIN gives [`SignError::PinIncorrect`] with the token's flags read right after
    /// (COUNT_LOW, FINAL_TRY, LOCKED); a locked PIN [`SignError::PinLocked`]; a token that has
    /// gone [`SignError::TokenNotPresent`].
    pub fn login(
        &self,
        certificate: &TokenCertificate,
        pin: &Pin,
    ) -> Result<TokenSigner, SignError> {
        let parsed = certificate::parse(certificate.summary.certificate_der())?;
        let scheme = SignatureScheme::for_certificate(&parsed)?;
        let session = self
            .context
            .open_ro_session(self.slot)
            .map_err(token_error)?;
        let secret = AuthPin::new(pin.expose().into());
        match session.login(UserType::User, Some(&secret)) {
            // PKCS#11 login state is per application: another session may have logged in.
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(CkError::Pkcs11(RvError::PinIncorrect | RvError::PinLenRange, _)) => {
                let status = self.pin_status().unwrap_or_default();
                return Err(if status.locked {
                    SignError::PinLocked
                } else {
                    SignError::PinIncorrect { status }
                });
            }
            Err(error) => return Err(token_error(error)),
        }
        let template = [
            Attribute::Class(ObjectClass::PRIVATE_KEY),
            Attribute::Id(certificate.id.clone()),
        ];
        let key = session
            .find_objects(&template)
            .map_err(token_error)?
            .into_iter()
            .next()
            .ok_or(SignError::PrivateKeyNotFound)?;
        Ok(TokenSigner {
            session,
            key,
            scheme,
            certificate_der: certificate.summary.certificate_der().to_vec(),
            chain: Vec::new(),
        })
    }
}

/// A logged-in session with the private key of one certificate. Dropping it closes the session
/// (and so logs out once it was the last one).
#[derive(Debug)]
pub struct TokenSigner {
    session: Session,
    key: ObjectHandle,
    scheme: SignatureScheme,
    certificate_der: Vec<u8>,
    chain: Vec<Vec<u8>>,
}

impl TokenSigner {
    /// Adds certificates (DER, e.g. intermediates) to put into the CMS beside the signer's.
    pub fn with_chain(mut self, chain: Vec<Vec<u8>>) -> TokenSigner {
        self.chain = chain;
        self
    }
}

impl Signer for TokenSigner {
    fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    fn chain_der(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn scheme(&self) -> SignatureScheme {
        self.scheme
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let digest = Sha256::digest(message);
        match self.scheme {
            SignatureScheme::RsaPkcs1Sha256 => {
                // CKM_RSA_PKCS pads and signs what it is given: give it the DigestInfo.
                let mut digest_info = SHA256_DIGEST_INFO_PREFIX.to_vec();
                digest_info.extend_from_slice(&digest);
                self.session
                    .sign(&Mechanism::RsaPkcs, self.key, &digest_info)
                    .map_err(token_error)
            }
            SignatureScheme::EcdsaP256Sha256 => {
                let raw = self
                    .session
                    .sign(&Mechanism::Ecdsa, self.key, &digest)
                    .map_err(token_error)?;
                ecdsa_p256_raw_to_der(&raw)
            }
        }
    }
}

/// Maps a PKCS#11 error: the codes that mean the token (or its slot) went away become
/// [`SignError::TokenNotPresent`]. Sessions and object handles also stop being valid when the
/// card is pulled (SoftHSM2 answers that way when its token is deleted underneath it).
pub(crate) fn token_error(error: CkError) -> SignError {
    match error {
        CkError::Pkcs11(rv, _) => match rv {
            RvError::TokenNotPresent
            | RvError::DeviceRemoved
            | RvError::SlotIdInvalid
            | RvError::SessionClosed
            | RvError::SessionHandleInvalid
            | RvError::ObjectHandleInvalid
            | RvError::KeyHandleInvalid
            | RvError::TokenNotRecognized => SignError::TokenNotPresent,
            RvError::PinLocked => SignError::PinLocked,
            RvError::PinIncorrect => SignError::PinIncorrect {
                status: PinStatus::default(),
            },
            other => SignError::Token(other.to_string()),
        },
        other => SignError::Token(other.to_string()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use cryptoki::context::Function;

    use super::*;

    #[test]
    fn a_removed_token_is_reported_as_not_present() {
        for rv in [
            RvError::TokenNotPresent,
            RvError::DeviceRemoved,
            RvError::SlotIdInvalid,
            RvError::SessionClosed,
            RvError::SessionHandleInvalid,
            RvError::KeyHandleInvalid,
        ] {
            let error = token_error(CkError::Pkcs11(rv, Function::Sign));
            assert!(matches!(error, SignError::TokenNotPresent), "{rv:?}");
        }
    }

    #[test]
    fn a_locked_pin_is_reported_as_locked() {
        let error = token_error(CkError::Pkcs11(RvError::PinLocked, Function::Login));
        assert!(matches!(error, SignError::PinLocked));
        assert_eq!(error.code(), "pin_locked");
    }

    #[test]
    fn other_token_errors_keep_their_description() {
        let error = token_error(CkError::Pkcs11(RvError::DeviceMemory, Function::Sign));
        assert_eq!(error.code(), "token_error");
    }

    #[test]
    fn a_missing_module_is_reported_as_unavailable() {
        let error = Pkcs11Module::load("/nonexistent/libnothing.so").unwrap_err();
        assert_eq!(error.code(), "pkcs11_module_unavailable");
    }
}
