//! Payment callbacks: a payment provider tells us that a person paid. Authenticated by the
//! Standard Webhooks signature (`standard_webhooks::verify`, in the handler, before the
//! database is touched), idempotent by the provider's transaction id, matched by the payment
//! reference the person quoted, checked against the tariff — and then applied through the
//! operator's own use case (`back_office::record_payment`), so a prepaid application goes
//! into production by itself, the person is told, and the act is audited. What is not
//! applied is kept for the operators (`list`).

pub mod list;
pub mod receive;
mod secrets;

pub use secrets::{CallbackSecrets, DEV_PAYMENT_CALLBACK_SECRET};
