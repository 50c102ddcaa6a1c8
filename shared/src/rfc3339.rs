//! The times in the API's answers, read back as RFC 3339: what the API writes (chrono's
//! serialisation, `2026-12-06T13:30:19.123456Z`).
//!
//! chrono's own `Deserialize` for `DateTime` goes through its general date parser, which
//! accepts looser forms and costs each browser app about 6 KB of its gzipped download
//! (docs/benchmarks.md); an answer needs only the strict form. What the API reads from
//! others (a query's `created_since`, a payment provider's callback) keeps chrono's reader.
//!
//! On an answer's field: `#[serde(deserialize_with = "crate::rfc3339::deserialize")]`, and
//! `#[serde(default, deserialize_with = "crate::rfc3339::deserialize_option")]` on an
//! `Option` (absent or `null` is `None`, as without the attribute).

use std::fmt;

use chrono::{DateTime, ParseError, Utc};
use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer};

/// An RFC 3339 date and time (any offset), in UTC.
pub fn parse(text: &str) -> Result<DateTime<Utc>, ParseError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(Rfc3339Visitor)
}

pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    struct At(DateTime<Utc>);
    impl<'de> Deserialize<'de> for At {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<At, D::Error> {
            deserialize(deserializer).map(At)
        }
    }
    Ok(Option::<At>::deserialize(deserializer)?.map(|At(at)| at))
}

struct Rfc3339Visitor;

impl Visitor<'_> for Rfc3339Visitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        parse(text).map_err(E::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::TimeZone;
    use serde::Serialize;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Answer {
        #[serde(deserialize_with = "deserialize")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "deserialize_option")]
        until: Option<DateTime<Utc>>,
    }

    fn at(nanos: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 6, 13, 30, 19).unwrap()
            + chrono::Duration::nanoseconds(nanos.into())
    }

    #[test]
    fn reads_back_what_chrono_writes() {
        for nanos in [0, 123_000_000, 123_456_789] {
            let answer = Answer {
                at: at(nanos),
                until: Some(at(nanos)),
            };
            let json = serde_json::to_string(&answer).unwrap();
            assert_eq!(
                serde_json::from_str::<Answer>(&json).unwrap(),
                answer,
                "{json}"
            );
        }
    }

    #[test]
    fn an_offset_is_turned_into_utc() {
        let answer: Answer = serde_json::from_str(r#"{"at":"2026-12-06T16:30:19+03:00"}"#).unwrap();
        assert_eq!(answer.at, at(0));
    }

    #[test]
    fn an_absent_or_null_option_is_none() {
        let absent: Answer = serde_json::from_str(r#"{"at":"2026-12-06T13:30:19Z"}"#).unwrap();
        let null: Answer =
            serde_json::from_str(r#"{"at":"2026-12-06T13:30:19Z","until":null}"#).unwrap();
        assert_eq!((absent.until, null.until), (None, None));
    }

    #[test]
    fn anything_but_rfc_3339_is_refused() {
        for text in [
            "2026-12-06 13:30:19",
            "2026-12-06",
            "06.12.2026 13:30",
            "",
            "x",
        ] {
            let json = format!(r#"{{"at":"{text}"}}"#);
            assert!(serde_json::from_str::<Answer>(&json).is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Answer>(r#"{"at":1765027819}"#).is_err());
    }
}
