//! The applicants' browser app: log in with e-Devlet, e-İmza or a passkey, complete the NES
//! application, approve it with e-Onay or e-İmza, follow it. The staff screens are another
//! app (`web-staff`) and another download.

mod app;
mod pages;
mod person_tools;

// The shared parts, under the names the pages use.
use web::{api, components, draft, i18n, nav, state, time};

fn main() {
    web::shell::mount(app::App);
}
