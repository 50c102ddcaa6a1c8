//! The Kamu SM operator's use cases: institutions and their integrator API keys, the
//! applications of every institution, and the audit trail of one application. Payment and
//! production live with the other workflow steps in `applications::back_office`.
//!
//! Every act is audited in the same transaction as the change it records. Changes to
//! applications go through `routes::pre_applications::change_as`, like an institution's.

pub mod api_keys;
pub mod applications;
pub mod audit_trail;
pub mod institutions;

use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::error::ApiError;

/// A unique index refused the row: somebody else created the same thing meanwhile.
fn unique_violation_is_already_exists(error: DieselError) -> ApiError {
    match error {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
            ApiError::AlreadyExists
        }
        other => other.into(),
    }
}
