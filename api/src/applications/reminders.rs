//! Reminders of the deadline (issue 12): 7 days and 1 day before it, an application not yet
//! approved earns its person an e-mail (and an SMS when the form gave a phone), a timeline
//! entry and an `application.reminder_sent` webhook to the institution. The row in
//! `application_reminders` is inserted in the transaction that queues them, so each goes out
//! once however many instances run the job; a person named less than 7 days before the
//! deadline gets the 1-day reminder only.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use shared::named::Named;
use shared::workflow::{ApplicationState, EventKind};

use super::access::{self, Caller};
use super::row::Application;
use super::transition::{record_event, EventContext};
use crate::config::Config;
use crate::db::schema::{application_reminders, applications};
use crate::db::{insert_rows, to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::notify::{self, templates, Channel, OutgoingMessage};
use crate::webhooks::{self, Occurrence};

/// Days before the deadline, latest first: an application due for both gets the later one.
pub const REMINDER_DAYS: [u32; 2] = [1, 7];

/// Applications reminded per run and reminder (the job runs again soon).
const BATCH: i64 = 500;

/// Sends every reminder due at `now`; how many went out.
pub fn send_due(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<usize, ApiError> {
    let open = [
        ApplicationState::PreApplication.as_str(),
        ApplicationState::FormSubmitted.as_str(),
        ApplicationState::PhoneVerified.as_str(),
    ];
    let mut sent = 0;
    for days in REMINDER_DAYS {
        let reminded = application_reminders::table
            .filter(application_reminders::days_before.eq(days as i32))
            .select(application_reminders::application_id);
        let due: Vec<String> = applications::table
            .filter(applications::state.eq_any(open))
            .filter(applications::deadline.gt(to_db_time(now)))
            .filter(applications::deadline.le(to_db_time(now + Duration::days(days.into()))))
            .filter(applications::id.ne_all(reminded))
            .select(applications::id)
            .limit(BATCH)
            .load(conn)?;
        for id in due {
            let result = write_transaction(conn, |conn| remind(conn, &id, days, now, config));
            match result {
                Ok(true) => sent += 1,
                Ok(false) => {}
                // Approved or changed meanwhile: nothing to remind of.
                Err(ApiError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(sent)
}

/// One application's reminder, if nobody sent it first.
fn remind(
    conn: &mut AnyConnection,
    id: &str,
    days: u32,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<bool, ApiError> {
    let ctx = EventContext::system(now);
    let app = access::lock(conn, id, &Caller::System, &ctx)?;
    if !matches!(
        app.state(),
        ApplicationState::PreApplication
            | ApplicationState::FormSubmitted
            | ApplicationState::PhoneVerified
    ) {
        return Ok(false);
    }
    // The row lock taken above orders every instance's look here, so a check then an insert
    // holds (and never trips a unique key, which would abort a PostgreSQL transaction).
    let done: Vec<i32> = application_reminders::table
        .filter(application_reminders::application_id.eq(id))
        .select(application_reminders::days_before)
        .load(conn)?;
    if done.contains(&(days as i32)) {
        return Ok(false);
    }
    // This reminder and, for a late one, the earlier ones it stands for.
    let rows: Vec<_> = REMINDER_DAYS
        .into_iter()
        .filter(|d| *d >= days && !done.contains(&(*d as i32)))
        .map(|d| {
            (
                application_reminders::application_id.eq(id),
                application_reminders::days_before.eq(d as i32),
                application_reminders::sent_at.eq(to_db_time(now)),
            )
        })
        .collect();
    insert_rows!(conn, application_reminders::table, rows)?;
    notify::enqueue_all(conn, &messages(&app, days, config), &config.secrets, now)?;
    record_event(conn, id, EventKind::ReminderSent, None, &ctx)?;
    if let Some(institution_id) = app.institution_id.as_deref() {
        let occurrence = Occurrence::of(
            EventKind::ReminderSent,
            institution_id,
            id,
            app.reference.as_str(),
            app.state(),
            now,
        );
        let occurrences: Vec<Occurrence> = occurrence
            .into_iter()
            .map(|mut o| {
                o.event.data.days_left = Some(days);
                o
            })
            .collect();
        webhooks::publish(conn, occurrences, now)?;
    }
    Ok(true)
}

fn messages(app: &Application, days: u32, config: &Config) -> Vec<OutgoingMessage> {
    let deadline = app.workflow.deadline;
    let (subject, body) = templates::deadline_reminder_email(
        app.person.first_name.as_str(),
        app.reference.as_str(),
        days,
        deadline,
        &format!("{}/", config.public_url),
    );
    let mut messages = vec![OutgoingMessage {
        channel: Channel::Email,
        purpose: "deadline_reminder",
        recipient: app.person.email.as_str().to_owned(),
        subject,
        body,
        application_id: Some(app.id.clone()),
        sensitive: false,
    }];
    if let Ok(form) = app.submitted_form() {
        messages.push(OutgoingMessage {
            channel: Channel::Sms,
            purpose: "deadline_reminder",
            recipient: form.mobile_phone.as_e164().to_owned(),
            subject: String::new(),
            body: templates::deadline_reminder_sms(app.reference.as_str(), days, deadline),
            application_id: Some(app.id.clone()),
            sensitive: false,
        });
    }
    messages
}

/// The person's notice that the application closed without a certificate (expired or
/// cancelled), queued with the change.
pub fn closed_notice(app: &Application, expired: bool) -> OutgoingMessage {
    let (subject, body) = templates::application_closed_email(
        app.person.first_name.as_str(),
        app.reference.as_str(),
        expired,
    );
    OutgoingMessage {
        channel: Channel::Email,
        purpose: if expired {
            "application_expired"
        } else {
            "application_cancelled"
        },
        recipient: app.person.email.as_str().to_owned(),
        subject,
        body,
        application_id: Some(app.id.clone()),
        sensitive: false,
    }
}
