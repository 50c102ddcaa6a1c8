//! Entry point of the browser app.

fn main() {
    leptos::mount::mount_to_body(web::App);
}
