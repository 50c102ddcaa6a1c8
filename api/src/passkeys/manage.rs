//! Renaming and removing one's own passkeys, each with its audit entry.

use shared::api::passkeys::{PasskeyInfo, PasskeyName};

use super::store::{self, Owner};
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;

/// Another owner's passkey, or none with this id: `404 not_found`.
pub fn rename(
    conn: &mut AnyConnection,
    owner: &Owner,
    institution_id: Option<&str>,
    id: &str,
    name: &PasskeyName,
    ctx: &EventContext,
) -> Result<PasskeyInfo, ApiError> {
    write_transaction(conn, |conn| {
        let info = store::rename(conn, owner, id, name)?;
        audit::record(
            conn,
            ctx,
            AuditAction::PasskeyRenamed,
            Outcome::Success,
            Some(id),
            institution_id,
            None,
        )?;
        Ok(info)
    })
}

/// Another owner's passkey, or none with this id: `404 not_found`.
pub fn remove(
    conn: &mut AnyConnection,
    owner: &Owner,
    institution_id: Option<&str>,
    id: &str,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    write_transaction(conn, |conn| {
        store::remove(conn, owner, id)?;
        audit::record(
            conn,
            ctx,
            AuditAction::PasskeyRemoved,
            Outcome::Success,
            Some(id),
            institution_id,
            None,
        )
    })
}
