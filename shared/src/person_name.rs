//! A person's first or last name as it is printed on the certificate.
//!
//! Names are written in many scripts and with many marks, so the rule is permissive about
//! *letters* (any alphabetic character, Turkish `İ ı Ş ş Ğ ğ Ü ü Ö ö Ç ç` included, and
//! combining accents after a letter) and strict about everything else: only spaces, hyphens,
//! apostrophes (`'` and `’`) and dots may appear between them. Digits, symbols, emoji and
//! control characters are refused. The name is put in Unicode normalisation form C; surrounding whitespace is trimmed and inner runs of
//! whitespace become one space. At most 60 characters (counted as characters, not bytes).

use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest name accepted, in characters.
pub const MAX_NAME_LENGTH: usize = 60;

/// A trimmed, whitespace-collapsed personal name of 1 to 60 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(value_type = String, examples("Ayşe Gül"))
)]
pub struct PersonName(String);

/// Why a string is not an acceptable name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum PersonNameError {
    #[error("the name is empty")]
    Empty,
    #[error("a name can be at most 60 characters long")]
    TooLong,
    #[error("a name may contain only letters, spaces, hyphens, apostrophes and dots")]
    InvalidCharacters,
}

impl PersonNameError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            PersonNameError::Empty => "name_empty",
            PersonNameError::TooLong => "name_too_long",
            PersonNameError::InvalidCharacters => "name_invalid_characters",
        }
    }
}

/// Combining diacritical marks (U+0300–U+036F), e.g. the dot of a decomposed `i̇`.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_punctuation_allowed(c: char) -> bool {
    matches!(c, ' ' | '-' | '\'' | '’' | '.')
}

impl PersonName {
    pub fn parse(s: &str) -> Result<PersonName, PersonNameError> {
        // NFC, so that a name typed with precomposed letters and the same name pasted with
        // combining marks are one name on the certificate and in the database.
        let collapsed = crate::text::collapsed_nfc(s);
        if collapsed.is_empty() {
            return Err(PersonNameError::Empty);
        }
        let mut previous_is_letter = false;
        let mut has_letter = false;
        for c in collapsed.chars() {
            if c.is_alphabetic() {
                previous_is_letter = true;
                has_letter = true;
            } else if is_combining_mark(c) && previous_is_letter {
                // A mark stays attached to its letter; several marks may follow one another.
            } else if is_punctuation_allowed(c) {
                previous_is_letter = false;
            } else {
                return Err(PersonNameError::InvalidCharacters);
            }
        }
        if !has_letter {
            return Err(PersonNameError::InvalidCharacters);
        }
        if collapsed.chars().count() > MAX_NAME_LENGTH {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PersonName::parse(&value)
    }
}

impl std::str::FromStr for PersonName {
    type Err = PersonNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PersonName::parse(s)
    }
}

impl AsRef<str> for PersonName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn turkish_names_with_all_special_letters_parse() {
        for name in [
            "İsmail",
            "Işıl",
            "Şükrü",
            "Ğ ğ",
            "Gülçin Öztürk",
            "Çağrı",
            "ÖMER FARUK",
        ] {
            assert_eq!(PersonName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn hyphens_apostrophes_and_dots_are_allowed() {
        for name in ["Ayşe-Nur", "O'Connor", "D’Artagnan", "M. Kemal"] {
            assert!(PersonName::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn letters_of_other_scripts_are_allowed() {
        for name in ["Σωκράτης", "Пётр", "محمد", "José", "Zoë"] {
            assert!(PersonName::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_decomposed_dotted_capital_i_is_accepted() {
        // "İ" written as "I" + COMBINING DOT ABOVE, as some keyboards and conversions produce.
        assert!(PersonName::parse("I\u{0307}smail").is_ok());
        assert_eq!(
            PersonName::parse("\u{0307}smail"),
            Err(PersonNameError::InvalidCharacters)
        );
    }

    #[test]
    fn surrounding_whitespace_is_trimmed_and_inner_runs_collapsed() {
        let name = PersonName::parse("  Ayşe \t  Gül\n ").unwrap();
        assert_eq!(name.as_str(), "Ayşe Gül");
    }

    #[test]
    fn an_empty_or_blank_name_is_rejected() {
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse(" \t\n "), Err(PersonNameError::Empty));
    }

    #[test]
    fn sixty_characters_are_accepted_and_sixty_one_are_too_long() {
        // 'ş' is two bytes: the limit counts characters.
        assert!(PersonName::parse(&"ş".repeat(60)).is_ok());
        assert_eq!(
            PersonName::parse(&"ş".repeat(61)),
            Err(PersonNameError::TooLong)
        );
    }

    #[test]
    fn digits_symbols_and_control_characters_are_rejected() {
        for name in [
            "Ali1", "Ali_Veli", "Ali@", "<script>", "Ali\u{0}", "Ali 🙂", "...", "-",
        ] {
            assert_eq!(
                PersonName::parse(name),
                Err(PersonNameError::InvalidCharacters),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_name_with_combining_marks_is_the_same_name_as_its_precomposed_spelling() {
        let pasted = PersonName::parse("S\u{0327}u\u{0308}kru\u{0308} Og\u{0306}uz").unwrap();
        assert_eq!(pasted.as_str(), "Şükrü Oğuz");
        assert_eq!(pasted, PersonName::parse("Şükrü Oğuz").unwrap());
    }

    #[test]
    fn error_codes_are_the_documented_snake_case_names() {
        assert_eq!(PersonNameError::Empty.code(), "name_empty");
        assert_eq!(PersonNameError::TooLong.code(), "name_too_long");
        assert_eq!(
            PersonNameError::InvalidCharacters.code(),
            "name_invalid_characters"
        );
    }

    #[test]
    fn serialises_as_a_string_and_refuses_invalid_input() {
        let name = PersonName::parse("Ayşe").unwrap();
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Ayşe\"");
        assert!(serde_json::from_str::<PersonName>("\"Ali1\"").is_err());
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
    }

    proptest! {
        #[test]
        fn names_of_turkish_letters_parse_and_round_trip(
            words in proptest::collection::vec("[a-zA-ZçğıöşüÇĞİÖŞÜ]{1,12}", 1..4),
        ) {
            let text = words.join(" ");
            let name = PersonName::parse(&text).unwrap();
            prop_assert_eq!(name.as_str(), text.as_str());
            prop_assert_eq!(PersonName::parse(&format!("{name}")).unwrap(), name);
        }

        #[test]
        fn any_whitespace_around_and_between_words_gives_the_same_name(
            words in proptest::collection::vec("[a-zçğıöşü]{1,10}", 1..4),
            gap in "[ \t\n]{1,3}",
        ) {
            let spaced = format!("{gap}{}{gap}", words.join(&gap));
            let name = PersonName::parse(&spaced).unwrap();
            prop_assert_eq!(name.as_str(), words.join(" "));
        }

        #[test]
        fn parse_never_panics_and_never_returns_more_than_sixty_characters(s in "\\PC*") {
            if let Ok(name) = PersonName::parse(&s) {
                prop_assert!(name.as_str().chars().count() <= MAX_NAME_LENGTH);
                prop_assert_eq!(name.as_str().trim(), name.as_str());
            }
        }
    }
}
