//! The institution's e-signature officer (kurum e-İmza sorumlusu): their institution's
//! applications with filters, one application with its timeline, the notification e-mail sent
//! again, and the CSV import of many pre-applications (dry run, then commit).
//!
//! Everything here is scoped to the officer's one institution: an application of another
//! institution answers `not_found`, exactly like one that does not exist (so nobody learns
//! what exists elsewhere), and the attempt is audited as `access_denied`.

pub mod csv_file;
pub mod detail;
pub mod import;
pub mod list;
pub mod resend;
pub mod scope;
