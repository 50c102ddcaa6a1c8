//! The REST API of the Kamu SM NES online application system.
//!
//! `startup` wires everything; `routes/` holds one file per endpoint (thin handlers);
//! `applications/` holds the use cases that drive the workflow of `shared::workflow` and
//! persist each transition with its events and outgoing messages in one transaction.

pub mod admin;
pub mod applications;
pub mod audit;
pub mod auth;
pub mod body;
pub mod clock;
pub mod config;
pub mod db;
pub mod dev_pki;
pub mod e_imza_login;
pub mod edevlet;
pub mod error;
pub mod evidence;
pub mod idempotency;
pub mod institutions;
pub mod jobs;
pub mod json_object;
pub mod memory;
pub mod metrics;
pub mod notify;
pub mod officer;
pub mod openapi;
pub mod operator;
pub mod passkeys;
pub mod payment_callbacks;
pub mod purge;
pub mod rate_limit;
pub mod routes;
pub mod secrets;
pub mod security_headers;
pub mod signature_trust;
pub mod staff;
pub mod standard_webhooks;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod web_app;
pub mod webhooks;
