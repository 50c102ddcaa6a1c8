//! The change feed of pre-applications (`list_pre_applications`): an institution's HR system
//! reads every application that changed since it last looked, page by page, to reconcile
//! after downtime.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::ApplicationSummary;
use crate::workflow::ApplicationState;

/// The most applications one page holds.
pub const MAX_FEED_PAGE: u32 = 500;

/// The page size when none is asked for.
pub const DEFAULT_FEED_PAGE: u32 = 100;

/// Filters and position of `list_pre_applications`; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "server", into_params(parameter_in = Query))]
pub struct PreApplicationFeedQuery {
    /// Only applications now in this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(inline))]
    pub state: Option<ApplicationState>,
    /// Only applications created at or after this time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_since: Option<DateTime<Utc>>,
    /// Only applications changed at or after this time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_since: Option<DateTime<Utc>>,
    /// `next_cursor` of the previous page: the applications changed after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "server",
        param(pattern = "^[0-9]{1,16}:[0-9A-Za-z-]{1,64}$", max_length = 81)
    )]
    pub cursor: Option<String>,
    /// Applications per page, at most [`MAX_FEED_PAGE`] ([`DEFAULT_FEED_PAGE`] by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", param(minimum = 1, maximum = 500))]
    pub limit: Option<u32>,
}

/// One application of the feed: its summary, and its e-mails and SMS as they stand now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct FeedItem {
    #[serde(flatten)]
    pub summary: ApplicationSummary,
    /// Oldest first: `pending` (queued or waiting for a retry), `delivered` or `failed` with
    /// the reason.
    pub messages: Vec<super::messages::MessageDelivery>,
}

/// One page of the feed, oldest change first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct PreApplicationFeed {
    pub items: Vec<FeedItem>,
    /// Where the next page starts: send it as `cursor`, now for the next page or later for
    /// what changes meanwhile. An application that changes again comes again, later.
    pub next_cursor: String,
    /// Whether more changes are there now (ask again at once with `next_cursor`).
    pub has_more: bool,
    /// Changes newer than this are not served yet: they may still be committing, and a
    /// change served out of order would be skipped by a cursor already past it.
    #[serde(with = "crate::rfc3339")]
    pub settled_until: DateTime<Utc>,
}
