//! Section 3.3: the applicant fills in the blank fields and presses "Devam"; the form is
//! stored, and a code goes to the mobile phone for the SMS Onayı page.

use diesel::prelude::*;
use shared::form::{validate_form, ApplicationForm, ApplicationFormInput};
use shared::workflow::{ApplicationState, Command, EventKind};

use super::row::Application;
use super::transition::{self, EventContext};
use super::{e_imza, sms};
use crate::db::schema::applications;
use crate::db::{execute_prepared, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{sha256_hex, Secrets};

/// The SHA-256 of the form as stored: carried by the e-İmza signing document and kept with the
/// approval, so that a signature can only approve the very form it was made over.
pub fn fingerprint(form: &ApplicationForm) -> Result<String, ApiError> {
    let json = serde_json::to_string(form).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(sha256_hex(json.as_bytes()))
}

/// Validates and stores the form, then sends the first code. The code is not re-sent when a
/// live code already went to the same number within the cooldown: re-submitting an unchanged
/// form must not be a way around the SMS limits. A signing session opened for the earlier
/// form is superseded: its signature would approve what is no longer the form. Answers
/// whether a code was sent.
pub fn submit(
    conn: &mut AnyConnection,
    app: &mut Application,
    input: &ApplicationFormInput,
    ctx: &EventContext,
    secrets: &Secrets,
) -> Result<bool, ApiError> {
    // The state is checked before the fields, so that a form for an approved application
    // answers "not possible now" rather than listing field errors.
    app.workflow.decide(Command::SubmitForm, ctx.at)?;
    let form =
        validate_form(input, &app.person, ctx.at.date_naive()).map_err(ApiError::Validation)?;
    let form_json = serde_json::to_string(&form).map_err(|e| ApiError::Internal(e.to_string()))?;
    let was = app.state();
    let unrecorded = transition::apply_submitting_form(conn, app, ctx, form_json)?;
    // Signing sessions are opened only once the phone is verified.
    if was == ApplicationState::PhoneVerified {
        e_imza::supersede_open_sessions(conn, &app.id, ctx.at)?;
    }
    app.form = Some(form);
    app.draft = None;

    let phone = app.submitted_form()?.mobile_phone.clone();
    let sent = match sms::issue_code(conn, app, &phone, ctx, secrets) {
        Ok(()) => true,
        // The form is saved either way; the SMS page says when a code can be asked again, or
        // that verification is locked.
        Err(
            ApiError::SmsResendTooSoon { .. }
            | ApiError::SmsSendLimitReached { .. }
            | ApiError::SmsVerificationLocked,
        ) => false,
        Err(e) => return Err(e),
    };
    // The form's events and the code's in one insert: a round trip less for every form.
    let code_sent = sent.then_some(EventKind::SmsCodeSent);
    unrecorded.record_with(conn, app, code_sent, ctx)?;
    Ok(sent)
}

/// Keeps what the applicant typed so far, valid or not (save and return). Only while the
/// form can still be changed.
pub fn save_draft(
    conn: &mut AnyConnection,
    app: &Application,
    input: &ApplicationFormInput,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    app.workflow.decide(Command::SubmitForm, ctx.at)?;
    let json = serde_json::to_string(input).map_err(|e| ApiError::Internal(e.to_string()))?;
    execute_prepared(
        conn,
        diesel::update(applications::table.find(&app.id)).set((
            applications::draft_json.eq(Some(json)),
            applications::updated_at.eq(to_db_time(ctx.at)),
        )),
    )?;
    Ok(())
}
