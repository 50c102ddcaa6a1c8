//! The API's tests, in one binary: each spawns the real server on a free port with a fresh
//! database (SQLite, or PostgreSQL when `TEST_DATABASE_URL` names a server) and talks HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod applicant_path;
mod back_office;
mod e_imza;
mod e_onay;
mod fakes;
mod helpers;
mod login;
mod notifications;
mod openapi;
mod operations;
mod pre_applications;
mod sms;
