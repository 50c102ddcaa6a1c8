//! Who is calling: applicants by session cookie (after an e-Devlet login), integrators by
//! API key, and the client's address and user agent for the timeline.

pub mod client_info;
pub mod integrator;
pub mod session;

pub use client_info::ClientInfo;
pub use integrator::Integrator;
pub use session::{Applicant, Identity};
