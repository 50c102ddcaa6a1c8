//! E-mail addresses.
//!
//! Syntax is checked by the `email_address` crate (RFC 5321/5322 rules, pure Rust, so it runs
//! in the browser too), with stricter options than its defaults: no display name
//! (`Ali <ali@x>`), no IP-literal domain, and a domain with at least two labels. On top of that
//! whitespace and control characters are refused anywhere, and the whole address is limited to
//! 254 characters, the longest that fits an SMTP path.
//!
//! The domain is case-insensitive and is stored in lower case; the local part is kept exactly
//! as typed, because in principle the receiving server may treat its case as significant.

use std::fmt;

use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

/// The longest address that fits an SMTP `Forward-path` (RFC 5321 §4.5.3.1.3, erratum 1690).
pub const MAX_EMAIL_LENGTH: usize = 254;

/// A syntactically valid e-mail address with a lower-case domain.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String")]
#[cfg_attr(
    feature = "server",
    derive(utoipa::ToSchema),
    schema(value_type = String, format = Email, examples("ayse.yilmaz@kurum.gov.tr"))
)]
pub struct Email(String);

/// Why a string is not an acceptable e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum EmailError {
    #[error("this is not a valid e-mail address")]
    Invalid,
    #[error("an e-mail address can be at most 254 characters long")]
    TooLong,
}

impl EmailError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            EmailError::Invalid => "email_invalid",
            EmailError::TooLong => "email_too_long",
        }
    }
}

impl Email {
    /// Parses an e-mail address; surrounding whitespace is trimmed and the domain lower-cased.
    pub fn parse(s: &str) -> Result<Email, EmailError> {
        let s = s.trim();
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailError::Invalid);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Invalid)?;
        let normalised = format!("{local}@{}", domain.to_lowercase());
        if normalised.chars().count() > MAX_EMAIL_LENGTH {
            return Err(EmailError::TooLong);
        }
        let options = Options::default()
            .with_required_tld()
            .without_domain_literal()
            .without_display_text();
        EmailAddress::parse_with_options(&normalised, options).map_err(|_| EmailError::Invalid)?;
        Ok(Email(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the last `@`.
    pub fn local_part(&self) -> &str {
        self.0.rsplit_once('@').map(|(l, _)| l).unwrap_or_default()
    }

    /// The (lower-case) part after the last `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }

    /// The first character of the local part and the whole domain, e.g. `a***@kurum.gov.tr`:
    /// tells the person which mailbox a message went to without revealing it in logs.
    pub fn masked(&self) -> String {
        let first = self.local_part().chars().next().unwrap_or('*');
        format!("{first}***@{}", self.domain())
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl std::str::FromStr for Email {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Email").field(&self.masked()).finish()
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_ordinary_address_parses() {
        let email = Email::parse("ayse.yilmaz@kurum.gov.tr").unwrap();
        assert_eq!(email.as_str(), "ayse.yilmaz@kurum.gov.tr");
    }

    #[test]
    fn surrounding_whitespace_is_trimmed() {
        assert_eq!(
            Email::parse("  ali@kurum.gov.tr \n").unwrap().as_str(),
            "ali@kurum.gov.tr"
        );
    }

    #[test]
    fn the_domain_is_lower_cased_and_the_local_part_kept() {
        let email = Email::parse("Ali.Veli@KURUM.Gov.TR").unwrap();
        assert_eq!(email.as_str(), "Ali.Veli@kurum.gov.tr");
        assert_eq!(email.local_part(), "Ali.Veli");
        assert_eq!(email.domain(), "kurum.gov.tr");
    }

    #[test]
    fn addresses_without_an_at_sign_or_parts_are_invalid() {
        for bad in [
            "",
            "   ",
            "ali",
            "ali@",
            "@kurum.gov.tr",
            "ali@@kurum.gov.tr",
            "ali@localhost",
            "ali veli@kurum.gov.tr",
            "ali@kurum .gov.tr",
            "ali@[127.0.0.1]",
            "Ali Veli <ali@kurum.gov.tr>",
            "ali@kurum..gov.tr",
            "ali\u{0}@kurum.gov.tr",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Invalid), "{bad:?}");
        }
    }

    #[test]
    fn an_address_longer_than_254_characters_is_too_long() {
        let local = "a".repeat(60);
        let domain = format!("{}.gov.tr", vec!["b".repeat(60); 4].join("."));
        let long = format!("{local}@{domain}");
        assert!(long.len() > MAX_EMAIL_LENGTH);
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn masked_shows_the_first_letter_and_the_domain() {
        let email = Email::parse("ayse@kurum.gov.tr").unwrap();
        assert_eq!(email.masked(), "a***@kurum.gov.tr");
        assert!(!format!("{email:?}").contains("ayse"));
    }

    #[test]
    fn error_codes_are_the_documented_snake_case_names() {
        assert_eq!(EmailError::Invalid.code(), "email_invalid");
        assert_eq!(EmailError::TooLong.code(), "email_too_long");
    }

    #[test]
    fn serialises_as_a_string_and_refuses_invalid_input() {
        let email = Email::parse("ali@kurum.gov.tr").unwrap();
        assert_eq!(
            serde_json::to_string(&email).unwrap(),
            "\"ali@kurum.gov.tr\""
        );
        assert!(serde_json::from_str::<Email>("\"not an address\"").is_err());
    }

    proptest! {
        #[test]
        fn generated_plain_addresses_parse_and_round_trip(
            local in "[a-z0-9]{1,20}(\\.[a-z0-9]{1,10}){0,2}",
            domain in "[a-z][a-z0-9]{0,15}(\\.[a-z]{2,10}){1,3}",
        ) {
            let email = Email::parse(&format!("{local}@{domain}")).unwrap();
            prop_assert_eq!(Email::parse(&format!("{email}")).unwrap(), email);
        }

        #[test]
        fn domain_case_does_not_matter(
            local in "[a-z]{1,10}",
            domain in "[a-zA-Z]{1,10}\\.[a-zA-Z]{2,5}",
        ) {
            let mixed = Email::parse(&format!("{local}@{domain}")).unwrap();
            let lower = Email::parse(&format!("{local}@{}", domain.to_lowercase())).unwrap();
            prop_assert_eq!(mixed, lower);
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = Email::parse(&s);
        }
    }
}
