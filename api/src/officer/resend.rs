//! The notification e-mail of section 3.1, sent again at the officer's request (the person
//! lost it, or it went to spam): only while the application waits for the applicant, and at
//! most once every [`NOTIFICATION_RESEND_INTERVAL_SECONDS`] per application.
//!
//! A resend is audited (`notification_resent`) but is not a timeline event: the timeline
//! tells what happened to the application, and the officer's "stalled for N days" filter
//! must keep counting from the applicant's last step, not from a reminder.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use shared::api::officer::{
    NotificationResent, NotificationStatus, NOTIFICATION_RESEND_INTERVAL_SECONDS,
};
use shared::workflow::TransitionError;

use crate::applications::row::Application;
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::clock::seconds_until;
use crate::config::Config;
use crate::db::schema::outbox;
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;
use crate::notify::{self, templates, Channel, OutgoingMessage};

/// The outbox purpose of the first notification (see `applications::pre_application`).
const CREATED_PURPOSE: &str = "pre_application_created";
/// The outbox purpose of a notification sent again.
pub const RESENT_PURPOSE: &str = "pre_application_resent";

fn interval() -> Duration {
    Duration::seconds(i64::try_from(NOTIFICATION_RESEND_INTERVAL_SECONDS).unwrap_or(600))
}

/// When the latest notification e-mail (first or again) of the application was queued.
pub fn last_queued_at(
    conn: &mut AnyConnection,
    application_id: &str,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let latest: Option<NaiveDateTime> = outbox::table
        .filter(outbox::application_id.eq(application_id))
        .filter(outbox::purpose.eq_any([CREATED_PURPOSE, RESENT_PURPOSE]))
        .select(diesel::dsl::max(outbox::created_at))
        .first(conn)?;
    Ok(latest.map(from_db_time))
}

/// Whether the e-mail can go again, and when.
pub fn status(
    conn: &mut AnyConnection,
    app: &Application,
    now: DateTime<Utc>,
) -> Result<NotificationStatus, ApiError> {
    let last = last_queued_at(conn, &app.id)?;
    Ok(NotificationStatus {
        last_queued_at: last,
        resend_allowed: refusal(app, now).is_none(),
        resend_available_in_seconds: last
            .map(|at| seconds_until(at + interval(), now))
            .unwrap_or(0),
    })
}

/// Why the application no longer takes a reminder: approved or closed (the applicant has
/// nothing to do), or past its deadline (the link in the e-mail would lead nowhere).
fn refusal(app: &Application, now: DateTime<Utc>) -> Option<TransitionError> {
    let state = app.state();
    if !state.is_before_approval() {
        Some(TransitionError::NotAllowed {
            from: state,
            command: "resend_notification",
        })
    } else if now >= app.workflow.deadline {
        Some(TransitionError::DeadlinePassed)
    } else {
        None
    }
}

/// Queues the notification e-mail again, with its audit entry, in the caller's transaction
/// (on the application `access::lock` holds, so two clicks at once send one e-mail).
pub fn resend(
    conn: &mut AnyConnection,
    app: &Application,
    ctx: &EventContext,
    config: &Config,
) -> Result<NotificationResent, ApiError> {
    if let Some(refused) = refusal(app, ctx.at) {
        return Err(refused.into());
    }
    if let Some(last) = last_queued_at(conn, &app.id)? {
        let next = last + interval();
        if ctx.at < next {
            return Err(ApiError::NotificationResendTooSoon {
                retry_after_seconds: seconds_until(next, ctx.at),
            });
        }
    }
    let (subject, body) = templates::pre_application_created(
        app.person.first_name.as_str(),
        app.person.last_name.as_str(),
        app.reference.as_str(),
        &app.person.institution,
        app.workflow.deadline,
        &config.public_url,
    );
    let message = OutgoingMessage {
        channel: Channel::Email,
        purpose: RESENT_PURPOSE,
        recipient: app.person.email.to_string(),
        subject,
        body,
        application_id: Some(app.id.clone()),
        sensitive: false,
    };
    notify::enqueue(conn, &message, &config.secrets, ctx.at)?;
    audit::record(
        conn,
        ctx,
        AuditAction::NotificationResent,
        Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        Some(&notify::mask_recipient(
            Channel::Email,
            app.person.email.as_str(),
        )),
    )?;
    Ok(NotificationResent {
        queued_at: ctx.at,
        recipient: app.person.email.to_string(),
        next_resend_at: ctx.at + interval(),
    })
}
