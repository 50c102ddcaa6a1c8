//! One callback, in one write transaction: claim its transaction id, decide, apply or keep.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::payment_callbacks::{
    PaymentCallback, PaymentCallbackOutcome as Outcome, PaymentCallbackReceipt, CURRENCY_TRY,
};
use shared::named::Named;
use shared::workflow::{Command, Payer};
use shared::ApplicationRef;

use crate::applications::access::{self, Caller};
use crate::applications::transition::{Actor, ActorKind};
use crate::applications::{back_office, payment, Application, EventContext};
use crate::audit::{self, AuditAction};
use crate::auth::ClientInfo;
use crate::config::Config;
use crate::db::schema::{applications, payment_callbacks as callbacks};
use crate::db::{from_db_time, is_unique_violation, to_db_time, write_transaction, AnyConnection};
use crate::error::ApiError;

/// Who the timeline and the audit trail name for an applied callback. The system acting on
/// the provider's signed message, named: no person acted, and a kind of actor of its own
/// would have every reader of actor kinds (the timeline, the audit trail, the screens)
/// learn a new word for what `system` already says.
pub const PROVIDER_ACTOR_ID: &str = "payment_provider";

pub fn provider_context(client: ClientInfo, at: DateTime<Utc>) -> EventContext {
    EventContext {
        actor: Actor {
            kind: ActorKind::System,
            id: Some(PROVIDER_ACTOR_ID.to_owned()),
        },
        client,
        at,
    }
}

/// What became of the callback, and where it pointed.
struct Decision {
    outcome: Outcome,
    detail: String,
    application_id: Option<String>,
}

/// Records `callback` (delivered as message `webhook_id`) and applies it when it pays what
/// an application owes. A transaction id seen before answers what its first delivery
/// answered, and changes nothing.
pub fn receive(
    conn: &mut AnyConnection,
    callback: &PaymentCallback,
    webhook_id: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<PaymentCallbackReceipt, ApiError> {
    write_transaction(conn, |conn| {
        let id = crate::db::new_row_id();
        // The claim comes first, so that of parallel deliveries exactly one decides: the row
        // is unique by transaction id, and on PostgreSQL an insert meeting another
        // transaction's uncommitted row waits for it to end. Its outcome is written once
        // decided, in this same transaction, so nobody reads the provisional one. A
        // savepoint: on PostgreSQL a failed insert would poison the whole transaction.
        let claimed = conn.transaction(|conn| {
            diesel::insert_into(callbacks::table)
                .values((
                    callbacks::id.eq(&id),
                    callbacks::transaction_id.eq(&callback.transaction_id),
                    callbacks::webhook_id.eq(webhook_id),
                    callbacks::payment_reference.eq(&callback.payment_reference),
                    callbacks::amount_kurus.eq(amount_column(callback.amount_kurus)?),
                    callbacks::currency.eq(CURRENCY_TRY),
                    callbacks::paid_at.eq(to_db_time(callback.paid_at)),
                    callbacks::outcome.eq(Outcome::UnknownReference.as_str()),
                    callbacks::detail.eq(""),
                    callbacks::received_at.eq(to_db_time(ctx.at)),
                ))
                .execute(conn)
        });
        match claimed {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return receipt(conn, &callback.transaction_id);
            }
            Err(e) => return Err(e.into()),
        }
        let decision = decide(conn, callback, webhook_id, ctx, config)?;
        diesel::update(callbacks::table.find(&id))
            .set((
                callbacks::outcome.eq(decision.outcome.as_str()),
                callbacks::detail.eq(&decision.detail),
                callbacks::application_id.eq(&decision.application_id),
            ))
            .execute(conn)?;
        // Read back, so the first answer is byte for byte what every repetition gets.
        receipt(conn, &callback.transaction_id)
    })
}

fn amount_column(kurus: u64) -> Result<i64, diesel::result::Error> {
    i64::try_from(kurus).map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
}

fn receipt(
    conn: &mut AnyConnection,
    transaction_id: &str,
) -> Result<PaymentCallbackReceipt, ApiError> {
    let (outcome, detail, received_at): (String, String, chrono::NaiveDateTime) = callbacks::table
        .filter(callbacks::transaction_id.eq(transaction_id))
        .select((
            callbacks::outcome,
            callbacks::detail,
            callbacks::received_at,
        ))
        .first(conn)?;
    Ok(PaymentCallbackReceipt {
        transaction_id: transaction_id.to_owned(),
        outcome: Outcome::parse(&outcome)
            .ok_or_else(|| ApiError::Internal(format!("payment callback outcome `{outcome}`")))?,
        detail,
        received_at: from_db_time(received_at),
    })
}

fn decide(
    conn: &mut AnyConnection,
    callback: &PaymentCallback,
    webhook_id: &str,
    ctx: &EventContext,
    config: &Config,
) -> Result<Decision, ApiError> {
    let earlier: Option<String> = callbacks::table
        .filter(callbacks::webhook_id.eq(webhook_id))
        .filter(callbacks::transaction_id.ne(&callback.transaction_id))
        .select(callbacks::transaction_id)
        .first(conn)
        .optional()?;
    if let Some(earlier) = earlier {
        return Ok(Decision {
            outcome: Outcome::Duplicate,
            detail: format!(
                "the message {webhook_id} was delivered before with transaction {earlier}"
            ),
            application_id: None,
        });
    }
    let unknown = || Decision {
        outcome: Outcome::UnknownReference,
        detail: "no application has this payment reference".to_owned(),
        application_id: None,
    };
    let Some(reference) = ApplicationRef::from_payment_reference(&callback.payment_reference)
    else {
        return Ok(unknown());
    };
    let id: Option<String> = applications::table
        .filter(applications::reference.eq(reference.as_str()))
        .select(applications::id)
        .first(conn)
        .optional()?;
    let Some(id) = id else {
        return Ok(unknown());
    };
    // Locked: a second transaction paying this application (or the operator's hand entry)
    // waits, then finds it paid.
    let mut app = access::lock(conn, &id, &Caller::System, ctx)?;
    let refusal = match refusal(&app, callback, ctx.at, config) {
        Some(refusal) => refusal,
        None => {
            let details = crate::applications::payment_records::from_callback(
                callback.amount_kurus,
                callback.paid_at,
                &callback.transaction_id,
            );
            back_office::record_payment(conn, &mut app, &details, ctx, config)?;
            let detail = match app.state() {
                shared::workflow::ApplicationState::InProduction => {
                    "payment recorded; production started"
                }
                _ => "payment recorded",
            };
            return Ok(Decision {
                outcome: Outcome::Applied,
                detail: detail.to_owned(),
                application_id: Some(app.id),
            });
        }
    };
    audit::record(
        conn,
        ctx,
        AuditAction::PaymentCallbackRefused,
        audit::Outcome::Failure,
        Some(&app.id),
        app.institution_id.as_deref(),
        Some(&format!(
            "{}: {} (transaction {})",
            refusal.0.as_str(),
            refusal.1,
            callback.transaction_id
        )),
    )?;
    Ok(Decision {
        outcome: refusal.0,
        detail: refusal.1,
        application_id: Some(app.id),
    })
}

/// Why `callback` cannot pay `app`, if it cannot: nothing to pay, or not the tariff's
/// amount for the term the person chose.
fn refusal(
    app: &Application,
    callback: &PaymentCallback,
    now: DateTime<Utc>,
    config: &Config,
) -> Option<(Outcome, String)> {
    let not_payable = |why: String| Some((Outcome::NotPayable, why));
    if app.workflow.payment.payer == Payer::Institution {
        return not_payable("the institution pays for this application".to_owned());
    }
    if app.workflow.payment.paid {
        return not_payable("the application is paid already".to_owned());
    }
    if let Err(e) = app.workflow.decide(Command::RecordPayment, now) {
        return not_payable(format!("nothing to pay now: {e}"));
    }
    let Some(form) = app.form.as_ref() else {
        return not_payable("the application has no form yet".to_owned());
    };
    let expected = payment::amount_kurus(form.certificate_term, &config.tariff);
    (callback.amount_kurus != expected).then(|| {
        (
            Outcome::AmountMismatch,
            format!(
                "{} received; the price of a {}-year certificate is {}",
                payment::format_lira(callback.amount_kurus),
                form.certificate_term.years(),
                payment::format_lira(expected)
            ),
        )
    })
}
