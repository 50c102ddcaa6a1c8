//! The staff browser app: institutions' e-signature officers (`/kurum/…`), Kamu SM
//! operators (`/kamusm/…`) and their login (`/personel/…`). A download of its own, so that
//! applicants never fetch it.

mod app;
mod pages;
mod texts;

/// The shared API client, and the staff's own calls.
mod api {
    pub mod officer;
    pub mod operator;
    pub mod staff;
    pub mod webhooks;
    pub use web::api::*;
}

/// The shared pieces, and the staff's own.
mod components {
    pub mod area_nav;
    pub mod message_deliveries;
    pub mod webhooks;
    pub use web::components::*;
}

// The shared parts, under the names the pages use.
use web::{i18n, nav, state, time};

fn main() {
    web::shell::mount(app::App);
}
