//! What the SMS handlers need to report their codes.

use super::SmsCodeEvent;
use crate::applications::sms::Verification;

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
