//! The officer's institution. Which applications an officer may reach is decided with
//! everyone else's in `applications::access`.

use crate::db::AnyConnection;
use crate::error::ApiError;
use crate::institutions::{self, Institution};

/// The officer's institution; its absence is our fault (the account points at nothing).
pub fn institution(conn: &mut AnyConnection, id: &str) -> Result<Institution, ApiError> {
    institutions::find(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("officer of unknown institution {id}")))
}
