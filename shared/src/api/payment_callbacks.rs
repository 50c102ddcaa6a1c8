//! The payment provider's callbacks (`receive_payment_callback`) and the operator's list of
//! them (`list_payment_callbacks`).
//!
//! The input rules live here, next to the types ([`validate_payment_callback`]). A payment
//! reference that names no application is not an input error: the money was taken all the
//! same, so the callback is recorded (`unknown_reference`) for an operator to sort out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::form::FieldErrors;
use crate::named::Named;

/// The input field names, as keys of [`FieldErrors`].
pub mod field {
    pub const TRANSACTION_ID: &str = "transaction_id";
    pub const PAYMENT_REFERENCE: &str = "payment_reference";
    pub const AMOUNT_KURUS: &str = "amount_kurus";
    pub const CURRENCY: &str = "currency";
    pub const PAID_AT: &str = "paid_at";
}

/// Length limits, in characters.
pub const TRANSACTION_ID_LENGTH: std::ops::RangeInclusive<usize> = 1..=64;
pub const PAYMENT_REFERENCE_LENGTH: std::ops::RangeInclusive<usize> = 1..=64;

/// The largest callback body read (a callback is a few hundred bytes).
pub const MAX_PAYMENT_CALLBACK_BYTES: usize = 16 * 1024;

/// The most callbacks the operator's list shows at once (newest first).
pub const MAX_LISTED_CALLBACKS: usize = 200;

/// A payment the provider took, as it reports it. Signed with the Standard Webhooks headers
/// over the raw body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct PaymentCallbackRequest {
    /// The provider's own id of the payment, 1–64 printable ASCII characters: the same
    /// payment reported again answers what it answered the first time.
    #[cfg_attr(feature = "server", schema(example = "TX-20261205-000042"))]
    pub transaction_id: String,
    /// The payment reference shown to the person (`NES-2026-000123` without separators plus
    /// two check digits).
    #[cfg_attr(feature = "server", schema(example = "NES202600012346"))]
    pub payment_reference: String,
    /// In kuruş (1 TL = 100 kuruş); more than 0.
    #[cfg_attr(feature = "server", schema(example = 47000))]
    pub amount_kurus: i64,
    /// `TRY` only.
    #[cfg_attr(feature = "server", schema(example = "TRY"))]
    pub currency: String,
    /// When the person paid (RFC 3339).
    #[cfg_attr(feature = "server", schema(example = "2026-12-05T09:30:00Z"))]
    pub paid_at: String,
}

/// A callback that passed [`validate_payment_callback`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentCallback {
    pub transaction_id: String,
    pub payment_reference: String,
    pub amount_kurus: u64,
    pub paid_at: DateTime<Utc>,
}

/// The one currency taken.
pub const CURRENCY_TRY: &str = "TRY";

/// Checks a callback's body. Codes: `required`, `too_long`, `invalid_characters`
/// (transaction id, reference), `amount_invalid`, `currency_unsupported`, `date_invalid`.
pub fn validate_payment_callback(
    request: &PaymentCallbackRequest,
) -> Result<PaymentCallback, FieldErrors> {
    let mut errors = FieldErrors::new();
    let transaction_id = printable(
        &mut errors,
        field::TRANSACTION_ID,
        &request.transaction_id,
        TRANSACTION_ID_LENGTH,
    );
    let payment_reference = printable(
        &mut errors,
        field::PAYMENT_REFERENCE,
        &request.payment_reference,
        PAYMENT_REFERENCE_LENGTH,
    );
    let amount_kurus = u64::try_from(request.amount_kurus)
        .ok()
        .filter(|&amount| amount > 0);
    if amount_kurus.is_none() {
        errors.add(field::AMOUNT_KURUS, "amount_invalid");
    }
    match request.currency.trim() {
        "" => errors.add(field::CURRENCY, "required"),
        CURRENCY_TRY => {}
        _ => errors.add(field::CURRENCY, "currency_unsupported"),
    }
    let paid_at = match request.paid_at.trim() {
        "" => {
            errors.add(field::PAID_AT, "required");
            None
        }
        text => crate::rfc3339::parse(text)
            .map_err(|_| errors.add(field::PAID_AT, "date_invalid"))
            .ok(),
    };
    match (transaction_id, payment_reference, amount_kurus, paid_at) {
        (Some(transaction_id), Some(payment_reference), Some(amount_kurus), Some(paid_at))
            if errors.is_empty() =>
        {
            Ok(PaymentCallback {
                transaction_id,
                payment_reference,
                amount_kurus,
                paid_at,
            })
        }
        _ => Err(errors),
    }
}

/// Printable ASCII without spaces inside, trimmed, of `limits` characters: ids are compared
/// byte for byte, so nothing invisible may hide in them.
fn printable(
    errors: &mut FieldErrors,
    name: &'static str,
    raw: &str,
    limits: std::ops::RangeInclusive<usize>,
) -> Option<String> {
    let text = raw.trim();
    if text.is_empty() {
        errors.add(name, "required");
        return None;
    }
    if text.chars().count() > *limits.end() {
        errors.add(name, "too_long");
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_graphic()) {
        errors.add(name, "invalid_characters");
        return None;
    }
    Some(text.to_owned())
}

/// What became of a callback. Only `applied` changed an application; every other outcome is
/// kept for the operators and answered `200` too, since repeating it would not change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentCallbackOutcome {
    /// The payment was recorded on the application (a prepaid one went into production).
    Applied,
    /// The message's `webhook-id` was already delivered with another transaction: not
    /// applied a second time.
    Duplicate,
    /// The amount is not the tariff's price of the application's certificate term.
    AmountMismatch,
    /// The payment reference names no application (or its check digits are wrong).
    UnknownReference,
    /// Nothing to pay: paid already, paid by the institution, cancelled or expired, or not
    /// approved yet.
    NotPayable,
}

impl Named for PaymentCallbackOutcome {
    const ALL: &'static [PaymentCallbackOutcome] = &[
        PaymentCallbackOutcome::Applied,
        PaymentCallbackOutcome::Duplicate,
        PaymentCallbackOutcome::AmountMismatch,
        PaymentCallbackOutcome::UnknownReference,
        PaymentCallbackOutcome::NotPayable,
    ];

    fn as_str(self) -> &'static str {
        match self {
            PaymentCallbackOutcome::Applied => "applied",
            PaymentCallbackOutcome::Duplicate => "duplicate",
            PaymentCallbackOutcome::AmountMismatch => "amount_mismatch",
            PaymentCallbackOutcome::UnknownReference => "unknown_reference",
            PaymentCallbackOutcome::NotPayable => "not_payable",
        }
    }
}

crate::deserialize_by_name!(PaymentCallbackOutcome);

/// The answer to the provider: the same for every delivery of one transaction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentCallbackReceipt {
    pub transaction_id: String,
    pub outcome: PaymentCallbackOutcome,
    /// Why, in English, for the provider's logs.
    pub detail: String,
    /// When the first delivery of this transaction was received.
    #[serde(with = "crate::rfc3339")]
    pub received_at: DateTime<Utc>,
}

/// A received callback, as the operator sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentCallbackRecord {
    pub id: String,
    pub transaction_id: String,
    pub webhook_id: String,
    pub payment_reference: String,
    pub amount_kurus: u64,
    #[cfg_attr(feature = "server", schema(example = "470,00 TL"))]
    pub amount_display: String,
    pub currency: String,
    #[serde(with = "crate::rfc3339")]
    pub paid_at: DateTime<Utc>,
    /// The application the reference named, if any.
    pub application_id: Option<String>,
    pub application_reference: Option<String>,
    pub outcome: PaymentCallbackOutcome,
    pub detail: String,
    #[serde(with = "crate::rfc3339")]
    pub received_at: DateTime<Utc>,
}

/// Newest first, at most [`MAX_LISTED_CALLBACKS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentCallbackList {
    pub callbacks: Vec<PaymentCallbackRecord>,
}

/// Which callbacks the operator lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct PaymentCallbackFilter {
    /// Only callbacks with this outcome.
    pub outcome: Option<PaymentCallbackOutcome>,
    /// Only callbacks for this application.
    pub application_id: Option<String>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn request() -> PaymentCallbackRequest {
        PaymentCallbackRequest {
            transaction_id: "TX-1".into(),
            payment_reference: "NES202600012346".into(),
            amount_kurus: 47000,
            currency: "TRY".into(),
            paid_at: "2026-12-05T09:30:00+03:00".into(),
        }
    }

    #[test]
    fn a_well_formed_callback_is_read_with_its_time_in_utc() {
        let callback = validate_payment_callback(&request()).unwrap();
        assert_eq!(callback.amount_kurus, 47000);
        assert_eq!(callback.paid_at.to_rfc3339(), "2026-12-05T06:30:00+00:00");
    }

    #[test]
    fn each_field_is_refused_with_its_own_code() {
        let errors = validate_payment_callback(&PaymentCallbackRequest {
            transaction_id: "x".repeat(65),
            payment_reference: "NES 2026".into(),
            amount_kurus: 0,
            currency: "EUR".into(),
            paid_at: "05.12.2026".into(),
        })
        .unwrap_err();
        assert_eq!(errors.get(field::TRANSACTION_ID), ["too_long"]);
        assert_eq!(errors.get(field::PAYMENT_REFERENCE), ["invalid_characters"]);
        assert_eq!(errors.get(field::AMOUNT_KURUS), ["amount_invalid"]);
        assert_eq!(errors.get(field::CURRENCY), ["currency_unsupported"]);
        assert_eq!(errors.get(field::PAID_AT), ["date_invalid"]);
        let empty = validate_payment_callback(&PaymentCallbackRequest::default()).unwrap_err();
        assert_eq!(empty.get(field::TRANSACTION_ID), ["required"]);
        assert_eq!(empty.get(field::PAID_AT), ["required"]);
    }

    #[test]
    fn outcomes_read_back_by_their_names() {
        for &outcome in PaymentCallbackOutcome::ALL {
            assert_eq!(
                PaymentCallbackOutcome::parse(outcome.as_str()),
                Some(outcome)
            );
        }
    }
}
