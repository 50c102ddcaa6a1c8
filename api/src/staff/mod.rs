//! Staff accounts and the staff login: the institution's e-signature officer and the Kamu SM
//! operator log in with a password (argon2id) and a second factor (TOTP, or a passkey),
//! throttled and locked after repeated failures (NIST SP 800-63B).
//!
//! - `password`: hashing and verifying, off the async executor; initial passwords;
//! - `totp`: codes, replay protection, the sealed secret, the enrolment QR code;
//! - `throttle`: the delay and lock policy and its table;
//! - `accounts`: creating, listing and unlocking accounts;
//! - `login`: the login steps, enrolment, logout and the password change.

pub mod accounts;
pub mod login;
pub mod password;
pub mod throttle;
pub mod totp;
