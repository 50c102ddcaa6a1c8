//! The signing app (`eimza-uygulamasi`) driven as a person would, against a fake of the API's
//! e-İmza routes, with SoftHSM2 standing for the smart card and `.p12` files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fake_server;
mod helpers;

mod certificate_problems;
mod code_problems;
mod login;
mod server_problems;
mod signing;
mod usage;
mod window;
