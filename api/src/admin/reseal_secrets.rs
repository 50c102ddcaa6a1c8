//! `nes-admin reseal-secrets`: after `NES_SECRET_KEY` was rotated (the old one kept as
//! `NES_SECRET_KEY_PREVIOUS`), re-seals under the current key every staff TOTP secret and
//! every sealed outbox body of a message still waiting and every webhook signing secret
//! (current and previous), sealed under another, so the previous secret can then be
//! unset without losing them. Each row is updated only if it still holds what was read.

use diesel::prelude::*;

use crate::db::schema::{outbox, staff_users, webhook_endpoints};
use crate::db::{write_transaction, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{SealPurpose, Secrets};

/// How many values were sealed again.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Resealed {
    pub totp_secrets: usize,
    pub outbox_bodies: usize,
    pub webhook_secrets: usize,
}

fn reseal(
    secrets: &Secrets,
    purpose: SealPurpose,
    associated: &str,
    stored: &str,
) -> Result<String, ApiError> {
    let plain = secrets
        .open(purpose, associated, stored)
        .map_err(|e| ApiError::Internal(format!("{purpose:?} of {associated}: {e}")))?;
    secrets
        .seal(purpose, associated, &plain)
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// The TOTP associated data is the staff id (see `staff::totp`).
pub fn run(conn: &mut AnyConnection, secrets: &Secrets) -> Result<Resealed, ApiError> {
    let mut done = Resealed::default();
    type StaffRow = (String, Option<String>, Option<String>);
    let staff: Vec<StaffRow> = staff_users::table
        .select((
            staff_users::id,
            staff_users::totp_secret_sealed,
            staff_users::totp_pending_secret_sealed,
        ))
        .load(conn)?;
    for (id, enrolled, pending) in staff {
        let associated = crate::staff::totp::associated_data(&id);
        if let Some(old) = enrolled.filter(|s| !secrets.sealed_with_current_key(s)) {
            let new = reseal(secrets, SealPurpose::Totp, &associated, &old)?;
            done.totp_secrets += write_transaction(conn, |conn| {
                diesel::update(
                    staff_users::table
                        .find(&id)
                        .filter(staff_users::totp_secret_sealed.eq(&old)),
                )
                .set(staff_users::totp_secret_sealed.eq(&new))
                .execute(conn)
            })?;
        }
        if let Some(old) = pending.filter(|s| !secrets.sealed_with_current_key(s)) {
            let new = reseal(secrets, SealPurpose::Totp, &associated, &old)?;
            done.totp_secrets += write_transaction(conn, |conn| {
                diesel::update(
                    staff_users::table
                        .find(&id)
                        .filter(staff_users::totp_pending_secret_sealed.eq(&old)),
                )
                .set(staff_users::totp_pending_secret_sealed.eq(&new))
                .execute(conn)
            })?;
        }
    }
    // A settled sealed message has lost its body already; only waiting ones hold one.
    let sealed: Vec<(String, String)> = outbox::table
        .filter(outbox::sealed.eq(true))
        .filter(crate::notify::outbox::pending())
        .select((outbox::id, outbox::body))
        .load(conn)?;
    for (id, old) in sealed {
        if secrets.sealed_with_current_key(&old) {
            continue;
        }
        let new = reseal(secrets, SealPurpose::Outbox, &id, &old)?;
        done.outbox_bodies += write_transaction(conn, |conn| {
            diesel::update(outbox::table.find(&id).filter(outbox::body.eq(&old)))
                .set(outbox::body.eq(&new))
                .execute(conn)
        })?;
    }
    done.webhook_secrets = reseal_webhook_secrets(conn, secrets)?;
    println!(
        "re-sealed under key {}: {} TOTP secrets, {} outbox bodies, {} webhook secrets",
        secrets.key_id(),
        done.totp_secrets,
        done.outbox_bodies,
        done.webhook_secrets
    );
    Ok(done)
}

/// The associated data is the endpoint id (see `webhooks::endpoints`).
fn reseal_webhook_secrets(conn: &mut AnyConnection, secrets: &Secrets) -> Result<usize, ApiError> {
    let endpoints: Vec<(String, String, Option<String>)> = webhook_endpoints::table
        .select((
            webhook_endpoints::id,
            webhook_endpoints::secret_sealed,
            webhook_endpoints::previous_secret_sealed,
        ))
        .load(conn)?;
    let mut resealed = 0;
    for (id, current, previous) in endpoints {
        if !secrets.sealed_with_current_key(&current) {
            let new = reseal(secrets, SealPurpose::WebhookSecret, &id, &current)?;
            resealed += write_transaction(conn, |conn| {
                diesel::update(
                    webhook_endpoints::table
                        .find(&id)
                        .filter(webhook_endpoints::secret_sealed.eq(&current)),
                )
                .set(webhook_endpoints::secret_sealed.eq(&new))
                .execute(conn)
            })?;
        }
        if let Some(old) = previous.filter(|s| !secrets.sealed_with_current_key(s)) {
            let new = reseal(secrets, SealPurpose::WebhookSecret, &id, &old)?;
            resealed += write_transaction(conn, |conn| {
                diesel::update(
                    webhook_endpoints::table
                        .find(&id)
                        .filter(webhook_endpoints::previous_secret_sealed.eq(&old)),
                )
                .set(webhook_endpoints::previous_secret_sealed.eq(&new))
                .execute(conn)
            })?;
        }
    }
    Ok(resealed)
}
