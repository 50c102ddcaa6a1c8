//! One module per screen; the route of each is in [`crate::app`].

pub mod applications;
pub mod approval;
pub mod check_answers;
pub mod e_imza;
pub mod e_imza_login;
pub mod form;
pub mod landing;
pub mod menu;
pub mod passkeys;
pub mod result;
pub mod session_expired;
pub mod sms;

/// The `:id` of the current `/basvuru/:id/...` route (tracked).
pub use web::nav::route_id as application_id;

/// `/basvuru/{id}/{step}`.
pub fn application_url(id: &str, step: &str) -> String {
    format!("/basvuru/{}/{step}", crate::api::segment(id))
}
