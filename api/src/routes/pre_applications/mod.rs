//! For integrators (institutions' HR systems, Kamu SM tools), authenticated by API key. An
//! integrator sees and acts on the applications it created.

pub mod cancel;
pub mod create;
pub mod get;
pub mod record_payment;
pub mod record_production_event;

use actix_web::web;
use shared::api::ApplicationSummary;

use crate::applications::back_office::load_created_by;
use crate::applications::row::ApplicationRow;
use crate::applications::{read, EventContext};
use crate::auth::{ClientInfo, Integrator};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::state::AppState;

/// Runs `change` on one of the integrator's applications in a transaction and answers the
/// application as it is afterwards.
async fn change_as_integrator(
    state: &AppState,
    integrator: Integrator,
    client: ClientInfo,
    id: String,
    change: impl Fn(&mut AnyConnection, &ApplicationRow, &EventContext) -> Result<(), ApiError>
        + Send
        + 'static,
) -> Result<web::Json<ApplicationSummary>, ApiError> {
    let ctx = EventContext::integrator(&integrator.name, client, state.now());
    let summary = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let app = load_created_by(conn, &id, &integrator.name)?;
                change(conn, &app, &ctx)
            })?;
            let app = load_created_by(conn, &id, &integrator.name)?;
            read::summary_of(conn, &app)
        })
        .await?;
    state.outbox_bell.notify_one();
    Ok(web::Json(summary))
}
