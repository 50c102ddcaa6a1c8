//! One module per screen; the route of each is in [`crate::app`].

pub mod applications;
pub mod approval;
pub mod check_answers;
pub mod e_imza;
pub mod e_imza_login;
pub mod form;
pub mod landing;
pub mod menu;
pub mod not_found;
pub mod officer;
pub mod operator;
pub mod passkeys;
pub mod result;
pub mod session_expired;
pub mod sms;
pub mod staff;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The `:id` of the current `/basvuru/:id/...` route (tracked).
pub fn application_id() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").unwrap_or_default())
}

/// `/basvuru/{id}/{step}`.
pub fn application_url(id: &str, step: &str) -> String {
    format!("/basvuru/{}/{step}", crate::api::segment(id))
}
