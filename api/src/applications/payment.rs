//! What the person pays, and the reference they quote with the payment.

use shared::api::{BankAccount, Fees, PaymentInstructions, TermFee};
use shared::form::CertificateTerm;
use shared::workflow::{Payer, PaymentTerms};
use shared::ApplicationRef;

use crate::config::{PaymentAccount, Tariff};

/// What the person (or their institution) pays, and where: the four combinations of who pays
/// and whether production waits for it are told apart by `payer` and
/// `production_waits_for_payment`.
pub fn instructions(
    terms: PaymentTerms,
    term: CertificateTerm,
    reference: &ApplicationRef,
    tariff: &Tariff,
    account: &PaymentAccount,
) -> PaymentInstructions {
    match terms.payer {
        Payer::Institution => PaymentInstructions::PaidByInstitution {
            production_waits_for_payment: terms.production_waits_for_payment(),
            paid: terms.paid,
        },
        Payer::Person => {
            let amount_kurus = amount_kurus(term, tariff);
            let payment_reference = reference.payment_reference();
            PaymentInstructions::PaidByPerson {
                amount_kurus,
                amount_display: format_lira(amount_kurus),
                bank_account: Some(BankAccount {
                    bank: account.bank.clone(),
                    account_holder: account.account_holder.clone(),
                    iban: account.iban.clone(),
                    description: account.description.render(&payment_reference, reference),
                }),
                payment_reference,
                production_waits_for_payment: terms.production_waits_for_payment(),
                paid: terms.paid,
            }
        }
    }
}

/// What the person writes as the transfer's description (`PAYMENT_DESCRIPTION_TEMPLATE`):
/// free text around `{payment_reference}`, which it must hold — the payment is matched to the
/// application by it — and optionally `{reference}`. Checked once, at start-up.
#[derive(Debug, Clone)]
pub struct DescriptionTemplate(String);

/// Banks cut a transfer's description at about 140 characters.
const MAX_DESCRIPTION: usize = 140;

impl DescriptionTemplate {
    pub fn parse(template: &str) -> Result<DescriptionTemplate, String> {
        let template = template.trim();
        if !template.contains("{payment_reference}") {
            return Err("must contain {payment_reference}: payments are matched by it".into());
        }
        let rest = template
            .replace("{payment_reference}", "")
            .replace("{reference}", "");
        if rest.contains(['{', '}']) {
            return Err("knows only {payment_reference} and {reference}".into());
        }
        if rest.chars().any(char::is_control) {
            return Err("must be one line of text".into());
        }
        let longest = template
            .replace("{payment_reference}", "NES20269999999999")
            .replace("{reference}", "NES-2026-9999999");
        if longest.chars().count() > MAX_DESCRIPTION {
            return Err(format!(
                "longer than the {MAX_DESCRIPTION} characters banks keep"
            ));
        }
        Ok(DescriptionTemplate(template.to_owned()))
    }

    pub fn render(&self, payment_reference: &str, reference: &ApplicationRef) -> String {
        self.0
            .replace("{payment_reference}", payment_reference)
            .replace("{reference}", reference.as_str())
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

    fn account() -> PaymentAccount {
        PaymentAccount {
            iban: shared::Iban::parse("TR330006100519786457841326").unwrap(),
            bank: "Banka".into(),
            account_holder: "Kamu SM".into(),
            description: DescriptionTemplate::parse("{payment_reference} / {reference} NES")
                .unwrap(),
        }
    }

    fn for_terms(payer: Payer, prepaid: bool) -> PaymentInstructions {
        instructions(
            PaymentTerms {
                payer,
                prepaid,
                paid: false,
            },
            CertificateTerm::TwoYears,
            &ApplicationRef::parse("NES-2026-000123").unwrap(),
            &Tariff {
                kurus_by_years: [1, 75000, 3],
            },
            &account(),
        )
    }

    #[test]
    fn institution_paid_orders_need_no_payment_from_the_person_but_may_wait_for_one() {
        for prepaid in [true, false] {
            let payment = for_terms(Payer::Institution, prepaid);
            assert_eq!(
                payment,
                PaymentInstructions::PaidByInstitution {
                    production_waits_for_payment: prepaid,
                    paid: false,
                }
            );
            assert!(!payment.person_owes());
            assert_eq!(payment.production_waits(), prepaid);
        }
    }

    #[test]
    fn a_person_is_told_the_amount_and_the_account_with_the_reference_in_the_description() {
        for prepaid in [true, false] {
            let payment = for_terms(Payer::Person, prepaid);
            let PaymentInstructions::PaidByPerson {
                amount_display,
                bank_account: Some(account),
                production_waits_for_payment,
                ..
            } = &payment
            else {
                panic!("{payment:?}");
            };
            assert_eq!(amount_display, "750,00 TL");
            assert_eq!(account.iban.as_str(), "TR330006100519786457841326");
            assert_eq!(
                account.description,
                format!(
                    "{} / NES-2026-000123 NES",
                    payment_reference("NES-2026-000123")
                )
            );
            assert_eq!(*production_waits_for_payment, prepaid);
            assert!(payment.person_owes());
        }
    }

    #[test]
    fn a_description_template_must_carry_the_payment_reference_and_fit_a_transfer() {
        assert!(DescriptionTemplate::parse("NES ücreti").is_err());
        assert!(DescriptionTemplate::parse("{payment_reference} {tckn}").is_err());
        assert!(
            DescriptionTemplate::parse(&format!("{{payment_reference}} {}", "x".repeat(130)))
                .is_err()
        );
        assert!(DescriptionTemplate::parse("{payment_reference}\nikinci satır").is_err());
        assert!(DescriptionTemplate::parse(" {payment_reference} NES ").is_ok());
    }
}
