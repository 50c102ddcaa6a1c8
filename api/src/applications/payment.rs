//! What the person pays, and the reference they quote with the payment.

use shared::api::PaymentInstructions;
use shared::form::CertificateTerm;
use shared::workflow::{Payer, PaymentTerms};
use shared::ApplicationRef;

use crate::config::Tariff;

pub fn instructions(
    terms: PaymentTerms,
    term: CertificateTerm,
    reference: &ApplicationRef,
    tariff: &Tariff,
) -> PaymentInstructions {
    match terms.payer {
        Payer::Institution => PaymentInstructions::PaidByInstitution,
        Payer::Person => {
            let index = usize::from(term.years().clamp(1, 3)) - 1;
            let amount_kurus = tariff
                .kurus_by_years
                .get(index)
                .copied()
                .unwrap_or_default();
            PaymentInstructions::PaidByPerson {
                amount_kurus,
                amount_display: format_lira(amount_kurus),
                payment_reference: payment_reference(reference.as_str()),
                production_waits_for_payment: terms.production_waits_for_payment(),
                paid: terms.paid,
            }
        }
    }
}

/// `1.250,00 TL`, the way Turkish banks print amounts.
pub fn format_lira(kurus: u64) -> String {
    let lira = (kurus / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in lira.chars().enumerate() {
        if i > 0 && (lira.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{grouped},{:02} TL", kurus % 100)
}

/// The application reference without separators plus two ISO 7064 MOD 97-10 check digits,
/// so that a mistyped reference on a bank transfer is caught.
pub fn payment_reference(reference: &str) -> String {
    let compact: String = reference
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let mut remainder: u64 = 0;
    for c in compact.chars().chain("00".chars()) {
        let value = c.to_digit(36).map(u64::from).unwrap_or(0);
        let digits = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * digits + value) % 97;
    }
    format!("{compact}{:02}", 98 - remainder)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_printed_the_turkish_way() {
        assert_eq!(format_lira(47000), "470,00 TL");
        assert_eq!(format_lira(125050), "1.250,50 TL");
        assert_eq!(format_lira(5), "0,05 TL");
        assert_eq!(format_lira(123456789), "1.234.567,89 TL");
    }

    #[test]
    fn a_payment_reference_carries_check_digits_that_catch_a_typo() {
        let good = payment_reference("NES-2026-000123");
        assert!(good.starts_with("NES2026000123"));
        assert_eq!(good.len(), "NES2026000123".len() + 2);
        assert_ne!(good, payment_reference("NES-2026-000132"));
    }

    #[test]
    fn institution_paid_orders_need_no_payment() {
        let tariff = Tariff {
            kurus_by_years: [1, 2, 3],
        };
        assert_eq!(
            instructions(
                PaymentTerms {
                    payer: Payer::Institution,
                    prepaid: true,
                    paid: false,
                },
                CertificateTerm::OneYear,
                &ApplicationRef::parse("NES-2026-000001").unwrap(),
                &tariff
            ),
            PaymentInstructions::PaidByInstitution
        );
    }
}
