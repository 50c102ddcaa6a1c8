//! Which applications an officer may see: their institution's, and no others.

use crate::applications::row::{load_any, ApplicationRow};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction};
use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::institutions::{self, Institution};

/// An application of `institution_id`. Another institution's answers `NotFound` (as one that
/// does not exist), after recording `access_denied` in a transaction of its own: the refusal
/// must stay in the audit trail although the request fails. Call it outside any transaction.
pub fn load_in_institution(
    conn: &mut AnyConnection,
    id: &str,
    institution_id: &str,
    ctx: &EventContext,
) -> Result<ApplicationRow, ApiError> {
    let app = load_any(conn, id)?;
    if app.institution_id.as_deref() == Some(institution_id) {
        return Ok(app);
    }
    audit::record_now(
        conn,
        ctx,
        AuditAction::AccessDenied,
        Some(&app.id),
        Some(institution_id),
        Some("application of another institution"),
    )?;
    Err(ApiError::NotFound)
}

/// The officer's institution; its absence is our fault (the account points at nothing).
pub fn institution(conn: &mut AnyConnection, id: &str) -> Result<Institution, ApiError> {
    institutions::find(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("officer of unknown institution {id}")))
}
