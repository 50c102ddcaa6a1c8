//! TC Kimlik No (TCKN): the 11-digit Turkish national identity number.
//!
//! Rules (public algorithm of the Nüfus ve Vatandaşlık İşleri Genel Müdürlüğü):
//! - exactly 11 ASCII digits, the first one not `0`;
//! - 10th digit = ((d1 + d3 + d5 + d7 + d9) × 7 − (d2 + d4 + d6 + d8)) mod 10;
//! - 11th digit = (d1 + d2 + … + d10) mod 10.
//!
//! A [`Tckn`] is personal data: its `Debug` shows only [`Tckn::masked`], so it cannot leak
//! whole into logs through `{:?}`. `Display` and serialisation give the full number.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A TC Kimlik No whose length, digits and both check digits are known to be right.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(value_type = String, pattern = "^[1-9][0-9]{10}$", examples("10000000146"))
)]
pub struct Tckn(String);

/// Why a string is not a TC Kimlik No.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum TcknError {
    #[error("a TC Kimlik No has exactly 11 digits")]
    Length,
    #[error("a TC Kimlik No contains only the digits 0-9")]
    NotDigits,
    #[error("a TC Kimlik No cannot start with 0")]
    LeadingZero,
    #[error("the check digits of this TC Kimlik No do not match; please check for a typo")]
    Checksum,
}

impl TcknError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            TcknError::Length => "tckn_length",
            TcknError::NotDigits => "tckn_not_digits",
            TcknError::LeadingZero => "tckn_leading_zero",
            TcknError::Checksum => "tckn_checksum",
        }
    }
}

/// The two check digits (10th and 11th) for the first nine digits.
fn check_digits(first_nine: &[u8; 9]) -> (u8, u8) {
    let [d1, d2, d3, d4, d5, d6, d7, d8, d9] = first_nine.map(i32::from);
    let odd = d1 + d3 + d5 + d7 + d9;
    let even = d2 + d4 + d6 + d8;
    // rem_euclid keeps the result in 0..10 even when the difference is negative.
    let tenth = (odd * 7 - even).rem_euclid(10);
    let eleventh = (odd + even + tenth).rem_euclid(10);
    // Both are in 0..10, so the conversions cannot fail.
    (
        u8::try_from(tenth).unwrap_or(0),
        u8::try_from(eleventh).unwrap_or(0),
    )
}

impl Tckn {
    /// Parses a TC Kimlik No. Leading and trailing whitespace is ignored; nothing else
    /// (no inner spaces, no separators) is tolerated.
    pub fn parse(s: &str) -> Result<Tckn, TcknError> {
        let s = s.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(TcknError::NotDigits);
        }
        if s.len() != 11 {
            return Err(TcknError::Length);
        }
        let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
        let (Some(first_nine), Some(&tenth), Some(&eleventh)) = (
            digits.get(..9).and_then(|d| <[u8; 9]>::try_from(d).ok()),
            digits.get(9),
            digits.get(10),
        ) else {
            return Err(TcknError::Length);
        };
        if first_nine[0] == 0 {
            return Err(TcknError::LeadingZero);
        }
        if check_digits(&first_nine) != (tenth, eleventh) {
            return Err(TcknError::Checksum);
        }
        Ok(Tckn(s.to_owned()))
    }

    /// Builds the valid TC Kimlik No that starts with these nine digits by computing both check
    /// digits. `None` if the first digit is 0 or any "digit" is above 9. Meant for test data.
    pub fn from_first_nine(first_nine: [u8; 9]) -> Option<Tckn> {
        if first_nine[0] == 0 || first_nine.iter().any(|&d| d > 9) {
            return None;
        }
        let (tenth, eleventh) = check_digits(&first_nine);
        let text: String = first_nine
            .iter()
            .chain([tenth, eleventh].iter())
            .map(|&d| char::from(b'0' + d))
            .collect();
        Some(Tckn(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number with only the first three and last two digits visible, e.g. `123******90`:
    /// enough to tell numbers apart in logs and on screens without revealing them.
    pub fn masked(&self) -> String {
        let head = self.0.get(..3).unwrap_or_default();
        let tail = self.0.get(9..).unwrap_or_default();
        format!("{head}******{tail}")
    }
}

impl TryFrom<String> for Tckn {
    type Error = TcknError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Tckn::parse(&value)
    }
}

impl std::str::FromStr for Tckn {
    type Err = TcknError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tckn::parse(s)
    }
}

impl AsRef<str> for Tckn {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Tckn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Tckn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Tckn").field(&self.masked()).finish()
    }
}

impl From<Tckn> for String {
    fn from(value: Tckn) -> Self {
        value.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_well_known_valid_number_parses() {
        let tckn = Tckn::parse("10000000146").unwrap();
        assert_eq!(tckn.as_str(), "10000000146");
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(
            Tckn::parse("  10000000146\n").unwrap().as_str(),
            "10000000146"
        );
    }

    #[test]
    fn inner_spaces_are_not_tolerated() {
        assert_eq!(Tckn::parse("100 000 001 46"), Err(TcknError::NotDigits));
    }

    #[test]
    fn too_short_and_too_long_numbers_are_rejected_for_length() {
        assert_eq!(Tckn::parse(""), Err(TcknError::Length));
        assert_eq!(Tckn::parse("1000000014"), Err(TcknError::Length));
        assert_eq!(Tckn::parse("100000001460"), Err(TcknError::Length));
    }

    #[test]
    fn letters_are_rejected_as_not_digits() {
        assert_eq!(Tckn::parse("1000000014a"), Err(TcknError::NotDigits));
        assert_eq!(Tckn::parse("abc"), Err(TcknError::NotDigits));
        // Non-ASCII digits (Arabic-Indic) are not accepted either.
        assert_eq!(Tckn::parse("١٠٠٠٠٠٠٠١٤٦"), Err(TcknError::NotDigits));
    }

    #[test]
    fn a_number_starting_with_zero_is_rejected() {
        assert_eq!(Tckn::parse("01234567890"), Err(TcknError::LeadingZero));
    }

    #[test]
    fn a_wrong_check_digit_is_rejected() {
        assert_eq!(Tckn::parse("10000000145"), Err(TcknError::Checksum));
        assert_eq!(Tckn::parse("10000000156"), Err(TcknError::Checksum));
    }

    #[test]
    fn error_codes_are_the_documented_snake_case_names() {
        assert_eq!(TcknError::Length.code(), "tckn_length");
        assert_eq!(TcknError::NotDigits.code(), "tckn_not_digits");
        assert_eq!(TcknError::LeadingZero.code(), "tckn_leading_zero");
        assert_eq!(TcknError::Checksum.code(), "tckn_checksum");
    }

    #[test]
    fn from_first_nine_computes_both_check_digits() {
        let tckn = Tckn::from_first_nine([1, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
        assert_eq!(tckn.as_str(), "10000000146");
    }

    #[test]
    fn from_first_nine_refuses_a_leading_zero_or_a_value_above_nine() {
        assert!(Tckn::from_first_nine([0, 1, 2, 3, 4, 5, 6, 7, 8]).is_none());
        assert!(Tckn::from_first_nine([1, 2, 3, 4, 10, 5, 6, 7, 8]).is_none());
    }

    #[test]
    fn masked_shows_only_the_first_three_and_last_two_digits() {
        let tckn = Tckn::parse("10000000146").unwrap();
        assert_eq!(tckn.masked(), "100******46");
    }

    #[test]
    fn debug_output_does_not_reveal_the_whole_number() {
        let tckn = Tckn::parse("10000000146").unwrap();
        let debug = format!("{tckn:?}");
        assert!(!debug.contains("10000000146"));
        assert!(debug.contains("100******46"));
    }

    #[test]
    fn serialises_as_a_plain_string() {
        let tckn = Tckn::parse("10000000146").unwrap();
        assert_eq!(serde_json::to_string(&tckn).unwrap(), "\"10000000146\"");
    }

    #[test]
    fn deserialising_an_invalid_number_fails() {
        assert!(serde_json::from_str::<Tckn>("\"10000000145\"").is_err());
        assert_eq!(
            serde_json::from_str::<Tckn>("\"10000000146\"").unwrap(),
            Tckn::parse("10000000146").unwrap()
        );
    }

    fn first_nine() -> impl Strategy<Value = [u8; 9]> {
        (1u8..=9, proptest::array::uniform8(0u8..=9)).prop_map(|(first, rest)| {
            let mut digits = [first; 9];
            digits[1..].copy_from_slice(&rest);
            digits
        })
    }

    proptest! {
        #[test]
        fn every_generated_number_parses(digits in first_nine()) {
            let tckn = Tckn::from_first_nine(digits).unwrap();
            prop_assert_eq!(Tckn::parse(tckn.as_str()), Ok(tckn.clone()));
        }

        #[test]
        fn changing_any_single_digit_is_detected(
            digits in first_nine(),
            position in 0usize..11,
            delta in 1u8..=9,
        ) {
            let tckn = Tckn::from_first_nine(digits).unwrap();
            let mut bytes = tckn.as_str().as_bytes().to_vec();
            bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
            let mutated = String::from_utf8(bytes).unwrap();
            prop_assert!(Tckn::parse(&mutated).is_err(), "{} was accepted", mutated);
        }

        #[test]
        fn display_then_parse_round_trips(digits in first_nine()) {
            let tckn = Tckn::from_first_nine(digits).unwrap();
            prop_assert_eq!(Tckn::parse(&format!("{tckn}")).unwrap(), tckn);
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = Tckn::parse(&s);
        }

        #[test]
        fn eleven_random_digits_parse_only_if_the_check_digits_match(s in "[1-9][0-9]{10}") {
            let digits: Vec<u8> = s.bytes().map(|b| b - b'0').collect();
            let first: [u8; 9] = digits[..9].try_into().unwrap();
            let expected = Tckn::from_first_nine(first).unwrap();
            prop_assert_eq!(Tckn::parse(&s).is_ok(), expected.as_str() == s);
        }
    }
}
