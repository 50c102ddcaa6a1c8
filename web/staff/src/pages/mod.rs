//! One module per screen; the route of each is in [`crate::app`].

pub mod officer;
pub mod operator;
pub mod staff;

/// The `:id` of the current `/kurum/basvurular/:id` or `/kamusm/basvurular/:id` route.
pub use web::nav::route_id as application_id;
