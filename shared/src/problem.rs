//! The one error body of the API: RFC 9457 problem details (`application/problem+json`)
//! extended with a stable snake_case `code` that clients switch on and translate, and, for
//! validation failures, the field-level codes of [`crate::form::FieldErrors`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::form::FieldErrors;
use crate::named::Named;

/// Every error the API can answer with. The snake_case names are a contract: integrators and
/// the browser client switch on them, so they never change once published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query could not be read.
    MalformedRequest,
    /// One or more fields are invalid; see `fields`.
    ValidationFailed,
    /// No session, or the session has ended.
    Unauthenticated,
    /// A state-changing request without the session's CSRF token.
    CsrfTokenInvalid,
    /// The integrator API key is missing or unknown.
    ApiKeyInvalid,
    /// No such resource (or it belongs to someone else).
    NotFound,
    /// No such route.
    RouteNotFound,
    /// The route exists but not with this HTTP method.
    MethodNotAllowed,
    /// Somebody else changed the application at the same moment; reload and retry.
    Conflict,
    /// The application is not in a state where this can be done.
    InvalidStateTransition,
    /// The application's completion deadline has passed.
    ApplicationExpired,
    /// The mobile phone has not been verified with an SMS code yet.
    PhoneNotVerified,
    /// No SMS code has been sent for this application.
    SmsCodeNotRequested,
    /// The SMS code typed is wrong; `tries_left` says how many tries remain.
    SmsCodeIncorrect,
    /// The SMS code is older than its validity; request a new one.
    SmsCodeExpired,
    /// Too many wrong tries; the code is dead and a new one must be sent.
    SmsCodeAttemptsExhausted,
    /// The SMS code was already used.
    SmsCodeAlreadyUsed,
    /// A new code was asked for too soon; `retry_after_seconds` says when.
    SmsResendTooSoon,
    /// Too many codes were sent for this application this hour.
    SmsSendLimitReached,
    /// Too many wrong SMS codes in a row across codes: the application's phone verification
    /// is locked; the institution's officer or Kamu SM can help.
    SmsVerificationLocked,
    /// The person has not consented to working with e-Onay.
    EOnayConsentRequired,
    /// The Taahhütname version or hash sent is not the current one.
    TaahhutnameMismatch,
    /// The Taahhütname was not explicitly accepted.
    AcceptanceRequired,
    /// Too many rows in one pre-application batch.
    BatchTooLarge,
    /// The request body is larger than this route takes.
    PayloadTooLarge,
    /// The e-Devlet login could not be completed (bad or replayed `state`, refused code).
    LoginFailed,
    /// The identity provider could not be reached or answered nonsense.
    IdentityProviderUnavailable,
    /// The service (usually its database) is not available right now.
    ServiceUnavailable,
    /// The database cannot be reached right now; nothing was changed. Retry after
    /// `retry_after_seconds`.
    DatabaseUnavailable,
    /// The database is too busy to take this change now; nothing was changed. Retry after
    /// `retry_after_seconds`.
    DatabaseBusy,
    /// Approval with e-İmza is not configured on this server (no trusted roots).
    EImzaUnavailable,
    /// The e-İmza verification code is unknown.
    SigningCodeInvalid,
    /// The e-İmza verification code (or the signing session) has expired.
    SigningCodeExpired,
    /// The e-İmza verification code was already used.
    SigningCodeUsed,
    /// A newer code was asked for, or the form changed, after this verification code was
    /// given: what it would sign is no longer what is to be approved. Get a new code.
    SigningSessionSuperseded,
    /// The signing application's token is missing, unknown or no longer valid.
    SigningTokenInvalid,
    /// The uploaded signature is not a CMS SignedData of the expected shape.
    CmsMalformed,
    /// A digest other than SHA-256, or an unknown signature algorithm.
    UnsupportedAlgorithm,
    /// contentType, messageDigest, signingTime or signingCertificateV2 is missing.
    SignedAttributeMissing,
    /// The signature over the signed attributes does not verify.
    SignatureInvalid,
    /// messageDigest is not the hash of the document to sign.
    DigestMismatch,
    /// signingCertificateV2 does not match the signer's certificate.
    SigningCertificateMismatch,
    /// signingTime is too far from the server clock.
    SigningTimeSkew,
    /// The certificate is not valid yet.
    CertificateNotYetValid,
    /// The certificate has expired (at signing time or now).
    CertificateExpired,
    /// No chain to a trusted root.
    UntrustedChain,
    /// A CRL lists the certificate.
    CertificateRevoked,
    /// No current CRL covers the certificate.
    RevocationStatusUnknown,
    /// keyUsage lacks nonRepudiation.
    KeyUsageNotNonRepudiation,
    /// The certificate's serialNumber is not the applicant's TCKN.
    TcknMismatch,
    /// The caller is authenticated but may not do this (wrong role or another institution).
    Forbidden,
    /// Staff login: the user name or the password is wrong (never says which).
    StaffLoginFailed,
    /// Too many failed logins in a row; `retry_after_seconds` says how long to wait.
    LoginThrottled,
    /// Too many requests of this kind from this client (or from everyone) just now;
    /// `retry_after_seconds` says how long to wait.
    RateLimited,
    /// The account is locked for an hour after too many failed logins
    /// (`retry_after_seconds`); an operator can unlock it sooner.
    AccountLocked,
    /// The password was right; the second factor (TOTP or passkey) is still to come.
    SecondFactorRequired,
    /// The second factor must be enrolled (TOTP) before anything else.
    TotpEnrolmentRequired,
    /// The TOTP code is wrong.
    TotpInvalid,
    /// The TOTP code was already used within its time window.
    TotpReplayed,
    /// The passkey ceremony is unknown, already finished or too old; start again.
    PasskeyCeremonyExpired,
    /// The authenticator's answer did not verify, or the passkey is unknown.
    PasskeyRejected,
    /// The uploaded CSV cannot be read (encoding, header, quoting).
    CsvMalformed,
    /// Something with this name or code already exists.
    AlreadyExists,
    /// The notification e-mail was sent again too recently; `retry_after_seconds` says when.
    NotificationResendTooSoon,
    /// The password was set by an operator: change it before anything else.
    PasswordChangeRequired,
    /// Confirm the password again (`reauthenticate_staff`) before adding or removing a
    /// second factor; the confirmation holds for a few minutes.
    ReauthenticationRequired,
    /// An operator cannot disable or reset their own account here.
    OwnAccount,
    /// The `Idempotency-Key` header is empty, longer than 255 characters or not printable
    /// ASCII.
    IdempotencyKeyInvalid,
    /// The first request with this `Idempotency-Key` is still running: retry in a moment.
    IdempotencyKeyInUse,
    /// This `Idempotency-Key` was used for another request (another body or route).
    IdempotencyKeyReused,
    /// The application has not been approved: it has no evidence package yet.
    EvidenceNotAvailable,
    /// No evidence signing key is configured on this server (`NES_EVIDENCE_SIGNING_KEY`).
    EvidenceSigningUnavailable,
    /// A payment callback whose Standard Webhooks headers are missing, whose timestamp is
    /// outside the five-minute window, or whose signature matches no configured secret.
    PaymentCallbackSignatureInvalid,
    /// Payment callbacks are not configured on this server (no `PAYMENT_CALLBACK_SECRET`).
    PaymentCallbacksUnavailable,
    /// An unexpected error; details are in the server log under the request id.
    InternalError,
}

impl Named for ErrorCode {
    const ALL: &'static [ErrorCode] = &[
        ErrorCode::MalformedRequest,
        ErrorCode::ValidationFailed,
        ErrorCode::Unauthenticated,
        ErrorCode::CsrfTokenInvalid,
        ErrorCode::ApiKeyInvalid,
        ErrorCode::NotFound,
        ErrorCode::RouteNotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::Conflict,
        ErrorCode::InvalidStateTransition,
        ErrorCode::ApplicationExpired,
        ErrorCode::PhoneNotVerified,
        ErrorCode::SmsCodeNotRequested,
        ErrorCode::SmsCodeIncorrect,
        ErrorCode::SmsCodeExpired,
        ErrorCode::SmsCodeAttemptsExhausted,
        ErrorCode::SmsCodeAlreadyUsed,
        ErrorCode::SmsResendTooSoon,
        ErrorCode::SmsSendLimitReached,
        ErrorCode::SmsVerificationLocked,
        ErrorCode::EOnayConsentRequired,
        ErrorCode::TaahhutnameMismatch,
        ErrorCode::AcceptanceRequired,
        ErrorCode::BatchTooLarge,
        ErrorCode::PayloadTooLarge,
        ErrorCode::LoginFailed,
        ErrorCode::IdentityProviderUnavailable,
        ErrorCode::ServiceUnavailable,
        ErrorCode::DatabaseUnavailable,
        ErrorCode::DatabaseBusy,
        ErrorCode::EImzaUnavailable,
        ErrorCode::SigningCodeInvalid,
        ErrorCode::SigningCodeExpired,
        ErrorCode::SigningCodeUsed,
        ErrorCode::SigningSessionSuperseded,
        ErrorCode::SigningTokenInvalid,
        ErrorCode::CmsMalformed,
        ErrorCode::UnsupportedAlgorithm,
        ErrorCode::SignedAttributeMissing,
        ErrorCode::SignatureInvalid,
        ErrorCode::DigestMismatch,
        ErrorCode::SigningCertificateMismatch,
        ErrorCode::SigningTimeSkew,
        ErrorCode::CertificateNotYetValid,
        ErrorCode::CertificateExpired,
        ErrorCode::UntrustedChain,
        ErrorCode::CertificateRevoked,
        ErrorCode::RevocationStatusUnknown,
        ErrorCode::KeyUsageNotNonRepudiation,
        ErrorCode::TcknMismatch,
        ErrorCode::Forbidden,
        ErrorCode::StaffLoginFailed,
        ErrorCode::LoginThrottled,
        ErrorCode::RateLimited,
        ErrorCode::AccountLocked,
        ErrorCode::SecondFactorRequired,
        ErrorCode::TotpEnrolmentRequired,
        ErrorCode::TotpInvalid,
        ErrorCode::TotpReplayed,
        ErrorCode::PasskeyCeremonyExpired,
        ErrorCode::PasskeyRejected,
        ErrorCode::CsvMalformed,
        ErrorCode::AlreadyExists,
        ErrorCode::NotificationResendTooSoon,
        ErrorCode::PasswordChangeRequired,
        ErrorCode::ReauthenticationRequired,
        ErrorCode::OwnAccount,
        ErrorCode::IdempotencyKeyInvalid,
        ErrorCode::IdempotencyKeyInUse,
        ErrorCode::IdempotencyKeyReused,
        ErrorCode::EvidenceNotAvailable,
        ErrorCode::EvidenceSigningUnavailable,
        ErrorCode::PaymentCallbackSignatureInvalid,
        ErrorCode::PaymentCallbacksUnavailable,
        ErrorCode::InternalError,
    ];

    /// The snake_case name, as serialised.
    fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MalformedRequest => "malformed_request",
            ValidationFailed => "validation_failed",
            Unauthenticated => "unauthenticated",
            CsrfTokenInvalid => "csrf_token_invalid",
            ApiKeyInvalid => "api_key_invalid",
            NotFound => "not_found",
            RouteNotFound => "route_not_found",
            MethodNotAllowed => "method_not_allowed",
            Conflict => "conflict",
            InvalidStateTransition => "invalid_state_transition",
            ApplicationExpired => "application_expired",
            PhoneNotVerified => "phone_not_verified",
            SmsCodeNotRequested => "sms_code_not_requested",
            SmsCodeIncorrect => "sms_code_incorrect",
            SmsCodeExpired => "sms_code_expired",
            SmsCodeAttemptsExhausted => "sms_code_attempts_exhausted",
            SmsCodeAlreadyUsed => "sms_code_already_used",
            SmsResendTooSoon => "sms_resend_too_soon",
            SmsSendLimitReached => "sms_send_limit_reached",
            SmsVerificationLocked => "sms_verification_locked",
            EOnayConsentRequired => "e_onay_consent_required",
            TaahhutnameMismatch => "taahhutname_mismatch",
            AcceptanceRequired => "acceptance_required",
            BatchTooLarge => "batch_too_large",
            PayloadTooLarge => "payload_too_large",
            LoginFailed => "login_failed",
            IdentityProviderUnavailable => "identity_provider_unavailable",
            ServiceUnavailable => "service_unavailable",
            DatabaseUnavailable => "database_unavailable",
            DatabaseBusy => "database_busy",
            EImzaUnavailable => "e_imza_unavailable",
            SigningCodeInvalid => "signing_code_invalid",
            SigningCodeExpired => "signing_code_expired",
            SigningCodeUsed => "signing_code_used",
            SigningSessionSuperseded => "signing_session_superseded",
            SigningTokenInvalid => "signing_token_invalid",
            CmsMalformed => "cms_malformed",
            UnsupportedAlgorithm => "unsupported_algorithm",
            SignedAttributeMissing => "signed_attribute_missing",
            SignatureInvalid => "signature_invalid",
            DigestMismatch => "digest_mismatch",
            SigningCertificateMismatch => "signing_certificate_mismatch",
            SigningTimeSkew => "signing_time_skew",
            CertificateNotYetValid => "certificate_not_yet_valid",
            CertificateExpired => "certificate_expired",
            UntrustedChain => "untrusted_chain",
            CertificateRevoked => "certificate_revoked",
            RevocationStatusUnknown => "revocation_status_unknown",
            KeyUsageNotNonRepudiation => "key_usage_not_non_repudiation",
            TcknMismatch => "tckn_mismatch",
            Forbidden => "forbidden",
            StaffLoginFailed => "staff_login_failed",
            LoginThrottled => "login_throttled",
            RateLimited => "rate_limited",
            AccountLocked => "account_locked",
            SecondFactorRequired => "second_factor_required",
            TotpEnrolmentRequired => "totp_enrolment_required",
            TotpInvalid => "totp_invalid",
            TotpReplayed => "totp_replayed",
            PasskeyCeremonyExpired => "passkey_ceremony_expired",
            PasskeyRejected => "passkey_rejected",
            CsvMalformed => "csv_malformed",
            AlreadyExists => "already_exists",
            NotificationResendTooSoon => "notification_resend_too_soon",
            PasswordChangeRequired => "password_change_required",
            ReauthenticationRequired => "reauthentication_required",
            OwnAccount => "own_account",
            IdempotencyKeyInvalid => "idempotency_key_invalid",
            IdempotencyKeyInUse => "idempotency_key_in_use",
            IdempotencyKeyReused => "idempotency_key_reused",
            EvidenceNotAvailable => "evidence_not_available",
            EvidenceSigningUnavailable => "evidence_signing_unavailable",
            PaymentCallbackSignatureInvalid => "payment_callback_signature_invalid",
            PaymentCallbacksUnavailable => "payment_callbacks_unavailable",
            InternalError => "internal_error",
        }
    }
}

crate::deserialize_by_name!(ErrorCode);

impl ErrorCode {
    /// The HTTP status of each code: the one place where codes meet statuses.
    pub fn http_status(self) -> u16 {
        use ErrorCode::*;
        match self {
            MalformedRequest | IdempotencyKeyInvalid => 400,
            Unauthenticated
            | ApiKeyInvalid
            | LoginFailed
            | SigningCodeInvalid
            | SigningTokenInvalid
            | PaymentCallbackSignatureInvalid => 401,
            StaffLoginFailed | SecondFactorRequired | TotpInvalid | TotpReplayed
            | PasskeyRejected => 401,
            CsrfTokenInvalid
            | Forbidden
            | TotpEnrolmentRequired
            | PasswordChangeRequired
            | ReauthenticationRequired => 403,
            NotFound | RouteNotFound => 404,
            MethodNotAllowed => 405,
            Conflict
            | InvalidStateTransition
            | PhoneNotVerified
            | SmsCodeNotRequested
            | SigningCodeUsed
            | SigningSessionSuperseded
            | SmsCodeAlreadyUsed
            | EOnayConsentRequired
            | AlreadyExists
            | OwnAccount
            | IdempotencyKeyInUse
            | EvidenceNotAvailable => 409,
            ApplicationExpired
            | SmsCodeExpired
            | SmsCodeAttemptsExhausted
            | SigningCodeExpired
            | PasskeyCeremonyExpired => 410,
            BatchTooLarge | PayloadTooLarge => 413,
            ValidationFailed | SmsCodeIncorrect | TaahhutnameMismatch | AcceptanceRequired
            | CsvMalformed | IdempotencyKeyReused => 422,
            AccountLocked | SmsVerificationLocked => 423,
            CmsMalformed
            | UnsupportedAlgorithm
            | SignedAttributeMissing
            | SignatureInvalid
            | DigestMismatch
            | SigningCertificateMismatch
            | SigningTimeSkew
            | CertificateNotYetValid
            | CertificateExpired
            | UntrustedChain
            | CertificateRevoked
            | RevocationStatusUnknown
            | KeyUsageNotNonRepudiation
            | TcknMismatch => 422,
            SmsResendTooSoon
            | SmsSendLimitReached
            | LoginThrottled
            | RateLimited
            | NotificationResendTooSoon => 429,
            InternalError => 500,
            IdentityProviderUnavailable => 502,
            ServiceUnavailable
            | DatabaseUnavailable
            | DatabaseBusy
            | EImzaUnavailable
            | EvidenceSigningUnavailable => 503,
            PaymentCallbacksUnavailable => 503,
        }
    }

    /// A short English summary; clients show their own translation of the code.
    pub fn title(self) -> &'static str {
        use ErrorCode::*;
        match self {
            MalformedRequest => "The request could not be read",
            ValidationFailed => "Some fields are not valid",
            Unauthenticated => "You are not logged in",
            CsrfTokenInvalid => "The request is missing its CSRF token",
            ApiKeyInvalid => "The API key is missing or not valid",
            NotFound => "Not found",
            RouteNotFound => "No such route",
            MethodNotAllowed => "Method not allowed",
            Conflict => "The application was changed at the same time",
            InvalidStateTransition => "This step is not possible in the application's state",
            ApplicationExpired => "The application's deadline has passed",
            PhoneNotVerified => "The mobile phone is not verified",
            SmsCodeNotRequested => "No SMS code has been sent",
            SmsCodeIncorrect => "The SMS code is not correct",
            SmsCodeExpired => "The SMS code has expired",
            SmsCodeAttemptsExhausted => "Too many wrong SMS codes",
            SmsCodeAlreadyUsed => "The SMS code was already used",
            SmsResendTooSoon => "Please wait before asking for a new code",
            SmsSendLimitReached => "Too many SMS codes were sent for now",
            SmsVerificationLocked => "Phone verification is locked after too many wrong codes",
            EOnayConsentRequired => "Consent to e-Onay is required first",
            TaahhutnameMismatch => "The Taahhütname read is not the current version",
            AcceptanceRequired => "The Taahhütname must be accepted",
            BatchTooLarge => "Too many rows in one request",
            PayloadTooLarge => "The request body is too large",
            LoginFailed => "The login could not be completed",
            IdentityProviderUnavailable => "e-Devlet could not be reached",
            ServiceUnavailable => "The service is temporarily unavailable",
            DatabaseUnavailable => "The database cannot be reached right now",
            DatabaseBusy => "The database is busy; try again in a moment",
            EImzaUnavailable => "Approval with e-İmza is not available now",
            SigningCodeInvalid => "The verification code is not valid",
            SigningCodeExpired => "The verification code has expired",
            SigningCodeUsed => "The verification code was already used",
            SigningSessionSuperseded => "A newer code or a changed form replaced this code",
            SigningTokenInvalid => "The signing application is not logged in",
            CmsMalformed => "The signature could not be read",
            UnsupportedAlgorithm => "The signature uses an unsupported algorithm",
            SignedAttributeMissing => "The signature lacks a required attribute",
            SignatureInvalid => "The signature does not verify",
            DigestMismatch => "Another document was signed",
            SigningCertificateMismatch => "The signature names another certificate",
            SigningTimeSkew => "The signing time is too far from the server's clock",
            CertificateNotYetValid => "The certificate is not valid yet",
            CertificateExpired => "The certificate has expired",
            UntrustedChain => "The certificate is not issued by a trusted authority",
            CertificateRevoked => "The certificate is revoked",
            RevocationStatusUnknown => "The certificate's revocation status is unknown",
            KeyUsageNotNonRepudiation => "The certificate is not a qualified signing certificate",
            TcknMismatch => "The certificate belongs to someone else",
            Forbidden => "You may not do this",
            StaffLoginFailed => "The user name or password is wrong",
            LoginThrottled => "Too many failed logins; wait before trying again",
            RateLimited => "Too many requests; wait before trying again",
            AccountLocked => "The account is locked for a while after too many failed logins",
            SecondFactorRequired => "The second factor is still required",
            TotpEnrolmentRequired => "The authenticator app must be set up first",
            TotpInvalid => "The one-time code is not correct",
            TotpReplayed => "The one-time code was already used",
            PasskeyCeremonyExpired => "The passkey request has expired; start again",
            PasskeyRejected => "The passkey was not accepted",
            CsvMalformed => "The CSV file could not be read",
            AlreadyExists => "It already exists",
            NotificationResendTooSoon => "The e-mail was sent again too recently",
            PasswordChangeRequired => "The password set for you must be changed first",
            ReauthenticationRequired => "Confirm your password again to do this",
            OwnAccount => "This cannot be done to your own account",
            IdempotencyKeyInvalid => "The Idempotency-Key header is not valid",
            IdempotencyKeyInUse => "A request with this Idempotency-Key is still running",
            IdempotencyKeyReused => "This Idempotency-Key was used for another request",
            EvidenceNotAvailable => "The application is not approved: no evidence package yet",
            EvidenceSigningUnavailable => "Evidence packages cannot be signed on this server now",
            PaymentCallbackSignatureInvalid => "The payment callback's signature is not valid",
            PaymentCallbacksUnavailable => "Payment callbacks are not available now",
            InternalError => "An unexpected error occurred",
        }
    }

    /// The codes a signature verification can refuse with (the `refusal_code` of a signing
    /// status).
    pub const SIGNATURE_REFUSALS: &'static [ErrorCode] = &[
        ErrorCode::CmsMalformed,
        ErrorCode::UnsupportedAlgorithm,
        ErrorCode::SignedAttributeMissing,
        ErrorCode::SignatureInvalid,
        ErrorCode::DigestMismatch,
        ErrorCode::SigningCertificateMismatch,
        ErrorCode::SigningTimeSkew,
        ErrorCode::CertificateNotYetValid,
        ErrorCode::CertificateExpired,
        ErrorCode::UntrustedChain,
        ErrorCode::CertificateRevoked,
        ErrorCode::RevocationStatusUnknown,
        ErrorCode::KeyUsageNotNonRepudiation,
        ErrorCode::TcknMismatch,
    ];

    /// The refusal named `code`; `None` for any other name.
    pub fn signature_refusal(code: &str) -> Option<ErrorCode> {
        Self::parse(code).filter(|code| Self::SIGNATURE_REFUSALS.contains(code))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// RFC 9457 problem details with this API's extensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A URI naming the problem type: `urn:nes:problem:<code>`.
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable snake_case code; switch on this, not on the texts.
    pub code: ErrorCode,
    /// Field name → codes of what is wrong with it (validation failures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "server", schema(value_type = Option<std::collections::BTreeMap<String, Vec<String>>>))]
    pub fields: Option<FieldErrors>,
    /// Tries left for the current SMS code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<u32>,
    /// Seconds until the request may be repeated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Problem {
            type_uri: format!("urn:nes:problem:{}", code.as_str()),
            title: code.title().to_owned(),
            status: code.http_status(),
            detail: detail.into(),
            code,
            fields: None,
            tries_left: None,
            retry_after_seconds: None,
        }
    }

    pub fn with_fields(mut self, fields: FieldErrors) -> Self {
        self.fields = Some(fields);
        self
    }

    pub fn with_tries_left(mut self, tries_left: u32) -> Self {
        self.tries_left = Some(tries_left);
        self
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds);
        self
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_serialised_code_is_the_documented_snake_case_name_and_reads_back() {
        for &code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::String(code.as_str().to_owned()));
            assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
        }
        assert_eq!(
            ErrorCode::TaahhutnameMismatch.as_str(),
            "taahhutname_mismatch"
        );
    }

    #[test]
    fn a_problem_carries_type_title_status_detail_and_code() {
        let p = Problem::new(ErrorCode::SmsCodeIncorrect, "Wrong code").with_tries_left(3);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "urn:nes:problem:sms_code_incorrect");
        assert_eq!(json["status"], 422);
        assert_eq!(json["code"], "sms_code_incorrect");
        assert_eq!(json["tries_left"], 3);
        assert!(json.get("fields").is_none());
    }

    #[test]
    fn every_status_is_an_error_status() {
        let s = ErrorCode::InternalError.http_status();
        assert!((400..600).contains(&s));
    }
}
