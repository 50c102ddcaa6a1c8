//! `nes-admin verify-audit`: walks the audit chain and reports the first broken link.

use crate::audit::verify::{verify_chain, ChainReport};
use crate::db::AnyConnection;
use crate::error::ApiError;

/// Prints the report; `Ok(true)` when the chain is intact.
pub fn run(conn: &mut AnyConnection) -> Result<bool, ApiError> {
    let report = verify_chain(conn)?;
    println!("{report}");
    Ok(matches!(report, ChainReport::Intact { .. }))
}
