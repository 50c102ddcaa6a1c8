//! A software key from a PKCS#12 (`.p12`) file, for people without a card reader.

use std::fmt;

use p256::pkcs8::DecodePrivateKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{Pin, SignError, SignatureScheme, Signer};
use crate::certificate::{self, CertificateSummary};

/// The key chains in a `.p12` file, opened with its password.
pub struct Pkcs12Store {
    entries: Vec<Entry>,
}

struct Entry {
    alias: String,
    key_pkcs8: Zeroizing<Vec<u8>>,
    certificate_der: Vec<u8>,
    chain: Vec<Vec<u8>>,
    summary: CertificateSummary,
}

/// A certificate (with a private key) found in a `.p12` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pkcs12Certificate {
    alias: String,
    summary: CertificateSummary,
}

impl Pkcs12Certificate {
    /// The entry's friendly name (or, without one, its subject).
    pub fn alias(&self) -> &str {
        &self.alias
    }

    pub fn summary(&self) -> &CertificateSummary {
        &self.summary
    }
}

impl Pkcs12Store {
    /// Opens `data` with `password`. A wrong password gives [`SignError::PinIncorrect`] (with no
    /// flags: a file never locks).
    pub fn open(data: &[u8], password: &Pin) -> Result<Pkcs12Store, SignError> {
        let keystore =
            p12_keystore::KeyStore::from_pkcs12(data, password.expose()).map_err(|error| {
                match error {
                    p12_keystore::error::Error::MacError(_) => SignError::PinIncorrect {
                        status: Default::default(),
                    },
                    other => SignError::Pkcs12Unreadable(other.to_string()),
                }
            })?;
        let mut entries = Vec::new();
        for (alias, entry) in keystore.entries() {
            let p12_keystore::KeyStoreEntry::PrivateKeyChain(chain) = entry else {
                continue;
            };
            let Some((leaf, rest)) = chain.chain().split_first() else {
                continue;
            };
            let summary = CertificateSummary::from_der(leaf.as_der())?;
            entries.push(Entry {
                alias: alias.clone(),
                key_pkcs8: Zeroizing::new(chain.key().to_vec()),
                certificate_der: leaf.as_der().to_vec(),
                chain: rest.iter().map(|c| c.as_der().to_vec()).collect(),
                summary,
            });
        }
        Ok(Pkcs12Store { entries })
    }

    /// The certificates that have a private key beside them.
    pub fn certificates(&self) -> Vec<Pkcs12Certificate> {
        self.entries
            .iter()
            .map(|entry| Pkcs12Certificate {
                alias: entry.alias.clone(),
                summary: entry.summary.clone(),
            })
            .collect()
    }

    /// A signer for the entry named `alias`.
    pub fn signer(&self, alias: &str) -> Result<SoftwareSigner, SignError> {
        let entry = self
            .entries
            .iter()
            .find(|entry| entry.alias == alias)
            .ok_or(SignError::CertificateNotFound)?;
        SoftwareSigner::from_pkcs8(
            &entry.key_pkcs8,
            entry.certificate_der.clone(),
            entry.chain.clone(),
        )
    }
}

impl fmt::Debug for Pkcs12Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkcs12Store")
            .field("certificates", &self.certificates())
            .finish_non_exhaustive()
    }
}

enum SoftwareKey {
    Rsa(Box<rsa::pkcs1v15::SigningKey<Sha256>>),
    P256(p256::ecdsa::SigningKey),
}

/// A private key held in memory with its certificate.
pub struct SoftwareSigner {
    key: SoftwareKey,
    scheme: SignatureScheme,
    certificate_der: Vec<u8>,
    chain: Vec<Vec<u8>>,
}

impl SoftwareSigner {
    /// A signer from a PKCS#8 private key (RSA or P-256) and its certificate; refuses a key that
    /// does not belong to the certificate.
    pub fn from_pkcs8(
        key_pkcs8_der: &[u8],
        certificate_der: Vec<u8>,
        chain: Vec<Vec<u8>>,
    ) -> Result<SoftwareSigner, SignError> {
        let certificate = certificate::parse(&certificate_der)?;
        let scheme = SignatureScheme::for_certificate(&certificate)?;
        let (key, public_key_der) = match scheme {
            SignatureScheme::RsaPkcs1Sha256 => {
                let private = rsa::RsaPrivateKey::from_pkcs8_der(key_pkcs8_der)
                    .map_err(|_| SignError::KeyDoesNotMatchCertificate)?;
                let public = rsa::RsaPublicKey::from(&private)
                    .to_public_key_der()
                    .map_err(|e| SignError::Encoding(e.to_string()))?;
                (
                    SoftwareKey::Rsa(Box::new(rsa::pkcs1v15::SigningKey::<Sha256>::new(private))),
                    public,
                )
            }
            SignatureScheme::EcdsaP256Sha256 => {
                let private = p256::ecdsa::SigningKey::from_pkcs8_der(key_pkcs8_der)
                    .map_err(|_| SignError::KeyDoesNotMatchCertificate)?;
                let public = private
                    .verifying_key()
                    .to_public_key_der()
                    .map_err(|e| SignError::Encoding(e.to_string()))?;
                (SoftwareKey::P256(private), public)
            }
        };
        let spki = spki::SubjectPublicKeyInfoRef::try_from(public_key_der.as_bytes())
            .map_err(|e| SignError::Encoding(e.to_string()))?;
        let certificate_key = &certificate.tbs_certificate.subject_public_key_info;
        if spki.algorithm.oid != certificate_key.algorithm.oid
            || spki.subject_public_key.raw_bytes() != certificate_key.subject_public_key.raw_bytes()
        {
            return Err(SignError::KeyDoesNotMatchCertificate);
        }
        Ok(SoftwareSigner {
            key,
            scheme,
            certificate_der,
            chain,
        })
    }
}

impl fmt::Debug for SoftwareSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoftwareSigner")
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

impl Signer for SoftwareSigner {
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
        match &self.key {
            SoftwareKey::Rsa(key) => {
                let signature = key
                    .try_sign(message)
                    .map_err(|e| SignError::Encoding(e.to_string()))?;
                Ok(signature.to_vec())
            }
            SoftwareKey::P256(key) => {
                let signature: p256::ecdsa::Signature = key
                    .try_sign(message)
                    .map_err(|e| SignError::Encoding(e.to_string()))?;
                Ok(signature.to_der().as_bytes().to_vec())
            }
        }
    }
}
