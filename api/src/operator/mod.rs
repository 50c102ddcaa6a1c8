//! The Kamu SM operator's use cases: institutions and their integrator API keys, the
//! applications of every institution, and the audit trail of one application. Payment and
//! production live with the other workflow steps in `applications::back_office`.
//!
//! Every act is audited in the same transaction as the change it records.

pub mod api_keys;
pub mod applications;
pub mod audit_trail;
pub mod institutions;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use shared::api::ApplicationSummary;

use crate::applications::row::{load_any, ApplicationRow};
use crate::applications::{read, EventContext};
use crate::auth::{ClientInfo, Operator};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::state::AppState;

/// Runs `change` on any application in one transaction as `operator`, rings the outbox's bell
/// (the change may have queued messages) and answers the application as it is afterwards.
pub async fn change_as_operator(
    state: &AppState,
    operator: &Operator,
    client: ClientInfo,
    id: String,
    change: impl Fn(&mut AnyConnection, &ApplicationRow, &EventContext) -> Result<(), ApiError>
        + Send
        + 'static,
) -> Result<ApplicationSummary, ApiError> {
    let ctx = EventContext::staff(&operator.0, client, state.now());
    let summary = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let app = load_any(conn, &id)?;
                change(conn, &app, &ctx)
            })?;
            let app = load_any(conn, &id)?;
            read::summary_of(conn, &app)
        })
        .await?;
    state.outbox_bell.notify_one();
    Ok(summary)
}

/// A unique index refused the row: somebody else created the same thing meanwhile.
fn unique_violation_is_already_exists(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::AlreadyExists
        }
        other => other.into(),
    }
}
