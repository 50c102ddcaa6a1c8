//! Passkeys (WebAuthn, with webauthn-rs): applicants register them after an e-Devlet login
//! and log in with them later without typing anything; staff use them instead of TOTP as the
//! second factor. Ceremony state stays on the server (`ceremony`) and is consumed before
//! the browser's answer is verified.

pub mod ceremony;
pub mod login;
pub mod manage;
pub mod registration;
pub mod relying_party;
pub mod staff_verification;
pub mod store;

pub use relying_party::{webauthn_of, RelyingParty};
pub use store::Owner;
