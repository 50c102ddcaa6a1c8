//! Request budgets for what anyone may call without logging in and what costs us rows or CPU
//! (login starts, the staff password check, the simulator's login): per client address and
//! for everyone together, in fixed windows, kept in the database so that every API instance
//! counts against the same budget.
//!
//! The hits of a call are one statement, an insert that counts on the existing rows instead
//! when there are some (`ON CONFLICT … DO UPDATE … WHERE`), so that parallel requests on
//! several instances never count past a limit. An IPv6 client is
//! counted by its /64, which one household or one attacker's machine usually has whole.
//!
//! The per-client budgets are generous on purpose: a ministry's thousands of public servants
//! may reach us through one NAT address on a Monday morning. They stop a script, not an
//! office; `NES_RATE_LIMIT_EXEMPT` lifts them for known addresses (the global budgets stay).

use std::borrow::Cow;
use std::net::IpAddr;
use std::sync::LazyLock;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Timestamp};

use crate::clock::seconds_until;
use crate::db::schema::rate_limits;
use crate::db::{from_db_time, to_db_time, AnyConnection, Prepared};
use crate::error::ApiError;

/// How many calls of one kind a client, and everyone together, may make per window.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub name: &'static str,
    pub per_client: i32,
    pub global: i32,
    pub window: Duration,
}

/// The operations that spend one of these budgets: each is documented with `429
/// rate_limited` (`openapi::CommonAnswers`).
pub const BUDGETED_OPERATIONS: &[&str] = &[
    "start_edevlet_login",
    "start_e_imza_login",
    "start_passkey_login",
    "staff_login",
];

/// e-Devlet login starts: each writes a login attempt. A person needs one or two.
pub const EDEVLET_LOGIN: Budget = Budget {
    name: "edevlet_login",
    per_client: 300,
    global: 12_000,
    window: Duration::minutes(1),
};

/// e-İmza login challenges: each writes a challenge row.
pub const E_IMZA_LOGIN: Budget = Budget {
    name: "e_imza_login",
    per_client: 120,
    global: 6_000,
    window: Duration::minutes(1),
};

/// Passkey login starts: each writes a ceremony row.
pub const PASSKEY_LOGIN: Budget = Budget {
    name: "passkey_login",
    per_client: 300,
    global: 12_000,
    window: Duration::minutes(1),
};

/// Staff password checks: argon2id with 19 MiB each. Staff are few; the global budget keeps
/// two cores from being spent on hashing for anyone who asks.
pub const STAFF_LOGIN: Budget = Budget {
    name: "staff_login",
    per_client: 60,
    global: 600,
    window: Duration::minutes(1),
};

/// The e-Devlet simulator's password form (development only).
pub const SIMULATOR_LOGIN: Budget = Budget {
    name: "simulator_login",
    per_client: 300,
    global: 12_000,
    window: Duration::minutes(1),
};

/// A limit on one key of our own choosing rather than a client's address: say, a phone
/// number's keyed hash, which no client controls.
#[derive(Debug, Clone, Copy)]
pub struct KeyedLimit {
    pub name: &'static str,
    pub limit: i32,
    pub window: Duration,
}

/// SMS codes to one phone number in an hour, across applications and people: the applicant
/// types the number, so anyone's number can be typed. Two applications' worth of the
/// per-application limit (five an hour), enough for a person with several institutions.
pub const SMS_TO_ONE_PHONE_PER_HOUR: KeyedLimit = KeyedLimit {
    name: "sms_phone_hour",
    limit: 10,
    window: Duration::hours(1),
};

/// SMS codes to one phone number in a day: a victim's phone gets at most this many texts
/// from us a day, however many forms name it.
pub const SMS_TO_ONE_PHONE_PER_DAY: KeyedLimit = KeyedLimit {
    name: "sms_phone_day",
    limit: 20,
    window: Duration::days(1),
};

/// The key a client is counted under: its address, or its /64 for IPv6.
pub fn client_key(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map_or_else(String::new, |v4| v4.to_string()),
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.chars().take(64).collect(),
    }
}

/// Takes one call of `budget` for the client at `ip` (when known) and for everyone, or
/// neither: refused with `429 rate_limited` and the seconds until the window that is full
/// ends. Run it in a change of its own, before the work, so that the count stands whatever
/// the work does.
pub fn take(
    conn: &mut AnyConnection,
    budget: &Budget,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let global = Hit {
        bucket: budget.name.to_owned(),
        limit: budget.global,
        window: budget.window,
    };
    let client = ip.map(|ip| Hit {
        bucket: format!("{}:{}", budget.name, client_key(ip)),
        limit: budget.per_client,
        window: budget.window,
    });
    take_all(
        conn,
        &client.into_iter().chain([global]).collect::<Vec<_>>(),
        now,
    )
}

/// Takes one of each of `limits` for `key`, or none. Inside the caller's transaction.
pub fn take_keyed(
    conn: &mut AnyConnection,
    limits: &[&KeyedLimit],
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let hits: Vec<Hit> = limits
        .iter()
        .map(|limit| Hit {
            bucket: format!("{}:{key}", limit.name),
            limit: limit.limit,
            window: limit.window,
        })
        .collect();
    take_all(conn, &hits, now)
}

/// One window to count a hit in.
struct Hit {
    bucket: String,
    limit: i32,
    window: Duration,
}

/// Counts a hit in each of `hits`' windows, or in none: when one refuses, the hits counted in
/// the others are given back, and the refusal says when the latest full window ends.
fn take_all(conn: &mut AnyConnection, hits: &[Hit], now: DateTime<Utc>) -> Result<(), ApiError> {
    let counted = count_hits(conn, hits, now)?;
    if counted.len() == hits.len() {
        return Ok(());
    }
    for bucket in &counted {
        give_back(conn, bucket)?;
    }
    let refused: Vec<&str> = hits
        .iter()
        .map(|hit| hit.bucket.as_str())
        .filter(|bucket| !counted.iter().any(|counted| counted == bucket))
        .collect();
    let window_ends_at: Option<chrono::NaiveDateTime> = rate_limits::table
        .filter(rate_limits::bucket.eq_any(&refused))
        .select(diesel::dsl::max(rate_limits::window_ends_at))
        .first(conn)?;
    let window_ends_at = window_ends_at.map_or(now, from_db_time);
    Err(ApiError::RateLimited {
        retry_after_seconds: seconds_until(window_ends_at, now).max(1),
    })
}

/// A bucket a hit was counted in (the `RETURNING` of [`upsert_hits`]'s statement).
#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Text)]
    bucket: String,
}

/// Counts a hit in each of `hits`' buckets whose window has room, in one statement whichever
/// way each goes (a new row, a window restarted, a hit counted); the buckets counted in.
/// Parallel hits on several instances queue on the rows, each judged on the count the one
/// before it left, so none counts past its limit.
fn count_hits(
    conn: &mut AnyConnection,
    hits: &[Hit],
    now: DateTime<Utc>,
) -> Result<Vec<String>, ApiError> {
    let text = statement_text(hits.len(), matches!(conn, AnyConnection::Postgresql(_)));
    macro_rules! run {
        ($conn:expr, $backend:ty, $text:expr) => {{
            let mut statement = diesel::sql_query($text).into_boxed::<$backend>();
            for hit in hits {
                statement = statement
                    .bind::<Text, _>(hit.bucket.as_str())
                    .bind::<Timestamp, _>(to_db_time(now + hit.window))
                    .bind::<Integer, _>(hit.limit);
            }
            let statement = statement.bind::<Timestamp, _>(to_db_time(now));
            Prepared(statement).load::<Counted>($conn)
        }};
    }
    let counted = match conn {
        AnyConnection::Postgresql(pg) => run!(pg, diesel::pg::Pg, text),
        AnyConnection::Sqlite(sqlite) => run!(sqlite, diesel::sqlite::Sqlite, text),
    }?;
    Ok(counted.into_iter().map(|counted| counted.bucket).collect())
}

/// [`upsert_hits`] in the backend's words, written once for the one or two buckets a call
/// counts in (any more are written when asked).
fn statement_text(buckets: usize, postgres: bool) -> Cow<'static, str> {
    static WRITTEN: LazyLock<[[String; 2]; 2]> = LazyLock::new(|| {
        [1, 2].map(|buckets| [false, true].map(|postgres| in_words(upsert_hits(buckets), postgres)))
    });
    match WRITTEN.get(buckets.wrapping_sub(1)) {
        Some(texts) => Cow::Borrowed(&texts[usize::from(postgres)]),
        None => Cow::Owned(in_words(upsert_hits(buckets), postgres)),
    }
}

/// A statement written with SQLite's numbered parameters (`?1`) as PostgreSQL numbers them
/// (`$1`) when it is PostgreSQL's.
fn in_words(sqlite: String, postgres: bool) -> String {
    match postgres {
        true => sqlite.replace('?', "$"),
        false => sqlite,
    }
}

/// [`count_hits`]'s statement for `buckets` buckets, with SQLite's numbered parameters (`?1`;
/// PostgreSQL's are `$1`): each bucket's name, its new window's end and its limit, then now.
/// The `WHERE` of `DO UPDATE` refuses a hit on a full open window (that row is neither changed
/// nor returned); an ended window starts again at one.
fn upsert_hits(buckets: usize) -> String {
    let now = 3 * buckets + 1;
    let rows: Vec<String> = (0..buckets)
        .map(|i| format!("(?{}, 1, ?{})", 3 * i + 1, 3 * i + 2))
        .collect();
    let limits: String = (0..buckets)
        .map(|i| format!(" WHEN ?{} THEN ?{}", 3 * i + 1, 3 * i + 3))
        .collect();
    format!(
        "INSERT INTO rate_limits (bucket, hits, window_ends_at) VALUES {rows} \
         ON CONFLICT (bucket) DO UPDATE SET \
         hits = CASE WHEN rate_limits.window_ends_at <= ?{now} THEN 1 \
           ELSE rate_limits.hits + 1 END, \
         window_ends_at = CASE WHEN rate_limits.window_ends_at <= ?{now} \
           THEN excluded.window_ends_at ELSE rate_limits.window_ends_at END \
         WHERE rate_limits.window_ends_at <= ?{now} \
           OR rate_limits.hits < CASE excluded.bucket{limits} END \
         RETURNING bucket",
        rows = rows.join(", ")
    )
}

/// Gives back a hit [`take_all`] counted, when the work it was taken for is refused by another
/// limit: a refused send must not use up the other limit's window.
fn give_back(conn: &mut AnyConnection, bucket: &str) -> Result<(), ApiError> {
    diesel::update(rate_limits::table.find(bucket))
        .set(rate_limits::hits.eq(rate_limits::hits - 1))
        .execute(conn)?;
    Ok(())
}

/// Deletes the windows that have ended (a purge job: anyone can make rows here).
pub fn purge(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    Ok(
        diesel::delete(rate_limits::table.filter(rate_limits::window_ends_at.le(to_db_time(now))))
            .execute(conn)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_statement_is_written_once_per_backend_and_as_asked_for_more_buckets() {
        assert_eq!(statement_text(2, false), upsert_hits(2));
        assert_eq!(statement_text(1, true), upsert_hits(1).replace('?', "$"));
        assert!(matches!(statement_text(2, true), Cow::Borrowed(_)));
        let three = statement_text(3, true);
        assert!(three.contains("$10") && !three.contains('?'), "{three}");
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_and_ipv4_by_their_address() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(
            client_key("2001:db8:1:2:ffff::9"),
            client_key("2001:db8:1:2::7")
        );
        assert_eq!(client_key("192.0.2.7"), "192.0.2.7");
        assert_eq!(client_key("::ffff:192.0.2.7"), "192.0.2.7");
    }
}
