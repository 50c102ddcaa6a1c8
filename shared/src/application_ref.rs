//! The reference number people quote for an application: `NES-YYYY-NNNNNN`.
//!
//! `YYYY` is the year (2000–2999) and `NNNNNN` a sequence number starting at 1, zero-padded
//! to at least six digits (`NES-2025-000042`); past 999 999 it simply grows longer
//! (`NES-2025-1234567`). Each reference has exactly one spelling: parsing accepts lower case and
//! surrounding whitespace but refuses superfluous zeros, so equal references are equal strings.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::mod97::mod97;

/// An application reference such as `NES-2025-000042`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ApplicationRef {
    text: String,
    year: i32,
    sequence: u64,
}

/// Why a string is not an application reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ApplicationRefError {
    #[error("an application reference looks like NES-2025-000042")]
    Invalid,
}

impl ApplicationRefError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            ApplicationRefError::Invalid => "application_ref_invalid",
        }
    }
}

impl ApplicationRef {
    /// The reference for the `sequence`-th application of `year`; `None` if the year is outside
    /// 2000–2999 or the sequence is 0.
    pub fn new(year: i32, sequence: u64) -> Option<ApplicationRef> {
        ApplicationRef::spelled(format!("NES-{year}-{sequence:06}"), year, sequence)
    }

    /// The reference whose one spelling is `text`, if `year` and `sequence` may be one.
    fn spelled(text: String, year: i32, sequence: u64) -> Option<ApplicationRef> {
        ((2000..=2999).contains(&year) && sequence != 0).then_some(ApplicationRef {
            text,
            year,
            sequence,
        })
    }

    /// Parses a reference; surrounding whitespace is ignored and lower case is accepted.
    pub fn parse(s: &str) -> Result<ApplicationRef, ApplicationRefError> {
        let upper = s.trim().to_ascii_uppercase();
        let mut parts = upper.split('-');
        let (Some("NES"), Some(year), Some(sequence), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ApplicationRefError::Invalid);
        };
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !all_digits(year) || sequence.len() < 6 || !all_digits(sequence) {
            return Err(ApplicationRefError::Invalid);
        }
        // Refuse a second spelling of the same reference (e.g. `NES-2025-0000042`): past six
        // digits, no leading zero.
        if sequence.len() > 6 && sequence.starts_with('0') {
            return Err(ApplicationRefError::Invalid);
        }
        let year: i32 = year.parse().map_err(|_| ApplicationRefError::Invalid)?;
        let sequence: u64 = sequence.parse().map_err(|_| ApplicationRefError::Invalid)?;
        // What `new` would write: the text is already the one spelling.
        ApplicationRef::spelled(upper, year, sequence).ok_or(ApplicationRefError::Invalid)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn year(&self) -> i32 {
        self.year
    }

    /// What the person quotes with a payment: the reference without separators plus two
    /// ISO 7064 MOD 97-10 check digits, so that a mistyped reference on a bank transfer is
    /// caught (`NES-2026-000123` → `NES202600012346`).
    pub fn payment_reference(&self) -> String {
        let compact = format!("NES{}{:06}", self.year, self.sequence);
        format!(
            "{compact}{:02}",
            98 - mod97(compact.chars().chain("00".chars()))
        )
    }

    /// The reference a payment reference names, if its check digits are right. Case,
    /// spaces and hyphens are forgiven: people type them on bank forms.
    pub fn from_payment_reference(text: &str) -> Option<ApplicationRef> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        let digits = compact.strip_prefix("NES")?;
        // Year (4), sequence (6 or more), check digits (2).
        if digits.len() < 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, rest) = digits.split_at(4);
        let sequence = &rest[..rest.len() - 2];
        let reference = ApplicationRef::parse(&format!("NES-{year}-{sequence}")).ok()?;
        (reference.payment_reference() == compact).then_some(reference)
    }

    pub fn sequence(&self) -> u64 {
        self.sequence
    }
}

// Equality, hashing and ordering go by (year, sequence), which the text determines exactly;
// ordering numerically keeps `NES-2025-999999` before `NES-2025-1000000`.
impl PartialEq for ApplicationRef {
    fn eq(&self, other: &Self) -> bool {
        (self.year, self.sequence) == (other.year, other.sequence)
    }
}

impl Eq for ApplicationRef {}

impl Hash for ApplicationRef {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self.year, self.sequence).hash(state);
    }
}

impl PartialOrd for ApplicationRef {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ApplicationRef {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.sequence).cmp(&(other.year, other.sequence))
    }
}

impl TryFrom<String> for ApplicationRef {
    type Error = ApplicationRefError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        ApplicationRef::parse(&value)
    }
}

impl std::str::FromStr for ApplicationRef {
    type Err = ApplicationRefError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ApplicationRef::parse(s)
    }
}

impl From<ApplicationRef> for String {
    fn from(value: ApplicationRef) -> Self {
        value.text
    }
}

impl AsRef<str> for ApplicationRef {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ApplicationRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for ApplicationRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ApplicationRef").field(&self.text).finish()
    }
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for ApplicationRef {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "Application reference: NES-<year>-<sequence, at least 6 digits>.",
            ))
            .pattern(Some("^NES-2[0-9]{3}-[0-9]{6,}$"))
            .examples(["NES-2025-000042"])
            .into()
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for ApplicationRef {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `parse` takes exactly the spelling `new` writes, whatever the digits (sequences
        /// past `u64` included).
        #[test]
        fn parse_accepts_exactly_what_new_writes(year in "[0-9]{4}", sequence in "[0-9]{6,21}") {
            let text = format!("NES-{year}-{sequence}");
            let written = year
                .parse()
                .ok()
                .zip(sequence.parse().ok())
                .and_then(|(year, sequence)| ApplicationRef::new(year, sequence))
                .filter(|reference| reference.as_str() == text);
            prop_assert_eq!(ApplicationRef::parse(&text).ok(), written);
        }
    }

    #[test]
    fn new_pads_the_sequence_to_six_digits() {
        let r = ApplicationRef::new(2025, 42).unwrap();
        assert_eq!(r.as_str(), "NES-2025-000042");
        assert_eq!(r.year(), 2025);
        assert_eq!(r.sequence(), 42);
    }

    #[test]
    fn sequences_past_six_digits_grow_longer() {
        let r = ApplicationRef::new(2025, 1_234_567).unwrap();
        assert_eq!(r.as_str(), "NES-2025-1234567");
        assert_eq!(ApplicationRef::parse("NES-2025-1234567").unwrap(), r);
    }

    #[test]
    fn new_refuses_years_outside_the_range_and_sequence_zero() {
        assert!(ApplicationRef::new(1999, 1).is_none());
        assert!(ApplicationRef::new(3000, 1).is_none());
        assert!(ApplicationRef::new(2025, 0).is_none());
        assert!(ApplicationRef::new(2000, 1).is_some());
        assert!(ApplicationRef::new(2999, u64::MAX).is_some());
    }

    #[test]
    fn lower_case_and_surrounding_whitespace_are_normalised() {
        let r = ApplicationRef::parse("  nes-2025-000042 ").unwrap();
        assert_eq!(r.as_str(), "NES-2025-000042");
    }

    #[test]
    fn malformed_references_are_rejected() {
        for bad in [
            "",
            "NES",
            "NES-2025",
            "NES-2025-42",
            "NES-2025-000000",
            "NES-1999-000001",
            "NES-3000-000001",
            "NES-25-000001",
            "NES-2025-0000042",
            "NES-2025-000042-1",
            "XES-2025-000042",
            "NES 2025 000042",
            "NES-2025-00004a",
            "NES-+025-000042",
            "NES-2025-+00042",
            "NES-2025-99999999999999999999999",
        ] {
            assert_eq!(
                ApplicationRef::parse(bad),
                Err(ApplicationRefError::Invalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn references_order_by_year_then_sequence_number() {
        let a = ApplicationRef::parse("NES-2025-999999").unwrap();
        let b = ApplicationRef::parse("NES-2025-1000000").unwrap();
        let c = ApplicationRef::parse("NES-2026-000001").unwrap();
        assert!(a < b && b < c);
    }

    #[test]
    fn the_error_code_is_the_documented_snake_case_name() {
        assert_eq!(
            ApplicationRefError::Invalid.code(),
            "application_ref_invalid"
        );
    }

    #[test]
    fn serialises_as_a_string_and_refuses_invalid_input() {
        let r = ApplicationRef::new(2025, 7).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"NES-2025-000007\"");
        assert_eq!(
            serde_json::from_str::<ApplicationRef>("\"NES-2025-000007\"").unwrap(),
            r
        );
        assert!(serde_json::from_str::<ApplicationRef>("\"NES-2025-7\"").is_err());
    }

    proptest! {
        #[test]
        fn every_reference_made_by_new_parses_back(year in 2000i32..=2999, sequence in 1u64..) {
            let r = ApplicationRef::new(year, sequence).unwrap();
            let parsed = ApplicationRef::parse(&format!("{r}")).unwrap();
            prop_assert_eq!(parsed.year(), year);
            prop_assert_eq!(parsed.sequence(), sequence);
            prop_assert_eq!(parsed.as_str(), r.as_str());
            let lower = ApplicationRef::parse(&r.to_string().to_lowercase()).unwrap();
            prop_assert_eq!(lower.as_str(), r.as_str());
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = ApplicationRef::parse(&s);
        }
    }
}
