//! Domain types, validation and API types shared by the API server and the browser client.
//!
//! Everything here compiles for `wasm32-unknown-unknown`: the browser runs the very same
//! validation as the server. Server-only derives (OpenAPI schemas) sit behind the `server`
//! feature.

pub mod api;
pub mod application_ref;
pub mod email;
pub mod form;
pub mod iban;
pub mod il;
mod mod97;
pub mod named;
pub mod person_name;
pub mod phone;
pub mod problem;
pub mod rfc3339;
pub mod signing;
pub mod tckn;
pub mod text;
pub mod workflow;

pub use application_ref::ApplicationRef;
pub use email::Email;
pub use iban::Iban;
pub use person_name::PersonName;
pub use phone::MobilePhone;
pub use tckn::Tckn;
