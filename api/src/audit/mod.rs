//! The audit trail: every security-relevant act (logins and their failures, staff actions,
//! approvals, payments, key creation) appended to `audit_log`, which the database refuses to
//! update or delete. Each entry carries the hash of the one before it, so removing, changing
//! or reordering entries breaks the chain where it happened; [`verify`] finds that link.

mod chain;
mod head_moved;
pub mod verify;

use diesel::prelude::*;

use crate::applications::EventContext;
use crate::db::schema::{audit_head, audit_log};
use crate::db::{
    execute_prepared, from_db_time, insert_rows, to_db_time, AnyConnection, Prepared,
    ROWS_PER_STATEMENT,
};
use crate::error::ApiError;

pub use chain::{entry_hash, Entry, GENESIS_HASH};

/// What was done. The snake_case names are stored and shown; they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    ApplicantLogin,
    ApplicantLoginFailed,
    StaffLogin,
    StaffLoginFailed,
    StaffSecondFactorFailed,
    StaffLocked,
    StaffUnlocked,
    StaffLogout,
    TotpEnrolled,
    PasskeyRegistered,
    PasskeyRenamed,
    PasskeyRemoved,
    PasskeyLogin,
    PasskeyLoginFailed,
    StaffCreated,
    StaffPasswordChanged,
    StaffPasswordReset,
    StaffDisabled,
    StaffEnabled,
    StaffSecondFactorReset,
    StaffReauthenticated,
    InstitutionCreated,
    ApiKeyCreated,
    ApiKeyRevoked,
    PreApplicationCreated,
    PreApplicationCancelled,
    PreApplicationImported,
    NotificationResent,
    EOnayConsentGiven,
    ApplicationApproved,
    PaymentRecorded,
    /// A recorded payment taken back by an operator, with the reason.
    PaymentReversed,
    /// A provider's payment callback that named an application but was not applied (wrong
    /// amount, nothing to pay): kept on the application's trail for the operators.
    PaymentCallbackRefused,
    ProductionEventRecorded,
    WebhookEndpointCreated,
    WebhookEndpointChanged,
    WebhookSecretRotated,
    WebhookEndpointRemoved,
    WebhookEndpointDisabled,
    WebhookRedelivered,
    AccessDenied,
    EvidenceDownloaded,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        use AuditAction::*;
        match self {
            ApplicantLogin => "applicant_login",
            ApplicantLoginFailed => "applicant_login_failed",
            StaffLogin => "staff_login",
            StaffLoginFailed => "staff_login_failed",
            StaffSecondFactorFailed => "staff_second_factor_failed",
            StaffLocked => "staff_locked",
            StaffUnlocked => "staff_unlocked",
            StaffLogout => "staff_logout",
            TotpEnrolled => "totp_enrolled",
            PasskeyRegistered => "passkey_registered",
            PasskeyRenamed => "passkey_renamed",
            PasskeyRemoved => "passkey_removed",
            PasskeyLogin => "passkey_login",
            PasskeyLoginFailed => "passkey_login_failed",
            StaffCreated => "staff_created",
            StaffPasswordChanged => "staff_password_changed",
            StaffPasswordReset => "staff_password_reset",
            StaffDisabled => "staff_disabled",
            StaffEnabled => "staff_enabled",
            StaffSecondFactorReset => "staff_second_factor_reset",
            StaffReauthenticated => "staff_reauthenticated",
            InstitutionCreated => "institution_created",
            ApiKeyCreated => "api_key_created",
            ApiKeyRevoked => "api_key_revoked",
            PreApplicationCreated => "pre_application_created",
            PreApplicationCancelled => "pre_application_cancelled",
            PreApplicationImported => "pre_application_imported",
            NotificationResent => "notification_resent",
            EOnayConsentGiven => "e_onay_consent_given",
            ApplicationApproved => "application_approved",
            PaymentRecorded => "payment_recorded",
            PaymentReversed => "payment_reversed",
            PaymentCallbackRefused => "payment_callback_refused",
            ProductionEventRecorded => "production_event_recorded",
            WebhookEndpointCreated => "webhook_endpoint_created",
            WebhookEndpointChanged => "webhook_endpoint_changed",
            WebhookSecretRotated => "webhook_secret_rotated",
            WebhookEndpointRemoved => "webhook_endpoint_removed",
            WebhookEndpointDisabled => "webhook_endpoint_disabled",
            WebhookRedelivered => "webhook_redelivered",
            AccessDenied => "access_denied",
            EvidenceDownloaded => "evidence_downloaded",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Failure => "failure",
        }
    }
}

/// Appends one entry to the chain. Runs as part of the caller's transaction (or in one of its own),
/// so the entry is committed with the act it records — or not at all.
pub fn record(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    action: AuditAction,
    outcome: Outcome,
    target: Option<&str>,
    institution_id: Option<&str>,
    detail: Option<&str>,
) -> Result<(), ApiError> {
    let act = Act {
        action,
        outcome,
        target,
        institution_id,
        detail,
    };
    record_all(conn, ctx, &[act])
}

/// One act to enter in the chain: what was done, how it went, and to whom.
pub struct Act<'a> {
    pub action: AuditAction,
    pub outcome: Outcome,
    pub target: Option<&'a str>,
    pub institution_id: Option<&'a str>,
    pub detail: Option<&'a str>,
}

/// [`record`] for many acts of one actor at one moment (a bulk import): one head look-up, one
/// multi-row insert per [`ROWS_PER_STATEMENT`], one head update.
pub fn record_all(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    acts: &[Act],
) -> Result<(), ApiError> {
    if acts.is_empty() {
        return Ok(());
    }
    crate::db::within_transaction(conn, |conn| {
        // The head is read locked (PostgreSQL's row lock; SQLite's writer lock is held by the
        // transaction already): concurrent writers queue here instead of forking the chain.
        let head = audit_head::table
            .find(1)
            .select((audit_head::last_seq, audit_head::last_hash));
        let (mut last_seq, mut last_hash): (i64, String) = match conn {
            AnyConnection::Postgresql(pg) => head.for_update().first(pg)?,
            AnyConnection::Sqlite(sqlite) => head.first(sqlite)?,
        };
        let at = from_db_time(to_db_time(ctx.at));
        let mut entries = Vec::with_capacity(acts.len());
        for act in acts {
            let entry = Entry {
                seq: last_seq + 1,
                at,
                actor_kind: ctx.actor.kind.as_str().to_owned(),
                actor_id: ctx.actor.id.clone(),
                action: act.action.as_str().to_owned(),
                outcome: act.outcome.as_str().to_owned(),
                target: act.target.map(str::to_owned),
                institution_id: act.institution_id.map(str::to_owned),
                detail: act.detail.map(str::to_owned),
                client_ip: ctx.client.ip.clone(),
                user_agent: ctx.client.user_agent.clone(),
                prev_hash: last_hash,
            };
            let hash = entry_hash(&entry);
            (last_seq, last_hash) = (entry.seq, hash.clone());
            entries.push((entry, hash));
        }
        let mut chunks = entries.chunks(ROWS_PER_STATEMENT).peekable();
        while let Some(chunk) = chunks.next() {
            let rows: Vec<_> = chunk
                .iter()
                .map(|(entry, hash)| {
                    (
                        audit_log::seq.eq(entry.seq),
                        audit_log::at.eq(to_db_time(entry.at)),
                        audit_log::actor_kind.eq(&entry.actor_kind),
                        audit_log::actor_id.eq(&entry.actor_id),
                        audit_log::action.eq(&entry.action),
                        audit_log::outcome.eq(&entry.outcome),
                        audit_log::target.eq(&entry.target),
                        audit_log::institution_id.eq(&entry.institution_id),
                        audit_log::detail.eq(&entry.detail),
                        audit_log::client_ip.eq(&entry.client_ip),
                        audit_log::user_agent.eq(&entry.user_agent),
                        audit_log::prev_hash.eq(&entry.prev_hash),
                        audit_log::hash.eq(hash),
                    )
                })
                .collect();
            match conn {
                // Every audited change waits for the head's row lock until it commits: the
                // head moves in the last insert's own statement, a round trip less to wait.
                AnyConnection::Postgresql(pg) if chunks.peek().is_none() => {
                    let insert = diesel::insert_into(audit_log::table).values(rows);
                    let moved = head_moved::with_insert(insert, last_seq, &last_hash);
                    Prepared::when_few_rows(chunk.len(), moved).execute(pg)?;
                }
                _ => {
                    insert_rows!(conn, audit_log::table, rows)?;
                }
            }
        }
        if let AnyConnection::Sqlite(_) = conn {
            let head = diesel::update(audit_head::table.find(1)).set((
                audit_head::last_seq.eq(last_seq),
                audit_head::last_hash.eq(&last_hash),
            ));
            execute_prepared(conn, head)?;
        }
        Ok(())
    })
}

/// Like [`record`], in a transaction of its own that commits at once: for failures (a wrong
/// password, a refused signature) whose request is about to answer with an error. Call it
/// outside any transaction: inside one it would only be a savepoint, rolled back with the rest.
pub fn record_now(
    conn: &mut AnyConnection,
    ctx: &EventContext,
    action: AuditAction,
    target: Option<&str>,
    institution_id: Option<&str>,
    detail: Option<&str>,
) -> Result<(), ApiError> {
    crate::db::write_transaction(conn, |conn| {
        record(
            conn,
            ctx,
            action,
            Outcome::Failure,
            target,
            institution_id,
            detail,
        )
    })
}

/// The entries about `target` (an application id, a user name, a key id), newest first.
pub fn entries_for_target(
    conn: &mut AnyConnection,
    target: &str,
    limit: i64,
) -> Result<Vec<Entry>, ApiError> {
    let rows: Vec<chain::StoredEntry> = audit_log::table
        .filter(audit_log::target.eq(target))
        .order(audit_log::seq.desc())
        .limit(limit)
        .select(chain::StoredEntry::as_select())
        .load(conn)?;
    Ok(rows.into_iter().map(|row| row.into_entry().0).collect())
}

/// The entries about `target`, oldest first, each with its stored hash: an evidence package
/// carries them so that its reader can check each entry and the links between them.
pub fn chained_entries_for_target(
    conn: &mut AnyConnection,
    target: &str,
) -> Result<Vec<(Entry, String)>, ApiError> {
    let rows: Vec<chain::StoredEntry> = audit_log::table
        .filter(audit_log::target.eq(target))
        .order(audit_log::seq.asc())
        .select(chain::StoredEntry::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(chain::StoredEntry::into_entry)
        .collect())
}

/// The first entry of `action` done by `actor_id` (an applicant's TCKN, a user name), with its
/// stored hash: acts about a person rather than an application, such as e-Onay consent.
pub fn first_chained_entry_by(
    conn: &mut AnyConnection,
    action: AuditAction,
    actor_id: &str,
) -> Result<Option<(Entry, String)>, ApiError> {
    let row: Option<chain::StoredEntry> = audit_log::table
        .filter(audit_log::action.eq(action.as_str()))
        .filter(audit_log::actor_id.eq(actor_id))
        .order(audit_log::seq.asc())
        .select(chain::StoredEntry::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map(chain::StoredEntry::into_entry))
}
