//! An International Bank Account Number (ISO 13616), valid by construction: the country's
//! letters, two check digits that hold (MOD 97-10) and the national account number; a
//! Turkish IBAN (`TR`) is 26 characters long.
//!
//! People read and type IBANs in groups of four (`TR33 0006 1005 1978 6457 8413 26`); the
//! stored and serialised form is the compact one (`TR330006100519786457841326`).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::mod97::mod97;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

/// Why a string is not an IBAN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("an IBAN starts with two letters and two digits, then letters and digits only")]
    Malformed,
    #[error("an IBAN of this country has another length (a Turkish one has 26 characters)")]
    Length,
    #[error("the IBAN's check digits do not match: a character is mistyped")]
    Checksum,
}

impl IbanError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            IbanError::Malformed => "iban_malformed",
            IbanError::Length => "iban_length",
            IbanError::Checksum => "iban_checksum",
        }
    }
}

/// ISO 13616's longest IBAN; Turkey's is fixed.
const MAX_LENGTH: usize = 34;
const TURKISH_LENGTH: usize = 26;

impl Iban {
    /// Parses an IBAN; spaces are ignored and lower case is accepted.
    pub fn parse(s: &str) -> Result<Iban, IbanError> {
        let compact: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let well_formed = bytes.len() >= 5
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
        if !well_formed {
            return Err(IbanError::Malformed);
        }
        let length_ok = match &compact[..2] {
            "TR" => bytes.len() == TURKISH_LENGTH,
            _ => (15..=MAX_LENGTH).contains(&bytes.len()),
        };
        if !length_ok {
            return Err(IbanError::Length);
        }
        // The country and check digits move to the end; the whole must leave 1.
        let rearranged = compact[4..].chars().chain(compact[..4].chars());
        if mod97(rearranged) != 1 {
            return Err(IbanError::Checksum);
        }
        Ok(Iban(compact))
    }

    /// The compact form, without spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, the way it is printed for people to copy.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(self.0.len() + self.0.len() / 4);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl TryFrom<String> for Iban {
    type Error = IbanError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Iban::parse(&s)
    }
}

impl From<Iban> for String {
    fn from(iban: Iban) -> String {
        iban.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A published example IBAN (Türkiye Cumhuriyeti Ziraat Bankası's format).
    const GOOD: &str = "TR330006100519786457841326";

    #[test]
    fn a_valid_iban_is_accepted_grouped_or_not() {
        let iban = Iban::parse("tr33 0006 1005 1978 6457 8413 26").unwrap();
        assert_eq!(iban.as_str(), GOOD);
        assert_eq!(iban.grouped(), "TR33 0006 1005 1978 6457 8413 26");
        assert_eq!(iban.to_string(), iban.grouped());
        assert_eq!(
            Iban::parse("DE89370400440532013000")
                .unwrap()
                .as_str()
                .len(),
            22
        );
    }

    #[test]
    fn a_mistyped_digit_is_caught() {
        assert_eq!(
            Iban::parse("TR330006100519786457841327"),
            Err(IbanError::Checksum)
        );
    }

    #[test]
    fn shapes_and_lengths_are_checked_before_the_digits() {
        assert_eq!(Iban::parse(""), Err(IbanError::Malformed));
        assert_eq!(Iban::parse("1R330006"), Err(IbanError::Malformed));
        assert_eq!(Iban::parse("TR33-0006-1005"), Err(IbanError::Malformed));
        assert_eq!(
            Iban::parse("TR3300061005197864578413"),
            Err(IbanError::Length)
        );
    }

    #[test]
    fn it_serialises_compact_and_refuses_a_bad_one_when_read() {
        let iban = Iban::parse(GOOD).unwrap();
        assert_eq!(serde_json::to_string(&iban).unwrap(), format!("\"{GOOD}\""));
        assert!(serde_json::from_str::<Iban>("\"TR330006100519786457841327\"").is_err());
    }

    proptest! {
        #[test]
        fn changing_any_one_character_is_caught(position in 4usize..26, digit in 0u32..10) {
            let mut chars: Vec<char> = GOOD.chars().collect();
            let replacement = char::from_digit(digit, 10).unwrap();
            prop_assume!(chars[position] != replacement);
            chars[position] = replacement;
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(Iban::parse(&changed), Err(IbanError::Checksum));
        }

        #[test]
        fn whatever_parses_prints_back_to_itself(s in "[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}") {
            if let Ok(iban) = Iban::parse(&s) {
                prop_assert_eq!(Iban::parse(&iban.grouped()).unwrap(), iban);
            }
        }
    }
}
