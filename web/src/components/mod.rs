//! Pieces shared by the pages.

pub mod clipboard;
pub mod confirm;
pub mod feedback;
pub mod fields;
pub mod layout;
pub mod message_deliveries;
pub mod pagination;
pub mod passkey_login;
pub mod steps;
pub mod timeline;
pub mod webhooks;
