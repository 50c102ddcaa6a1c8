//! Pre-applications, for institutions (their HR system's API key or their e-signature
//! officer's session: their own institution's applications only) and Kamu SM operators.

pub mod cancel;
pub mod create;
pub mod get;
pub mod list;
pub mod preview_payment_notification;
pub mod record_payment;
pub mod record_payment_with_details;
pub mod record_production_event;
pub mod reverse_payment;

use shared::api::ApplicationSummary;

use crate::applications::access::{self, Caller};
use crate::applications::row::Application;
use crate::applications::{read, EventContext};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::state::AppState;

/// Runs `change` on an application the caller may act on — its row locked, in one
/// transaction with the change's events, audit entry and messages (their lanes rung by
/// `AppState::write_then_read`) — and answers the application as it is afterwards.
pub(crate) async fn change_as(
    state: &AppState,
    caller: Caller,
    ctx: EventContext,
    id: String,
    change: impl Fn(&mut AnyConnection, &mut Application, &EventContext) -> Result<(), ApiError>
        + Send
        + 'static,
) -> Result<ApplicationSummary, ApiError> {
    let summary = state
        .write_then_read(
            move |conn| {
                let (app, ()) = access::change(conn, &id, &caller, &ctx, |conn, app| {
                    change(conn, app, &ctx)
                })?;
                Ok(app)
            },
            |conn, app| read::summary_of(conn, &app),
        )
        .await?;
    Ok(summary)
}
