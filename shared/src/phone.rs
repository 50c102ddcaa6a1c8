//! Turkish mobile phone numbers, held in E.164 form (`+905XXXXXXXXX`).
//!
//! People write the same number in many ways: `0532 123 45 67`, `+90 532 123 45 67`,
//! `0090 532 123 4567`, `(0532) 123-45-67`, `532.123.45.67`… Spaces, hyphens, dots and
//! parentheses are ignored; the prefixes `+90`, `0090`, `90` (with 12 digits) and the trunk
//! `0` are understood. What remains must be the 10 national digits, and a mobile number's
//! national digits start with `5` (the 5XX operator codes).
//!
//! A [`MobilePhone`] is personal data: its `Debug` shows only [`MobilePhone::masked`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Turkish mobile phone number in E.164 form, e.g. `+905321234567`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(value_type = String, pattern = "^\\+905[0-9]{9}$", examples("+905321234567"))
)]
pub struct MobilePhone(String);

/// Why a string is not a Turkish mobile phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PhoneError {
    #[error("this is not a Turkish phone number; write it like 0532 123 45 67")]
    Invalid,
    #[error(
        "this is not a mobile number (mobile numbers start with 05); a code is sent to it by SMS"
    )]
    NotMobile,
}

impl PhoneError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            PhoneError::Invalid => "phone_invalid",
            PhoneError::NotMobile => "phone_not_mobile",
        }
    }
}

/// Characters people put between digits and that carry no meaning.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '.' | '(' | ')' | '/')
}

/// The 10 national digits, or `PhoneError::Invalid` if the shape is not a Turkish number.
fn national_digits(input: &str) -> Result<String, PhoneError> {
    let compact: String = input.chars().filter(|&c| !is_separator(c)).collect();
    let (international, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::Invalid);
    }
    let national = if international {
        // `+` must be followed by Türkiye's country code.
        digits.strip_prefix("90").ok_or(PhoneError::Invalid)?
    } else if let Some(rest) = digits.strip_prefix("0090") {
        rest
    } else if digits.len() == 12 && digits.starts_with("90") {
        &digits[2..]
    } else if digits.starts_with("00") {
        // International prefix of another country.
        return Err(PhoneError::Invalid);
    } else {
        digits
    };
    // The trunk prefix `0`, also when written after the country code ("+90 (0532) …").
    let national = match national.strip_prefix('0') {
        Some(rest) if national.len() == 11 => rest,
        _ => national,
    };
    if national.len() != 10 || national.starts_with('0') {
        return Err(PhoneError::Invalid);
    }
    Ok(national.to_owned())
}

impl MobilePhone {
    /// Parses any common spelling of a Turkish mobile number.
    pub fn parse(s: &str) -> Result<MobilePhone, PhoneError> {
        let national = national_digits(s)?;
        if !national.starts_with('5') {
            return Err(PhoneError::NotMobile);
        }
        Ok(MobilePhone(format!("+90{national}")))
    }

    /// The E.164 form, e.g. `+905321234567`.
    pub fn as_e164(&self) -> &str {
        &self.0
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 10 digits after `+90`.
    fn national_part(&self) -> &str {
        self.0.get(3..).unwrap_or_default()
    }

    /// The national spelling people know, e.g. `0532 123 45 67`.
    pub fn national(&self) -> String {
        let n = self.national_part();
        let part = |range: std::ops::Range<usize>| n.get(range).unwrap_or_default();
        format!(
            "0{} {} {} {}",
            part(0..3),
            part(3..6),
            part(6..8),
            part(8..10)
        )
    }

    /// Shows which number an SMS went to without revealing it all, e.g. `0532 *** ** 67`.
    pub fn masked(&self) -> String {
        let n = self.national_part();
        let part = |range: std::ops::Range<usize>| n.get(range).unwrap_or_default();
        format!("0{} *** ** {}", part(0..3), part(8..10))
    }
}

impl TryFrom<String> for MobilePhone {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        MobilePhone::parse(&value)
    }
}

impl std::str::FromStr for MobilePhone {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MobilePhone::parse(s)
    }
}

impl AsRef<str> for MobilePhone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MobilePhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for MobilePhone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MobilePhone").field(&self.masked()).finish()
    }
}

impl From<MobilePhone> for String {
    fn from(value: MobilePhone) -> Self {
        value.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SPELLINGS: &[&str] = &[
        "0532 123 45 67",
        "05321234567",
        "+90 532 123 45 67",
        "+905321234567",
        "905321234567",
        "0090 532 123 4567",
        "5321234567",
        "(0532) 123-45-67",
        "532.123.45.67",
        "+90 (0532) 123 45 67",
        "  0532-123-4567  ",
        "0532/123 45 67",
    ];

    #[test]
    fn every_common_spelling_gives_the_same_e164_number() {
        for spelling in SPELLINGS {
            assert_eq!(
                MobilePhone::parse(spelling).map(|p| p.as_e164().to_owned()),
                Ok("+905321234567".to_owned()),
                "{spelling}"
            );
        }
    }

    #[test]
    fn a_landline_is_rejected_as_not_mobile() {
        assert_eq!(
            MobilePhone::parse("0312 123 45 67"),
            Err(PhoneError::NotMobile)
        );
        assert_eq!(
            MobilePhone::parse("+90 212 123 45 67"),
            Err(PhoneError::NotMobile)
        );
        assert_eq!(MobilePhone::parse("4445576"), Err(PhoneError::Invalid));
    }

    #[test]
    fn numbers_of_the_wrong_length_are_invalid() {
        assert_eq!(
            MobilePhone::parse("0532 123 45 6"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(
            MobilePhone::parse("0532 123 45 678"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(MobilePhone::parse(""), Err(PhoneError::Invalid));
        assert_eq!(MobilePhone::parse("+90"), Err(PhoneError::Invalid));
    }

    #[test]
    fn letters_and_other_country_codes_are_invalid() {
        assert_eq!(
            MobilePhone::parse("0532 ABC 45 67"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(
            MobilePhone::parse("+49 151 1234 5678"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(
            MobilePhone::parse("0049 151 1234567"),
            Err(PhoneError::Invalid)
        );
        assert_eq!(MobilePhone::parse("+"), Err(PhoneError::Invalid));
        assert_eq!(
            MobilePhone::parse("++905321234567"),
            Err(PhoneError::Invalid)
        );
    }

    #[test]
    fn national_format_is_the_familiar_spelling() {
        let phone = MobilePhone::parse("+905321234567").unwrap();
        assert_eq!(phone.national(), "0532 123 45 67");
    }

    #[test]
    fn masked_shows_the_operator_code_and_the_last_two_digits() {
        let phone = MobilePhone::parse("+905321234567").unwrap();
        assert_eq!(phone.masked(), "0532 *** ** 67");
        assert!(!format!("{phone:?}").contains("1234567"));
    }

    #[test]
    fn error_codes_are_the_documented_snake_case_names() {
        assert_eq!(PhoneError::Invalid.code(), "phone_invalid");
        assert_eq!(PhoneError::NotMobile.code(), "phone_not_mobile");
    }

    #[test]
    fn serialises_as_the_e164_string_and_refuses_bad_input() {
        let phone = MobilePhone::parse("0532 123 45 67").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+905321234567\"");
        assert_eq!(
            serde_json::from_str::<MobilePhone>("\"0532 123 45 67\"").unwrap(),
            phone
        );
        assert!(serde_json::from_str::<MobilePhone>("\"0312 123 45 67\"").is_err());
    }

    fn subscriber() -> impl Strategy<Value = String> {
        "5[0-9]{9}"
    }

    /// Renders ten national digits in one of the spellings people use.
    fn spell(national: &str, style: usize) -> String {
        let (op, a, b, c) = (
            &national[0..3],
            &national[3..6],
            &national[6..8],
            &national[8..10],
        );
        match style {
            0 => format!("0{op} {a} {b} {c}"),
            1 => format!("0{national}"),
            2 => format!("+90 {op} {a} {b} {c}"),
            3 => format!("+90{national}"),
            4 => format!("90{national}"),
            5 => format!("0090 {op} {a} {b}{c}"),
            6 => national.to_owned(),
            7 => format!("(0{op}) {a}-{b}-{c}"),
            8 => format!("{op}.{a}.{b}.{c}"),
            _ => format!(" +90 ({op}) {a} {b} {c} "),
        }
    }

    proptest! {
        #[test]
        fn every_spelling_of_a_number_normalises_to_the_same_e164(
            national in subscriber(),
            style in 0usize..10,
        ) {
            let phone = MobilePhone::parse(&spell(&national, style)).unwrap();
            prop_assert_eq!(phone.as_e164(), format!("+90{national}"));
        }

        #[test]
        fn display_and_national_forms_parse_back_to_the_same_number(national in subscriber()) {
            let phone = MobilePhone::parse(&national).unwrap();
            prop_assert_eq!(MobilePhone::parse(&format!("{phone}")).unwrap(), phone.clone());
            prop_assert_eq!(MobilePhone::parse(&phone.national()).unwrap(), phone);
        }

        #[test]
        fn ten_digit_numbers_not_starting_with_5_are_not_mobile(national in "[1-46-9][0-9]{9}") {
            prop_assert_eq!(MobilePhone::parse(&format!("0{national}")), Err(PhoneError::NotMobile));
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = MobilePhone::parse(&s);
        }
    }
}
