//! Pieces shared by the pages.

pub mod clipboard;
pub mod confirm;
pub mod feedback;
pub mod fields;
pub mod layout;
pub mod not_found;
pub mod pagination;
pub mod passkey_login;
pub mod steps;
pub mod table;
pub mod timeline;
