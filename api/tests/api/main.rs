//! The API's tests, in one binary: each spawns the real server on a free port with a fresh
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` names a server) and talks HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod applicant_path;
mod audit_chain;
mod back_office;
mod concurrency;
mod e_imza;
mod e_imza_login;
mod e_onay;
mod fakes;
mod faults;
mod helpers;
mod institution_scope;
mod load;
mod login;
mod metrics;
mod notifications;
mod officer;
mod officer_helpers;
mod officer_import;
mod openapi;
mod operations;
mod operator;
mod operator_helpers;
mod operator_production;
mod outbox_workers;
mod passkey_helpers;
mod passkeys;
mod pre_applications;
mod private_postgres;
mod sms;
mod staff_accounts;
mod staff_helpers;
mod staff_login;
