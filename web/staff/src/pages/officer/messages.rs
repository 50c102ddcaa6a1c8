//! The officer screens' texts with something in them (counts, names, times) and the
//! messages of the field codes only these screens meet (the pre-application's fields, the
//! CSV's own codes, the list's filters). Both languages side by side, like `i18n::messages`,
//! to which every other code is passed on.

use shared::api::officer::{ImportMode, PreApplicationImport};

use crate::i18n::messages::field_error as form_field_error;
use crate::i18n::{Lang, T};
use crate::texts::S;

/// Field names of the pre-application and of the list's filters, as the API names them.
pub mod field {
    pub const TCKN: &str = "tckn";
    pub const FIRST_NAME: &str = "first_name";
    pub const LAST_NAME: &str = "last_name";
    pub const EMAIL: &str = "email";
    pub const PAYER: &str = "payer";
    pub const PREPAID: &str = "prepaid";
    pub const INSTITUTION: &str = "institution";
    /// A CSV row as a whole (wrong number of cells).
    pub const ROW: &str = "row";
    pub const STATE: &str = "state";
    pub const CREATED_FROM: &str = "created_from";
    pub const CREATED_TO: &str = "created_to";
    pub const STALLED_DAYS: &str = "stalled_days";
    pub const PAGE: &str = "page";
    pub const PER_PAGE: &str = "per_page";

    /// The pre-application's fields in the order of the form and of the CSV.
    pub const PRE_APPLICATION: [&str; 7] = [
        TCKN,
        FIRST_NAME,
        LAST_NAME,
        EMAIL,
        PAYER,
        PREPAID,
        INSTITUTION,
    ];
    /// The list's filters in the order of the form.
    pub const FILTERS: [&str; 6] = [
        STATE,
        CREATED_FROM,
        CREATED_TO,
        STALLED_DAYS,
        PAGE,
        PER_PAGE,
    ];
}

/// Codes only the officer screens meet, for the tests.
#[cfg(test)]
pub const OFFICER_FIELD_CODES: &[&str] = &[
    "required",
    "name_empty",
    "name_too_long",
    "name_invalid_characters",
    "email_invalid",
    "email_too_long",
    "payer_invalid",
    "prepaid_invalid",
    "csv_cell_count",
    "out_of_range",
    "date_range_reversed",
];

/// The visible name of a field (used in the row errors of the CSV table).
pub fn field_label(f: &str) -> Option<T> {
    Some(match f {
        field::TCKN => T::LabelTckn,
        field::FIRST_NAME => T::FirstName,
        field::LAST_NAME => S::LastName,
        field::EMAIL => T::Email,
        field::PAYER => S::OfficerLabelPayer,
        field::PREPAID => S::OfficerLabelPrepaid,
        field::INSTITUTION => T::Institution,
        field::ROW => S::OfficerLabelRow,
        field::STATE => T::State,
        field::CREATED_FROM => S::OfficerFilterFrom,
        field::CREATED_TO => S::OfficerFilterTo,
        field::STALLED_DAYS => S::OfficerFilterStalled,
        _ => return None,
    })
}

/// The message for one error `code` of field `f`, in `lang`.
pub fn field_error(lang: Lang, f: &str, code: &str) -> String {
    let (tr, en) = match (f, code) {
        (field::FIRST_NAME, "required" | "name_empty") => ("Adı girin", "Enter the first name"),
        (field::LAST_NAME, "required" | "name_empty") => ("Soyadı girin", "Enter the surname"),
        (field::EMAIL, "required") => ("E-posta adresini girin", "Enter the e-mail address"),
        (field::TCKN, "required") => ("T.C. Kimlik No'yu girin", "Enter the Turkish ID number"),
        (field::PAYER, "required") => ("Ödeme şeklini seçin", "Choose who pays"),
        (_, "name_empty") => ("Bu alanı doldurun", "Fill in this field"),
        (_, "name_too_long") => (
            "Ad ve soyad en fazla 60 karakter olabilir",
            "Names must be 60 characters or fewer",
        ),
        (_, "name_invalid_characters") => (
            "Ad ve soyad yalnızca harf, boşluk, kesme işareti, nokta ve tire içerebilir",
            "Names may contain only letters, spaces, apostrophes, dots and hyphens",
        ),
        (_, "email_invalid") => (
            "Geçerli bir e-posta adresi girin (ornek@kurum.gov.tr gibi)",
            "Enter a valid e-mail address (like name@kurum.gov.tr)",
        ),
        (_, "email_too_long") => (
            "E-posta adresi en fazla 254 karakter olabilir",
            "The e-mail address must be 254 characters or fewer",
        ),
        (_, "payer_invalid") => (
            "Ödeme şekli \"kurum\" ya da \"kişi\" olmalıdır",
            "Who pays must be \"kurum\" (the institution) or \"kişi\" (the person)",
        ),
        (_, "prepaid_invalid") => (
            "Ön ödemeli sütunu \"evet\", \"hayır\" ya da boş olmalıdır",
            "The prepaid column must be \"evet\" (yes), \"hayır\" (no) or empty",
        ),
        (_, "csv_cell_count") => (
            "Bu satırdaki hücre sayısı başlık satırındakiyle aynı değil",
            "This row does not have as many cells as the header row",
        ),
        (field::STALLED_DAYS, "out_of_range") => (
            "1 ile 3650 arasında bir gün sayısı girin",
            "Enter a number of days from 1 to 3650",
        ),
        (_, "out_of_range") => (
            "Bu değer izin verilen aralıkta değil",
            "This value is out of range",
        ),
        (_, "date_range_reversed") => (
            "Bitiş tarihi başlangıç tarihinden önce olamaz",
            "The end date cannot be before the start date",
        ),
        _ => return form_field_error(lang, f, code),
    };
    lang.pick(tr, en).to_owned()
}

/// `"T.C. Kimlik No: …"`: a row error in the CSV table names its column.
pub fn labelled_field_error(lang: Lang, f: &str, code: &str) -> String {
    let message = field_error(lang, f, code);
    match field_label(f) {
        Some(label) => format!("{}: {message}", label.get(lang)),
        None => message,
    }
}

/// "12 başvuru bulundu."
pub fn applications_found(lang: Lang, total: u64) -> String {
    match (lang, total) {
        (Lang::Tr, 0) => "Bu ölçütlere uyan başvuru yok.".to_owned(),
        (Lang::Tr, n) => format!("{n} başvuru bulundu."),
        (Lang::En, 0) => "No application matches these filters.".to_owned(),
        (Lang::En, 1) => "1 application found.".to_owned(),
        (Lang::En, n) => format!("{n} applications found."),
    }
}

/// How long until the notification e-mail may go again, in whole minutes (rounded up).
pub fn resend_wait(lang: Lang, seconds: u64) -> String {
    let minutes = seconds.div_ceil(60).max(1);
    match (lang, minutes) {
        (Lang::Tr, n) => format!("E-posta {n} dakika sonra yeniden gönderilebilir."),
        (Lang::En, 1) => "The e-mail can be sent again in 1 minute.".to_owned(),
        (Lang::En, n) => format!("The e-mail can be sent again in {n} minutes."),
    }
}

pub fn resent_to(lang: Lang, recipient: &str) -> String {
    match lang {
        Lang::Tr => format!(
            "Bildirim e-postası {recipient} adresine yeniden gönderilmek üzere sıraya alındı."
        ),
        Lang::En => format!("The notification e-mail to {recipient} is queued to be sent again."),
    }
}

/// After one pre-application was created or found.
pub fn created_one(lang: Lang, reference: &str) -> String {
    match lang {
        Lang::Tr => format!("{reference} numaralı ön başvuru oluşturuldu ve kişiye bildirim e-postası gönderiliyor."),
        Lang::En => format!("Pre-application {reference} was created and the person is being e-mailed."),
    }
}

pub fn existing_one(lang: Lang, reference: &str) -> String {
    match lang {
        Lang::Tr => format!("Bu kişi için açık bir ön başvuru zaten var: {reference}. Yeni bir başvuru oluşturulmadı."),
        Lang::En => format!("This person already has an open pre-application: {reference}. No new one was created."),
    }
}

/// The outcome of a dry run or a commit, in one sentence.
pub fn import_summary(lang: Lang, report: &PreApplicationImport) -> String {
    let r = report;
    match (report.mode, lang) {
        (ImportMode::DryRun, Lang::Tr) => format!(
            "{} satır okundu: {} satır geçerli, {} satır hatalı. Henüz hiçbir şey kaydedilmedi.",
            r.total, r.valid, r.rejected
        ),
        (ImportMode::DryRun, Lang::En) => format!(
            "{} rows read: {} valid, {} with errors. Nothing has been saved yet.",
            r.total, r.valid, r.rejected
        ),
        (ImportMode::Commit, Lang::Tr) => format!(
            "{} ön başvuru oluşturuldu, {} kişi için zaten açık ön başvuru vardı, {} hatalı satır oluşturulmadı.",
            r.created, r.existing, r.rejected
        ),
        (ImportMode::Commit, Lang::En) => format!(
            "{} pre-applications created, {} people already had an open one, {} rows with errors were not created.",
            r.created, r.existing, r.rejected
        ),
    }
}

/// The commit button: how many rows it saves.
pub fn commit_button(lang: Lang, valid: usize) -> String {
    match (lang, valid) {
        (Lang::Tr, n) => format!("{n} geçerli satırı kaydet"),
        (Lang::En, 1) => "Save the 1 valid row".to_owned(),
        (Lang::En, n) => format!("Save the {n} valid rows"),
    }
}

/// The limits of one file.
pub fn import_limits(lang: Lang, max_rows: usize, max_bytes: usize) -> String {
    let megabytes = max_bytes / (1024 * 1024);
    match lang {
        Lang::Tr => format!("Bir dosyada en fazla {max_rows} satır olabilir; dosya en fazla {megabytes} MB olabilir."),
        Lang::En => format!("A file may hold at most {max_rows} rows and be at most {megabytes} MB."),
    }
}

/// The webhook screens' fields, as the API names them.
pub mod webhook_field {
    pub const URL: &str = "url";
    pub const DESCRIPTION: &str = "description";
    pub const INSTITUTION_ID: &str = "institution_id";
    /// The endpoint as a whole (a redelivery to a disabled one).
    pub const ENDPOINT: &str = "endpoint";

    /// The form's fields in its order.
    pub const FORM: [&str; 2] = [URL, DESCRIPTION];
}

/// Codes the webhook screens meet, for the tests.
#[cfg(test)]
pub const WEBHOOK_FIELD_CODES: &[(&str, &str)] = &[
    (webhook_field::URL, "required"),
    (webhook_field::URL, "invalid_url"),
    (webhook_field::URL, "not_https"),
    (webhook_field::URL, "private_address"),
    (webhook_field::URL, "too_many_endpoints"),
    (webhook_field::DESCRIPTION, "too_long"),
    (webhook_field::INSTITUTION_ID, "required"),
    (webhook_field::INSTITUTION_ID, "unknown"),
    (webhook_field::ENDPOINT, "disabled"),
];

/// The message for one error `code` of the webhook field `f`, in `lang`.
pub fn webhook_field_error(lang: Lang, f: &str, code: &str) -> String {
    use shared::api::webhooks::{MAX_DESCRIPTION_CHARS, MAX_ENDPOINTS_PER_INSTITUTION};
    let fixed = |tr: &str, en: &str| lang.pick(tr, en).to_owned();
    match (f, code) {
        (webhook_field::URL, "required") => fixed("Adresi girin", "Enter the URL"),
        (webhook_field::URL, "invalid_url") => fixed(
            "Geçerli bir adres girin: https:// ile başlayan, boşluk, kullanıcı adı ya da # içermeyen (https://ik.kurum.gov.tr/nes-webhooks gibi)",
            "Enter a valid URL: starting with https://, without spaces, a user name or # (like https://ik.kurum.gov.tr/nes-webhooks)",
        ),
        (webhook_field::URL, "not_https") => fixed(
            "Adres https:// ile başlamalıdır",
            "The URL must start with https://",
        ),
        (webhook_field::URL, "private_address") => fixed(
            "Adres internetten erişilebilen bir sunucuya çıkmalıdır; yerel ya da özel ağ adresleri kullanılamaz",
            "The URL must lead to a server reachable from the internet; local and private network addresses cannot be used",
        ),
        (webhook_field::URL, "too_many_endpoints") => match lang {
            Lang::Tr => format!(
                "Bir kurum en fazla {MAX_ENDPOINTS_PER_INSTITUTION} adres kaydedebilir; yenisini eklemek için önce birini kaldırın"
            ),
            Lang::En => format!(
                "An institution can register at most {MAX_ENDPOINTS_PER_INSTITUTION} endpoints; remove one before adding another"
            ),
        },
        (webhook_field::DESCRIPTION, "too_long") => match lang {
            Lang::Tr => format!("Açıklama en fazla {MAX_DESCRIPTION_CHARS} karakter olabilir"),
            Lang::En => format!("The description must be {MAX_DESCRIPTION_CHARS} characters or fewer"),
        },
        (webhook_field::INSTITUTION_ID, "required") => fixed(
            "Adresin hangi kuruma ait olduğu belirtilmedi",
            "The institution the endpoint belongs to is missing",
        ),
        (webhook_field::INSTITUTION_ID, "unknown") => {
            fixed("Bu kurum bulunamadı", "This institution was not found")
        }
        (webhook_field::ENDPOINT, "disabled") => fixed(
            "Adres devre dışı: yeniden göndermek için önce adresi etkinleştirin",
            "The endpoint is disabled: enable it before sending again",
        ),
        _ => form_field_error(lang, f, code),
    }
}

/// The endpoint's answer time: "120 ms", "2,5 sn" / "2.5 s".
pub fn duration(lang: Lang, ms: u32) -> String {
    if ms < 1000 {
        return format!("{ms} ms");
    }
    let tenths = (ms + 50) / 100;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    match lang {
        Lang::Tr => format!("{whole},{tenth} sn"),
        Lang::En => format!("{whole}.{tenth} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_officer_code_has_its_own_message_in_both_languages() {
        for lang in Lang::ALL {
            for &code in OFFICER_FIELD_CODES {
                for f in field::PRE_APPLICATION.iter().chain(field::FILTERS.iter()) {
                    let message = field_error(lang, f, code);
                    assert!(!message.trim().is_empty(), "{code} {f}");
                    assert!(!message.contains(code), "{code} untranslated for {f}");
                }
            }
        }
        for &code in OFFICER_FIELD_CODES {
            assert_ne!(
                field_error(Lang::Tr, field::EMAIL, code),
                field_error(Lang::En, field::EMAIL, code)
            );
        }
    }

    #[test]
    fn length_messages_carry_the_shared_limits() {
        let name = shared::person_name::MAX_NAME_LENGTH.to_string();
        assert!(field_error(Lang::Tr, field::FIRST_NAME, "name_too_long").contains(&name));
        let email = shared::email::MAX_EMAIL_LENGTH.to_string();
        assert!(field_error(Lang::En, field::EMAIL, "email_too_long").contains(&email));
    }

    #[test]
    fn other_codes_are_the_forms_messages() {
        assert_eq!(
            field_error(Lang::Tr, field::TCKN, "tckn_checksum"),
            form_field_error(Lang::Tr, field::TCKN, "tckn_checksum")
        );
    }

    #[test]
    fn row_errors_name_their_column() {
        assert_eq!(
            labelled_field_error(Lang::Tr, field::FIRST_NAME, "name_empty"),
            "Ad: Adı girin"
        );
        assert_eq!(
            labelled_field_error(Lang::En, field::EMAIL, "email_invalid"),
            "E-mail: Enter a valid e-mail address (like name@kurum.gov.tr)"
        );
    }

    #[test]
    fn waiting_times_are_whole_minutes_rounded_up() {
        assert_eq!(
            resend_wait(Lang::Tr, 61),
            "E-posta 2 dakika sonra yeniden gönderilebilir."
        );
        assert_eq!(
            resend_wait(Lang::En, 1),
            "The e-mail can be sent again in 1 minute."
        );
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!(applications_found(Lang::En, 1), "1 application found.");
        assert_eq!(applications_found(Lang::Tr, 12), "12 başvuru bulundu.");
        assert_eq!(commit_button(Lang::Tr, 3), "3 geçerli satırı kaydet");
        assert_eq!(
            import_limits(Lang::En, 1000, 1024 * 1024),
            "A file may hold at most 1000 rows and be at most 1 MB."
        );
    }

    #[test]
    fn every_webhook_code_has_its_own_message_in_both_languages() {
        for &(f, code) in WEBHOOK_FIELD_CODES {
            for lang in Lang::ALL {
                let message = webhook_field_error(lang, f, code);
                assert!(!message.is_empty(), "{f} {code}");
                assert_ne!(
                    message,
                    form_field_error(lang, "x", "no_such_code"),
                    "{f} {code}"
                );
            }
        }
        assert!(webhook_field_error(Lang::En, "url", "too_many_endpoints").contains("10"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(Lang::Tr, 120), "120 ms");
        assert_eq!(duration(Lang::Tr, 2460), "2,5 sn");
        assert_eq!(duration(Lang::En, 10_000), "10.0 s");
    }
}
