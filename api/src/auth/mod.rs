//! Who is calling: applicants by session cookie (after an e-Devlet, e-İmza or passkey
//! login), staff (officers and operators) by their own session cookie after two factors,
//! integrators by API key, and the client's address and user agent for the timeline.

pub mod back_office;
pub mod client_info;
pub mod cookies;
pub mod hints;
pub mod integrator;
mod login_method;
pub mod session;
pub mod session_cache;
pub mod staff;

pub use back_office::BackOffice;
pub use client_info::ClientInfo;
pub use cookies::CookieKind;
pub use integrator::Integrator;
pub use login_method::LoginMethod;
pub use session::{Applicant, ApplicantSession, Identity};
pub use staff::{Officer, Operator, PendingStaff, Staff, StaffRole};
