//! The operators' view of the callbacks: what was applied and, above all, what was not.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use shared::api::payment_callbacks::{
    PaymentCallbackFilter, PaymentCallbackList, PaymentCallbackOutcome, PaymentCallbackRecord,
    MAX_LISTED_CALLBACKS,
};
use shared::named::Named;

use crate::applications::payment::format_lira;
use crate::db::schema::{applications, payment_callbacks as callbacks};
use crate::db::{from_db_time, AnyConnection};
use crate::error::ApiError;

#[derive(Queryable)]
struct Row {
    id: String,
    transaction_id: String,
    webhook_id: String,
    payment_reference: String,
    amount_kurus: i64,
    currency: String,
    paid_at: NaiveDateTime,
    application_id: Option<String>,
    outcome: String,
    detail: String,
    received_at: NaiveDateTime,
    application_reference: Option<String>,
}

/// Newest first, at most [`MAX_LISTED_CALLBACKS`].
pub fn list(
    conn: &mut AnyConnection,
    filter: &PaymentCallbackFilter,
) -> Result<PaymentCallbackList, ApiError> {
    let mut query = callbacks::table
        .left_join(applications::table)
        .select((
            callbacks::id,
            callbacks::transaction_id,
            callbacks::webhook_id,
            callbacks::payment_reference,
            callbacks::amount_kurus,
            callbacks::currency,
            callbacks::paid_at,
            callbacks::application_id,
            callbacks::outcome,
            callbacks::detail,
            callbacks::received_at,
            applications::reference.nullable(),
        ))
        .order((callbacks::received_at.desc(), callbacks::id.desc()))
        .limit(MAX_LISTED_CALLBACKS as i64)
        .into_boxed();
    if let Some(outcome) = filter.outcome {
        query = query.filter(callbacks::outcome.eq(outcome.as_str()));
    }
    if let Some(application_id) = &filter.application_id {
        query = query.filter(callbacks::application_id.eq(application_id));
    }
    let rows: Vec<Row> = query.load(conn)?;
    let callbacks = rows
        .into_iter()
        .map(|row| {
            let outcome = PaymentCallbackOutcome::parse(&row.outcome).ok_or_else(|| {
                ApiError::Internal(format!("payment callback outcome `{}`", row.outcome))
            })?;
            let amount_kurus = u64::try_from(row.amount_kurus).unwrap_or_default();
            Ok(PaymentCallbackRecord {
                id: row.id,
                transaction_id: row.transaction_id,
                webhook_id: row.webhook_id,
                payment_reference: row.payment_reference,
                amount_kurus,
                amount_display: format_lira(amount_kurus),
                currency: row.currency,
                paid_at: from_db_time(row.paid_at),
                application_id: row.application_id,
                application_reference: row.application_reference,
                outcome,
                detail: row.detail,
                received_at: from_db_time(row.received_at),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(PaymentCallbackList { callbacks })
}
