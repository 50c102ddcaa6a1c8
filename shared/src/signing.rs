//! Signing with the desktop e-İmza application, as one state machine for both of its uses:
//! a signing session approves an application, a login challenge logs a person in.
//!
//! ```text
//!            LogInSigningApp          Accept             Collect (login only)
//!   Waiting ───────────────▶ Signing ───────▶ Accepted ─────────────────────▶ LoggedIn
//!      │                        │ Refuse
//!      │                        ▼
//!      │                     Refused
//!      └──── Supersede ─────▶ Superseded   (from Waiting or Signing; a login's Accepted too)
//! ```
//!
//! An accepted approval is final (the application is approved); an accepted login only
//! waits for its browser to collect the session, so a newer code still supersedes it.
//!
//! The code's validity is not a stored state: `Waiting` and `Signing` end at `expires_at`,
//! decided with the time passed in. Nothing here reads a clock or a database; the caller
//! stores the state it gets back with a conditional update on the state it read.

use chrono::{DateTime, Utc};

use crate::api::e_imza_login::{EImzaLoginState, SigningPurpose};
use crate::api::SigningStatus;
use crate::named::Named;

/// Where a signing session or a login challenge is, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SigningState {
    /// The code waits for the signing application.
    Waiting,
    /// The signing application logged in with the code and holds a token; the signature is
    /// awaited.
    Signing,
    /// The signature was verified: the application is approved, or the login may be collected.
    Accepted,
    /// The signature failed a check; the refusal code is kept beside the state.
    Refused,
    /// A newer code, or a changed form, replaced this one.
    Superseded,
    /// A login whose session the browser has collected.
    LoggedIn,
}

impl Named for SigningState {
    const ALL: &'static [SigningState] = &[
        SigningState::Waiting,
        SigningState::Signing,
        SigningState::Accepted,
        SigningState::Refused,
        SigningState::Superseded,
        SigningState::LoggedIn,
    ];

    /// The stored name.
    fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Signing => "signing",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
            Self::Superseded => "superseded",
            Self::LoggedIn => "logged_in",
        }
    }
}

impl SigningState {
    /// The states a newer code supersedes: those whose code, token or login can still be used.
    pub fn open(purpose: SigningPurpose) -> &'static [SigningState] {
        match purpose {
            SigningPurpose::Approval => &[Self::Waiting, Self::Signing],
            SigningPurpose::Login => &[Self::Waiting, Self::Signing, Self::Accepted],
        }
    }

    /// What happens to this state on `command` at `now`, for a code valid until `expires_at`.
    pub fn decide(
        self,
        purpose: SigningPurpose,
        command: SigningCommand,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<SigningState, SigningError> {
        use SigningCommand::*;
        use SigningState::*;
        let live = now < expires_at;
        let login = purpose == SigningPurpose::Login;
        match (command, self) {
            (_, Superseded) => Err(SigningError::Superseded),
            (LogInSigningApp, Waiting) if live => Ok(Signing),
            (Accept | Refuse, Signing) if live => {
                Ok(if command == Accept { Accepted } else { Refused })
            }
            (LogInSigningApp, Waiting) | (Accept | Refuse, Signing) => Err(SigningError::Expired),
            (Supersede, Waiting | Signing) => Ok(Superseded),
            (Supersede, Accepted) if login => Ok(Superseded),
            (Supersede, _) => Err(SigningError::Closed),
            (CollectLogin, Accepted) if login => Ok(LoggedIn),
            (LogInSigningApp | Accept | Refuse | CollectLogin, _) => Err(SigningError::Used),
        }
    }

    /// The approval page's view of a signing session.
    pub fn approval_status(self, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> SigningStatus {
        match self {
            Self::Accepted | Self::LoggedIn => SigningStatus::Accepted,
            Self::Refused => SigningStatus::Refused,
            Self::Superseded => SigningStatus::Expired,
            _ if now >= expires_at => SigningStatus::Expired,
            Self::Signing => SigningStatus::Signing,
            Self::Waiting => SigningStatus::Waiting,
        }
    }

    /// The login page's view of a challenge that has not been collected.
    pub fn login_status(self, now: DateTime<Utc>, expires_at: DateTime<Utc>) -> EImzaLoginState {
        match self {
            Self::LoggedIn => EImzaLoginState::LoggedIn,
            Self::Refused => EImzaLoginState::Refused,
            Self::Accepted | Self::Superseded => EImzaLoginState::Expired,
            _ if now >= expires_at => EImzaLoginState::Expired,
            Self::Signing => EImzaLoginState::Signing,
            Self::Waiting => EImzaLoginState::Waiting,
        }
    }
}

/// What is asked of a signing session or login challenge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningCommand {
    /// The signing application logs in with the code.
    LogInSigningApp,
    /// The uploaded signature passed every check.
    Accept,
    /// The uploaded signature failed a check.
    Refuse,
    /// A newer code was asked for, or the form it would sign changed.
    Supersede,
    /// The login page collects the session of an accepted login.
    CollectLogin,
}

/// Why a command was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    #[error("the code has expired")]
    Expired,
    #[error("the code was already used")]
    Used,
    #[error("a newer code or a changed form replaced this code")]
    Superseded,
    #[error("the signing is already over")]
    Closed,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use SigningCommand::*;
    use SigningState::*;

    const APPROVAL: SigningPurpose = SigningPurpose::Approval;
    const LOGIN: SigningPurpose = SigningPurpose::Login;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap()
    }

    fn valid() -> DateTime<Utc> {
        now() + Duration::minutes(10)
    }

    fn over() -> DateTime<Utc> {
        now() - Duration::seconds(1)
    }

    #[test]
    fn a_live_code_takes_the_signing_app_to_signing_and_a_signature_closes_it() {
        assert_eq!(
            Waiting.decide(APPROVAL, LogInSigningApp, now(), valid()),
            Ok(Signing)
        );
        assert_eq!(
            Signing.decide(APPROVAL, Accept, now(), valid()),
            Ok(Accepted)
        );
        assert_eq!(
            Signing.decide(APPROVAL, Refuse, now(), valid()),
            Ok(Refused)
        );
        assert_eq!(
            Accepted.decide(LOGIN, CollectLogin, now(), valid()),
            Ok(LoggedIn)
        );
    }

    #[test]
    fn a_code_or_token_past_its_time_is_expired() {
        assert_eq!(
            Waiting.decide(APPROVAL, LogInSigningApp, now(), over()),
            Err(SigningError::Expired)
        );
        assert_eq!(
            Signing.decide(APPROVAL, Accept, now(), over()),
            Err(SigningError::Expired)
        );
    }

    #[test]
    fn a_code_is_used_once() {
        for state in [Signing, Accepted, Refused, LoggedIn] {
            assert_eq!(
                state.decide(APPROVAL, LogInSigningApp, now(), valid()),
                Err(SigningError::Used),
                "{state:?}"
            );
        }
        for state in [Waiting, Accepted, Refused, LoggedIn] {
            assert_eq!(
                state.decide(APPROVAL, Accept, now(), valid()),
                Err(SigningError::Used),
                "{state:?}"
            );
        }
        assert_eq!(
            LoggedIn.decide(LOGIN, CollectLogin, now(), valid()),
            Err(SigningError::Used)
        );
    }

    #[test]
    fn only_an_open_code_is_superseded_and_a_superseded_one_does_nothing_more() {
        assert_eq!(
            Waiting.decide(APPROVAL, Supersede, now(), valid()),
            Ok(Superseded)
        );
        assert_eq!(
            Signing.decide(APPROVAL, Supersede, now(), over()),
            Ok(Superseded)
        );
        assert_eq!(
            Accepted.decide(APPROVAL, Supersede, now(), valid()),
            Err(SigningError::Closed)
        );
        for command in [LogInSigningApp, Accept, Refuse, Supersede, CollectLogin] {
            assert_eq!(
                Superseded.decide(APPROVAL, command, now(), valid()),
                Err(SigningError::Superseded),
                "{command:?}"
            );
        }
    }

    #[test]
    fn the_open_states_are_exactly_those_a_supersede_accepts() {
        for purpose in [APPROVAL, LOGIN] {
            for &state in SigningState::ALL {
                assert_eq!(
                    SigningState::open(purpose).contains(&state),
                    state.decide(purpose, Supersede, now(), valid()).is_ok(),
                    "{purpose:?} {state:?}"
                );
            }
        }
    }

    #[test]
    fn an_accepted_approval_is_final_but_an_uncollected_login_is_superseded() {
        assert_eq!(
            Accepted.decide(APPROVAL, CollectLogin, now(), valid()),
            Err(SigningError::Used)
        );
        assert_eq!(
            Accepted.decide(LOGIN, Supersede, now(), valid()),
            Ok(Superseded)
        );
    }

    #[test]
    fn stored_names_round_trip() {
        for &state in SigningState::ALL {
            assert_eq!(SigningState::parse(state.as_str()), Some(state));
        }
        assert_eq!(SigningState::parse("nonsense"), None);
    }

    #[test]
    fn the_pages_see_expiry_and_supersession_as_expired() {
        assert_eq!(
            Waiting.approval_status(now(), over()),
            SigningStatus::Expired
        );
        assert_eq!(
            Superseded.approval_status(now(), valid()),
            SigningStatus::Expired
        );
        assert_eq!(
            Accepted.approval_status(now(), over()),
            SigningStatus::Accepted
        );
        assert_eq!(
            Signing.login_status(now(), valid()),
            EImzaLoginState::Signing
        );
        assert_eq!(
            Refused.login_status(now(), over()),
            EImzaLoginState::Refused
        );
    }
}
