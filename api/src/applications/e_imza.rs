//! Section 3.4.2: approval with e-İmza. "e-İmza ile Onayla" opens a signing session whose
//! one-time verification code the page shows; the desktop signing application logs in with
//! the code, fetches the exact document bytes, signs them with the person's NES and uploads
//! the CMS; a signature that passes every check approves the application.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use esign::document::{FormData, SigningDocument, SigningNonce, TaahhutnameRef};
use rand::Rng;
use shared::api::e_imza_login::SigningPurpose;
use shared::api::{EImzaLogin, EImzaSigningSession, EImzaSigningStatus};
use shared::named::Named;
use shared::problem::ErrorCode;
use shared::signing::{SigningCommand, SigningError, SigningState};
use shared::workflow::ApprovalMethod;
use shared::PersonName;

use super::access::{self, Caller};
use super::approval::{check_approvable, check_taahhutname, record_approval};
use super::row::Application;
use super::transition::EventContext;
use super::{form, taahhutname};
use crate::clock::seconds_until;
use crate::config::Config;
use crate::db::schema::{sessions, signature_attempts, signature_evidence, signing_sessions};
use crate::db::{from_db_time, to_db_time, AnyConnection};
use crate::error::ApiError;
use crate::secrets::{random_token, sha256_hex};

pub const CODE_VALIDITY: Duration = Duration::minutes(10);
/// Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = signing_sessions)]
pub struct SigningSessionRow {
    pub id: String,
    pub application_id: String,
    pub browser_session_hash: String,
    pub status: String,
    pub document: String,
    pub document_sha256: String,
    pub refusal_code: Option<String>,
    pub expires_at: chrono::NaiveDateTime,
    pub form_sha256: Option<String>,
}

impl SigningSessionRow {
    pub fn state(&self) -> Result<SigningState, ApiError> {
        SigningState::parse(&self.status).ok_or_else(|| {
            ApiError::Internal(format!(
                "signing session {} has status {}",
                self.id, self.status
            ))
        })
    }

    /// What `command` does to this session now, as the signing application is told it.
    fn decide(&self, command: SigningCommand, now: DateTime<Utc>) -> Result<Moved, ApiError> {
        let from = self.state()?;
        let to = from
            .decide(
                SigningPurpose::Approval,
                command,
                now,
                from_db_time(self.expires_at),
            )
            .map_err(refusal)?;
        Ok(Moved { from, to })
    }
}

/// One step of a session's state machine, to be stored.
struct Moved {
    from: SigningState,
    to: SigningState,
}

/// The signing application's view of a refused step.
fn refusal(error: SigningError) -> ApiError {
    match error {
        SigningError::Expired => ApiError::SigningCodeExpired,
        SigningError::Used | SigningError::Closed => ApiError::SigningCodeUsed,
        SigningError::Superseded => ApiError::SigningSessionSuperseded,
    }
}

/// Stores a step, only if the session is still where it was read: of two requests moving one
/// session at once, one wins and the other is told the code was used.
fn store(
    conn: &mut AnyConnection,
    session_id: &str,
    moved: &Moved,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let stored = diesel::update(
        signing_sessions::table
            .find(session_id)
            .filter(signing_sessions::status.eq(moved.from.as_str())),
    )
    .set((
        signing_sessions::status.eq(moved.to.as_str()),
        signing_sessions::updated_at.eq(to_db_time(at)),
    ))
    .execute(conn)?;
    if stored == 0 {
        return Err(ApiError::SigningCodeUsed);
    }
    Ok(())
}

/// Every open signing session of the application ends: a newer code was asked for, or the
/// form it would sign was replaced.
pub fn supersede_open_sessions(
    conn: &mut AnyConnection,
    application_id: &str,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let open: Vec<&str> = SigningState::open(SigningPurpose::Approval)
        .iter()
        .map(|state| state.as_str())
        .collect();
    diesel::update(
        signing_sessions::table
            .filter(signing_sessions::application_id.eq(application_id))
            .filter(signing_sessions::status.eq_any(open)),
    )
    .set((
        signing_sessions::status.eq(SigningState::Superseded.as_str()),
        signing_sessions::updated_at.eq(to_db_time(at)),
    ))
    .execute(conn)?;
    Ok(())
}

/// 12 characters, 60 bits, shown as `XXXX-XXXX-XXXX` (the login challenge uses the same).
pub(crate) fn new_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let chars: Vec<char> = (0..12)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What people type or paste: any case, spaces and hyphens, and the look-alikes Crockford
/// maps (O → 0, I and L → 1).
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

pub(crate) fn code_hash(typed: &str) -> String {
    sha256_hex(normalise_code(typed).as_bytes())
}

/// The exact bytes the person signs: the form (with its fingerprint, checked again when the
/// signature arrives), the Taahhütname read, and a fresh nonce so that a signature made for
/// one session is worthless for any other.
fn document_for(app: &Application, form_sha256: &str) -> Result<SigningDocument, ApiError> {
    let internal = |what: &str| ApiError::Internal(format!("signing document: {what}"));
    let form = app.submitted_form()?;
    let name = PersonName::parse(&app.full_name()).map_err(|_| internal("name"))?;
    let input = form.to_input();
    let form_data = FormData::from_pairs([
        ("email", app.person.email.as_str().to_owned()),
        ("institution", app.person.institution.clone()),
        ("mobile_phone", form.mobile_phone.as_e164().to_owned()),
        ("birth_date", input.birth_date),
        ("title", input.title),
        ("address_il", input.address_il),
        ("address_ilce", input.address_ilce),
        ("address_line", input.address_line),
        ("postal_code", input.postal_code),
        ("certificate_term_years", input.certificate_term_years),
        ("form_sha256", form_sha256.to_owned()),
    ])
    .map_err(|e| internal(&e.to_string()))?;
    let current = taahhutname::current();
    let taahhutname = TaahhutnameRef::for_text(&current.version, &current.text)
        .map_err(|e| internal(&e.to_string()))?;
    SigningDocument::new(
        app.reference.clone(),
        app.tckn().clone(),
        name,
        form_data,
        taahhutname,
        SigningNonce::random(),
    )
    .map_err(|e| internal(&e.to_string()))
}

/// "e-İmza ile Onayla": checks as for e-Onay (but no e-Onay consent), then opens a signing
/// session bound to this application and this browser session. An older open session of the
/// application is superseded: only the newest code works.
pub fn start(
    conn: &mut AnyConnection,
    app: &Application,
    browser_session_hash: &str,
    taahhutname_version: &str,
    taahhutname_sha256: &str,
    accepted: bool,
    ctx: &EventContext,
) -> Result<EImzaSigningSession, ApiError> {
    check_approvable(app, ApprovalMethod::EImza, ctx)?;
    check_taahhutname(taahhutname_version, taahhutname_sha256, accepted)?;
    let form_sha256 = form::fingerprint(app.submitted_form()?)?;
    let document = document_for(app, &form_sha256)?;
    let document_text = String::from_utf8(document.as_bytes().to_vec())
        .map_err(|_| ApiError::Internal("signing document is not UTF-8".into()))?;

    supersede_open_sessions(conn, &app.id, ctx.at)?;

    let code = new_code();
    let expires_at = ctx.at + CODE_VALIDITY;
    let current = taahhutname::current();
    diesel::insert_into(signing_sessions::table)
        .values((
            signing_sessions::id.eq(uuid::Uuid::new_v4().to_string()),
            signing_sessions::application_id.eq(&app.id),
            signing_sessions::browser_session_hash.eq(browser_session_hash),
            signing_sessions::code_hash.eq(code_hash(&code)),
            signing_sessions::status.eq(SigningState::Waiting.as_str()),
            signing_sessions::form_sha256.eq(Some(&form_sha256)),
            signing_sessions::document.eq(&document_text),
            signing_sessions::document_sha256.eq(document.digest_hex()),
            signing_sessions::taahhutname_version.eq(&current.version),
            signing_sessions::taahhutname_sha256.eq(&current.sha256),
            signing_sessions::created_at.eq(to_db_time(ctx.at)),
            signing_sessions::expires_at.eq(to_db_time(expires_at)),
            signing_sessions::updated_at.eq(to_db_time(ctx.at)),
        ))
        .execute(conn)?;
    Ok(EImzaSigningSession {
        verification_code: code,
        expires_at,
        expires_in_seconds: seconds_until(expires_at, ctx.at),
        document_sha256: document.digest_hex(),
    })
}

/// The page's live status: the newest session this browser opened for the application.
pub fn status(
    conn: &mut AnyConnection,
    application_id: &str,
    browser_session_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<EImzaSigningStatus>, ApiError> {
    let row: Option<SigningSessionRow> = signing_sessions::table
        .filter(signing_sessions::application_id.eq(application_id))
        .filter(signing_sessions::browser_session_hash.eq(browser_session_hash))
        .filter(signing_sessions::status.ne(SigningState::Superseded.as_str()))
        .order(signing_sessions::created_at.desc())
        .select(SigningSessionRow::as_select())
        .first(conn)
        .optional()?;
    row.map(|row| {
        let expires_at = from_db_time(row.expires_at);
        Ok(EImzaSigningStatus {
            status: row.state()?.approval_status(now, expires_at),
            expires_at,
            expires_in_seconds: seconds_until(expires_at, now),
            refusal_code: row.refusal_code,
        })
    })
    .transpose()
}

/// The signing application logs in with the code: once, within its validity, and only
/// while the browser session that opened it is still alive.
pub fn login(
    conn: &mut AnyConnection,
    typed_code: &str,
    now: DateTime<Utc>,
) -> Result<EImzaLogin, ApiError> {
    let row: SigningSessionRow = signing_sessions::table
        .filter(signing_sessions::code_hash.eq(code_hash(typed_code)))
        .select(SigningSessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::SigningCodeInvalid)?;
    let moved = row.decide(SigningCommand::LogInSigningApp, now)?;
    let expires_at = from_db_time(row.expires_at);
    let browser_alive: i64 = sessions::table
        .filter(sessions::id_hash.eq(&row.browser_session_hash))
        .filter(sessions::absolute_expires_at.gt(to_db_time(now)))
        .count()
        .get_result(conn)?;
    if browser_alive == 0 {
        // The person logged out (or the session ended) after opening the code.
        return Err(ApiError::SigningCodeInvalid);
    }
    let token = random_token();
    store(conn, &row.id, &moved, now)?;
    diesel::update(signing_sessions::table.find(&row.id))
        .set(signing_sessions::token_hash.eq(Some(sha256_hex(token.as_bytes()))))
        .execute(conn)?;
    let app = application_of(conn, &row, now)?;
    Ok(EImzaLogin {
        signing_token: token,
        expires_at,
        purpose: SigningPurpose::Approval,
        application_reference: Some(app.reference.to_string()),
        applicant_name: Some(app.full_name()),
        tckn_masked: Some(app.tckn().masked()),
        requested_by: None,
        document_sha256: row.document_sha256,
    })
}

/// The application a signing session belongs to: the code or token is the credential, and
/// it names exactly one application.
fn application_of(
    conn: &mut AnyConnection,
    session: &SigningSessionRow,
    now: DateTime<Utc>,
) -> Result<Application, ApiError> {
    let ctx = EventContext::system(now);
    access::read(conn, &session.application_id, &Caller::System, &ctx)
}

/// The session a signing application's bearer token belongs to, while it may still sign.
pub fn by_token(
    conn: &mut AnyConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<SigningSessionRow, ApiError> {
    let row: SigningSessionRow = signing_sessions::table
        .filter(signing_sessions::token_hash.eq(sha256_hex(token.as_bytes())))
        .select(SigningSessionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::SigningTokenInvalid)?;
    // Only a session that may still take a signature: what accepting it would do says so.
    row.decide(SigningCommand::Accept, now)?;
    Ok(row)
}

/// What the verification said about an upload.
pub enum Verdict {
    Accepted(Box<esign::verify::VerifiedSignature>),
    Refused(ErrorCode),
}

/// Records an upload: a refusal ends the session with its reason (committed, though the
/// request fails); an accepted signature approves the application — if the form is still
/// the one signed — and keeps the evidence. Runs on the locked application.
pub fn record_upload(
    conn: &mut AnyConnection,
    app: &mut Application,
    session: &SigningSessionRow,
    cms: &[u8],
    verdict: &Verdict,
    ctx: &EventContext,
    config: &Config,
) -> Result<(), ApiError> {
    let (outcome, subject) = match verdict {
        Verdict::Accepted(signature) => (
            SigningState::Accepted.as_str(),
            Some(signature.subject_cn().to_owned()),
        ),
        Verdict::Refused(code) => (code.as_str(), None),
    };
    diesel::insert_into(signature_attempts::table)
        .values((
            signature_attempts::id.eq(crate::db::new_row_id()),
            signature_attempts::signing_session_id.eq(&session.id),
            signature_attempts::at.eq(to_db_time(ctx.at)),
            signature_attempts::outcome.eq(outcome),
            signature_attempts::certificate_subject.eq(subject),
            signature_attempts::client_ip.eq(ctx.client.ip.as_deref()),
            signature_attempts::user_agent.eq(ctx.client.user_agent.as_deref()),
        ))
        .execute(conn)?;
    let command = match verdict {
        Verdict::Accepted(_) => SigningCommand::Accept,
        Verdict::Refused(_) => SigningCommand::Refuse,
    };
    // Read again under the application's lock: a form submitted since the upload began has
    // superseded the session.
    let current = reload(conn, &session.id)?;
    let moved = current.decide(command, ctx.at)?;
    store(conn, &session.id, &moved, ctx.at)?;
    let Verdict::Accepted(signature) = verdict else {
        if let Verdict::Refused(code) = verdict {
            diesel::update(signing_sessions::table.find(&session.id))
                .set(signing_sessions::refusal_code.eq(Some(code.as_str())))
                .execute(conn)?;
        }
        return Ok(());
    };
    let form_sha256 = form::fingerprint(app.submitted_form()?)?;
    if current.form_sha256.as_deref() != Some(form_sha256.as_str()) {
        // The form is not the one signed (sessions made before fingerprints had none).
        return Err(ApiError::SigningSessionSuperseded);
    }
    record_approval(conn, app, ApprovalMethod::EImza, ctx, config)?;
    diesel::insert_into(signature_evidence::table)
        .values((
            signature_evidence::application_id.eq(&app.id),
            signature_evidence::signing_session_id.eq(&session.id),
            signature_evidence::cms.eq(cms),
            signature_evidence::certificate.eq(signature.signer_certificate_der()),
            signature_evidence::certificate_serial.eq(signature.certificate_serial_hex()),
            signature_evidence::subject_cn.eq(signature.subject_cn()),
            signature_evidence::issuer_cn.eq(signature.issuer_cn()),
            signature_evidence::signing_time.eq(to_db_time(signature.signing_time())),
            signature_evidence::verified_at.eq(to_db_time(ctx.at)),
        ))
        .execute(conn)?;
    Ok(())
}

fn reload(conn: &mut AnyConnection, session_id: &str) -> Result<SigningSessionRow, ApiError> {
    Ok(signing_sessions::table
        .find(session_id)
        .select(SigningSessionRow::as_select())
        .first(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_three_groups_of_four_crockford_characters() {
        let code = new_code();
        assert_eq!(code.len(), 14);
        assert!(code
            .split('-')
            .all(|g| g.len() == 4 && g.bytes().all(|b| CODE_ALPHABET.contains(&b))));
    }

    #[test]
    fn a_code_survives_retyping_in_lower_case_without_hyphens_and_with_look_alikes() {
        assert_eq!(code_hash("7KQ4-9XW0-2HR1"), code_hash(" 7kq4 9xwo 2hrl "));
        assert_ne!(code_hash("7KQ4-9XW0-2HR1"), code_hash("7KQ4-9XW0-2HR2"));
    }
}
