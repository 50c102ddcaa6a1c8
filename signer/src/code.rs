//! The one-time verification code ("Doğrulama Kodu") the web page shows, e.g. `7KQ4-9XWM-2HRT`.
//!
//! People copy it with a click or type it: case does not matter, and spaces, hyphens (and the
//! dashes word processors put instead) are ignored. Turkish keyboards give `ı`/`i` for `I`: both
//! become `I`.

use std::fmt;

/// The longest code accepted, in characters after normalisation.
pub const MAX_CODE_LENGTH: usize = 64;

/// Why a typed code cannot be a verification code (the server is not asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("the code has characters other than letters and digits")]
    InvalidCharacter,
    #[error("the code is too long")]
    TooLong,
}

/// A verification code in normal form: upper-case ASCII letters and digits.
#[derive(Clone, PartialEq, Eq)]
pub struct VerificationCode(String);

impl VerificationCode {
    pub fn parse(input: &str) -> Result<VerificationCode, CodeError> {
        let mut normal = String::new();
        for c in input.chars() {
            if c.is_whitespace() || is_dash(c) {
                continue;
            }
            // Turkish keyboards: `ı` is the lower case of `I`, and `İ` the upper case of `i`.
            let c = if matches!(c, 'ı' | 'İ') { 'I' } else { c };
            for upper in c.to_uppercase() {
                if !upper.is_ascii_alphanumeric() {
                    return Err(CodeError::InvalidCharacter);
                }
                normal.push(upper);
            }
        }
        if normal.is_empty() {
            return Err(CodeError::Empty);
        }
        if normal.len() > MAX_CODE_LENGTH {
            return Err(CodeError::TooLong);
        }
        Ok(VerificationCode(normal))
    }

    /// The normal form, as sent to the server.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Groups of four joined by hyphens, as the page shows it.
    pub fn grouped(&self) -> String {
        group(&self.0, 4, "-")
    }
}

impl fmt::Debug for VerificationCode {
    /// A one-time secret: only its length is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VerificationCode({} chars)", self.0.len())
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '_')
}

/// `text` cut into groups of `size` characters joined by `separator`.
pub fn group(text: &str, size: usize, separator: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(size.max(1))
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn normal(input: &str) -> Result<String, CodeError> {
        VerificationCode::parse(input).map(|code| code.as_str().to_owned())
    }

    #[test]
    fn a_code_as_the_page_shows_it_is_accepted() {
        assert_eq!(normal("7KQ4-9XWM-2HRT").as_deref(), Ok("7KQ49XWM2HRT"));
    }

    #[test]
    fn case_spaces_and_hyphens_do_not_matter() {
        for typed in [
            "7kq4-9xwm-2hrt",
            " 7KQ4 9XWM 2HRT ",
            "7KQ49XWM2HRT",
            "7kq4\u{2013}9xwm\u{2014}2hrt",
            "7KQ4\u{00a0}9XWM\t2HRT\n",
        ] {
            assert_eq!(normal(typed).as_deref(), Ok("7KQ49XWM2HRT"), "{typed:?}");
        }
    }

    #[test]
    fn turkish_dotless_and_dotted_i_become_capital_i() {
        assert_eq!(normal("ıi-İI").as_deref(), Ok("IIII"));
    }

    #[test]
    fn an_empty_code_is_refused() {
        assert_eq!(normal(" - ").unwrap_err(), CodeError::Empty);
    }

    #[test]
    fn punctuation_and_foreign_letters_are_refused() {
        assert_eq!(
            normal("7KQ4.9XWM").unwrap_err(),
            CodeError::InvalidCharacter
        );
        assert_eq!(normal("ÇĞÜŞ").unwrap_err(), CodeError::InvalidCharacter);
    }

    #[test]
    fn a_very_long_input_is_refused() {
        assert_eq!(normal(&"A".repeat(65)).unwrap_err(), CodeError::TooLong);
    }

    #[test]
    fn the_code_is_shown_grouped_and_never_in_debug_output() {
        let code = VerificationCode::parse("7kq49xwm2hrt").unwrap();
        assert_eq!(code.grouped(), "7KQ4-9XWM-2HRT");
        assert!(!format!("{code:?}").contains("7KQ4"));
    }
}
