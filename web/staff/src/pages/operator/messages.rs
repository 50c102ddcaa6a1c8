//! The operator screens' texts with something in them (names, counts) and the messages of the
//! field codes only these screens meet. Both languages side by side, like `i18n::messages`,
//! to which every other code is passed on.

use shared::api::operator::{
    field, API_KEY_NAME_LENGTH, COURIER_LENGTH, INSTITUTION_CODE_LENGTH, INSTITUTION_NAME_LENGTH,
    TRACKING_NUMBER_LENGTH,
};
use shared::api::payments::{field as payment, RECEIPT_NUMBER_LENGTH, REVERSAL_REASON_LENGTH};

use crate::i18n::messages::field_error as form_field_error;
use crate::i18n::{Lang, T};
use crate::texts::S;

/// The name field of the API key form (the institution form's is `field::NAME` too).
pub const KEY_NAME: &str = "key_name";

/// The field codes these screens meet, for the tests.
#[cfg(test)]
pub const OPERATOR_FIELD_CODES: &[&str] = &[
    "required",
    "too_short",
    "too_long",
    "invalid_characters",
    "institution_code_format",
    "tracking_number_format",
    "already_exists",
    "amount_mismatch",
    "date_in_future",
    "date_invalid",
];

/// The label of one of the operator's fields.
pub fn field_label(f: &str) -> Option<T> {
    Some(match f {
        field::CODE => S::OperatorLabelCode,
        field::NAME => S::OperatorLabelName,
        KEY_NAME => S::KeyName,
        field::COURIER => T::Courier,
        field::TRACKING_NUMBER => T::TrackingNumber,
        payment::AMOUNT => S::OperatorLabelAmount,
        payment::PAID_ON => S::OperatorLabelPaidOn,
        payment::RECEIPT_NUMBER => S::OperatorLabelReceiptNumber,
        payment::REASON => S::OperatorLabelReversalReason,
        _ => return None,
    })
}

fn length(f: &str) -> Option<(usize, usize)> {
    let range = match f {
        field::CODE => INSTITUTION_CODE_LENGTH,
        field::NAME => INSTITUTION_NAME_LENGTH,
        KEY_NAME => API_KEY_NAME_LENGTH,
        field::COURIER => COURIER_LENGTH,
        field::TRACKING_NUMBER => TRACKING_NUMBER_LENGTH,
        payment::RECEIPT_NUMBER => RECEIPT_NUMBER_LENGTH,
        payment::REASON => REVERSAL_REASON_LENGTH,
        _ => return None,
    };
    Some((*range.start(), *range.end()))
}

fn required(lang: Lang, f: &str) -> String {
    let (tr, en) = match f {
        field::CODE => ("Kurum kodunu girin", "Enter the institution code"),
        field::NAME => ("Kurum adını girin", "Enter the institution's name"),
        KEY_NAME => ("Anahtar adını girin", "Enter a name for the key"),
        field::COURIER => ("Kargo firmasını girin", "Enter the courier"),
        field::TRACKING_NUMBER => ("Kargo takip numarasını girin", "Enter the tracking number"),
        payment::AMOUNT => ("Ödenen tutarı girin", "Enter the amount paid"),
        payment::PAID_ON => ("Ödeme tarihini girin", "Enter the payment date"),
        payment::RECEIPT_NUMBER => (
            "Dekont veya işlem numarasını girin",
            "Enter the receipt or transaction number",
        ),
        payment::REASON => (
            "Geri alma nedenini yazın",
            "Say why the payment is reversed",
        ),
        _ => ("Bu alanı doldurun", "Fill in this field"),
    };
    lang.pick(tr, en).to_owned()
}

/// The message for one error `code` of field `f`, in `lang`.
pub fn field_error(lang: Lang, f: &str, code: &str) -> String {
    let label = field_label(f).map(|t| t.get(lang)).unwrap_or_default();
    let fixed = |tr: &str, en: &str| lang.pick(tr, en).to_owned();
    match (code, length(f)) {
        ("required", Some(_)) => required(lang, f),
        ("too_short", Some((min, _))) => match lang {
            Lang::Tr => format!("{label} en az {min} karakter olmalıdır"),
            Lang::En => format!("{label} must be at least {min} characters"),
        },
        ("too_long", Some((_, max))) => match lang {
            Lang::Tr => format!("{label} en fazla {max} karakter olabilir"),
            Lang::En => format!("{label} must be {max} characters or fewer"),
        },
        ("institution_code_format", _) => fixed(
            "Kurum kodu bir harfle başlamalı ve yalnızca A–Z harfleri, rakamlar, - ve _ içermelidir",
            "The institution code must start with a letter and contain only the letters A–Z, digits, - and _",
        ),
        ("tracking_number_format", _) => fixed(
            "Kargo takip numarası yalnızca harf, rakam ve tire içerebilir; tireyle başlayamaz ve bitemez",
            "The tracking number may contain only letters, digits and hyphens, and cannot start or end with a hyphen",
        ),
        ("amount_mismatch", _) => fixed(
            "Tutar, başvurunun ücretiyle aynı olmalıdır",
            "The amount must be the application's fee",
        ),
        ("date_in_future", _) => fixed(
            "Ödeme tarihi bugünden sonra olamaz",
            "The payment date cannot be after today",
        ),
        ("date_invalid", _) if f == payment::PAID_ON => fixed(
            "Geçerli bir ödeme tarihi girin",
            "Enter a real payment date",
        ),
        ("already_exists", _) => fixed(
            "Bu kod ya da ad başka bir kurumda kullanılıyor",
            "Another institution already has this code or name",
        ),
        _ => form_field_error(lang, f, code),
    }
}

/// "Örnek Kurumu oluşturuldu."
pub fn institution_created(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Tr => format!("{name} oluşturuldu."),
        Lang::En => format!("{name} was created."),
    }
}

/// The revocation's question, naming the key.
pub fn revoke_question(lang: Lang, name: &str, prefix: &str) -> String {
    match lang {
        Lang::Tr => {
            format!("\"{name}\" ({prefix}…) anahtarını iptal etmek istediğinizden emin misiniz?")
        }
        Lang::En => format!("Are you sure you want to revoke the key \"{name}\" ({prefix}…)?"),
    }
}

pub fn key_revoked(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Tr => format!("\"{name}\" anahtarı iptal edildi; artık kabul edilmez."),
        Lang::En => format!("The key \"{name}\" was revoked; it is no longer accepted."),
    }
}

/// "12 başvuru bulundu."
pub fn applications_found(lang: Lang, total: u64) -> String {
    match (lang, total) {
        (Lang::Tr, 0) => S::OperatorNoApplications.get(lang).to_owned(),
        (Lang::Tr, n) => format!("{n} başvuru bulundu."),
        (Lang::En, 0) => S::OperatorNoApplications.get(lang).to_owned(),
        (Lang::En, 1) => "1 application found.".to_owned(),
        (Lang::En, n) => format!("{n} applications found."),
    }
}

/// "470,00 TL — ödeme referansı NES202600012345": what the payment is and how it is quoted.
pub fn amount_with_reference(lang: Lang, amount: &str, reference: &str) -> String {
    match lang {
        Lang::Tr => format!("{amount} — ödeme referansı {reference}"),
        Lang::En => format!("{amount} — payment reference {reference}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_code_has_its_own_message_in_both_languages() {
        for f in [
            field::CODE,
            field::NAME,
            KEY_NAME,
            field::COURIER,
            field::TRACKING_NUMBER,
        ] {
            for code in OPERATOR_FIELD_CODES {
                for lang in Lang::ALL {
                    let message = field_error(lang, f, code);
                    assert!(!message.is_empty());
                    assert!(!message.contains(code), "{f} {code}: {message}");
                }
            }
        }
    }

    #[test]
    fn length_messages_give_the_limits_of_the_field() {
        assert_eq!(
            field_error(Lang::Tr, field::TRACKING_NUMBER, "too_short"),
            "Kargo takip numarası en az 6 karakter olmalıdır"
        );
        assert_eq!(
            field_error(Lang::En, field::CODE, "too_long"),
            "Institution code must be 20 characters or fewer"
        );
        assert_eq!(
            field_error(Lang::Tr, field::COURIER, "required"),
            "Kargo firmasını girin"
        );
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(applications_found(Lang::Tr, 3), "3 başvuru bulundu.");
        assert_eq!(applications_found(Lang::En, 1), "1 application found.");
    }
}
