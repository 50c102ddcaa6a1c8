//! The cryptographic core of "approval with e-İmza".
//!
//! A person approves their NES application by signing a [`document::SigningDocument`] — the
//! deterministic bytes the API hands out — with their qualified certificate. This crate:
//!
//! - builds those bytes ([`document`]);
//! - signs them as a CAdES-BES detached CMS `SignedData` with SHA-256, with a key on a PKCS#11
//!   token (the smart card; SoftHSM2 in tests) or in a PKCS#12 file ([`sign`]);
//! - verifies such a signature against the document, the trusted roots, the CRLs, the
//!   applicant's TCKN and the server clock, and says why it refuses with a stable snake_case
//!   code ([`verify`]);
//! - with the `dev-pki` feature, makes a development PKI: a test root standing for Kamu SM's,
//!   NES-style certificates, CRLs, `.p12` files and SoftHSM2 tokens ([`pki`]).
//!
//! Time is always a parameter: nothing here reads the clock on its own.

#![deny(clippy::unwrap_used)]

pub mod certificate;
pub mod document;
mod ess;
pub(crate) mod oid;
#[cfg(feature = "dev-pki")]
pub mod pki;
pub mod sign;
pub mod verify;

pub use certificate::CertificateSummary;
pub use document::SigningDocument;
pub use sign::{sign_detached, Pin, SignError, Signer};
pub use verify::{Refusal, TrustStore, VerifiedSignature, Verifier};

/// Test fixtures shared by the unit tests of several modules: one CA and one key of each type,
/// made once per test binary because RSA key generation is the slowest step.
#[cfg(all(test, feature = "dev-pki"))]
pub(crate) mod fixtures;

/// The README's examples, compiled (and the runnable ones run) as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
