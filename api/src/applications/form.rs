//! Section 3.3: the applicant fills in the blank fields and presses "Devam"; the form is
//! stored, and a code goes to the mobile phone for the SMS Onayı page.

use diesel::prelude::*;
use shared::form::{validate_form, ApplicationFormInput};
use shared::workflow::Command;

use super::row::ApplicationRow;
use super::sms;
use super::transition::{self, EventContext};
use crate::db::schema::applications;
use crate::db::{to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::Secrets;

/// Validates and stores the form, then sends the first code. The code is not re-sent when a
/// live code already went to the same number within the cooldown: re-submitting an unchanged
/// form must not be a way around the SMS limits.
pub fn submit(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    input: &ApplicationFormInput,
    ctx: &EventContext,
    secrets: &Secrets,
) -> Result<(), ApiError> {
    // The state is checked before the fields, so that a form for an approved application
    // answers "not possible now" rather than listing field errors.
    app.workflow()?.decide(Command::SubmitForm, ctx.at)?;
    let form = validate_form(input, &app.prefilled()?, ctx.at.date_naive())
        .map_err(ApiError::Validation)?;
    let form_json = serde_json::to_string(&form).map_err(|e| ApiError::Internal(e.to_string()))?;

    transition::apply(conn, app, Command::SubmitForm, ctx)?;
    diesel::update(applications::table.find(&app.id))
        .set((
            applications::form_json.eq(Some(form_json)),
            applications::draft_json.eq(None::<String>),
        ))
        .execute(conn)?;

    match sms::issue_code(conn, app, &form.mobile_phone, ctx, secrets) {
        Ok(()) => Ok(()),
        // The form is saved either way; the SMS page shows when a code can be asked again.
        Err(ApiError::SmsResendTooSoon { .. } | ApiError::SmsSendLimitReached { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Keeps what the applicant typed so far, valid or not (save and return). Only while the
/// form can still be changed.
pub fn save_draft(
    conn: &mut AnyConnection,
    app: &ApplicationRow,
    input: &ApplicationFormInput,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    app.workflow()?.decide(Command::SubmitForm, ctx.at)?;
    let json = serde_json::to_string(input).map_err(|e| ApiError::Internal(e.to_string()))?;
    diesel::update(applications::table.find(&app.id))
        .set((
            applications::draft_json.eq(Some(json)),
            applications::updated_at.eq(to_db_time(ctx.at)),
        ))
        .execute(conn)?;
    Ok(())
}
