//! The API's one error type and its mapping to HTTP: every handler returns `ApiError`, and
//! this file alone turns it into a status and an RFC 9457 problem body. Internal causes are
//! logged here and never sent.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::Error as DieselError;
use shared::form::FieldErrors;
use shared::problem::{ErrorCode, Problem};
use shared::workflow::TransitionError;

use crate::applications::access::DeniedAccess;
use crate::db::{failure_of, AsDieselError, DbFailure};

/// How long to wait before retrying when the database is down, or merely busy.
const RETRY_AFTER_UNAVAILABLE_SECONDS: u64 = 5;
const RETRY_AFTER_BUSY_SECONDS: u64 = 1;

#[derive(thiserror::Error)]
pub enum ApiError {
    /// What could not be read goes back to the caller only: it may quote their input.
    #[error("malformed request")]
    Malformed(String),
    #[error("validation failed")]
    Validation(FieldErrors),
    #[error("not authenticated")]
    Unauthenticated,
    #[error("CSRF token missing or wrong")]
    CsrfTokenInvalid,
    #[error("API key missing or unknown")]
    ApiKeyInvalid,
    #[error("not found")]
    NotFound,
    /// Somebody asked for an application that exists but is not theirs. Answered exactly
    /// like `NotFound`; `AppState::db` records it in the audit trail after the transaction
    /// that met it has rolled back.
    #[error("access denied")]
    AccessDenied(Box<DeniedAccess>),
    #[error("no such route")]
    RouteNotFound,
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("concurrent modification")]
    Conflict,
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error("phone not verified")]
    PhoneNotVerified,
    #[error("no SMS code requested")]
    SmsCodeNotRequested,
    #[error("wrong SMS code")]
    SmsCodeIncorrect { tries_left: u32 },
    #[error("SMS code expired")]
    SmsCodeExpired,
    #[error("SMS code tries exhausted")]
    SmsCodeAttemptsExhausted,
    #[error("SMS code already used")]
    SmsCodeAlreadyUsed,
    #[error("SMS resend too soon")]
    SmsResendTooSoon { retry_after_seconds: u64 },
    #[error("SMS send limit reached")]
    SmsSendLimitReached { retry_after_seconds: u64 },
    #[error("SMS verification locked")]
    SmsVerificationLocked,
    #[error("e-Onay consent required")]
    EOnayConsentRequired,
    #[error("Taahhütname mismatch")]
    TaahhutnameMismatch,
    #[error("acceptance required")]
    AcceptanceRequired,
    #[error("batch of {got} rows exceeds {max}")]
    BatchTooLarge { got: usize, max: usize },
    #[error("payload larger than {max} bytes")]
    /// `got` is `None` when the body came in chunks and reading stopped at the limit.
    PayloadTooLarge { got: Option<usize>, max: usize },
    #[error("e-İmza not configured")]
    EImzaUnavailable,
    #[error("unknown signing code")]
    SigningCodeInvalid,
    #[error("signing code expired")]
    SigningCodeExpired,
    #[error("signing code used")]
    SigningCodeUsed,
    #[error("signing session superseded")]
    SigningSessionSuperseded,
    #[error("signing token invalid")]
    SigningTokenInvalid,
    /// The uploaded signature failed verification; the code names the check.
    #[error("signature refused: {0}")]
    SignatureRefused(ErrorCode),
    #[error("login failed: {0}")]
    LoginFailed(&'static str),
    #[error("identity provider unavailable: {0}")]
    IdentityProviderUnavailable(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("forbidden")]
    Forbidden,
    #[error("staff login failed")]
    StaffLoginFailed,
    #[error("login throttled")]
    LoginThrottled { retry_after_seconds: u64 },
    #[error("rate limited")]
    RateLimited { retry_after_seconds: u64 },
    #[error("account locked")]
    AccountLocked { retry_after_seconds: u64 },
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("TOTP enrolment required")]
    TotpEnrolmentRequired,
    #[error("TOTP code invalid")]
    TotpInvalid,
    #[error("TOTP code replayed")]
    TotpReplayed,
    #[error("passkey ceremony expired")]
    PasskeyCeremonyExpired,
    #[error("passkey rejected")]
    PasskeyRejected,
    /// What could not be read in the CSV; it may quote the file, so only the caller sees it.
    #[error("CSV malformed")]
    CsvMalformed(String),
    #[error("already exists")]
    AlreadyExists,
    #[error("notification resent too soon")]
    NotificationResendTooSoon { retry_after_seconds: u64 },
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("reauthentication required")]
    ReauthenticationRequired,
    #[error("own account")]
    OwnAccount,
    #[error("idempotency key invalid")]
    IdempotencyKeyInvalid,
    #[error("idempotency key in use")]
    IdempotencyKeyInUse,
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    #[error("no evidence before approval")]
    EvidenceNotAvailable,
    #[error("no evidence signing key configured")]
    EvidenceSigningUnavailable,
    /// Which check of the Standard Webhooks headers failed (never the secret).
    #[error("payment callback signature invalid: {0}")]
    PaymentCallbackSignatureInvalid(crate::standard_webhooks::VerifyError),
    #[error("payment callbacks not configured")]
    PaymentCallbacksUnavailable,
    #[error("database error: {0}")]
    Database(#[from] DieselError),
    /// No pooled connection within the timeout: the database is down or overwhelmed.
    #[error("no database connection: {0}")]
    NoConnection(String),
    /// A change waited too long for its turn: the database is busy.
    #[error("database busy: {0}")]
    Busy(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        use ApiError::*;
        match self {
            Malformed(_) => ErrorCode::MalformedRequest,
            Validation(_) => ErrorCode::ValidationFailed,
            Unauthenticated => ErrorCode::Unauthenticated,
            CsrfTokenInvalid => ErrorCode::CsrfTokenInvalid,
            ApiKeyInvalid => ErrorCode::ApiKeyInvalid,
            NotFound | AccessDenied(_) => ErrorCode::NotFound,
            RouteNotFound => ErrorCode::RouteNotFound,
            MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Conflict => ErrorCode::Conflict,
            Transition(TransitionError::NotAllowed { .. }) => ErrorCode::InvalidStateTransition,
            Transition(TransitionError::DeadlinePassed) => ErrorCode::ApplicationExpired,
            PhoneNotVerified => ErrorCode::PhoneNotVerified,
            SmsCodeNotRequested => ErrorCode::SmsCodeNotRequested,
            SmsCodeIncorrect { .. } => ErrorCode::SmsCodeIncorrect,
            SmsCodeExpired => ErrorCode::SmsCodeExpired,
            SmsCodeAttemptsExhausted => ErrorCode::SmsCodeAttemptsExhausted,
            SmsCodeAlreadyUsed => ErrorCode::SmsCodeAlreadyUsed,
            SmsResendTooSoon { .. } => ErrorCode::SmsResendTooSoon,
            SmsSendLimitReached { .. } => ErrorCode::SmsSendLimitReached,
            SmsVerificationLocked => ErrorCode::SmsVerificationLocked,
            EOnayConsentRequired => ErrorCode::EOnayConsentRequired,
            TaahhutnameMismatch => ErrorCode::TaahhutnameMismatch,
            AcceptanceRequired => ErrorCode::AcceptanceRequired,
            BatchTooLarge { .. } => ErrorCode::BatchTooLarge,
            PayloadTooLarge { .. } => ErrorCode::PayloadTooLarge,
            EImzaUnavailable => ErrorCode::EImzaUnavailable,
            SigningCodeInvalid => ErrorCode::SigningCodeInvalid,
            SigningCodeExpired => ErrorCode::SigningCodeExpired,
            SigningCodeUsed => ErrorCode::SigningCodeUsed,
            SigningSessionSuperseded => ErrorCode::SigningSessionSuperseded,
            SigningTokenInvalid => ErrorCode::SigningTokenInvalid,
            SignatureRefused(code) => *code,
            LoginFailed(_) => ErrorCode::LoginFailed,
            IdentityProviderUnavailable(_) => ErrorCode::IdentityProviderUnavailable,
            Unavailable(_) => ErrorCode::ServiceUnavailable,
            Forbidden => ErrorCode::Forbidden,
            StaffLoginFailed => ErrorCode::StaffLoginFailed,
            LoginThrottled { .. } => ErrorCode::LoginThrottled,
            RateLimited { .. } => ErrorCode::RateLimited,
            AccountLocked { .. } => ErrorCode::AccountLocked,
            SecondFactorRequired => ErrorCode::SecondFactorRequired,
            TotpEnrolmentRequired => ErrorCode::TotpEnrolmentRequired,
            TotpInvalid => ErrorCode::TotpInvalid,
            TotpReplayed => ErrorCode::TotpReplayed,
            PasskeyCeremonyExpired => ErrorCode::PasskeyCeremonyExpired,
            PasskeyRejected => ErrorCode::PasskeyRejected,
            CsvMalformed(_) => ErrorCode::CsvMalformed,
            AlreadyExists => ErrorCode::AlreadyExists,
            NotificationResendTooSoon { .. } => ErrorCode::NotificationResendTooSoon,
            PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            ReauthenticationRequired => ErrorCode::ReauthenticationRequired,
            OwnAccount => ErrorCode::OwnAccount,
            IdempotencyKeyInvalid => ErrorCode::IdempotencyKeyInvalid,
            IdempotencyKeyInUse => ErrorCode::IdempotencyKeyInUse,
            IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            EvidenceNotAvailable => ErrorCode::EvidenceNotAvailable,
            EvidenceSigningUnavailable => ErrorCode::EvidenceSigningUnavailable,
            PaymentCallbackSignatureInvalid(_) => ErrorCode::PaymentCallbackSignatureInvalid,
            PaymentCallbacksUnavailable => ErrorCode::PaymentCallbacksUnavailable,
            Database(e) => match failure_of(e) {
                Some(DbFailure::Unavailable) => ErrorCode::DatabaseUnavailable,
                Some(DbFailure::Busy) => ErrorCode::DatabaseBusy,
                None => ErrorCode::InternalError,
            },
            NoConnection(_) => ErrorCode::DatabaseUnavailable,
            Busy(_) => ErrorCode::DatabaseBusy,
            Internal(_) => ErrorCode::InternalError,
        }
    }

    /// Seconds the caller should wait before repeating the request, where that is known.
    fn retry_after_seconds(&self) -> Option<u64> {
        use ApiError::*;
        match self {
            SmsResendTooSoon {
                retry_after_seconds,
            }
            | SmsSendLimitReached {
                retry_after_seconds,
            }
            | LoginThrottled {
                retry_after_seconds,
            }
            | RateLimited {
                retry_after_seconds,
            }
            | AccountLocked {
                retry_after_seconds,
            }
            | NotificationResendTooSoon {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            IdempotencyKeyInUse => Some(1),
            _ => match self.code() {
                ErrorCode::DatabaseUnavailable => Some(RETRY_AFTER_UNAVAILABLE_SECONDS),
                ErrorCode::DatabaseBusy => Some(RETRY_AFTER_BUSY_SECONDS),
                _ => None,
            },
        }
    }

    /// Our own failure, to be logged loudly (the caller's mistakes are not).
    fn is_ours(&self) -> bool {
        matches!(
            self,
            ApiError::Database(_)
                | ApiError::NoConnection(_)
                | ApiError::Busy(_)
                | ApiError::Internal(_)
                | ApiError::Unavailable(_)
                | ApiError::IdentityProviderUnavailable(_)
        )
    }

    /// The human-readable `detail`: specific where it helps, generic where the cause is ours.
    fn detail(&self) -> String {
        use ApiError::*;
        match self {
            Malformed(why) => format!("The request could not be read: {why}"),
            Validation(_) => "Correct the fields listed in `fields`.".into(),
            Transition(e) => e.to_string(),
            SmsCodeIncorrect { tries_left } => {
                format!("The code is not correct; {tries_left} tries left.")
            }
            SmsResendTooSoon { .. }
            | SmsSendLimitReached { .. }
            | LoginThrottled { .. }
            | RateLimited { .. }
            | NotificationResendTooSoon { .. } => format!(
                "Try again in {} seconds.",
                self.retry_after_seconds().unwrap_or_default()
            ),
            CsvMalformed(why) => format!("The CSV file could not be read: {why}"),
            // The provider's developers need to know which check failed; none names a secret.
            PaymentCallbackSignatureInvalid(why) => format!("The callback was refused: {why}."),
            MethodNotAllowed { allow } => format!("This route takes {allow}."),
            PayloadTooLarge {
                got: Some(got),
                max,
            } => format!("{got} bytes sent; at most {max}."),
            PayloadTooLarge { got: None, max } => format!("More than {max} bytes sent."),
            BatchTooLarge { got, max } => format!("{got} rows sent; at most {max} per request."),
            LoginFailed(why) => format!("The e-Devlet login could not be completed: {why}."),
            IdentityProviderUnavailable(_) => {
                "e-Devlet did not answer properly; please try again later.".into()
            }
            Unavailable(_) | NoConnection(_) | Busy(_) => "Please try again in a moment.".into(),
            Database(_) if self.code() != ErrorCode::InternalError => {
                "Nothing was changed; please try again in a moment.".into()
            }
            Database(_) | Internal(_) => {
                "Something went wrong on our side; it has been logged.".into()
            }
            other => other.code().title().into(),
        }
    }

    pub fn problem(&self) -> Problem {
        let mut problem = Problem::new(self.code(), self.detail());
        match self {
            ApiError::Validation(fields) => problem = problem.with_fields(fields.clone()),
            ApiError::SmsCodeIncorrect { tries_left } => {
                problem = problem.with_tries_left(*tries_left)
            }
            ApiError::SmsCodeAttemptsExhausted => problem = problem.with_tries_left(0),
            _ => {}
        }
        if let Some(seconds) = self.retry_after_seconds() {
            problem = problem.with_retry_after(seconds);
        }
        problem
    }
}

/// Logged by the request tracing for every failed request, so it names the code and, for
/// our own failures, the cause — never the caller's input.
impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Transition(_) => write!(f, "{} ({self})", self.code()),
            ApiError::AccessDenied(_) => write!(f, "{} (access denied)", self.code()),
            _ if self.is_ours() => write!(f, "{} ({self})", self.code()),
            _ => write!(f, "{}", self.code()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        ApiError::NoConnection(e.to_string())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl AsDieselError for ApiError {
    fn as_diesel(&self) -> Option<&DieselError> {
        match self {
            ApiError::Database(e) => Some(e),
            _ => None,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> actix_web::http::StatusCode {
        actix_web::http::StatusCode::from_u16(self.code().http_status())
            .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let problem = self.problem();
        match problem.code {
            ErrorCode::DatabaseBusy => {
                tracing::warn!(error = %self, code = %problem.code, "request refused: database busy");
            }
            _ if self.is_ours() => {
                tracing::error!(error = %self, code = %problem.code, "request failed");
            }
            _ => tracing::debug!(code = %problem.code, "request refused"),
        }
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("application/problem+json");
        if let ApiError::MethodNotAllowed { allow } = self {
            if let Ok(value) = HeaderValue::from_str(allow) {
                response.insert_header((header::ALLOW, value));
            }
        }
        if let Some(seconds) = problem.retry_after_seconds {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.insert_header((header::RETRY_AFTER, value));
            }
        }
        response.json(problem)
    }
}

/// A JSON body that could not be read: too large (`413 payload_too_large`, as the CSV import
/// answers), or malformed.
pub fn unreadable_json(
    err: actix_web::error::JsonPayloadError,
    req: &actix_web::HttpRequest,
) -> actix_web::Error {
    use actix_web::error::JsonPayloadError;
    match err {
        JsonPayloadError::OverflowKnownLength { length, limit } => ApiError::PayloadTooLarge {
            got: Some(length),
            max: limit,
        }
        .into(),
        JsonPayloadError::Overflow { limit } => ApiError::PayloadTooLarge {
            got: None,
            max: limit,
        }
        .into(),
        other => malformed_request(other, req),
    }
}

/// Turns actix's extractor failures (bad JSON, bad path, bad query) into our problem body.
pub fn malformed_request(
    err: impl std::fmt::Display,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::Malformed(err.to_string()).into()
}
