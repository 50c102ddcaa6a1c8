//! Persisting the workflow's decisions: the state moves (on the row `access::lock` holds, and
//! only if its `version` is still the one read), and each transition leaves its event.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::named::Named;
use shared::workflow::{ApplicationState, Command, EventKind, Transition};

use super::row::Application;
use crate::auth::ClientInfo;
use crate::db::schema::{application_events, applications};
use crate::db::{execute_prepared, insert_rows, to_db_time, AnyConnection, ROWS_PER_STATEMENT};
use crate::error::ApiError;
use crate::webhooks;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Applicant,
    Integrator,
    /// An institution's e-signature officer (kurum e-İmza sorumlusu).
    Officer,
    /// A Kamu SM operator.
    Operator,
    /// Somebody not (yet) authenticated, e.g. a failed login.
    Anonymous,
    System,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Applicant => "applicant",
            ActorKind::Integrator => "integrator",
            ActorKind::Officer => "officer",
            ActorKind::Operator => "operator",
            ActorKind::Anonymous => "anonymous",
            ActorKind::System => "system",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub kind: ActorKind,
    /// The applicant's TCKN, the integrator's API key id, or the staff member's user name.
    pub id: Option<String>,
}

/// Who did it, when, and from where: what every event records.
#[derive(Debug, Clone)]
pub struct EventContext {
    pub actor: Actor,
    pub client: ClientInfo,
    pub at: DateTime<Utc>,
}

impl EventContext {
    pub fn applicant(tckn: &shared::Tckn, client: ClientInfo, at: DateTime<Utc>) -> Self {
        EventContext {
            actor: Actor {
                kind: ActorKind::Applicant,
                id: Some(tckn.as_str().to_owned()),
            },
            client,
            at,
        }
    }

    pub fn staff(staff: &crate::auth::Staff, client: ClientInfo, at: DateTime<Utc>) -> Self {
        let kind = match staff.role {
            crate::auth::StaffRole::Officer { .. } => ActorKind::Officer,
            crate::auth::StaffRole::Operator => ActorKind::Operator,
        };
        EventContext {
            actor: Actor {
                kind,
                id: Some(staff.username.clone()),
            },
            client,
            at,
        }
    }

    /// Nobody logged in yet (a failed login): only where it came from.
    pub fn anonymous(client: ClientInfo, at: DateTime<Utc>) -> Self {
        EventContext {
            actor: Actor {
                kind: ActorKind::Anonymous,
                id: None,
            },
            client,
            at,
        }
    }

    /// The server itself: a scheduled job, or a step whose credential is not a person's.
    pub fn system(at: DateTime<Utc>) -> Self {
        EventContext {
            actor: Actor {
                kind: ActorKind::System,
                id: None,
            },
            client: ClientInfo::default(),
            at,
        }
    }

    pub fn integrator(name: &str, client: ClientInfo, at: DateTime<Utc>) -> Self {
        EventContext {
            actor: Actor {
                kind: ActorKind::Integrator,
                id: Some(name.to_owned()),
            },
            client,
            at,
        }
    }
}

/// Decides `command` for `app`, stores the outcome and moves `app` along with it. Fails with
/// `Conflict` when the stored version is not the one `app` was read at (which the row lock
/// of `access::lock` rules out; the check stays as a guard).
pub fn apply(
    conn: &mut AnyConnection,
    app: &mut Application,
    command: Command,
    ctx: &EventContext,
) -> Result<Vec<Transition>, ApiError> {
    apply_storing(conn, app, command, ctx, None)
}

/// [`apply`] of `SubmitForm`, storing `form_json` as the submitted form (the draft goes) in
/// the same UPDATE as the state's move: a round trip less for every form sent. Its events
/// are left to the caller ([`Unrecorded::record_with`]), to be inserted with the SMS code's
/// in one statement.
pub fn apply_submitting_form(
    conn: &mut AnyConnection,
    app: &mut Application,
    ctx: &EventContext,
    form_json: String,
) -> Result<Unrecorded, ApiError> {
    let steps = move_storing(conn, app, Command::SubmitForm, ctx, Some(form_json))?;
    Ok(Unrecorded { steps })
}

/// The events of steps stored but not yet on the timeline: recorded before the change ends.
#[must_use = "the steps' events must be recorded in the same change"]
pub struct Unrecorded {
    steps: Vec<Transition>,
}

impl Unrecorded {
    /// Records the steps' events, then `after` (an event without a move), in one insert (an
    /// approval moves twice: approved, then production or payment); answers the steps.
    pub fn record_with(
        self,
        conn: &mut AnyConnection,
        app: &Application,
        after: Option<EventKind>,
        ctx: &EventContext,
    ) -> Result<Vec<Transition>, ApiError> {
        let moves = self
            .steps
            .iter()
            .map(|step| NewEvent::of(&app.id, step.event, Some((step.from, step.to)), ctx));
        let after = after.map(|kind| NewEvent::of(&app.id, kind, None, ctx));
        let events: Vec<NewEvent> = moves.chain(after).collect();
        insert_events(conn, &events)?;
        Ok(self.steps)
    }
}

fn apply_storing(
    conn: &mut AnyConnection,
    app: &mut Application,
    command: Command,
    ctx: &EventContext,
    form_json: Option<String>,
) -> Result<Vec<Transition>, ApiError> {
    let steps = move_storing(conn, app, command, ctx, form_json)?;
    Unrecorded { steps }.record_with(conn, app, None, ctx)
}

/// Decides `command`, moves the row (storing `form_json` with it) and queues the steps'
/// webhooks; the steps' events are the caller's to record.
fn move_storing(
    conn: &mut AnyConnection,
    app: &mut Application,
    command: Command,
    ctx: &EventContext,
    form_json: Option<String>,
) -> Result<Vec<Transition>, ApiError> {
    let steps = app.workflow.decide(command, ctx.at)?;
    let form = form_json.map(|json| {
        (
            applications::form_json.eq(Some(json)),
            applications::draft_json.eq(None::<String>),
        )
    });
    let Some(last) = steps.last() else {
        if let Some(form) = form {
            execute_prepared(
                conn,
                diesel::update(applications::table.find(&app.id)).set(form),
            )?;
        }
        return Ok(steps);
    };
    let unchanged = applications::table
        .find(&app.id)
        .filter(applications::version.eq(app.version));
    let moved = (
        applications::state.eq(last.to.as_str()),
        applications::version.eq(app.version + 1),
        applications::updated_at.eq(to_db_time(ctx.at)),
    );
    let updated = match form {
        None => execute_prepared(conn, diesel::update(unchanged).set(moved))?,
        Some(form) => execute_prepared(conn, diesel::update(unchanged).set((moved, form)))?,
    };
    if updated == 0 {
        return Err(ApiError::Conflict);
    }
    app.workflow.state = last.to;
    app.version += 1;
    app.updated_at = ctx.at;
    publish_to_webhooks(conn, app, &steps, ctx)?;
    Ok(steps)
}

/// Queues the webhooks the steps make for the application's institution, with the change.
fn publish_to_webhooks(
    conn: &mut AnyConnection,
    app: &Application,
    steps: &[Transition],
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let Some(institution_id) = app.institution_id.as_deref() else {
        return Ok(());
    };
    if app.institution_listens == Some(false) {
        return Ok(());
    }
    let occurrences = steps
        .iter()
        .filter_map(|step| {
            webhooks::Occurrence::of(
                step.event,
                institution_id,
                &app.id,
                app.reference.as_str(),
                step.to,
                ctx.at,
            )
        })
        .collect();
    webhooks::publish(conn, occurrences, ctx.at)
}

/// Appends one event to the application's timeline.
pub fn record_event(
    conn: &mut AnyConnection,
    application_id: &str,
    kind: EventKind,
    states: Option<(ApplicationState, ApplicationState)>,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    record_events(conn, &[application_id], kind, states, ctx)
}

/// [`record_event`] for many applications at once: one multi-row insert.
pub fn record_events(
    conn: &mut AnyConnection,
    application_ids: &[&str],
    kind: EventKind,
    states: Option<(ApplicationState, ApplicationState)>,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let events: Vec<NewEvent> = application_ids
        .iter()
        .map(|application_id| NewEvent::of(application_id, kind, states, ctx))
        .collect();
    insert_events(conn, &events)
}

/// One row of an application's timeline; every column bound, `NULL` for a `None` (none has
/// another default), so that a one-row INSERT's text is fixed by its type (`execute_kept`).
#[derive(Insertable)]
#[diesel(table_name = application_events, treat_none_as_default_value = false)]
struct NewEvent<'a> {
    application_id: &'a str,
    at: chrono::NaiveDateTime,
    kind: &'static str,
    from_state: Option<&'static str>,
    to_state: Option<&'static str>,
    actor_kind: &'static str,
    actor_id: Option<&'a str>,
    client_ip: Option<&'a str>,
    user_agent: Option<&'a str>,
}

impl<'a> NewEvent<'a> {
    fn of(
        application_id: &'a str,
        kind: EventKind,
        states: Option<(ApplicationState, ApplicationState)>,
        ctx: &'a EventContext,
    ) -> NewEvent<'a> {
        NewEvent {
            application_id,
            at: to_db_time(ctx.at),
            kind: kind.as_str(),
            from_state: states.map(|(from, _)| from.as_str()),
            to_state: states.map(|(_, to)| to.as_str()),
            actor_kind: ctx.actor.kind.as_str(),
            actor_id: ctx.actor.id.as_deref(),
            client_ip: ctx.client.ip.as_deref(),
            user_agent: ctx.client.user_agent.as_deref(),
        }
    }
}

fn insert_events(conn: &mut AnyConnection, events: &[NewEvent]) -> Result<(), ApiError> {
    for chunk in events.chunks(ROWS_PER_STATEMENT) {
        insert_rows!(conn, application_events::table, chunk)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{application_events, NewEvent};
    use crate::db::is_keyed_by_type;

    #[test]
    fn an_event_with_empty_fields_is_inserted_by_a_statement_kept_by_its_type() {
        let event = NewEvent {
            application_id: "a",
            at: chrono::DateTime::UNIX_EPOCH.naive_utc(),
            kind: "form_submitted",
            from_state: None,
            to_state: None,
            actor_kind: "system",
            actor_id: None,
            client_ip: None,
            user_agent: None,
        };
        assert!(is_keyed_by_type(
            &diesel::insert_into(application_events::table).values(&event)
        ));
    }
}
