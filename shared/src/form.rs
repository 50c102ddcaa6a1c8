//! The application form ("Başvuru Formu", TAL.01.16 §3.3).
//!
//! The pre-application already knows the person's TC Kimlik No, name, e-mail and institution
//! ([`PrefilledFields`]); those are shown locked. The person fills in the rest
//! ([`ApplicationFormInput`], raw strings exactly as the browser sends them), and
//! [`validate_form`] turns that into a valid [`ApplicationForm`] or into [`FieldErrors`]: every
//! problem of every field, as stable snake_case codes that the browser translates. The browser
//! and the API run this very same function.
//!
//! Text is cleaned before it is measured, as all free text is ([`crate::text`]): NFC, trimmed,
//! inner whitespace collapsed; control and invisible formatting characters make a field
//! `invalid_characters`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize, Serializer};

use crate::email::Email;
use crate::il::Il;
use crate::person_name::PersonName;
use crate::phone::MobilePhone;
use crate::tckn::Tckn;
use crate::text::{bounded, required};

/// The input field names, as used in [`ApplicationFormInput`] and as keys of [`FieldErrors`].
pub mod field {
    pub const TCKN: &str = "tckn";
    pub const MOBILE_PHONE: &str = "mobile_phone";
    pub const BIRTH_DATE: &str = "birth_date";
    pub const TITLE: &str = "title";
    pub const ADDRESS_IL: &str = "address_il";
    pub const ADDRESS_ILCE: &str = "address_ilce";
    pub const ADDRESS_LINE: &str = "address_line";
    pub const POSTAL_CODE: &str = "postal_code";
    pub const CERTIFICATE_TERM_YEARS: &str = "certificate_term_years";
}

/// The field names in the order the form shows them.
pub const FORM_FIELDS: &[&str] = &[
    field::TCKN,
    field::MOBILE_PHONE,
    field::BIRTH_DATE,
    field::TITLE,
    field::ADDRESS_IL,
    field::ADDRESS_ILCE,
    field::ADDRESS_LINE,
    field::POSTAL_CODE,
    field::CERTIFICATE_TERM_YEARS,
];

/// Length limits, in characters after cleaning.
pub const TITLE_LENGTH: std::ops::RangeInclusive<usize> = 2..=100;
pub const ILCE_LENGTH: std::ops::RangeInclusive<usize> = 2..=50;
pub const ADDRESS_LINE_LENGTH: std::ops::RangeInclusive<usize> = 10..=250;
/// The youngest age at which a person may apply.
pub const MINIMUM_AGE_YEARS: i32 = 18;

/// Fields that come pre-filled and locked from the pre-application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PrefilledFields {
    pub tckn: Tckn,
    pub first_name: PersonName,
    pub last_name: PersonName,
    pub email: Email,
    /// The institution that reported the person (kurum).
    pub institution: String,
}

/// What the browser sends: raw strings, missing fields default to empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ApplicationFormInput {
    /// Optional echo of the locked TC Kimlik No; if present it must equal the pre-filled one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tckn: Option<String>,
    /// Any common spelling of a Turkish mobile number, e.g. `0532 123 45 67`.
    pub mobile_phone: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// Title / position (unvan / görev).
    pub title: String,
    /// Province (il) name.
    pub address_il: String,
    /// District (ilçe).
    pub address_ilce: String,
    /// Street address (açık adres).
    pub address_line: String,
    /// Five digits; the first two are the province's plate code.
    pub postal_code: String,
    /// `"1"`, `"2"` or `"3"`.
    pub certificate_term_years: String,
}

/// Where the smart card is delivered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct DeliveryAddress {
    pub il: Il,
    pub ilce: String,
    pub line: String,
    pub postal_code: String,
}

/// How long the certificate is valid. Serialised as the number of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(try_from = "u8")]
pub enum CertificateTerm {
    OneYear,
    TwoYears,
    ThreeYears,
}

/// A certificate term other than 1, 2 or 3 years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CertificateTermError {
    #[error("the certificate term is 1, 2 or 3 years")]
    Invalid,
}

impl CertificateTermError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            CertificateTermError::Invalid => "term_invalid",
        }
    }
}

impl CertificateTerm {
    pub const ALL: [CertificateTerm; 3] = [
        CertificateTerm::OneYear,
        CertificateTerm::TwoYears,
        CertificateTerm::ThreeYears,
    ];

    pub fn years(self) -> u8 {
        match self {
            CertificateTerm::OneYear => 1,
            CertificateTerm::TwoYears => 2,
            CertificateTerm::ThreeYears => 3,
        }
    }

    pub fn from_years(years: u8) -> Option<CertificateTerm> {
        match years {
            1 => Some(CertificateTerm::OneYear),
            2 => Some(CertificateTerm::TwoYears),
            3 => Some(CertificateTerm::ThreeYears),
            _ => None,
        }
    }
}

impl TryFrom<u8> for CertificateTerm {
    type Error = CertificateTermError;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        CertificateTerm::from_years(value).ok_or(CertificateTermError::Invalid)
    }
}

impl From<CertificateTerm> for u8 {
    fn from(value: CertificateTerm) -> Self {
        value.years()
    }
}

impl Serialize for CertificateTerm {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.years())
    }
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for CertificateTerm {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .description(Some("Certificate validity in years."))
            .enum_values(Some([1, 2, 3]))
            .examples([3])
            .into()
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for CertificateTerm {}

/// The valid form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct ApplicationForm {
    pub mobile_phone: MobilePhone,
    pub birth_date: NaiveDate,
    pub title: String,
    pub address: DeliveryAddress,
    pub certificate_term: CertificateTerm,
}

impl ApplicationForm {
    /// The form as input again, so that a saved form can be shown for editing.
    /// Validating the result gives this form back.
    pub fn to_input(&self) -> ApplicationFormInput {
        ApplicationFormInput {
            tckn: None,
            mobile_phone: self.mobile_phone.national(),
            birth_date: format!(
                "{:04}-{:02}-{:02}",
                self.birth_date.year(),
                self.birth_date.month(),
                self.birth_date.day()
            ),
            title: self.title.clone(),
            address_il: self.address.il.name().to_owned(),
            address_ilce: self.address.ilce.clone(),
            address_line: self.address.line.clone(),
            postal_code: self.address.postal_code.clone(),
            certificate_term_years: self.certificate_term.years().to_string(),
        }
    }
}

/// Field-level errors: field name → stable codes, in a deterministic order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of fields with at least one error.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Records `code` for `field`; a code already recorded for the field is not repeated.
    pub fn add(&mut self, field: impl Into<String>, code: impl Into<String>) {
        let codes = self.0.entry(field.into()).or_default();
        let code = code.into();
        if !codes.contains(&code) {
            codes.push(code);
        }
    }

    /// The codes of one field; empty if the field is fine.
    pub fn get(&self, field: &str) -> &[String] {
        self.0.get(field).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(f, c)| (f.as_str(), c.as_slice()))
    }

    pub fn into_inner(self) -> BTreeMap<String, Vec<String>> {
        self.0
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, codes) in self.iter() {
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            write!(f, "{field}: {}", codes.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

/// A real calendar date written exactly as `YYYY-MM-DD`.
fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if s.len() != 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// Whole years between `birth` and `today` (a 29 February birthday counts from 1 March in
/// common years).
fn age_in_years(birth: NaiveDate, today: NaiveDate) -> i32 {
    let had_birthday = (today.month(), today.day()) >= (birth.month(), birth.day());
    today.year() - birth.year() - if had_birthday { 0 } else { 1 }
}

fn validate_birth_date(errors: &mut FieldErrors, raw: &str, today: NaiveDate) -> Option<NaiveDate> {
    let text = required(errors, field::BIRTH_DATE, raw)?;
    let Some(date) = parse_iso_date(&text) else {
        errors.add(field::BIRTH_DATE, "date_invalid");
        return None;
    };
    let code = if date < earliest_birth_date() {
        "date_too_old"
    } else if date > today {
        "date_in_future"
    } else if age_in_years(date, today) < MINIMUM_AGE_YEARS {
        "too_young"
    } else {
        return Some(date);
    };
    errors.add(field::BIRTH_DATE, code);
    None
}

/// 1900-01-01: earlier birth dates are typing mistakes.
fn earliest_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Validates the whole form and reports every problem of every field.
///
/// `today` is the date in Türkiye on which the form is checked (for the age rules).
pub fn validate_form(
    input: &ApplicationFormInput,
    prefilled: &PrefilledFields,
    today: NaiveDate,
) -> Result<ApplicationForm, FieldErrors> {
    let mut errors = FieldErrors::new();

    if let Some(raw) = input.tckn.as_deref().filter(|t| !t.trim().is_empty()) {
        match Tckn::parse(raw) {
            Ok(tckn) if tckn == prefilled.tckn => {}
            Ok(_) => errors.add(field::TCKN, "locked_field"),
            Err(e) => errors.add(field::TCKN, e.code()),
        }
    }

    let mobile_phone =
        required(&mut errors, field::MOBILE_PHONE, &input.mobile_phone).and_then(|text| {
            match MobilePhone::parse(&text) {
                Ok(phone) => Some(phone),
                Err(e) => {
                    errors.add(field::MOBILE_PHONE, e.code());
                    None
                }
            }
        });

    let birth_date = validate_birth_date(&mut errors, &input.birth_date, today);

    let title = required(&mut errors, field::TITLE, &input.title)
        .and_then(|t| bounded(&mut errors, field::TITLE, t, TITLE_LENGTH));

    let il = required(&mut errors, field::ADDRESS_IL, &input.address_il).and_then(|text| {
        let il = Il::by_name(&text);
        if il.is_none() {
            errors.add(field::ADDRESS_IL, "il_unknown");
        }
        il
    });

    let ilce = required(&mut errors, field::ADDRESS_ILCE, &input.address_ilce)
        .and_then(|t| bounded(&mut errors, field::ADDRESS_ILCE, t, ILCE_LENGTH));

    let line = required(&mut errors, field::ADDRESS_LINE, &input.address_line)
        .and_then(|t| bounded(&mut errors, field::ADDRESS_LINE, t, ADDRESS_LINE_LENGTH));

    let postal_code = required(&mut errors, field::POSTAL_CODE, &input.postal_code)
        .map(|text| text.replace(' ', ""))
        .and_then(|code| {
            if code.len() != 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
                errors.add(field::POSTAL_CODE, "postal_code_invalid");
                return None;
            }
            // Turkish postal codes start with the province's plate code.
            match il {
                Some(il) if !code.starts_with(&il.plate_code()) => {
                    errors.add(field::POSTAL_CODE, "postal_code_il_mismatch");
                    None
                }
                _ => Some(code),
            }
        });

    let certificate_term = required(
        &mut errors,
        field::CERTIFICATE_TERM_YEARS,
        &input.certificate_term_years,
    )
    .and_then(|text| {
        let term = match text.as_str() {
            "1" => Some(CertificateTerm::OneYear),
            "2" => Some(CertificateTerm::TwoYears),
            "3" => Some(CertificateTerm::ThreeYears),
            _ => None,
        };
        if term.is_none() {
            errors.add(field::CERTIFICATE_TERM_YEARS, "term_invalid");
        }
        term
    });

    match (
        mobile_phone,
        birth_date,
        title,
        il,
        ilce,
        line,
        postal_code,
        certificate_term,
    ) {
        (
            Some(mobile_phone),
            Some(birth_date),
            Some(title),
            Some(il),
            Some(ilce),
            Some(line),
            Some(postal_code),
            Some(certificate_term),
        ) if errors.is_empty() => Ok(ApplicationForm {
            mobile_phone,
            birth_date,
            title,
            address: DeliveryAddress {
                il,
                ilce,
                line,
                postal_code,
            },
            certificate_term,
        }),
        // Every `None` above has recorded an error, so `errors` is not empty here.
        _ => Err(errors),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
    }

    fn prefilled() -> PrefilledFields {
        PrefilledFields {
            tckn: Tckn::parse("10000000146").unwrap(),
            first_name: PersonName::parse("Ayşe").unwrap(),
            last_name: PersonName::parse("Yılmaz").unwrap(),
            email: Email::parse("ayse.yilmaz@kurum.gov.tr").unwrap(),
            institution: "Türkiye İstatistik Kurumu".to_owned(),
        }
    }

    fn valid_input() -> ApplicationFormInput {
        ApplicationFormInput {
            tckn: None,
            mobile_phone: "0532 123 45 67".to_owned(),
            birth_date: "1985-04-23".to_owned(),
            title: "Uzman".to_owned(),
            address_il: "Ankara".to_owned(),
            address_ilce: "Çankaya".to_owned(),
            address_line: "Necatibey Cad. No: 114 Kat 3".to_owned(),
            postal_code: "06100".to_owned(),
            certificate_term_years: "3".to_owned(),
        }
    }

    fn errors_of(input: &ApplicationFormInput) -> FieldErrors {
        validate_form(input, &prefilled(), today()).unwrap_err()
    }

    /// The codes of one field after changing just that field of a valid input.
    fn codes_with(change: impl FnOnce(&mut ApplicationFormInput), field: &str) -> Vec<String> {
        let mut input = valid_input();
        change(&mut input);
        let errors = errors_of(&input);
        assert_eq!(errors.len(), 1, "only {field} should fail: {errors}");
        errors.get(field).to_vec()
    }

    #[test]
    fn a_valid_form_passes() {
        let form = validate_form(&valid_input(), &prefilled(), today()).unwrap();
        assert_eq!(form.mobile_phone.as_e164(), "+905321234567");
        assert_eq!(
            form.birth_date,
            NaiveDate::from_ymd_opt(1985, 4, 23).unwrap()
        );
        assert_eq!(form.title, "Uzman");
        assert_eq!(form.address.il.plate(), 6);
        assert_eq!(form.address.ilce, "Çankaya");
        assert_eq!(form.address.postal_code, "06100");
        assert_eq!(form.certificate_term, CertificateTerm::ThreeYears);
    }

    #[test]
    fn text_is_trimmed_and_whitespace_collapsed() {
        let mut input = valid_input();
        input.title = "  Şube \t Müdürü \n".to_owned();
        input.address_line = "Necatibey Cad.\r\nNo: 114\n  Kat 3".to_owned();
        input.address_il = " istanbul ".to_owned();
        input.postal_code = " 34 000 ".to_owned();
        let form = validate_form(&input, &prefilled(), today()).unwrap();
        assert_eq!(form.title, "Şube Müdürü");
        assert_eq!(form.address.line, "Necatibey Cad. No: 114 Kat 3");
        assert_eq!(form.address.il.name(), "İstanbul");
        assert_eq!(form.address.postal_code, "34000");
    }

    #[test]
    fn an_empty_form_reports_required_for_every_field_but_tckn() {
        let errors = errors_of(&ApplicationFormInput::default());
        for field in FORM_FIELDS.iter().filter(|f| **f != field::TCKN) {
            assert_eq!(errors.get(field), ["required"], "{field}");
        }
        assert!(errors.get(field::TCKN).is_empty());
    }

    #[test]
    fn blank_fields_are_required() {
        assert_eq!(
            codes_with(|i| i.title = "  \t ".to_owned(), field::TITLE),
            ["required"]
        );
    }

    #[test]
    fn all_errors_are_collected_not_just_the_first() {
        let mut input = valid_input();
        input.mobile_phone = "0312 123 45 67".to_owned();
        input.birth_date = "2030-01-01".to_owned();
        input.certificate_term_years = "5".to_owned();
        let errors = errors_of(&input);
        assert_eq!(errors.get(field::MOBILE_PHONE), ["phone_not_mobile"]);
        assert_eq!(errors.get(field::BIRTH_DATE), ["date_in_future"]);
        assert_eq!(errors.get(field::CERTIFICATE_TERM_YEARS), ["term_invalid"]);
        assert_eq!(errors.len(), 3);
    }

    #[test]
    fn the_same_tckn_echoed_back_is_accepted_and_a_blank_one_ignored() {
        let mut input = valid_input();
        input.tckn = Some(" 10000000146 ".to_owned());
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
        input.tckn = Some(String::new());
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
    }

    #[test]
    fn a_different_valid_tckn_is_a_locked_field() {
        let other = Tckn::from_first_nine([2, 3, 4, 5, 6, 7, 8, 9, 1]).unwrap();
        assert_eq!(
            codes_with(|i| i.tckn = Some(other.to_string()), field::TCKN),
            ["locked_field"]
        );
    }

    #[test]
    fn an_invalid_tckn_reports_its_own_code() {
        assert_eq!(
            codes_with(|i| i.tckn = Some("10000000145".to_owned()), field::TCKN),
            ["tckn_checksum"]
        );
        assert_eq!(
            codes_with(|i| i.tckn = Some("123".to_owned()), field::TCKN),
            ["tckn_length"]
        );
    }

    #[test]
    fn mobile_phone_errors_use_the_phone_codes() {
        assert_eq!(
            codes_with(
                |i| i.mobile_phone = "0532 12".to_owned(),
                field::MOBILE_PHONE
            ),
            ["phone_invalid"]
        );
        assert_eq!(
            codes_with(
                |i| i.mobile_phone = "0312 123 45 67".to_owned(),
                field::MOBILE_PHONE
            ),
            ["phone_not_mobile"]
        );
    }

    #[test]
    fn birth_dates_must_be_real_dates_written_yyyy_mm_dd() {
        for bad in [
            "23.04.1985",
            "1985-4-23",
            "1985-02-30",
            "1985/04/23",
            "85-04-23",
            "1985-04-23T00:00",
            "+985-04-23",
        ] {
            assert_eq!(
                codes_with(|i| i.birth_date = bad.to_owned(), field::BIRTH_DATE),
                ["date_invalid"],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_birth_date_in_the_future_is_rejected() {
        assert_eq!(
            codes_with(
                |i| i.birth_date = "2025-06-16".to_owned(),
                field::BIRTH_DATE
            ),
            ["date_in_future"]
        );
    }

    #[test]
    fn an_applicant_must_be_eighteen_on_the_day() {
        assert_eq!(
            codes_with(
                |i| i.birth_date = "2007-06-16".to_owned(),
                field::BIRTH_DATE
            ),
            ["too_young"]
        );
        let mut input = valid_input();
        input.birth_date = "2007-06-15".to_owned();
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
    }

    #[test]
    fn a_leap_day_birthday_turns_eighteen_on_the_first_of_march() {
        let mut input = valid_input();
        input.birth_date = "2008-02-29".to_owned();
        let feb_28 = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        let mar_1 = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            validate_form(&input, &prefilled(), feb_28)
                .unwrap_err()
                .get(field::BIRTH_DATE),
            ["too_young"]
        );
        assert!(validate_form(&input, &prefilled(), mar_1).is_ok());
    }

    #[test]
    fn a_birth_date_before_1900_is_too_old() {
        assert_eq!(
            codes_with(
                |i| i.birth_date = "1899-12-31".to_owned(),
                field::BIRTH_DATE
            ),
            ["date_too_old"]
        );
        let mut input = valid_input();
        input.birth_date = "1900-01-01".to_owned();
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
    }

    #[test]
    fn title_must_be_between_2_and_100_characters() {
        assert_eq!(
            codes_with(|i| i.title = "A".to_owned(), field::TITLE),
            ["too_short"]
        );
        assert_eq!(
            codes_with(|i| i.title = "ş".repeat(101), field::TITLE),
            ["too_long"]
        );
        let mut input = valid_input();
        input.title = "ş".repeat(100);
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
    }

    #[test]
    fn an_unknown_province_is_rejected() {
        assert_eq!(
            codes_with(|i| i.address_il = "Atlantis".to_owned(), field::ADDRESS_IL),
            ["il_unknown"]
        );
    }

    #[test]
    fn district_must_be_between_2_and_50_characters() {
        assert_eq!(
            codes_with(|i| i.address_ilce = "Ç".to_owned(), field::ADDRESS_ILCE),
            ["too_short"]
        );
        assert_eq!(
            codes_with(|i| i.address_ilce = "a".repeat(51), field::ADDRESS_ILCE),
            ["too_long"]
        );
    }

    #[test]
    fn address_line_must_be_between_10_and_250_characters() {
        assert_eq!(
            codes_with(|i| i.address_line = "Kat 3".to_owned(), field::ADDRESS_LINE),
            ["too_short"]
        );
        assert_eq!(
            codes_with(|i| i.address_line = "a".repeat(251), field::ADDRESS_LINE),
            ["too_long"]
        );
        let mut input = valid_input();
        input.address_line = "a".repeat(250);
        assert!(validate_form(&input, &prefilled(), today()).is_ok());
    }

    #[test]
    fn a_postal_code_is_exactly_five_digits() {
        for bad in ["0610", "061000", "06a00", "O6100"] {
            assert_eq!(
                codes_with(|i| i.postal_code = bad.to_owned(), field::POSTAL_CODE),
                ["postal_code_invalid"],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_postal_code_must_start_with_the_plate_of_the_province() {
        assert_eq!(
            codes_with(|i| i.postal_code = "34000".to_owned(), field::POSTAL_CODE),
            ["postal_code_il_mismatch"]
        );
    }

    #[test]
    fn the_postal_code_is_not_compared_with_an_unknown_province() {
        let mut input = valid_input();
        input.address_il = "Atlantis".to_owned();
        input.postal_code = "34000".to_owned();
        let errors = errors_of(&input);
        assert!(errors.get(field::POSTAL_CODE).is_empty());
        assert_eq!(errors.get(field::ADDRESS_IL), ["il_unknown"]);
    }

    #[test]
    fn the_certificate_term_is_one_two_or_three_years() {
        for bad in ["0", "4", "01", "3 yıl", "-1", "1.5"] {
            assert_eq!(
                codes_with(
                    |i| i.certificate_term_years = bad.to_owned(),
                    field::CERTIFICATE_TERM_YEARS
                ),
                ["term_invalid"],
                "{bad}"
            );
        }
        for (text, term) in [
            ("1", CertificateTerm::OneYear),
            ("2", CertificateTerm::TwoYears),
            (" 3 ", CertificateTerm::ThreeYears),
        ] {
            let mut input = valid_input();
            input.certificate_term_years = text.to_owned();
            let form = validate_form(&input, &prefilled(), today()).unwrap();
            assert_eq!(form.certificate_term, term);
        }
    }

    #[test]
    fn control_and_invisible_characters_are_invalid() {
        assert_eq!(
            codes_with(|i| i.title = "Uz\u{0}man".to_owned(), field::TITLE),
            ["invalid_characters"]
        );
        assert_eq!(
            codes_with(
                |i| i.address_line = "Necatibey Cad. \u{202E}41 :oN".to_owned(),
                field::ADDRESS_LINE
            ),
            ["invalid_characters"]
        );
        assert_eq!(
            codes_with(
                |i| i.address_ilce = "Çan\u{7}kaya".to_owned(),
                field::ADDRESS_ILCE
            ),
            ["invalid_characters"]
        );
    }

    #[test]
    fn certificate_term_serialises_as_a_number() {
        assert_eq!(
            serde_json::to_string(&CertificateTerm::TwoYears).unwrap(),
            "2"
        );
        assert_eq!(
            serde_json::from_str::<CertificateTerm>("3").unwrap(),
            CertificateTerm::ThreeYears
        );
        assert!(serde_json::from_str::<CertificateTerm>("4").is_err());
        for term in CertificateTerm::ALL {
            assert_eq!(CertificateTerm::from_years(term.years()), Some(term));
        }
        assert_eq!(CertificateTermError::Invalid.code(), "term_invalid");
    }

    #[test]
    fn field_errors_serialise_as_a_plain_sorted_map() {
        let mut errors = FieldErrors::new();
        errors.add("title", "too_short");
        errors.add("birth_date", "date_invalid");
        errors.add("title", "too_short");
        assert_eq!(
            serde_json::to_string(&errors).unwrap(),
            r#"{"birth_date":["date_invalid"],"title":["too_short"]}"#
        );
        assert_eq!(
            errors.to_string(),
            "birth_date: date_invalid; title: too_short"
        );
        let back: FieldErrors =
            serde_json::from_str(&serde_json::to_string(&errors).unwrap()).unwrap();
        assert_eq!(back, errors);
        assert_eq!(errors.iter().count(), 2);
        assert_eq!(errors.into_inner().len(), 2);
    }

    #[test]
    fn missing_fields_in_the_json_body_default_to_empty() {
        let input: ApplicationFormInput =
            serde_json::from_str(r#"{"mobile_phone":"05321234567"}"#).unwrap();
        assert_eq!(input.mobile_phone, "05321234567");
        assert_eq!(input.tckn, None);
        assert_eq!(input.title, "");
    }

    #[test]
    fn a_saved_form_shown_again_validates_to_the_same_form() {
        let form = validate_form(&valid_input(), &prefilled(), today()).unwrap();
        let again = form.to_input();
        assert_eq!(again.mobile_phone, "0532 123 45 67");
        assert_eq!(again.birth_date, "1985-04-23");
        assert_eq!(again.certificate_term_years, "3");
        assert_eq!(validate_form(&again, &prefilled(), today()).unwrap(), form);
    }

    #[test]
    fn a_valid_form_survives_a_json_round_trip() {
        let form = validate_form(&valid_input(), &prefilled(), today()).unwrap();
        let json = serde_json::to_value(&form).unwrap();
        assert_eq!(json["address"]["il"], "Ankara");
        assert_eq!(json["certificate_term"], 3);
        assert_eq!(json["birth_date"], "1985-04-23");
        let back: ApplicationForm = serde_json::from_value(json).unwrap();
        assert_eq!(back, form);
    }

    fn arbitrary_input() -> impl Strategy<Value = ApplicationFormInput> {
        (
            proptest::option::of("\\PC{0,20}"),
            proptest::array::uniform8(any::<String>()),
        )
            .prop_map(|(tckn, f)| {
                let [mobile_phone, birth_date, title, address_il, address_ilce, address_line, postal_code, certificate_term_years] =
                    f;
                ApplicationFormInput {
                    tckn,
                    mobile_phone,
                    birth_date,
                    title,
                    address_il,
                    address_ilce,
                    address_line,
                    postal_code,
                    certificate_term_years,
                }
            })
    }

    fn valid_generated_input() -> impl Strategy<Value = ApplicationFormInput> {
        (
            "5[0-9]{9}",
            0i64..(365 * 100),
            "[A-Za-zÇĞİÖŞÜçğıöşü]{2,20}( [A-Za-zÇĞİÖŞÜçğıöşü]{1,20}){0,3}",
            0usize..81,
            "[A-Za-zçğıöşü]{2,30}",
            "[A-Za-z0-9çğıöşü]{10,20}( [A-Za-z0-9çğıöşü.,:/]{1,20}){0,5}",
            "[0-9]{3}",
            1u8..=3,
        )
            .prop_map(
                |(phone, days, title, il_index, ilce, line, postal_rest, years)| {
                    let il = Il::all()[il_index];
                    // Over 18 years (at most five leap days among them) and after 1900.
                    let born = today() - chrono::Duration::days(365 * 18 + 5 + days);
                    ApplicationFormInput {
                        tckn: None,
                        mobile_phone: format!("0{phone}"),
                        birth_date: born.format("%Y-%m-%d").to_string(),
                        title,
                        address_il: il.name().to_uppercase(),
                        address_ilce: ilce,
                        address_line: line,
                        postal_code: format!("{}{postal_rest}", il.plate_code()),
                        certificate_term_years: years.to_string(),
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn validate_never_panics_on_arbitrary_strings(input in arbitrary_input()) {
            let _ = validate_form(&input, &prefilled(), today());
        }

        #[test]
        fn errors_only_ever_name_form_fields(input in arbitrary_input()) {
            if let Err(errors) = validate_form(&input, &prefilled(), today()) {
                prop_assert!(!errors.is_empty());
                for (field, codes) in errors.iter() {
                    prop_assert!(FORM_FIELDS.contains(&field), "{}", field);
                    prop_assert!(!codes.is_empty());
                }
            }
        }

        #[test]
        fn generated_valid_forms_pass_and_round_trip_through_to_input(
            input in valid_generated_input(),
        ) {
            let form = validate_form(&input, &prefilled(), today()).unwrap();
            prop_assert_eq!(validate_form(&form.to_input(), &prefilled(), today()).unwrap(), form);
        }
    }
}
