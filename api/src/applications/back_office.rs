//! What happens to an application outside the applicant's hands: cancellation, payment,
//! production, and expiry of pre-applications whose deadline passed.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::ProductionEvent;
use shared::workflow::{ApplicationState, Command};

use super::row::{load_any, ApplicationRow};
use super::transition::{self, Actor, ActorKind, EventContext};
use crate::auth::ClientInfo;
use crate::db::schema::applications;
use crate::db::{to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;

/// An application the integrator created; others answer `NotFound`.
pub fn load_created_by(
    conn: &mut AnyConnection,
    id: &str,
    integrator: &str,
) -> Result<ApplicationRow, ApiError> {
    let app = load_any(conn, id)?;
    if app.created_by == integrator {
        Ok(app)
    } else {
        Err(ApiError::NotFound)
    }
}

pub fn cancel(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    transition::apply(conn, app, Command::Cancel, ctx)?;
    Ok(())
}

pub fn record_payment(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    transition::apply(conn, app, Command::RecordPayment, ctx)?;
    diesel::update(applications::table.find(&app.id))
        .set(applications::paid.eq(true))
        .execute(conn)?;
    Ok(())
}

pub fn record_production_event(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    event: ProductionEvent,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let command = match event {
        ProductionEvent::Produced => Command::MarkProduced,
        ProductionEvent::Shipped => Command::MarkShipped,
        ProductionEvent::Delivered => Command::MarkDelivered,
    };
    transition::apply(conn, app, command, ctx)?;
    Ok(())
}

/// Moves every application whose deadline passed before approval to `expired`. One
/// transaction per application; one that changed meanwhile is left for the next sweep.
pub fn expire_overdue(conn: &mut AnyConnection, now: DateTime<Utc>) -> Result<usize, ApiError> {
    let early = [
        ApplicationState::PreApplication.as_str(),
        ApplicationState::FormSubmitted.as_str(),
        ApplicationState::PhoneVerified.as_str(),
    ];
    let overdue: Vec<String> = applications::table
        .filter(applications::state.eq_any(early))
        .filter(applications::deadline.le(to_db_time(now)))
        .select(applications::id)
        .load(conn)?;
    let ctx = EventContext {
        actor: Actor {
            kind: ActorKind::System,
            id: None,
        },
        client: ClientInfo::default(),
        at: now,
    };
    let mut expired = 0;
    for id in overdue {
        let result = write_transaction(conn, |conn| {
            let app = load_any(conn, &id)?;
            transition::apply(conn, &app, Command::Expire, &ctx)
        });
        match result {
            Ok(_) => expired += 1,
            Err(ApiError::Conflict | ApiError::Transition(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(expired)
}
