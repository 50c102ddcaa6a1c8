//! "e-İmza ile Giriş" on the landing page (TAL.01.16 §3.2).
//!
//! The button asks the API for a login challenge and shows its one-time code with the steps:
//! run the e-İmza application (the one that approves applications), paste the code, sign with
//! the card. The panel asks for the challenge's status every two seconds; the answer that says
//! `logged_in` carries the session cookie, and the page goes on to Başvuru İşlemleri by itself.
//! A refusal is shown with the reason the approval page gives for the same code.
//!
//! The challenge is bound to this browser by an HttpOnly cookie, so the code shown here logs in
//! nobody else. The code itself lives only in memory: after a reload the panel offers to follow
//! a challenge already under way (the status still works) or to get a new code.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::api::e_imza_login::{EImzaLoginChallenge, EImzaLoginState, EImzaLoginStatus};

use super::e_imza::{copy_to_clipboard, digest_lines, seconds_until, Downloads};
use crate::api::e_imza_login::{e_imza_login_status, start_e_imza_login};
use crate::api::ApiError;
use crate::components::feedback::ErrorBox;
use crate::i18n::messages::{code_for_screen_readers, code_time_left, signature_refusal};
use crate::i18n::T;
use crate::nav::{focus_by_id, use_nav};
use crate::state::{tx, use_i18n, use_session};
use crate::time;

/// "e-İmza ile Giriş".
pub const START_BUTTON_ID: &str = "e-imza-giris";
/// The panel the button opens.
pub const PANEL_ID: &str = "e-imza-giris-paneli";
/// The verification code (`<output>`).
pub const CODE_ID: &str = "e-imza-giris-kodu";
/// The live status region.
pub const STATUS_ID: &str = "e-imza-giris-durumu";
/// The panel's heading, focused when a code arrives.
const HEADING_ID: &str = "e-imza-giris-baslik";
const ERROR_ID: &str = "e-imza-giris-hatasi";
/// Where a login lands (as after e-Devlet).
const AFTER_LOGIN: &str = "/basvuru-islemleri";
/// How often the status is asked for.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Where the login stands, as the panel shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// No challenge: only the button.
    Closed,
    Waiting,
    Signing,
    LoggedIn,
    /// With the API's refusal code.
    Refused(Option<String>),
    /// The code's time is over, or the challenge is gone (a newer one, another tab).
    Expired,
}

impl Phase {
    /// What the status answer means; `None` (no challenge of this browser) is an ended one.
    pub fn of(status: Option<&EImzaLoginStatus>) -> Phase {
        match status {
            None => Phase::Expired,
            Some(s) => match s.status {
                EImzaLoginState::Waiting => Phase::Waiting,
                EImzaLoginState::Signing => Phase::Signing,
                EImzaLoginState::LoggedIn => Phase::LoggedIn,
                EImzaLoginState::Refused => Phase::Refused(s.refusal_code.clone()),
                EImzaLoginState::Expired => Phase::Expired,
            },
        }
    }

    /// The challenge can still be signed: the status is worth asking for.
    pub fn is_live(&self) -> bool {
        matches!(self, Phase::Waiting | Phase::Signing)
    }

    /// The panel is shown.
    pub fn is_open(&self) -> bool {
        *self != Phase::Closed
    }
}

/// A code received in this visit, and when its time is over.
#[derive(Debug, Clone, PartialEq)]
struct OpenCode {
    challenge: EImzaLoginChallenge,
    deadline: DateTime<Utc>,
}

/// The e-İmza card of the landing page: the button, and the panel it opens.
#[component]
pub fn EImzaLogin() -> impl IntoView {
    let i18n = use_i18n();
    let (session, nav) = (use_session(), use_nav());
    let phase = RwSignal::new(Phase::Closed);
    let code = RwSignal::new(None::<OpenCode>);
    let error = RwSignal::new(None::<ApiError>);
    let starting = RwSignal::new(false);
    let unreachable = RwSignal::new(false);
    let copied = RwSignal::new(None::<bool>);
    let now = RwSignal::new(time::now());
    // Bumped with every new code, so that an answer about the previous one is dropped.
    let generation = StoredValue::new(0u32);
    let in_flight = StoredValue::new(false);

    let logged_in = move || {
        phase.set(Phase::LoggedIn);
        // Leave the landing page first (it sends a logged-in person to the menu), then learn
        // who logged in for the header; were that to fail, the next page reports it.
        nav.go(AFTER_LOGIN);
        leptos::task::spawn_local(async move {
            let _ = session.load().await;
        });
    };

    let apply = move |status: Option<EImzaLoginStatus>| {
        let new = Phase::of(status.as_ref());
        if new == Phase::LoggedIn {
            logged_in();
        } else if phase.get_untracked() != new {
            phase.set(new);
        }
    };

    let poll = move || {
        let live = phase.try_with_untracked(Phase::is_live).unwrap_or(false);
        if !live || in_flight.try_get_value().unwrap_or(true) {
            return;
        }
        in_flight.set_value(true);
        let asked_for = generation.get_value();
        leptos::task::spawn_local(async move {
            let result = e_imza_login_status().await;
            // The page may have been left meanwhile.
            if in_flight.try_set_value(false).is_some() {
                return;
            }
            if generation.try_get_value() != Some(asked_for) {
                return;
            }
            match result {
                Ok(status) => {
                    unreachable.set(false);
                    apply(status);
                }
                Err(_) => unreachable.set(true),
            }
        });
    };

    // After a reload: a challenge of this browser may be under way (its code is not shown
    // again, but its status still logs in). Quietly nothing when there is none, and not even
    // a question when the API set no challenge cookie (its hint is missing).
    let under_way = crate::api::hints::present(crate::api::hints::E_IMZA_LOGIN);
    leptos::task::spawn_local(async move {
        if !under_way {
            return;
        }
        if let Ok(Some(status)) = e_imza_login_status().await {
            let found = Phase::of(Some(&status));
            if (found.is_live() || found == Phase::LoggedIn)
                && phase.try_get_untracked() == Some(Phase::Closed)
            {
                apply(Some(status));
            }
        }
    });

    if let Ok(clock) = set_interval_with_handle(
        move || {
            now.try_set(time::now());
        },
        Duration::from_millis(500),
    ) {
        on_cleanup(move || clock.clear());
    }
    if let Ok(poller) = set_interval_with_handle(poll, POLL_INTERVAL) {
        on_cleanup(move || poller.clear());
    }

    let start = move |_| {
        if starting.get_untracked() {
            return;
        }
        starting.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let result = start_e_imza_login().await;
            if starting.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(challenge) => {
                    generation.update_value(|g| *g = g.wrapping_add(1));
                    let seconds = i64::try_from(challenge.expires_in_seconds).unwrap_or(0);
                    code.set(Some(OpenCode {
                        deadline: time::now() + chrono::Duration::seconds(seconds),
                        challenge,
                    }));
                    copied.set(None);
                    unreachable.set(false);
                    phase.set(Phase::Waiting);
                    request_animation_frame(|| focus_by_id(HEADING_ID));
                }
                Err(e) => {
                    error.set(Some(e));
                    request_animation_frame(|| focus_by_id(ERROR_ID));
                }
            }
        });
    };

    let copy = move |_| {
        let Some(text) = code.get_untracked().map(|c| c.challenge.verification_code) else {
            return;
        };
        copied.set(None);
        leptos::task::spawn_local(async move {
            let done = copy_to_clipboard(&text).await;
            if !done {
                select_code();
            }
            copied.try_set(Some(done));
        });
    };

    let seconds_left = Signal::derive(move || {
        code.get()
            .map_or(0, |c| seconds_until(c.deadline, now.get()))
    });

    // ------------------------------------------------------------ the live status
    let status_text = move || match phase.get() {
        Phase::Closed => ().into_any(),
        Phase::LoggedIn => view! { <p class="status-line">{tx(T::EImzaLoginDone)}</p> }.into_any(),
        Phase::Refused(refusal) => view! {
            <h4 class="status-title">{tx(T::LoginErrorTitle)}</h4>
            <p>
                <strong>{move || signature_refusal(i18n.lang(), refusal.as_deref())}</strong>
            </p>
            <p>{tx(T::StatusRefusedAgain)}</p>
            <p>{tx(T::EImzaLoginUseEdevlet)}</p>
        }
        .into_any(),
        Phase::Expired => view! {
            <h4 class="status-title">{tx(T::StatusExpired)}</h4>
            <p>{tx(T::StatusExpiredText)}</p>
        }
        .into_any(),
        live => {
            let text = if live == Phase::Signing {
                T::StatusSigning
            } else {
                T::StatusWaiting
            };
            view! {
                <p class="status-line">
                    <span class="spinner" aria-hidden="true"></span>
                    {tx(text)}
                </p>
            }
            .into_any()
        }
    };
    let status_class = move || match phase.get() {
        Phase::Refused(_) | Phase::Expired => "status-panel status-failed",
        Phase::LoggedIn => "status-panel status-accepted",
        _ => "status-panel status-live",
    };

    // ------------------------------------------------------------ the code
    let code_box = move || match code.get() {
        Some(open) if phase.with(Phase::is_live) => {
            let shown = open.challenge.verification_code.clone();
            let spoken = shown.clone();
            let digest = digest_lines(&open.challenge.document_sha256)
                .into_iter()
                .map(|line| view! { <span class="digest-line">{line}</span> })
                .collect_view();
            view! {
                <div class="code-box">
                    <p class="code-label">{tx(T::VerificationCode)}</p>
                    <output
                        id=CODE_ID
                        class="signing-code"
                        aria-label=move || code_for_screen_readers(i18n.lang(), &spoken)
                    >
                        {shown}
                    </output>
                    <div class="button-group">
                        <button type="button" class="button button-secondary" on:click=copy>
                            {tx(T::CopyCode)}
                        </button>
                    </div>
                    <p class="copy-feedback" aria-live="polite">
                        {move || match copied.get() {
                            Some(true) => i18n.t(T::CodeCopied),
                            Some(false) => i18n.t(T::CopyFailed),
                            None => "",
                        }}
                    </p>
                    <p class="time-left">
                        {move || code_time_left(i18n.lang(), seconds_left.get())}
                    </p>
                    <p class="visually-hidden" aria-live="polite">
                        {move || {
                            let left = seconds_left.get();
                            (left > 0 && left <= 60).then(|| i18n.t(T::CodeOneMinute))
                        }}
                    </p>
                    <p class="hint">{tx(T::EImzaLoginCodeSingleUse)}</p>
                    <p class="code-label">{tx(T::DigestLabel)}</p>
                    <p class="digest-box">
                        <code class="digest">{digest}</code>
                    </p>
                </div>
            }
            .into_any()
        }
        _ if phase.with(Phase::is_live) => view! { <p>{tx(T::EImzaLoginNoCode)}</p> }.into_any(),
        _ => ().into_any(),
    };
    let new_code_button = move || {
        let offer = match phase.get() {
            Phase::Refused(_) | Phase::Expired => true,
            Phase::Waiting | Phase::Signing => code.with(Option::is_none),
            Phase::Closed | Phase::LoggedIn => false,
        };
        offer.then(|| {
            view! {
                <button
                    type="button"
                    class="button"
                    aria-disabled=move || starting.get().then_some("true")
                    on:click=start
                >
                    {tx(T::NewCodeShort)}
                </button>
            }
        })
    };

    view! {
        <div class="card" class:card-wide=move || phase.with(Phase::is_open)>
            <button
                type="button"
                class="button button-secondary"
                id=START_BUTTON_ID
                aria-expanded=move || if phase.with(Phase::is_open) { "true" } else { "false" }
                aria-controls=PANEL_ID
                aria-disabled=move || starting.get().then_some("true")
                on:click=start
            >
                {tx(T::LoginEimza)}
            </button>
            <p class="hint">{tx(T::LoginEimzaHint)}</p>
            <ErrorBox error id=ERROR_ID />
            <section
                id=PANEL_ID
                aria-labelledby=HEADING_ID
                hidden=move || !phase.with(Phase::is_open)
            >
                <h3 id=HEADING_ID tabindex="-1">
                    {tx(T::EImzaLoginHeading)}
                </h3>
                <p>{tx(T::EImzaLoginIntro)}</p>
                <div class=status_class>
                    <div id=STATUS_ID role="status" aria-live="polite" aria-label=tx(T::LoginStatus)>
                        {status_text}
                        <Show when=move || unreachable.get()>
                            <p class="status-line">{tx(T::StatusUnreachable)}</p>
                        </Show>
                    </div>
                    {new_code_button}
                </div>
                {code_box}
                <Show when=move || phase.with(Phase::is_live)>
                    <h4>{tx(T::EImzaLoginStepsHeading)}</h4>
                    <ol class="step-list">
                        <li class="step">
                            <h5 class="step-title">{tx(T::Step1Title)}</h5>
                            <p>{tx(T::EImzaLoginStep1Text)}</p>
                            <Downloads />
                        </li>
                        <li class="step">
                            <h5 class="step-title">{tx(T::EImzaLoginStep2Title)}</h5>
                            <p>{tx(T::EImzaLoginStep2Text)}</p>
                        </li>
                        <li class="step">
                            <h5 class="step-title">{tx(T::Step5Title)}</h5>
                            <p>{tx(T::Step5Text)}</p>
                        </li>
                        <li class="step">
                            <h5 class="step-title">{tx(T::EImzaLoginStep4Title)}</h5>
                            <p>{tx(T::EImzaLoginStep4Text)}</p>
                        </li>
                    </ol>
                </Show>
            </section>
        </div>
    }
}

/// Selects the code on the page, for copying by hand.
fn select_code() {
    if let (Some(element), Ok(Some(selection))) = (
        document().get_element_by_id(CODE_ID),
        window().get_selection(),
    ) {
        // Selecting is a courtesy: the message says what to do either way.
        let _ = selection.select_all_children(&element);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(state: EImzaLoginState, refusal: Option<&str>) -> EImzaLoginStatus {
        EImzaLoginStatus {
            status: state,
            expires_at: Utc::now(),
            expires_in_seconds: 0,
            refusal_code: refusal.map(str::to_owned),
        }
    }

    #[test]
    fn only_a_challenge_waiting_for_its_signature_is_worth_asking_about() {
        assert!(Phase::of(Some(&status(EImzaLoginState::Waiting, None))).is_live());
        assert!(Phase::of(Some(&status(EImzaLoginState::Signing, None))).is_live());
        assert!(!Phase::of(Some(&status(EImzaLoginState::LoggedIn, None))).is_live());
        assert!(!Phase::of(Some(&status(EImzaLoginState::Expired, None))).is_live());
    }

    #[test]
    fn a_refusal_keeps_its_reason() {
        assert_eq!(
            Phase::of(Some(&status(
                EImzaLoginState::Refused,
                Some("certificate_revoked")
            ))),
            Phase::Refused(Some("certificate_revoked".to_owned()))
        );
    }

    #[test]
    fn a_challenge_that_is_gone_counts_as_expired_and_the_panel_stays_open() {
        assert_eq!(Phase::of(None), Phase::Expired);
        assert!(Phase::Expired.is_open());
        assert!(!Phase::Closed.is_open());
    }
}
