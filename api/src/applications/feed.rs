//! The change feed (`list_pre_applications`): the applications of a caller's institution (all
//! of them for an operator) in the order they last changed, page by page with a cursor.
//!
//! A cursor is a position in that order — (`updated_at`, id) of the last application served —
//! so a page never repeats or skips what did not change, whatever is written meanwhile; an
//! application that changes again moves past the cursor and is served again. What changed in
//! the last [`SETTLING`] is held back: a change is stamped when its request starts and may
//! commit a little later, and served out of order it would land behind a cursor already past
//! it.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use shared::api::feed::{
    FeedItem, PreApplicationFeed, PreApplicationFeedQuery, DEFAULT_FEED_PAGE, MAX_FEED_PAGE,
};
use shared::form::FieldErrors;
use shared::named::Named;

use super::read;
use super::row::{Application, ApplicationRow};
use crate::db::schema::applications;
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;

type Db = <AnyConnection as diesel::Connection>::Backend;

/// How long a change may take from its stamp to its commit: a request's wait for a
/// connection and for the writer or a row lock are each bounded by five seconds
/// (`PoolSettings`), then it fails and leaves nothing.
pub const SETTLING: Duration = Duration::seconds(15);

/// What a cursor looks like, as the document says (`PreApplicationFeedQuery::cursor`).
pub const CURSOR_PATTERN: &str = "^[0-9]{1,16}:[0-9A-Za-z-]{1,64}$";

/// A position in the feed's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    at: NaiveDateTime,
    id: String,
}

impl Cursor {
    /// `<microseconds since 1970>:<application id>`, as [`Cursor::encode`] writes it (the
    /// document's pattern for `cursor`: [`CURSOR_PATTERN`]); `None` for anything else.
    pub fn parse(text: &str) -> Option<Cursor> {
        let (micros, id) = text.split_once(':')?;
        let digits = micros.len();
        if !(1..=16).contains(&digits) || !micros.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let at = DateTime::<Utc>::from_timestamp_micros(micros.parse().ok()?)?;
        let id_ok = (1..=64).contains(&id.len())
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        id_ok.then(|| Cursor {
            at: to_db_time(at),
            id: id.to_owned(),
        })
    }

    pub fn encode(&self) -> String {
        format!("{}:{}", from_db_time(self.at).timestamp_micros(), self.id)
    }

    /// The very start of the feed (before any application; PostgreSQL's timestamps do not
    /// reach `NaiveDateTime::MIN`).
    fn start() -> Cursor {
        Cursor {
            at: to_db_time(DateTime::UNIX_EPOCH),
            id: String::new(),
        }
    }
}

/// One page after `query.cursor` for `scope` (an institution id; `None` for all).
pub fn page(
    conn: &mut AnyConnection,
    scope: Option<&str>,
    query: &PreApplicationFeedQuery,
    now: DateTime<Utc>,
) -> Result<PreApplicationFeed, ApiError> {
    let mut errors = FieldErrors::new();
    let after = match &query.cursor {
        Some(text) => Cursor::parse(text).unwrap_or_else(|| {
            errors.add("cursor", "cursor_invalid");
            Cursor::start()
        }),
        None => Cursor::start(),
    };
    let limit = query.limit.unwrap_or(DEFAULT_FEED_PAGE);
    if !(1..=MAX_FEED_PAGE).contains(&limit) {
        errors.add("limit", "out_of_range");
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let settled_until = now - SETTLING;
    let mut rows: Vec<ApplicationRow> = matching(scope, query, &after, settled_until)
        .order((applications::updated_at.asc(), applications::id.asc()))
        .limit(i64::from(limit) + 1)
        .select(ApplicationRow::as_select())
        .load(conn)?;
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let apps = rows
        .into_iter()
        .map(Application::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    let next = match apps.last() {
        Some(last) => Cursor {
            at: to_db_time(last.updated_at),
            id: last.id.clone(),
        },
        None => after,
    };
    let ids: Vec<&str> = apps.iter().map(|app| app.id.as_str()).collect();
    let mut timelines = read::timelines(conn, &ids)?;
    let mut messages = crate::notify::delivery_state::of_applications(conn, &ids)?;
    let items = apps
        .iter()
        .map(|app| FeedItem {
            summary: read::summary(app, timelines.remove(&app.id).unwrap_or_default()),
            messages: messages.remove(&app.id).unwrap_or_default(),
        })
        .collect();
    Ok(PreApplicationFeed {
        items,
        next_cursor: next.encode(),
        has_more,
        settled_until,
    })
}

fn matching<'a>(
    scope: Option<&'a str>,
    query: &PreApplicationFeedQuery,
    after: &'a Cursor,
    settled_until: DateTime<Utc>,
) -> applications::BoxedQuery<'a, Db> {
    let mut rows = applications::table
        .filter(applications::updated_at.le(to_db_time(settled_until)))
        .filter(
            applications::updated_at
                .gt(after.at)
                .or(applications::updated_at
                    .eq(after.at)
                    .and(applications::id.gt(&after.id))),
        )
        .into_boxed();
    if let Some(institution_id) = scope {
        rows = rows.filter(applications::institution_id.eq(institution_id));
    }
    if let Some(state) = query.state {
        rows = rows.filter(applications::state.eq(state.as_str()));
    }
    if let Some(since) = query.created_since {
        rows = rows.filter(applications::created_at.ge(to_db_time(since)));
    }
    if let Some(since) = query.updated_since {
        rows = rows.filter(applications::updated_at.ge(to_db_time(since)));
    }
    rows
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_what_it_wrote_and_refuses_anything_else() {
        let cursor = Cursor {
            at: to_db_time(DateTime::from_timestamp_micros(1_764_850_000_123_456).unwrap()),
            id: "8e03978e-40d5-43e8-bc93-6894a57f9324".into(),
        };
        assert_eq!(Cursor::parse(&cursor.encode()).unwrap(), cursor);
        for bad in [
            "",
            "12",
            "x:abc",
            "12:",
            "12:a b",
            "12:a;drop",
            "-5:abc",
            "12345678901234567:a",
        ] {
            assert!(Cursor::parse(bad).is_none(), "{bad}");
        }
        // Whatever the pattern lets through reads as a cursor.
        assert!(Cursor::parse("9999999999999999:0").is_some());
    }
}
