//! Section 3.4: approval. With e-Onay (3.4.1) the person has consented to e-Onay before,
//! has read the current Taahhütname (proved by its hash), ticks the box and presses "E-Onay".
//! With e-İmza (3.4.2) the same checks open a signing session (`e_imza`), and the verified
//! signature approves. Either way `record_approval` stores the same record.

use diesel::prelude::*;
use shared::api::ApproveWithEOnayRequest;
use shared::named::Named;
use shared::workflow::{ApplicationState, ApprovalMethod, Command};

use super::row::Application;
use super::transition::{self, EventContext};
use super::{consent, form, payment, taahhutname};
use crate::config::Config;
use crate::db::schema::approvals;
use crate::db::{execute_prepared, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::notify::{self, templates, Channel, OutgoingMessage};

pub fn approve_with_e_onay(
    conn: &mut AnyConnection,
    app: &mut Application,
    request: &ApproveWithEOnayRequest,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    check_approvable(app, ApprovalMethod::EOnay, ctx)?;
    if !consent::consented(conn, app)? {
        return Err(ApiError::EOnayConsentRequired);
    }
    check_taahhutname(
        &request.taahhutname_version,
        &request.taahhutname_sha256,
        request.accepted,
    )?;
    record_approval(conn, app, ApprovalMethod::EOnay, ctx, config)
}

/// The application can be approved now with `method`: phone verified, not approved yet,
/// deadline not passed.
pub fn check_approvable(
    app: &Application,
    method: ApprovalMethod,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    if matches!(
        app.state(),
        ApplicationState::PreApplication | ApplicationState::FormSubmitted
    ) {
        return Err(ApiError::PhoneNotVerified);
    }
    // Any other state that cannot be approved (already approved, cancelled, past its
    // deadline) is refused by the workflow itself.
    app.workflow.decide(Command::Approve(method), ctx.at)?;
    Ok(())
}

/// The current Taahhütname was read (its version and hash sent back) and accepted.
pub fn check_taahhutname(version: &str, sha256: &str, accepted: bool) -> Result<(), ApiError> {
    if !taahhutname::matches_current(version, sha256) {
        return Err(ApiError::TaahhutnameMismatch);
    }
    if !accepted {
        return Err(ApiError::AcceptanceRequired);
    }
    Ok(())
}

/// Moves the application on (approved, then production or payment), keeps the approval
/// record (time, address, user agent, Taahhütname version, the fingerprint of the form
/// approved) and queues the confirmation.
pub fn record_approval(
    conn: &mut AnyConnection,
    app: &mut Application,
    method: ApprovalMethod,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    transition::apply(conn, app, Command::Approve(method), ctx)?;
    let approved_form = app.submitted_form()?;
    let form_sha256 = form::fingerprint(approved_form)?;
    let certificate_term = approved_form.certificate_term;
    let current = taahhutname::current();
    // Every value bound: kept prepared by its type, nothing rendered to find it.
    execute_prepared(
        conn,
        diesel::insert_into(approvals::table).values((
            approvals::application_id.eq(&app.id),
            approvals::method.eq(method.as_str()),
            approvals::approved_at.eq(to_db_time(ctx.at)),
            approvals::taahhutname_version.eq(&current.version),
            approvals::taahhutname_sha256.eq(&current.sha256),
            approvals::form_sha256.eq(Some(&form_sha256)),
            approvals::client_ip.eq(ctx.client.ip.as_deref()),
            approvals::user_agent.eq(ctx.client.user_agent.as_deref()),
        )),
    )?;

    let instructions = payment::instructions(
        app.workflow.payment,
        certificate_term,
        &app.reference,
        &config.tariff,
        &config.payment_account,
    );
    let (subject, body) = templates::application_approved(
        app.person.first_name.as_str(),
        app.reference.as_str(),
        method,
        &instructions,
        &format!("{}/basvuru-islemleri", config.public_url),
    );
    notify::enqueue(
        conn,
        &OutgoingMessage {
            channel: Channel::Email,
            purpose: "application_approved",
            recipient: app.person.email.as_str().to_owned(),
            subject,
            body,
            application_id: Some(app.id.clone()),
            sensitive: false,
        },
        &config.secrets,
        ctx.at,
    )?;
    // Last: the audit chain's head stays locked from here until the commit, and every
    // audited change in the system waits for it.
    crate::audit::record(
        conn,
        ctx,
        crate::audit::AuditAction::ApplicationApproved,
        crate::audit::Outcome::Success,
        Some(&app.id),
        app.institution_id.as_deref(),
        Some(method.as_str()),
    )?;
    Ok(())
}
