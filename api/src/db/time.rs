//! Times as the databases keep them: UTC without a zone, read back quickly.
//!
//! SQLite keeps a `Timestamp` as diesel writes it, text such as `2026-12-05 02:10:37.123456`,
//! and diesel reads it back by trying chrono format strings in turn — about 2,600
//! instructions a value, a twentieth of the CPU of reading an application's page (a
//! callgrind profile, docs/benchmarks.md). [`parse_db_time`] reads that layout (and the ISO
//! one PostgreSQL writes into JSON) directly; [`DbTime`] is a column read through it, for the
//! rows the hot reads load (`#[diesel(deserialize_as = DbTime)]`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::Pg;
use diesel::sql_types::Timestamp;
use diesel::sqlite::{Sqlite, SqliteValue};

use super::{MultiBackend, MultiRawValue};

/// `YYYY-MM-DD HH:MM:SS`, with `T` or a space between date and time and an optional fraction
/// of one to nine digits; `None` for anything else (an offset, a julian day number).
pub fn parse_db_time(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let (stamp, rest) = bytes.split_at_checked(19)?;
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if !separators
        .iter()
        .all(|&(at, separator)| stamp[at] == separator)
        || !matches!(stamp[10], b' ' | b'T')
    {
        return None;
    }
    let field = |from: usize, to: usize| number(&stamp[from..to]);
    let nanos = match rest {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            number(digits)? * 10u32.pow(9 - u32::try_from(digits.len()).ok()?)
        }
        _ => return None,
    };
    let year = i32::try_from(field(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, field(5, 7)?, field(8, 10)?)?.and_hms_nano_opt(
        field(11, 13)?,
        field(14, 16)?,
        field(17, 19)?,
        nanos,
    )
}

/// ASCII decimal digits, at most nine of them.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |value, digit| {
        digit
            .is_ascii_digit()
            .then(|| value * 10 + u32::from(digit - b'0'))
    })
}

/// A `Timestamp` column, read on SQLite through [`parse_db_time`] (what it cannot read goes
/// to diesel's own reader); on PostgreSQL (binary) as diesel reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct DbTime(pub NaiveDateTime);

impl From<DbTime> for NaiveDateTime {
    fn from(DbTime(at): DbTime) -> NaiveDateTime {
        at
    }
}

impl FromSql<Timestamp, Sqlite> for DbTime {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        match parse_db_time(value.read_text()) {
            Some(at) => Ok(DbTime(at)),
            None => <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(DbTime),
        }
    }
}

impl FromSql<Timestamp, Pg> for DbTime {
    fn from_sql(value: diesel::pg::PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(DbTime)
    }
}

impl FromSql<Timestamp, MultiBackend> for DbTime {
    fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<DbTime, Timestamp>()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{DateTime, Timelike};

    #[test]
    fn reads_what_diesel_and_postgresql_write() {
        let at = DateTime::from_timestamp(1_764_900_637, 123_456_000)
            .unwrap()
            .naive_utc();
        // diesel's own text on SQLite (`%F %T%.f`), and PostgreSQL's ISO form in JSON.
        let diesel = at.format("%F %T%.f").to_string();
        assert_eq!(parse_db_time(&diesel), Some(at));
        assert_eq!(parse_db_time("2025-12-05T02:10:37.123456"), Some(at));
        assert_eq!(
            parse_db_time("2025-12-05 02:10:37"),
            Some(at.with_nanosecond(0).unwrap())
        );
        assert_eq!(
            parse_db_time("2025-12-05 02:10:37.5").unwrap().nanosecond(),
            500_000_000
        );
        assert_eq!(
            parse_db_time("2025-12-05 02:10:37.123456789")
                .unwrap()
                .nanosecond(),
            123_456_789
        );
    }

    #[test]
    fn matches_chrono_on_many_times() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let seconds = i64::try_from(seed % 253_402_300_800).unwrap();
            let nanos = u32::try_from(seed % 1_000_000).unwrap() * 1_000;
            let at = DateTime::from_timestamp(seconds, nanos)
                .unwrap()
                .naive_utc();
            let text = at.format("%F %T%.f").to_string();
            assert_eq!(parse_db_time(&text), Some(at), "{text}");
        }
    }

    #[test]
    fn refuses_anything_else() {
        for text in [
            "",
            "2025-12-05",
            "2025-12-05X02:10:37",
            "2025-12-05 02:10:37.",
            "2025-12-05 02:10:37.1234567890",
            "2025-12-05 02:10:37+03:00",
            "2025-12-05 02:10:37.123456+03:00",
            "2025-13-05 02:10:37",
            "2025-02-30 02:10:37",
            "2025-12-05 24:10:37",
            "2025-12-05 02:1a:37",
            "+025-12-05 02:10:37",
            "05.12.2025 02:10:37",
            "2461014.5",
        ] {
            assert_eq!(parse_db_time(text), None, "{text}");
        }
    }
}
