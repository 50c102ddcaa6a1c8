//! Times as people in Türkiye read them: `dd.mm.yyyy HH:MM`, Europe/Istanbul.
//!
//! Türkiye has kept UTC+03:00 all year since September 2016 (no daylight saving), so
//! Europe/Istanbul is a fixed offset for every time this system stores; no time-zone
//! database is shipped to the browser.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};

/// Europe/Istanbul's offset from UTC.
pub const ISTANBUL_OFFSET_HOURS: i64 = 3;

fn istanbul(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::hours(ISTANBUL_OFFSET_HOURS)
}

/// `23.04.2026 14:05`.
pub fn date_time(at: DateTime<Utc>) -> String {
    let local = istanbul(at);
    format!(
        "{:02}.{:02}.{:04} {:02}:{:02}",
        local.day(),
        local.month(),
        local.year(),
        local.hour(),
        local.minute()
    )
}

/// `23.04.2026`.
pub fn date(at: DateTime<Utc>) -> String {
    let local = istanbul(at);
    format!(
        "{:02}.{:02}.{:04}",
        local.day(),
        local.month(),
        local.year()
    )
}

/// `14:05`.
pub fn clock(at: DateTime<Utc>) -> String {
    let local = istanbul(at);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// The machine-readable form for `<time datetime>`: `2026-04-23T11:05:00Z`.
pub fn iso(at: DateTime<Utc>) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// The date in Türkiye at `now`: the day the form's age rules are checked against, as on
/// the server.
pub fn today_in_turkey(now: DateTime<Utc>) -> NaiveDate {
    istanbul(now).date()
}

/// The current time: the browser's clock in the browser.
#[cfg(target_arch = "wasm32")]
pub fn now() -> DateTime<Utc> {
    // chrono's own clock needs its `wasmbind` feature; the JS clock is already here.
    let millis = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation)]
    DateTime::from_timestamp_millis(millis as i64).unwrap_or_default()
}

/// The current time.
#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    #[test]
    fn times_are_shown_in_istanbul_time() {
        assert_eq!(date_time(utc(2026, 4, 23, 11, 5)), "23.04.2026 14:05");
        assert_eq!(clock(utc(2026, 4, 23, 11, 5)), "14:05");
    }

    #[test]
    fn an_evening_in_utc_is_the_next_day_in_istanbul() {
        assert_eq!(date_time(utc(2026, 12, 31, 22, 30)), "01.01.2027 01:30");
        assert_eq!(date(utc(2026, 12, 31, 22, 30)), "01.01.2027");
        assert_eq!(
            today_in_turkey(utc(2026, 12, 31, 21, 0)),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(
            today_in_turkey(utc(2026, 12, 31, 20, 59)),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
    }

    #[test]
    fn summer_and_winter_use_the_same_offset() {
        assert_eq!(date_time(utc(2026, 7, 1, 9, 0)), "01.07.2026 12:00");
        assert_eq!(date_time(utc(2026, 1, 1, 9, 0)), "01.01.2026 12:00");
    }

    #[test]
    fn the_machine_readable_time_is_utc() {
        assert_eq!(iso(utc(2026, 4, 3, 7, 9)), "2026-04-03T07:09:00Z");
    }
}
