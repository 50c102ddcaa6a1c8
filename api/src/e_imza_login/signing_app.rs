//! The signing application's side of a login challenge, through the same three routes as an
//! approval (`/api/e-imza/login`, `…/document`, `…/signature`): the code finds either a
//! signing session of an application or a login challenge, and what follows depends on which.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::e_imza_login::{LoginRequester, SigningPurpose};
use shared::api::EImzaLogin;
use shared::named::Named;
use shared::problem::ErrorCode;
use shared::signing::SigningCommand;

use super::identity::identity_of;
use super::{store_step, ChallengeRow};
use crate::applications::e_imza::code_hash;
use crate::applications::EventContext;
use crate::audit::{self, AuditAction, Outcome};
use crate::db::schema::e_imza_login_challenges as challenges;
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};

/// The signing application logs in with a login challenge's code: once, within its
/// validity. `None` when the code is no login challenge's (it may be nobody's).
pub fn log_in(
    conn: &mut AnyConnection,
    typed_code: &str,
    now: DateTime<Utc>,
) -> Result<Option<EImzaLogin>, ApiError> {
    let row: Option<ChallengeRow> = challenges::table
        .filter(challenges::code_hash.eq(code_hash(typed_code)))
        .select(ChallengeRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let step = row.decide(SigningCommand::LogInSigningApp, now)?;
    let expires_at = from_db_time(row.expires_at);
    if !store_step(conn, &row.id, step, now)? {
        return Err(ApiError::SigningCodeUsed);
    }
    let token = random_token();
    diesel::update(challenges::table.find(&row.id))
        .set(challenges::token_hash.eq(Some(sha256_hex(token.as_bytes()))))
        .execute(conn)?;
    Ok(Some(EImzaLogin {
        signing_token: token,
        expires_at,
        purpose: SigningPurpose::Login,
        application_reference: None,
        applicant_name: None,
        tckn_masked: None,
        requested_by: Some(LoginRequester {
            ip: row.requested_ip,
            user_agent: row.requested_user_agent,
        }),
        document_sha256: row.document_sha256,
    }))
}

/// The login challenge a signing application's bearer token belongs to, while it may still
/// sign. `None` when the token is no login challenge's.
pub fn by_token(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<ChallengeRow>, ApiError> {
    let row: Option<ChallengeRow> = challenges::table
        .filter(challenges::token_hash.eq(sha256_hex(token.as_bytes())))
        .select(ChallengeRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    // Only a challenge that may still take a signature: what accepting it would do says so.
    row.decide(SigningCommand::Accept, now)?;
    Ok(Some(row))
}

/// What the verification said about a login signature.
pub enum LoginVerdict {
    Accepted(Box<esign::VerifiedSignature>),
    Refused(ErrorCode),
}

/// Records an upload: a refusal ends the challenge with its reason and is audited (committed,
/// though the request fails); an accepted signature waits for the page to collect its session.
pub fn record_upload(
    conn: &mut AnyConnection,
    challenge: &ChallengeRow,
    verdict: &LoginVerdict,
    ctx: &EventContext,
) -> Result<(), ApiError> {
    let command = match verdict {
        LoginVerdict::Accepted(_) => SigningCommand::Accept,
        LoginVerdict::Refused(_) => SigningCommand::Refuse,
    };
    let (from, to) = challenge.decide(command, ctx.at)?;
    // Only if the challenge is still where it was read; the identity is stored with the
    // state in one statement (a check constraint wants an accepted login to name its person).
    let target = challenges::table
        .find(&challenge.id)
        .filter(challenges::status.eq(from.as_str()));
    let state = (
        challenges::status.eq(to.as_str()),
        challenges::updated_at.eq(to_db_time(ctx.at)),
    );
    let stored = match verdict {
        LoginVerdict::Accepted(signature) => {
            let identity = identity_of(signature);
            diesel::update(target)
                .set((
                    state,
                    challenges::tckn.eq(Some(identity.tckn.as_str())),
                    challenges::first_name.eq(Some(&identity.first_name)),
                    challenges::last_name.eq(Some(&identity.last_name)),
                    challenges::certificate_serial.eq(Some(signature.certificate_serial_hex())),
                    challenges::certificate_issuer.eq(Some(signature.issuer_cn())),
                ))
                .execute(conn)?
        }
        LoginVerdict::Refused(code) => diesel::update(target)
            .set((state, challenges::refusal_code.eq(Some(code.as_str()))))
            .execute(conn)?,
    };
    if stored == 0 {
        return Err(ApiError::SigningCodeUsed);
    }
    if let LoginVerdict::Refused(code) = verdict {
        audit::record(
            conn,
            ctx,
            AuditAction::ApplicantLoginFailed,
            Outcome::Failure,
            None,
            None,
            Some(code.as_str()),
        )?;
    }
    Ok(())
}
