//! The use cases of an application's life. Each runs in one database transaction that
//! changes the state through `shared::workflow`, appends the timeline events and queues the
//! outgoing messages — so a change is either wholly durable or did not happen.

pub mod access;
pub mod approval;
pub mod back_office;
pub mod consent;
pub mod e_imza;
pub mod feed;
pub mod form;
mod page_query;
pub mod payment;
pub mod payment_records;
pub mod pre_application;
pub mod read;
pub mod reminders;
pub mod row;
pub mod sms;
pub mod taahhutname;
pub mod transition;

pub use row::{Application, ApplicationRow};
pub use transition::{Actor, EventContext};
