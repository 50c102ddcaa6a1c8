//! SMS verification of the applicant's mobile phone, after NIST SP 800-63B and GOV.UK Notify:
//! six digits from the OS's CSPRNG, stored only as a keyed hash, valid ten minutes, single
//! use, five wrong tries per code, five sends per application per hour, a minute between sends,
//! at most a hundred wrong tries in a row across codes (SP 800-63B §5.2.2), and ten sends an
//! hour and twenty a day to one phone number whatever the application.
//!
//! Every function here runs on an application its caller locked (`access::lock`), so two
//! requests never check the limits at once. A try is also counted before the code is
//! compared, in the same statement that checks the limit: at most five comparisons per code
//! even if that lock were ever missing.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use rand::Rng;
use shared::api::SmsStatus;
use shared::workflow::{Command, EventKind};
use shared::MobilePhone;

use super::row::Application;
use super::transition::{self, record_event, EventContext};
use crate::clock::seconds_until;
use crate::db::schema::sms_codes;
use crate::db::{execute_prepared, from_db_time, natively, to_db_time, AnyConnection, DbTime};
use crate::error::ApiError;
use crate::notify::{self, templates, Channel, OutgoingMessage};
use crate::rate_limit;
use crate::secrets::Secrets;

pub const CODE_VALIDITY: Duration = Duration::minutes(10);
pub const MAX_WRONG_TRIES: i32 = 5;
pub const MAX_SENDS_PER_HOUR: i64 = 5;
pub const RESEND_COOLDOWN: Duration = Duration::seconds(60);
/// Wrong tries in a row, across codes, after which the phone cannot be verified any more.
pub const MAX_CONSECUTIVE_FAILURES: i64 = 100;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sms_codes)]
pub(super) struct CodeRow {
    pub(super) id: String,
    pub(super) phone: String,
    pub(super) code_hmac: String,
    #[diesel(deserialize_as = DbTime)]
    pub(super) sent_at: chrono::NaiveDateTime,
    #[diesel(deserialize_as = DbTime)]
    pub(super) expires_at: chrono::NaiveDateTime,
    pub(super) failed_attempts: i32,
    pub(super) used_at: Option<chrono::NaiveDateTime>,
}

/// Every code the application was sent, oldest first: one small read (the limits keep it to
/// a few rows an hour) from which the latest code, the hour's sends and the failures in a row
/// are all taken.
pub struct Codes(Vec<CodeRow>);

impl Codes {
    /// Rows read elsewhere (`page_query`), oldest first.
    pub(super) fn from_rows(rows: Vec<CodeRow>) -> Codes {
        Codes(rows)
    }

    fn of(conn: &mut AnyConnection, application_id: &str) -> Result<Codes, ApiError> {
        let rows = natively!(conn, |conn| sms_codes::table
            .filter(sms_codes::application_id.eq(application_id))
            .order((sms_codes::sent_at.asc(), sms_codes::id.asc()))
            .select(CodeRow::as_select())
            .load(conn))?;
        Ok(Codes(rows))
    }

    fn latest(&self) -> Option<&CodeRow> {
        self.0.last()
    }

    /// When the codes of the last hour were sent, oldest first.
    fn sends_in_last_hour(&self, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let hour_ago = to_db_time(now - Duration::hours(1));
        self.0
            .iter()
            .filter(|code| code.sent_at > hour_ago)
            .map(|code| from_db_time(code.sent_at))
            .collect()
    }

    /// Wrong tries since the phone was last verified, across every code sent since.
    fn consecutive_failures(&self) -> i64 {
        self.0
            .iter()
            .rev()
            .take_while(|code| code.used_at.is_none())
            .map(|code| i64::from(code.failed_attempts))
            .sum()
    }

    fn refuse_when_locked(&self) -> Result<(), ApiError> {
        if self.consecutive_failures() >= MAX_CONSECUTIVE_FAILURES {
            return Err(ApiError::SmsVerificationLocked);
        }
        Ok(())
    }
}

/// Where verification stands for the latest code, for the SMS Onayı page.
pub fn status(
    conn: &mut AnyConnection,
    application_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<SmsStatus>, ApiError> {
    Ok(status_of(&Codes::of(conn, application_id)?, now))
}

/// [`status`] of codes already read.
pub fn status_of(codes: &Codes, now: DateTime<Utc>) -> Option<SmsStatus> {
    let code = codes.latest()?;
    let sends = codes.sends_in_last_hour(now);
    let sent_at = from_db_time(code.sent_at);
    let expires_at = from_db_time(code.expires_at);
    let sent_to = MobilePhone::parse(&code.phone)
        .map(|p| p.masked())
        .unwrap_or_default();
    let sends_left = MAX_SENDS_PER_HOUR - i64::try_from(sends.len()).unwrap_or(MAX_SENDS_PER_HOUR);
    let mut resend_at = sent_at + RESEND_COOLDOWN;
    if sends_left <= 0 {
        if let Some(oldest) = sends.first() {
            resend_at = resend_at.max(*oldest + Duration::hours(1));
        }
    }
    Some(SmsStatus {
        sent_to,
        expires_at,
        expires_in_seconds: seconds_until(expires_at, now),
        tries_left: u32::try_from(MAX_WRONG_TRIES - code.failed_attempts).unwrap_or(0),
        resend_available_in_seconds: seconds_until(resend_at, now),
        sends_left_this_hour: u32::try_from(sends_left.max(0)).unwrap_or(0),
    })
}

/// Sends a new code to `phone` (inside the caller's transaction), refusing when the
/// cooldown or the hourly limit says no. A new code makes earlier ones worthless: only the
/// latest code is ever checked. Its event (`SmsCodeSent`) is the caller's to record: the
/// form's step records it in the insert of its own events.
pub fn issue_code(
    conn: &mut AnyConnection,
    app: &Application,
    phone: &MobilePhone,
    ctx: &EventContext,
    secrets: &Secrets,
) -> Result<(), ApiError> {
    let now = ctx.at;
    let codes = Codes::of(conn, &app.id)?;
    codes.refuse_when_locked()?;
    let sends = codes.sends_in_last_hour(now);
    if sends.len() >= usize::try_from(MAX_SENDS_PER_HOUR).unwrap_or(usize::MAX) {
        let oldest = sends.first().copied().unwrap_or(now);
        return Err(ApiError::SmsSendLimitReached {
            retry_after_seconds: seconds_until(oldest + Duration::hours(1), now).max(1),
        });
    }
    if let Some(last) = sends.last() {
        if now < *last + RESEND_COOLDOWN {
            return Err(ApiError::SmsResendTooSoon {
                retry_after_seconds: seconds_until(*last + RESEND_COOLDOWN, now).max(1),
            });
        }
    }
    refuse_when_phone_had_enough(conn, phone, secrets, now)?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    execute_prepared(
        conn,
        diesel::insert_into(sms_codes::table).values((
            sms_codes::id.eq(crate::db::new_row_id()),
            sms_codes::application_id.eq(&app.id),
            sms_codes::phone.eq(phone.as_e164()),
            sms_codes::code_hmac.eq(secrets.sms_code_hmac(&app.id, &code)),
            sms_codes::sent_at.eq(to_db_time(now)),
            sms_codes::expires_at.eq(to_db_time(now + CODE_VALIDITY)),
            sms_codes::failed_attempts.eq(0),
        )),
    )?;
    let message = OutgoingMessage {
        channel: Channel::Sms,
        purpose: "sms_code",
        recipient: phone.as_e164().to_owned(),
        subject: String::new(),
        body: templates::sms_code(&code, app.reference.as_str()),
        application_id: Some(app.id.clone()),
        sensitive: true,
    };
    notify::enqueue(conn, &message, secrets, now)?;
    Ok(())
}

/// Counts the send against the phone number's hourly and daily limits, across applications.
fn refuse_when_phone_had_enough(
    conn: &mut AnyConnection,
    phone: &MobilePhone,
    secrets: &Secrets,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let key = secrets.limit_key(phone.as_e164());
    let limits = [
        &rate_limit::SMS_TO_ONE_PHONE_PER_HOUR,
        &rate_limit::SMS_TO_ONE_PHONE_PER_DAY,
    ];
    // A send the day refuses is not counted in the hour either (the form is saved all the
    // same, so the caller's transaction goes on).
    rate_limit::take_keyed(conn, &limits, &key, now).map_err(|refused| match refused {
        ApiError::RateLimited {
            retry_after_seconds,
        } => ApiError::SmsSendLimitReached {
            retry_after_seconds,
        },
        other => other,
    })
}

/// "Yeni kod gönder": a new code to the phone of the submitted form, while the form waits for
/// its SMS verification.
pub fn resend(
    conn: &mut AnyConnection,
    app: &Application,
    ctx: &EventContext,
    secrets: &Secrets,
) -> Result<(), ApiError> {
    let state = app.state();
    if state != shared::workflow::ApplicationState::FormSubmitted {
        return Err(ApiError::Transition(
            shared::workflow::TransitionError::NotAllowed {
                from: state,
                command: "send_sms_code",
            },
        ));
    }
    issue_code(conn, app, &app.submitted_form()?.mobile_phone, ctx, secrets)?;
    record_event(conn, &app.id, EventKind::SmsCodeSent, None, ctx)
}

/// Accepts what people type: `123 456`, `123-456`.
pub fn normalise_typed_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// What a verification attempt did. A wrong try is an outcome, not an error, because its
/// counting must be committed even though the request fails.
#[derive(Debug)]
pub enum Verification {
    Verified,
    Wrong { tries_left: u32 },
    Exhausted,
}

/// Checks a typed code against the latest one sent to the form's phone: a wrong try is
/// counted, a right one uses the code — each only while the code has tries left.
pub fn verify(
    conn: &mut AnyConnection,
    app: &mut Application,
    code: &str,
    ctx: &EventContext,
    secrets: &Secrets,
) -> Result<Verification, ApiError> {
    let phone = app
        .form
        .as_ref()
        .map(|form| form.mobile_phone.clone())
        .ok_or(ApiError::SmsCodeNotRequested)?;
    let codes = Codes::of(conn, &app.id)?;
    let Some(latest) = codes.latest() else {
        return Err(ApiError::SmsCodeNotRequested);
    };
    if latest.used_at.is_some() {
        return Err(ApiError::SmsCodeAlreadyUsed);
    }
    codes.refuse_when_locked()?;
    if ctx.at >= from_db_time(latest.expires_at) {
        return Err(ApiError::SmsCodeExpired);
    }
    if latest.phone != phone.as_e164() {
        // The form's number changed after this code was sent.
        return Err(ApiError::SmsCodeNotRequested);
    }
    // One statement either way, each refused by the database once the code has had its
    // tries (or was used meanwhile), so no try goes uncounted and none counts past the limit.
    let still_open = sms_codes::table
        .find(&latest.id)
        .filter(sms_codes::used_at.is_null())
        .filter(sms_codes::failed_attempts.lt(MAX_WRONG_TRIES));
    if !secrets.sms_code_matches(&app.id, code, &latest.code_hmac) {
        let counted = execute_prepared(
            conn,
            diesel::update(still_open)
                .set(sms_codes::failed_attempts.eq(sms_codes::failed_attempts + 1)),
        )?;
        if counted == 0 {
            return Err(ApiError::SmsCodeAttemptsExhausted);
        }
        let tries_left = MAX_WRONG_TRIES - latest.failed_attempts - 1;
        return Ok(if tries_left <= 0 {
            Verification::Exhausted
        } else {
            Verification::Wrong {
                tries_left: u32::try_from(tries_left).unwrap_or(0),
            }
        });
    }
    let used = execute_prepared(
        conn,
        diesel::update(still_open).set(sms_codes::used_at.eq(Some(to_db_time(ctx.at)))),
    )?;
    if used == 0 {
        return Err(ApiError::SmsCodeAttemptsExhausted);
    }
    transition::apply(conn, app, Command::VerifyPhone, ctx)?;
    Ok(Verification::Verified)
}

#[cfg(test)]
mod tests {
    use super::normalise_typed_code;

    #[test]
    fn spaces_and_hyphens_in_a_typed_code_are_ignored() {
        assert_eq!(normalise_typed_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalise_typed_code("123-456").as_deref(), Some("123456"));
    }

    #[test]
    fn anything_but_six_digits_is_not_a_code() {
        for typed in ["12345", "1234567", "12a456", "", "１２３４５６"] {
            assert_eq!(normalise_typed_code(typed), None, "{typed}");
        }
    }
}
