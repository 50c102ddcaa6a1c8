//! What happens to an application outside the applicant's hands: cancellation, payment,
//! production (each step told to the applicant by e-mail and SMS), and expiry of
//! pre-applications whose deadline passed.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::operator::validate_shipment;
use shared::api::payments::PaymentDetails;
use shared::api::{ProductionEvent, RecordProductionEventRequest};
use shared::named::Named;
use shared::workflow::{ApplicationState, Command, EventKind};

use super::access::{self, Caller};
use super::row::Application;
use super::transition::{self, EventContext};
use crate::audit::{self, AuditAction, Outcome};
use crate::config::Config;
use crate::db::schema::{applications, shipments};
use crate::db::{to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::notify::templates::{self, ProgressStep};
use crate::notify::{self, Channel, OutgoingMessage};

/// Cancels an application before production starts; audited with the change.
pub fn cancel(
    conn: &mut AnyConnection,
    app: &mut Application,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    transition::apply(conn, app, Command::Cancel, ctx)?;
    let notice = super::reminders::closed_notice(app, false);
    notify::outbox::insert_unsealed(conn, &[notice], ctx.at)?;
    audit::record(
        conn,
        ctx,
        AuditAction::PreApplicationCancelled,
        Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        None,
    )
}

/// Section 3.4: the payment reached Kamu SM. A prepaid order waiting for it goes into
/// production at once (the workflow's `RecordPayment`); the payment's details are kept
/// (`payment_records`), the applicant is told by e-mail and SMS, and the act is audited — all
/// in the caller's transaction.
pub fn record_payment(
    conn: &mut AnyConnection,
    app: &mut Application,
    details: &PaymentDetails,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    let steps = transition::apply(conn, app, Command::RecordPayment, ctx)?;
    diesel::update(applications::table.find(&app.id))
        .set(applications::paid.eq(true))
        .execute(conn)?;
    app.workflow.payment.paid = true;
    super::payment_records::store(conn, &app.id, details, ctx)?;
    let production_started = steps
        .iter()
        .any(|step| step.event == EventKind::ProductionStarted);
    audit::record(
        conn,
        ctx,
        AuditAction::PaymentRecorded,
        Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        production_started.then_some("production_started"),
    )?;
    notify_progress(
        conn,
        app,
        ProgressStep::PaymentReceived { production_started },
        ctx,
        config,
    )
}

/// A production step: produced, shipped (with the courier and its tracking number, which the
/// applicant then sees on the timeline) or delivered. Steps only follow each other in order;
/// each one is audited and told to the applicant by e-mail and SMS.
pub fn record_production_event(
    conn: &mut AnyConnection,
    app: &mut Application,
    request: &RecordProductionEventRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    let shipment = match request.event {
        ProductionEvent::Shipped => Some(
            validate_shipment(
                request.courier.as_deref().unwrap_or_default(),
                request.tracking_number.as_deref().unwrap_or_default(),
            )
            .map_err(ApiError::Validation)?,
        ),
        ProductionEvent::Produced | ProductionEvent::Delivered => None,
    };
    let command = match request.event {
        ProductionEvent::Produced => Command::MarkProduced,
        ProductionEvent::Shipped => Command::MarkShipped,
        ProductionEvent::Delivered => Command::MarkDelivered,
    };
    // Stored before the transition, whose `application.shipped` webhook carries the tracking
    // number — once the workflow has said the step may be taken.
    app.workflow.decide(command, ctx.at)?;
    if let Some(shipment) = &shipment {
        diesel::insert_into(shipments::table)
            .values((
                shipments::application_id.eq(&app.id),
                shipments::courier.eq(&shipment.courier),
                shipments::tracking_number.eq(&shipment.tracking_number),
                shipments::shipped_at.eq(to_db_time(ctx.at)),
                shipments::recorded_by.eq(ctx.actor.id.as_deref().unwrap_or_default()),
            ))
            .execute(conn)?;
    }
    transition::apply(conn, app, command, ctx)?;
    let (step, detail) = match &shipment {
        Some(shipment) => (
            ProgressStep::Shipped(shipment),
            format!("shipped: {} {}", shipment.courier, shipment.tracking_number),
        ),
        None if request.event == ProductionEvent::Produced => {
            (ProgressStep::Produced, "produced".to_owned())
        }
        None => (ProgressStep::Delivered, "delivered".to_owned()),
    };
    audit::record(
        conn,
        ctx,
        AuditAction::ProductionEventRecorded,
        Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        Some(&detail),
    )?;
    notify_progress(conn, app, step, ctx, config)
}

/// Queues the e-mail and the SMS about `step`.
fn notify_progress(
    conn: &mut AnyConnection,
    app: &Application,
    step: ProgressStep<'_>,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    for message in progress_messages(app, step, config)? {
        notify::enqueue(conn, &message, &config.secrets, ctx.at)?;
    }
    Ok(())
}

/// The e-mail and the SMS about `step` (also what the operator is shown before recording a
/// payment). The SMS goes to the phone verified with the form; it holds nothing secret, so it
/// is not sealed.
pub fn progress_messages(
    app: &Application,
    step: ProgressStep<'_>,
    config: &Config,
) -> Result<[OutgoingMessage; 2], ApiError> {
    let form = app.submitted_form()?;
    let tracking_url = format!("{}/basvuru-islemleri", config.public_url);
    let (subject, body) = templates::progress_email(
        app.person.first_name.as_str(),
        app.reference.as_str(),
        step,
        &tracking_url,
    );
    let email = OutgoingMessage {
        channel: Channel::Email,
        purpose: step.purpose(),
        recipient: app.person.email.as_str().to_owned(),
        subject,
        body,
        application_id: Some(app.id.clone()),
        sensitive: false,
    };
    let sms = OutgoingMessage {
        channel: Channel::Sms,
        purpose: step.purpose(),
        recipient: form.mobile_phone.as_e164().to_owned(),
        subject: String::new(),
        body: templates::progress_sms(app.reference.as_str(), step),
        application_id: Some(app.id.clone()),
        sensitive: false,
    };
    Ok([email, sms])
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
    let ctx = EventContext::system(now);
    let mut expired = 0;
    for id in overdue {
        let result = write_transaction(conn, |conn| {
            let mut app = access::lock(conn, &id, &Caller::System, &ctx)?;
            transition::apply(conn, &mut app, Command::Expire, &ctx)?;
            let notice = super::reminders::closed_notice(&app, true);
            notify::outbox::insert_unsealed(conn, &[notice], ctx.at)?;
            Ok(())
        });
        match result {
            Ok(_) => expired += 1,
            // Moved on meanwhile (approved, cancelled): nothing to expire.
            Err(ApiError::Transition(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(expired)
}
