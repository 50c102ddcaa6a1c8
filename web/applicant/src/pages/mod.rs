//! One module per screen; the route of each is in [`crate::app`].

use leptos::prelude::*;
use shared::api::ApplicationDetail;
use web::components::feedback::loaded_page;
use web::i18n::T;

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

/// A page of the application the address names: loaded, then drawn by `page`
/// (see [`loaded_page`]).
pub fn application_page(
    title: T,
    page: impl Fn(ApplicationDetail) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let id = application_id();
    loaded_page(
        title,
        move || {
            let id = id.get();
            async move { crate::api::application(&id).await }
        },
        page,
    )
}

/// `/basvuru/{id}/{step}`.
pub fn application_url(id: &str, step: &str) -> String {
    format!("/basvuru/{}/{step}", crate::api::segment(id))
}
