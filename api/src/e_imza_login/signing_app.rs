//! The signing application's side of a login challenge, through the same three routes as an
//! approval (`/api/e-imza/login`, `…/document`, `…/signature`): the code finds either a
//! signing session of an application or a login challenge, and what follows depends on which.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use shared::api::e_imza_login::{LoginRequester, SigningPurpose};
use shared::api::EImzaLogin;
use shared::problem::ErrorCode;

use super::identity::identity_of;
use super::ChallengeRow;
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
    match row.status.as_str() {
        "waiting" => {}
        "superseded" => return Err(ApiError::SigningCodeInvalid),
        _ => return Err(ApiError::SigningCodeUsed),
    }
    let expires_at = from_db_time(row.expires_at);
    if now >= expires_at {
        return Err(ApiError::SigningCodeExpired);
    }
    let token = random_token();
    let claimed = diesel::update(
        challenges::table
            .find(&row.id)
            .filter(challenges::status.eq("waiting")),
    )
    .set((
        challenges::status.eq("signing"),
        challenges::token_hash.eq(Some(sha256_hex(token.as_bytes()))),
        challenges::updated_at.eq(to_db_time(now)),
    ))
    .execute(conn)?;
    if claimed == 0 {
        return Err(ApiError::SigningCodeUsed);
    }
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
    match row.status.as_str() {
        "signing" if now < from_db_time(row.expires_at) => Ok(Some(row)),
        "signing" => Err(ApiError::SigningCodeExpired),
        // The page asked for a new code meanwhile.
        "superseded" => Err(ApiError::SigningTokenInvalid),
        _ => Err(ApiError::SigningCodeUsed),
    }
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
    let at = to_db_time(ctx.at);
    let closed = match verdict {
        LoginVerdict::Accepted(signature) => {
            let identity = identity_of(signature);
            diesel::update(
                challenges::table
                    .find(&challenge.id)
                    .filter(challenges::status.eq("signing")),
            )
            .set((
                challenges::status.eq("accepted"),
                challenges::tckn.eq(Some(identity.tckn.as_str())),
                challenges::first_name.eq(Some(&identity.first_name)),
                challenges::last_name.eq(Some(&identity.last_name)),
                challenges::certificate_serial.eq(Some(signature.certificate_serial_hex())),
                challenges::certificate_issuer.eq(Some(signature.issuer_cn())),
                challenges::updated_at.eq(at),
            ))
            .execute(conn)?
        }
        LoginVerdict::Refused(code) => diesel::update(
            challenges::table
                .find(&challenge.id)
                .filter(challenges::status.eq("signing")),
        )
        .set((
            challenges::status.eq("refused"),
            challenges::refusal_code.eq(Some(code.as_str())),
            challenges::updated_at.eq(at),
        ))
        .execute(conn)?,
    };
    if closed == 0 {
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
