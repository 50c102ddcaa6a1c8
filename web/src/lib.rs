//! The browser app where public servants complete their qualified electronic certificate
//! (NES) application at Kamu SM: Leptos, rendered in the browser, talking to the REST API of
//! the `api` crate on the same origin.
//!
//! - [`api`]: the typed API client and its one error type;
//! - [`pages`]: one module per screen; [`components`]: the pieces they share;
//! - [`state`]: app-wide contexts (language, session, page title);
//! - [`i18n`], [`time`], [`draft`]: pure logic, tested natively.

pub mod api;
pub mod app;
pub mod components;
pub mod draft;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod time;

pub use app::App;
