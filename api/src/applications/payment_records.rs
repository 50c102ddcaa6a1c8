//! The operator's record of a payment: its details checked against the fee, what the applicant
//! will be sent (shown before recording), and its reversal before the card is produced.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::payments::{
    field, validate_payment, validate_reversal, NotificationPreview, PaymentDetails,
    PaymentPreview, PaymentRecord, RecordPaymentRequest, ReversePaymentRequest,
};
use shared::form::FieldErrors;
use shared::workflow::{Command, EventKind};

use super::row::Application;
use super::transition::{self, EventContext};
use super::{back_office, payment};
use crate::audit::{self, AuditAction, Outcome};
use crate::config::Config;
use crate::db::schema::{applications, payment_records};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::notify::templates::{turkey_time, ProgressStep};

/// Who recorded a payment that no person entered (the provider's callback).
const PAYMENT_PROVIDER: &str = "payment_provider";

/// `record_payment_with_details`: the details checked, then the one way a payment is
/// recorded (`back_office::record_payment`).
pub fn record(
    conn: &mut AnyConnection,
    app: &mut Application,
    request: &RecordPaymentRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    // Nothing to pay (paid already, by another request just now) is a 409 before any 422.
    app.workflow.decide(Command::RecordPayment, ctx.at)?;
    let details = checked(app, request, ctx.at, config)?;
    back_office::record_payment(conn, app, &details, ctx, config)
}

/// `record_payment` without details (the first version of the operation): the fee, today,
/// no receipt number.
pub fn without_details(app: &Application, now: DateTime<Utc>, config: &Config) -> PaymentDetails {
    PaymentDetails {
        amount_kurus: fee(app, config),
        paid_on: turkey_time(now).date_naive(),
        receipt_number: String::new(),
    }
}

/// What a provider's callback paid: its amount, its day, its transaction id as the receipt.
pub fn from_callback(
    amount_kurus: u64,
    paid_at: DateTime<Utc>,
    transaction_id: &str,
) -> PaymentDetails {
    PaymentDetails {
        amount_kurus,
        paid_on: turkey_time(paid_at).date_naive(),
        receipt_number: transaction_id.to_owned(),
    }
}

/// What recording `request` would do and send, changing nothing: the same checks as
/// [`record`], the same messages as `back_office::record_payment` queues.
pub fn preview(
    app: &Application,
    request: &RecordPaymentRequest,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<PaymentPreview, ApiError> {
    let steps = app.workflow.decide(Command::RecordPayment, now)?;
    checked(app, request, now, config)?;
    let starts_production = steps
        .iter()
        .any(|step| step.event == EventKind::ProductionStarted);
    let step = ProgressStep::PaymentReceived {
        production_started: starts_production,
    };
    let messages = back_office::progress_messages(app, step, config)?
        .into_iter()
        .map(|message| NotificationPreview {
            channel: message.channel.as_str().to_owned(),
            recipient: message.recipient,
            subject: message.subject,
            body: message.body,
        })
        .collect();
    Ok(PaymentPreview {
        starts_production,
        messages,
    })
}

/// Takes a recorded payment back before the card is produced (the workflow's
/// `ReversePayment`): a prepaid application waits for the payment again, the record keeps who
/// reversed it and why, and the act is audited with the reason.
pub fn reverse(
    conn: &mut AnyConnection,
    app: &mut Application,
    request: &ReversePaymentRequest,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    app.workflow.decide(Command::ReversePayment, ctx.at)?;
    let reason = validate_reversal(request).map_err(ApiError::Validation)?;
    transition::apply(conn, app, Command::ReversePayment, ctx)?;
    diesel::update(applications::table.find(&app.id))
        .set(applications::paid.eq(false))
        .execute(conn)?;
    app.workflow.payment.paid = false;
    let by = ctx.actor.id.clone().unwrap_or_default();
    diesel::update(
        payment_records::table
            .filter(payment_records::application_id.eq(&app.id))
            .filter(payment_records::reversed_at.is_null()),
    )
    .set((
        payment_records::reversed_at.eq(Some(to_db_time(ctx.at))),
        payment_records::reversed_by.eq(Some(by)),
        payment_records::reversal_reason.eq(Some(&reason)),
    ))
    .execute(conn)?;
    audit::record(
        conn,
        ctx,
        AuditAction::PaymentReversed,
        Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        Some(&reason),
    )
}

/// Keeps a payment's details beside the application (in the recording's transaction).
pub fn store(
    conn: &mut AnyConnection,
    application_id: &str,
    details: &PaymentDetails,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let amount = i64::try_from(details.amount_kurus)
        .map_err(|_| ApiError::Internal("payment amount out of range".into()))?;
    diesel::insert_into(payment_records::table)
        .values((
            payment_records::id.eq(crate::db::new_row_id()),
            payment_records::application_id.eq(application_id),
            payment_records::amount_kurus.eq(amount),
            payment_records::paid_on.eq(shared::api::format_date(details.paid_on)),
            payment_records::receipt_number.eq(&details.receipt_number),
            payment_records::recorded_at.eq(to_db_time(ctx.at)),
            payment_records::recorded_by.eq(ctx.actor.id.as_deref().unwrap_or(PAYMENT_PROVIDER)),
        ))
        .execute(conn)?;
    Ok(())
}

type RecordRow = (
    i64,
    String,
    String,
    chrono::NaiveDateTime,
    String,
    Option<chrono::NaiveDateTime>,
    Option<String>,
    Option<String>,
);

/// An application's payments, oldest first.
pub fn list(
    conn: &mut AnyConnection,
    application_id: &str,
) -> Result<Vec<PaymentRecord>, ApiError> {
    let rows: Vec<RecordRow> = payment_records::table
        .filter(payment_records::application_id.eq(application_id))
        .order((
            payment_records::recorded_at.asc(),
            payment_records::id.asc(),
        ))
        .select((
            payment_records::amount_kurus,
            payment_records::paid_on,
            payment_records::receipt_number,
            payment_records::recorded_at,
            payment_records::recorded_by,
            payment_records::reversed_at,
            payment_records::reversed_by,
            payment_records::reversal_reason,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(amount, paid_on, receipt_number, at, by, reversed_at, reversed_by, reason)| {
                let amount_kurus = u64::try_from(amount).unwrap_or_default();
                PaymentRecord {
                    amount_kurus,
                    amount_display: payment::format_lira(amount_kurus),
                    paid_on,
                    receipt_number,
                    recorded_at: from_db_time(at),
                    recorded_by: by,
                    reversed_at: reversed_at.map(from_db_time),
                    reversed_by,
                    reversal_reason: reason,
                }
            },
        )
        .collect())
}

/// The application's fee: the tariff's price of the term its form chose.
fn fee(app: &Application, config: &Config) -> u64 {
    app.form
        .as_ref()
        .map(|form| payment::amount_kurus(form.certificate_term, &config.tariff))
        .unwrap_or_default()
}

/// The details, checked; the amount must be the application's fee.
fn checked(
    app: &Application,
    request: &RecordPaymentRequest,
    now: DateTime<Utc>,
    config: &Config,
) -> Result<PaymentDetails, ApiError> {
    let details =
        validate_payment(request, turkey_time(now).date_naive()).map_err(ApiError::Validation)?;
    if details.amount_kurus != fee(app, config) {
        let mut errors = FieldErrors::new();
        errors.add(field::AMOUNT, "amount_mismatch");
        return Err(ApiError::Validation(errors));
    }
    Ok(details)
}
