//! Pieces shared by the pages.

pub mod feedback;
pub mod fields;
pub mod layout;
pub mod timeline;
