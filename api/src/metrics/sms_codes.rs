//! What the SMS handlers need to report their codes.

use diesel::prelude::*;

use super::SmsCodeEvent;
use crate::applications::sms::Verification;
use crate::db::schema::sms_codes;
use crate::db::AnyConnection;
use crate::error::ApiError;

/// How many codes an application has been sent. Submitting the form sends a code only when
/// the cooldown allows and does not say which it did, so its handler compares this number
/// before and after, in the same transaction.
pub fn codes_sent(conn: &mut AnyConnection, application_id: &str) -> Result<i64, ApiError> {
    Ok(sms_codes::table
        .filter(sms_codes::application_id.eq(application_id))
        .count()
        .get_result(conn)?)
}

impl SmsCodeEvent {
    /// The event a verification attempt amounts to.
    pub fn of(verification: &Verification) -> SmsCodeEvent {
        match verification {
            Verification::Verified => SmsCodeEvent::Verified,
            Verification::Wrong { .. } => SmsCodeEvent::Wrong,
            Verification::Exhausted => SmsCodeEvent::Exhausted,
        }
    }
}
