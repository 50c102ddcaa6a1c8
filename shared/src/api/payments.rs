//! A payment as the Kamu SM operator records it (amount, day, receipt or transaction number),
//! what the applicant will be sent about it, and its reversal.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::form::FieldErrors;
use crate::text::required_bounded;

/// The field names of the payment forms (keys of `FieldErrors`).
pub mod field {
    pub const AMOUNT: &str = "amount_kurus";
    pub const PAID_ON: &str = "paid_on";
    pub const RECEIPT_NUMBER: &str = "receipt_number";
    pub const REASON: &str = "reason";
}

pub const RECEIPT_NUMBER_LENGTH: std::ops::RangeInclusive<usize> = 3..=64;
pub const REVERSAL_REASON_LENGTH: std::ops::RangeInclusive<usize> = 5..=500;

/// `record_payment_with_details` and `preview_payment_notification`: what the operator read
/// off the bank's receipt.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RecordPaymentRequest {
    /// In kuruş (1 TL = 100 kuruş), VAT included: must be the application's fee. At most
    /// ten million TL, so that every amount is an exact JSON number.
    #[cfg_attr(feature = "server", schema(example = 75000, maximum = 1_000_000_000))]
    #[serde(deserialize_with = "whole_number")]
    pub amount_kurus: u64,
    /// The day the payment reached Kamu SM's account (`YYYY-MM-DD`), not after today.
    #[cfg_attr(feature = "server", schema(example = "2026-12-05"))]
    pub paid_on: String,
    /// The bank receipt's (dekont) or the transaction's number.
    #[cfg_attr(feature = "server", schema(example = "DKT-2026-778812"))]
    pub receipt_number: String,
}

/// A payment's details once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDetails {
    pub amount_kurus: u64,
    pub paid_on: NaiveDate,
    pub receipt_number: String,
}

/// The API's and the page's one check of a payment's details; `today` is Kamu SM's date.
/// Whether the amount is the application's fee is the API's to say (`amount_mismatch`).
pub fn validate_payment(
    request: &RecordPaymentRequest,
    today: NaiveDate,
) -> Result<PaymentDetails, FieldErrors> {
    let mut errors = FieldErrors::new();
    if request.amount_kurus == 0 {
        errors.add(field::AMOUNT, "required");
    }
    let paid_on = match request.paid_on.trim() {
        "" => {
            errors.add(field::PAID_ON, "required");
            None
        }
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if date > today => {
                errors.add(field::PAID_ON, "date_in_future");
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                errors.add(field::PAID_ON, "date_invalid");
                None
            }
        },
    };
    let receipt_number = required_bounded(
        &mut errors,
        field::RECEIPT_NUMBER,
        &request.receipt_number,
        RECEIPT_NUMBER_LENGTH,
    );
    match (paid_on, receipt_number) {
        (Some(paid_on), Some(receipt_number)) if errors.is_empty() => Ok(PaymentDetails {
            amount_kurus: request.amount_kurus,
            paid_on,
            receipt_number,
        }),
        _ => Err(errors),
    }
}

/// `reverse_payment`: why the recorded payment is taken back (kept in the audit trail).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ReversePaymentRequest {
    #[cfg_attr(
        feature = "server",
        schema(example = "Dekont başka bir başvuruya ait; yanlış başvuruya kaydedildi.")
    )]
    pub reason: String,
}

/// The reason, cleaned, or the field's errors.
pub fn validate_reversal(request: &ReversePaymentRequest) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::new();
    match required_bounded(
        &mut errors,
        field::REASON,
        &request.reason,
        REVERSAL_REASON_LENGTH,
    ) {
        Some(reason) if errors.is_empty() => Ok(reason),
        _ => Err(errors),
    }
}

/// One e-mail or SMS the applicant will be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct NotificationPreview {
    /// `email` or `sms`.
    pub channel: String,
    pub recipient: String,
    /// Empty for an SMS.
    pub subject: String,
    pub body: String,
}

/// `preview_payment_notification`: what recording this payment would do and send; nothing
/// is changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentPreview {
    /// A prepaid application goes into production with this payment.
    pub starts_production: bool,
    pub messages: Vec<NotificationPreview>,
}

/// A payment as recorded, and its reversal if it was taken back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PaymentRecord {
    pub amount_kurus: u64,
    #[cfg_attr(feature = "server", schema(example = "750,00 TL"))]
    pub amount_display: String,
    #[cfg_attr(feature = "server", schema(example = "2026-12-05"))]
    pub paid_on: String,
    pub receipt_number: String,
    #[serde(with = "crate::rfc3339")]
    pub recorded_at: DateTime<Utc>,
    /// The operator's user name, or `payment_provider` for a provider's callback.
    pub recorded_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversal_reason: Option<String>,
}

/// A JSON integer, also when written as a whole float (`75000.0`): JSON Schema's `integer`
/// is a value, not a spelling, and generated clients write it either way.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let number = serde_json::Number::deserialize(deserializer)?;
    if let Some(whole) = number.as_u64() {
        return Ok(whole);
    }
    match number.as_f64() {
        // Exact below 2^53: the float is the integer it spells.
        Some(float) if float.fract() == 0.0 && (0.0..9_007_199_254_740_992.0).contains(&float) =>
        {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(float as u64)
        }
        _ => Err(serde::de::Error::custom(format!(
            "expected a whole number of kuruş, got {number}"
        ))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
    }

    fn request(amount: u64, paid_on: &str, receipt: &str) -> RecordPaymentRequest {
        RecordPaymentRequest {
            amount_kurus: amount,
            paid_on: paid_on.into(),
            receipt_number: receipt.into(),
        }
    }

    #[test]
    fn an_amount_is_a_whole_number_however_it_is_written() {
        let parse = |amount: &str| {
            serde_json::from_str::<RecordPaymentRequest>(&format!(
                r#"{{"amount_kurus": {amount}, "paid_on": "2026-12-05", "receipt_number": "DKT-1"}}"#
            ))
            .map(|r| r.amount_kurus)
        };
        assert_eq!(parse("75000").unwrap(), 75000);
        assert_eq!(parse("75000.0").unwrap(), 75000);
        assert_eq!(parse("7.5e4").unwrap(), 75000);
        assert!(parse("750.5").is_err());
        assert!(parse("-1").is_err());
        assert!(parse("1e300").is_err());
    }

    #[test]
    fn complete_details_are_accepted_and_cleaned() {
        let details = validate_payment(&request(75000, "2026-12-05", "  DKT-1 "), today()).unwrap();
        assert_eq!(details.paid_on, today());
        assert_eq!(details.receipt_number, "DKT-1");
    }

    #[test]
    fn each_missing_or_wrong_detail_names_its_field() {
        let errors = validate_payment(&request(0, "", ""), today()).unwrap_err();
        for f in [field::AMOUNT, field::PAID_ON, field::RECEIPT_NUMBER] {
            assert_eq!(errors.get(f), ["required"], "{f}");
        }
        let errors = validate_payment(&request(1, "2026-12-06", "DKT-1"), today()).unwrap_err();
        assert_eq!(errors.get(field::PAID_ON), ["date_in_future"]);
        let errors = validate_payment(&request(1, "05.12.2026", "DKT-1"), today()).unwrap_err();
        assert_eq!(errors.get(field::PAID_ON), ["date_invalid"]);
    }

    #[test]
    fn a_reversal_needs_a_reason() {
        assert!(validate_reversal(&ReversePaymentRequest { reason: " ".into() }).is_err());
        assert_eq!(
            validate_reversal(&ReversePaymentRequest {
                reason: " Yanlış başvuru ".into()
            })
            .unwrap(),
            "Yanlış başvuru"
        );
    }
}
