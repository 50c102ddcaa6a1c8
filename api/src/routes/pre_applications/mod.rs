//! Pre-applications, for institutions (their HR system's API key or their e-signature
//! officer's session: their own institution's applications only) and Kamu SM operators.

pub mod cancel;
pub mod create;
pub mod get;
pub mod record_payment;
pub mod record_production_event;

use actix_web::web;
use shared::api::ApplicationSummary;

use crate::applications::back_office::load_for;
use crate::applications::row::ApplicationRow;
use crate::applications::{read, EventContext};
use crate::audit::{self, AuditAction, Outcome};
use crate::auth::{BackOffice, ClientInfo};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::state::AppState;

/// Runs `change` on an application the caller may act on, in one transaction with its audit
/// entry, and answers the application as it is afterwards.
async fn change_as(
    state: &AppState,
    caller: BackOffice,
    client: ClientInfo,
    id: String,
    action: AuditAction,
    change: impl Fn(&mut AnyConnection, &ApplicationRow, &EventContext) -> Result<(), ApiError>
        + Send
        + 'static,
) -> Result<web::Json<ApplicationSummary>, ApiError> {
    let ctx = caller.event_context(client, state.now());
    let summary = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let app = load_for(conn, &id, &caller)?;
                change(conn, &app, &ctx)?;
                audit::record(
                    conn,
                    &ctx,
                    action,
                    Outcome::Success,
                    Some(&app.id),
                    app.institution_id.as_deref(),
                    None,
                )
            })?;
            let app = load_for(conn, &id, &caller)?;
            read::summary_of(conn, &app)
        })
        .await?;
    state.outbox_bell.notify_one();
    Ok(web::Json(summary))
}
