//! The times in the API's answers, written and read back as RFC 3339: what chrono writes
//! (`2026-12-06T13:30:19.123456Z`, the fraction in as many of 0, 3, 6 or 9 digits as it
//! needs).
//!
//! chrono's own `Deserialize` for `DateTime` goes through its general date parser, which
//! accepts looser forms and costs each browser app about 6 KB of its gzipped download
//! (docs/benchmarks.md); an answer needs only the strict form. What the API reads from
//! others (a query's `created_since`, a payment provider's callback) keeps chrono's reader.
//! chrono's own `Serialize` hands the serializer the text in a dozen pieces, which serde_json
//! escapes one by one (a twelfth of the API's CPU answering an application's page, in a
//! callgrind profile); [`serialize`] writes the same text in one piece.
//!
//! On an answer's field: `#[serde(with = "crate::rfc3339")]`, and
//! `#[serde(default, with = "crate::rfc3339::option")]` on an `Option` (absent or `null` is
//! `None`, as without the attribute).

use std::fmt;

use chrono::{DateTime, Datelike, ParseError, Timelike, Utc};
use serde::de::{Error, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An RFC 3339 date and time (any offset), in UTC.
pub fn parse(text: &str) -> Result<DateTime<Utc>, ParseError> {
    DateTime::parse_from_rfc3339(text).map(|at| at.with_timezone(&Utc))
}

/// `at` as chrono writes it, in one piece.
pub fn serialize<S: Serializer>(at: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    let mut text = [0; LONGEST];
    match write(at, &mut text) {
        Some(text) => serializer.serialize_str(text),
        // A year past four digits or a leap second: chrono's own writing.
        None => at.serialize(serializer),
    }
}

/// `2026-12-06T13:30:19.123456789Z`
const LONGEST: usize = 30;

fn write<'a>(at: &DateTime<Utc>, text: &'a mut [u8; LONGEST]) -> Option<&'a str> {
    let year = u32::try_from(at.year()).ok().filter(|year| *year <= 9999)?;
    let nanos = Some(at.nanosecond()).filter(|nanos| *nanos < 1_000_000_000)?;
    let (fraction, places) = match nanos {
        0 => (0, 0),
        _ if nanos % 1_000_000 == 0 => (nanos / 1_000_000, 3),
        _ if nanos % 1_000 == 0 => (nanos / 1_000, 6),
        _ => (nanos, 9),
    };
    digits(&mut text[0..4], year);
    text[4] = b'-';
    digits(&mut text[5..7], at.month());
    text[7] = b'-';
    digits(&mut text[8..10], at.day());
    text[10] = b'T';
    digits(&mut text[11..13], at.hour());
    text[13] = b':';
    digits(&mut text[14..16], at.minute());
    text[16] = b':';
    digits(&mut text[17..19], at.second());
    let mut end = 19;
    if places > 0 {
        text[19] = b'.';
        digits(&mut text[20..20 + places], fraction);
        end = 20 + places;
    }
    text[end] = b'Z';
    std::str::from_utf8(&text[..=end]).ok()
}

/// `value`'s last `into.len()` decimal digits, zero-padded.
fn digits(into: &mut [u8], mut value: u32) {
    for digit in into.iter_mut().rev() {
        *digit = b'0' + (value % 10) as u8;
        value /= 10;
    }
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

/// The same for an `Option` (`None` is `null`).
pub mod option {
    use chrono::{DateTime, Utc};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        at: &Option<DateTime<Utc>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        super::deserialize_option(deserializer)
    }
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
        #[serde(with = "super")]
        at: DateTime<Utc>,
        #[serde(default, with = "super::option")]
        until: Option<DateTime<Utc>>,
    }

    /// What chrono's own `Serialize` writes.
    #[derive(Serialize)]
    struct ChronoAnswer {
        at: DateTime<Utc>,
        until: Option<DateTime<Utc>>,
    }

    #[test]
    fn writes_what_chrono_writes() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for _ in 0..20_000 {
            let seconds = i64::try_from(next() % 253_402_300_800).unwrap();
            let nanos = match next() % 4 {
                0 => 0,
                1 => (next() % 1_000) as u32 * 1_000_000,
                2 => (next() % 1_000_000) as u32 * 1_000,
                _ => (next() % 1_000_000_000) as u32,
            };
            let at = DateTime::from_timestamp(seconds, nanos).unwrap();
            let until = (next() % 2 == 0).then_some(at);
            let ours = serde_json::to_string(&Answer { at, until }).unwrap();
            let chrono = serde_json::to_string(&ChronoAnswer { at, until }).unwrap();
            assert_eq!(ours, chrono);
            checked += 1;
        }
        assert_eq!(checked, 20_000);
        // Outside four-digit years and on a leap second chrono writes, as before.
        for at in [
            DateTime::from_timestamp(-62_198_755_200, 0).unwrap(),
            DateTime::from_timestamp(253_402_300_800, 5).unwrap(),
            DateTime::from_timestamp(1_483_228_799, 1_500_000_000).unwrap(),
        ] {
            let ours = serde_json::to_string(&Answer { at, until: None }).unwrap();
            let chrono = serde_json::to_string(&ChronoAnswer { at, until: None }).unwrap();
            assert_eq!(ours, chrono);
        }
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
