//! What the person pays, and the reference they quote with the payment.

use shared::api::{Fees, PaymentInstructions, TermFee};
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
            let amount_kurus = amount_kurus(term, tariff);
            PaymentInstructions::PaidByPerson {
                amount_kurus,
                amount_display: format_lira(amount_kurus),
                payment_reference: reference.payment_reference(),
                production_waits_for_payment: terms.production_waits_for_payment(),
                paid: terms.paid,
            }
        }
    }
}

/// The tariff's price of a certificate of `term`, VAT included.
pub fn amount_kurus(term: CertificateTerm, tariff: &Tariff) -> u64 {
    let index = usize::from(term.years().clamp(1, 3)) - 1;
    tariff
        .kurus_by_years
        .get(index)
        .copied()
        .unwrap_or_default()
}

/// What each term would cost the person, shown beside the term choice and on the approval
/// page so that nobody approves without knowing the amount; `None` when the institution pays.
pub fn fees(terms: PaymentTerms, tariff: &Tariff) -> Option<Fees> {
    match terms.payer {
        Payer::Institution => None,
        Payer::Person => Some(Fees {
            by_term: CertificateTerm::ALL
                .iter()
                .map(|&term| {
                    let amount_kurus = amount_kurus(term, tariff);
                    TermFee {
                        certificate_term_years: term.years(),
                        amount_kurus,
                        amount_display: format_lira(amount_kurus),
                    }
                })
                .collect(),
            production_waits_for_payment: terms.production_waits_for_payment(),
        }),
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

/// The application reference without separators plus two ISO 7064 MOD 97-10 check digits
/// (`ApplicationRef::payment_reference`), from the reference's text.
#[cfg(test)]
fn payment_reference(reference: &str) -> String {
    ApplicationRef::parse(reference)
        .map(|r| r.payment_reference())
        .unwrap_or_default()
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
        let named = ApplicationRef::from_payment_reference(&good.to_lowercase()).unwrap();
        assert_eq!(named.as_str(), "NES-2026-000123");
        let typo = good.replace("123", "132");
        assert_eq!(ApplicationRef::from_payment_reference(&typo), None);
        assert_eq!(
            ApplicationRef::from_payment_reference("NES-2026-000123"),
            None
        );
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
