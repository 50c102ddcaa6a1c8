//! `/basvuru/:id/e-imza`: "e-İmza ile Onaylama", the "Doğrulama Kodu" page (TAL.01.16
//! §3.4.2).
//!
//! The approval page opens a signing session ("e-İmza ile Onayla") and hands its one-time
//! verification code over in [`EImzaState`](crate::state::EImzaState); the code is shown only
//! here and only in this visit. The page lists the steps of the document — download the
//! e-İmza application, copy the code, run the application, paste the code, choose the card
//! under "Sertifika Seçiniz", PIN, "İmzala", "Uygulamayı Kapat" — and asks the API for the
//! session's status every two seconds until it is final: the live status turns into
//! "İşlem Başarılı" by itself when the signature is accepted, or says why it was refused.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::api::{
    ApplicationDetail, EImzaSigningStatus, SigningAppDownload, SigningAppDownloads, SigningStatus,
    StartEImzaSigningRequest,
};
use shared::problem::ErrorCode;
use shared::workflow::{ApplicationState, ApprovalMethod};
use wasm_bindgen::JsCast;

use super::{application_id, application_url};
use crate::api::{self, ApiError};
use crate::components::feedback::{loaded_page, ErrorBox, NotAtThisStep};
use crate::i18n::messages::{
    code_for_screen_readers, code_time_left, download_for, file_size, refusal_suggests_e_onay,
    signature_refusal, success_gloss, SUCCESS_PHRASE,
};
use crate::i18n::T;
use crate::nav::{focus_by_id, use_nav};
use crate::state::{
    application_trail, set_page, tx, use_e_imza, use_i18n, use_session, OpenedSigning,
};
use crate::time;

/// The verification code (`<output>`).
pub const CODE_ID: &str = "dogrulama-kodu";
/// "Kodu Kopyala".
pub const COPY_BUTTON_ID: &str = "kodu-kopyala";
/// The live status region (`role="status"`).
pub const STATUS_ID: &str = "e-imza-durum";
/// The "İşlem Başarılı" heading, focused when the signature is accepted.
pub const SUCCESS_HEADING_ID: &str = "islem-basarili";
/// "Yeni kod al" after a refusal or expiry.
pub const NEW_CODE_BUTTON_ID: &str = "yeni-kod-al";
/// "Yeni doğrulama kodu al" when the page has no code to show.
pub const GET_CODE_BUTTON_ID: &str = "yeni-dogrulama-kodu-al";
/// The document digest.
pub const DIGEST_ID: &str = "belge-ozeti";
/// "Kodun kalan süresi: 9:41".
pub const TIME_LEFT_ID: &str = "kod-kalan-sure";
/// "Geçerli bir NES'iniz yok mu?".
pub const NO_NES_ID: &str = "nes-yok";
const ACTION_ERROR_ID: &str = "e-imza-hatasi";

/// How often the status is asked for.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// How to build the signing application when the API does not say (or cannot be asked).
pub const DEFAULT_BUILD_COMMAND: &str = "cargo build --release -p signer";

// ---------------------------------------------------------------- pure logic

/// A SHA-256 in lower case, in groups of four, eight groups a line — as the signing
/// application shows it.
pub fn digest_lines(hex: &str) -> Vec<String> {
    let chars: Vec<char> = hex.trim().to_ascii_lowercase().chars().collect();
    let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
    groups.chunks(8).map(|line| line.join(" ")).collect()
}

/// The download platforms (`SigningAppDownload::platform`) that fit a browser's user agent,
/// best first; none for phones and tablets (the card reader needs a computer) or when the
/// system cannot be told.
pub fn platforms_for(user_agent: &str) -> &'static [&'static str] {
    let ua = user_agent.to_ascii_lowercase();
    if ["android", "iphone", "ipad", "cros", "mobile"]
        .iter()
        .any(|m| ua.contains(m))
    {
        &[]
    } else if ua.contains("windows") {
        &["windows-x86_64"]
    } else if ua.contains("macintosh") || ua.contains("mac os x") {
        // A browser does not tell Apple Silicon from Intel.
        &["macos-aarch64", "macos-x86_64"]
    } else if ua.contains("linux") {
        if ua.contains("aarch64") || ua.contains("arm") {
            &["linux-aarch64"]
        } else {
            &["linux-x86_64"]
        }
    } else {
        &[]
    }
}

/// The downloads with the ones for this computer first, each marked whether it fits.
pub fn order_downloads(
    downloads: Vec<SigningAppDownload>,
    preferred: &[&str],
) -> Vec<(SigningAppDownload, bool)> {
    let rank = |d: &SigningAppDownload| {
        preferred
            .iter()
            .position(|p| *p == d.platform)
            .unwrap_or(preferred.len())
    };
    let mut out: Vec<(SigningAppDownload, bool)> = downloads
        .into_iter()
        .map(|d| {
            let fits = preferred.contains(&d.platform.as_str());
            (d, fits)
        })
        .collect();
    out.sort_by_key(|(d, _)| rank(d));
    out
}

/// Where the signing stands, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// This browser opened no signing session for the application.
    NoSession,
    Waiting,
    Signing,
    Accepted,
    /// With the API's refusal code.
    Refused(Option<String>),
    Expired,
}

impl Phase {
    pub fn of(status: Option<&EImzaSigningStatus>) -> Phase {
        match status {
            None => Phase::NoSession,
            Some(s) => match s.status {
                SigningStatus::Waiting => Phase::Waiting,
                SigningStatus::Signing => Phase::Signing,
                SigningStatus::Accepted => Phase::Accepted,
                SigningStatus::Refused => Phase::Refused(s.refusal_code.clone()),
                SigningStatus::Expired => Phase::Expired,
            },
        }
    }

    /// The code can still be used: the status is worth asking for.
    pub fn is_live(&self) -> bool {
        matches!(self, Phase::Waiting | Phase::Signing)
    }

    /// Refused or expired: a new code is needed.
    pub fn needs_new_code(&self) -> bool {
        matches!(self, Phase::Refused(_) | Phase::Expired)
    }
}

/// Whole seconds left until `at`, rounded up; 0 once it has passed.
pub fn seconds_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let millis = (at - now).num_milliseconds();
    u64::try_from(millis.max(0)).unwrap_or(0).div_ceil(1000)
}

/// When a countdown of `seconds` from now ends.
fn deadline_in(seconds: u64) -> DateTime<Utc> {
    let seconds = i64::try_from(seconds).unwrap_or(i64::MAX / 1000);
    time::now() + chrono::Duration::seconds(seconds)
}

// ---------------------------------------------------------------- browser helpers

/// The platforms of this browser's computer (see [`platforms_for`]).
/// Step 3 in plain words for the visitor's platform: how to start the downloaded app.
pub fn step3_text(platforms: &[&str]) -> T {
    match platforms.first() {
        Some(p) if p.starts_with("windows") => T::Step3Windows,
        Some(p) if p.starts_with("linux") => T::Step3Linux,
        _ => T::Step3Text,
    }
}

fn this_computer() -> &'static [&'static str] {
    window()
        .navigator()
        .user_agent()
        .map(|ua| platforms_for(&ua))
        .unwrap_or(&[])
}

/// Copies `text` with the Clipboard API; false where it is missing (an insecure origin, an
/// old browser) or refused.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    // Read as a plain property: calling through an undefined `clipboard` would throw.
    let clipboard = match js_sys::Reflect::get(&navigator, &"clipboard".into()) {
        Ok(value) if !value.is_undefined() && !value.is_null() => value,
        _ => return false,
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
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

// ---------------------------------------------------------------- page

#[derive(Debug, Clone)]
struct PageData {
    detail: ApplicationDetail,
    status: Option<EImzaSigningStatus>,
}

#[component]
pub fn EImzaPage() -> impl IntoView {
    set_page(T::EImzaTitle, application_trail(T::EImzaTitle));
    let id = application_id();
    let load = move || {
        let id = id.get();
        async move {
            let detail = api::application(&id).await?;
            let status = api::e_imza_status(&id).await?;
            Ok::<_, ApiError>(PageData { detail, status })
        }
    };
    loaded_page(T::EImzaTitle, load, |data: PageData| {
        let approved_with_e_imza = data
            .detail
            .approval
            .as_ref()
            .is_some_and(|a| a.method == ApprovalMethod::EImza);
        let phase = if approved_with_e_imza {
            Phase::Accepted
        } else {
            Phase::of(data.status.as_ref())
        };
        if data.detail.summary.state == ApplicationState::PhoneVerified || phase == Phase::Accepted
        {
            view! { <Signing detail=data.detail status=data.status phase /> }.into_any()
        } else {
            view! { <NotReady detail=data.detail /> }.into_any()
        }
    })
}

/// Not waiting for approval: the form or the SMS is still to come, or it is approved (with
/// e-Onay, or elsewhere), or it is over.
#[component]
fn NotReady(detail: ApplicationDetail) -> impl IntoView {
    let id = detail.summary.id.clone();
    let (text, link) = match detail.summary.state {
        ApplicationState::PreApplication => (
            T::EImzaNotReady,
            Some((T::GoToForm, application_url(&id, "form"))),
        ),
        ApplicationState::FormSubmitted => (
            T::EImzaNotReady,
            Some((T::ActionEnterSms, application_url(&id, "sms"))),
        ),
        ApplicationState::Cancelled | ApplicationState::Expired => (T::FormClosed, None),
        _ => (
            T::EImzaAlreadyApproved,
            Some((T::ActionResult, application_url(&id, "sonuc"))),
        ),
    };
    view! { <NotAtThisStep title=T::EImzaTitle text next=link /> }
}

/// The outcome of "Kodu Kopyala".
#[derive(Debug, Clone, Copy, PartialEq)]
enum Copied {
    Yes,
    /// The code was selected instead; the person copies it by hand.
    ByHand,
}

#[component]
fn Signing(
    detail: ApplicationDetail,
    status: Option<EImzaSigningStatus>,
    phase: Phase,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let e_imza = use_e_imza();
    let nav = use_nav();
    let id = StoredValue::new(detail.summary.id.clone());

    // The code opened in this visit for this application (the approval page put it there).
    let opened = Signal::derive(move || {
        e_imza
            .opened
            .get()
            .filter(|o| o.application_id == id.get_value())
    });
    let can_start_here = Signal::derive(move || {
        e_imza.accepted.with(|a| {
            a.as_ref()
                .is_some_and(|a| a.application_id == id.get_value())
        })
    });

    let initial_phase = match (&phase, e_imza.opened_for(&id.get_value())) {
        // Just opened: the API has not seen the signing application yet.
        (Phase::NoSession, Some(_)) => Phase::Waiting,
        _ => phase,
    };
    let phase = RwSignal::new(initial_phase);
    let deadline = RwSignal::new(
        e_imza
            .opened_for(&id.get_value())
            .map(|o| {
                o.received_at
                    + chrono::Duration::seconds(
                        i64::try_from(o.session.expires_in_seconds).unwrap_or(0),
                    )
            })
            .or_else(|| status.as_ref().map(|s| deadline_in(s.expires_in_seconds))),
    );
    let now = RwSignal::new(time::now());
    let seconds_left =
        Signal::derive(move || deadline.get().map_or(0, |at| seconds_until(at, now.get())));
    let unreachable = RwSignal::new(false);
    let new_code_notice = RwSignal::new(false);
    let copied = RwSignal::new(None::<Copied>);
    let action_error = RwSignal::new(None::<ApiError>);
    let starting = RwSignal::new(false);
    // Bumped with every new code, so that an answer about the previous one is dropped.
    let generation = StoredValue::new(0u32);
    let in_flight = StoredValue::new(false);

    let apply = move |status: Option<EImzaSigningStatus>| {
        let new = Phase::of(status.as_ref());
        if phase.get_untracked() != new {
            let accepted = new == Phase::Accepted;
            phase.set(new);
            if accepted {
                request_animation_frame(|| focus_by_id(SUCCESS_HEADING_ID));
            }
        }
    };

    let poll = move || {
        let live = phase.try_with_untracked(Phase::is_live).unwrap_or(false);
        if !live || in_flight.try_get_value().unwrap_or(true) {
            return;
        }
        in_flight.set_value(true);
        let asked_for = generation.get_value();
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            let result = api::e_imza_status(&id).await;
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
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(_) => unreachable.set(true),
            }
        });
    };

    // One clock for the countdown, one for the status; both stop when the page is left.
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

    // "Yeni kod al": with the Taahhütname accepted in this visit, a new session at once;
    // otherwise the approval page, where it is read and accepted.
    let new_code = move |_| {
        let app_id = id.get_value();
        let Some(accepted) = e_imza.accepted_for(&app_id) else {
            nav.go(&application_url(&app_id, "onay"));
            return;
        };
        action_error.set(None);
        starting.set(true);
        leptos::task::spawn_local(async move {
            let request = StartEImzaSigningRequest {
                taahhutname_version: accepted.version,
                taahhutname_sha256: accepted.sha256,
                accepted: true,
            };
            let result = match session.csrf().await {
                Ok(token) => api::start_e_imza(&app_id, &request, &token).await,
                Err(e) => Err(e),
            };
            if starting.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(signing) => {
                    generation.update_value(|g| *g = g.wrapping_add(1));
                    deadline.set(Some(deadline_in(signing.expires_in_seconds)));
                    e_imza.opened.set(Some(OpenedSigning {
                        application_id: app_id,
                        session: signing,
                        received_at: time::now(),
                    }));
                    unreachable.set(false);
                    copied.set(None);
                    new_code_notice.set(true);
                    phase.set(Phase::Waiting);
                    request_animation_frame(|| focus_by_id(COPY_BUTTON_ID));
                }
                Err(ApiError::Unauthenticated) => nav.session_ended(session),
                Err(e) => {
                    if e.code() == Some(ErrorCode::TaahhutnameMismatch) {
                        // A new Taahhütname: it has to be read on the approval page.
                        e_imza.accepted.set(None);
                    }
                    action_error.set(Some(e));
                    request_animation_frame(|| focus_by_id(ACTION_ERROR_ID));
                }
            }
        });
    };

    let copy = move |_| {
        let Some(code) = opened.get_untracked().map(|o| o.session.verification_code) else {
            return;
        };
        copied.set(None);
        leptos::task::spawn_local(async move {
            let outcome = if copy_to_clipboard(&code).await {
                Copied::Yes
            } else {
                select_code();
                Copied::ByHand
            };
            copied.try_set(Some(outcome));
        });
    };

    let approval_url = move || application_url(&id.get_value(), "onay");
    let result_url = move || application_url(&id.get_value(), "sonuc");
    let accepted = move || phase.with(|p| *p == Phase::Accepted);
    let refused_code = move || match phase.get() {
        Phase::Refused(code) => Some(code),
        _ => None,
    };
    let suggests_e_onay =
        move || refused_code().is_some_and(|code| refusal_suggests_e_onay(code.as_deref()));

    // ------------------------------------------------------------ the live status
    let status_text = move || match phase.get() {
        Phase::Accepted => view! {
            <h2 id=SUCCESS_HEADING_ID class="status-title" tabindex="-1">
                <span lang="tr">{SUCCESS_PHRASE}</span>
                {move || success_gloss(i18n.lang()).map(|gloss| format!(" ({gloss})"))}
            </h2>
            <p>{tx(T::StatusAcceptedText)}</p>
        }
        .into_any(),
        Phase::Refused(code) => view! {
            <h2 class="status-title">{tx(T::StatusRefused)}</h2>
            <p>
                <strong>{move || signature_refusal(i18n.lang(), code.as_deref())}</strong>
            </p>
            <p>{tx(T::StatusRefusedAgain)}</p>
        }
        .into_any(),
        Phase::Expired => view! {
            <h2 class="status-title">{tx(T::StatusExpired)}</h2>
            <p>{tx(T::StatusExpiredText)}</p>
        }
        .into_any(),
        live => {
            let text = match live {
                Phase::Signing => T::StatusSigning,
                Phase::Waiting => T::StatusWaiting,
                _ => T::StatusNoCode,
            };
            let busy = live.is_live();
            view! {
                <p class="status-line">
                    {busy.then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {move || new_code_notice.get().then(|| view! { {tx(T::NewCodeIssued)} " " })}
                    {tx(text)}
                </p>
            }
            .into_any()
        }
    };
    let status_class = move || match phase.get() {
        Phase::Accepted => "status-panel status-accepted",
        Phase::Refused(_) | Phase::Expired => "status-panel status-failed",
        Phase::Waiting | Phase::Signing => "status-panel status-live",
        Phase::NoSession => "status-panel",
    };
    let new_code_hint = move || {
        (!can_start_here.get()).then(|| {
            view! {
                <p class="hint" id="yeni-kod-ipucu">
                    {tx(T::NewCodeViaApproval)}
                </p>
            }
        })
    };

    let status_section = view! {
        <section class=status_class aria-label=tx(T::StatusHeading)>
            <div id=STATUS_ID role="status" aria-live="polite">
                {status_text}
                <Show when=move || unreachable.get()>
                    <p class="status-line">{tx(T::StatusUnreachable)}</p>
                </Show>
            </div>
            <Show when=accepted>
                <p>
                    <a class="button" id="sonuca-git" href=result_url>
                        {tx(T::GoToResult)}
                    </a>
                </p>
            </Show>
            <Show when=move || phase.with(Phase::needs_new_code)>
                <Show when=suggests_e_onay>
                    <p class="warning-text">
                        <strong>{tx(T::RefusedUseEOnay)}</strong>
                        " "
                        <a href=approval_url>{tx(T::NoNesLink)}</a>
                    </p>
                </Show>
                <button
                    type="button"
                    class="button"
                    id=NEW_CODE_BUTTON_ID
                    disabled=move || starting.get()
                    on:click=new_code
                >
                    {tx(T::NewCodeShort)}
                </button>
                {new_code_hint}
            </Show>
        </section>
    };

    // ------------------------------------------------------------ step 2: the code
    let code_step = move || match opened.get() {
        Some(o) if phase.with(Phase::is_live) => {
            let code = o.session.verification_code.clone();
            let label_code = code.clone();
            view! {
                <div class="code-box">
                    <p class="code-label" id="dogrulama-kodu-etiketi">
                        {tx(T::VerificationCode)}
                    </p>
                    <output
                        id=CODE_ID
                        class="signing-code"
                        aria-label=move || code_for_screen_readers(i18n.lang(), &label_code)
                    >
                        {code}
                    </output>
                    <div class="button-group">
                        <button
                            type="button"
                            class="button button-secondary"
                            id=COPY_BUTTON_ID
                            on:click=copy
                        >
                            {tx(T::CopyCode)}
                        </button>
                    </div>
                    <p class="copy-feedback" aria-live="polite">
                        {move || match copied.get() {
                            Some(Copied::Yes) => i18n.t(T::CodeCopied),
                            Some(Copied::ByHand) => i18n.t(T::CopyFailed),
                            None => "",
                        }}
                    </p>
                    <p class="time-left" id=TIME_LEFT_ID>
                        {move || code_time_left(i18n.lang(), seconds_left.get())}
                    </p>
                    // Said once, a minute before the end (the countdown itself is not
                    // announced every second).
                    <p class="visually-hidden" aria-live="polite">
                        {move || {
                            let left = seconds_left.get();
                            (left > 0 && left <= 60).then(|| i18n.t(T::CodeOneMinute))
                        }}
                    </p>
                    <p class="hint">{tx(T::CodeSingleUse)}</p>
                </div>
            }
            .into_any()
        }
        Some(_) => view! { <p>{tx(T::CodeNoLongerValid)}</p> }.into_any(),
        None if phase.with(Phase::needs_new_code) => {
            view! { <p>{tx(T::CodeNoLongerValid)}</p> }.into_any()
        }
        None => {
            let signing = phase.with(Phase::is_live);
            view! {
                <p>{tx(T::NoCodeHere)}</p>
                {signing.then(|| view! { <p>{tx(T::NoCodeButSigning)}</p> })}
                <button
                    type="button"
                    class="button"
                    id=GET_CODE_BUTTON_ID
                    disabled=move || starting.get()
                    on:click=new_code
                >
                    {tx(T::NewCodeLong)}
                </button>
                {new_code_hint}
            }
            .into_any()
        }
    };

    // ------------------------------------------------------------ step 4: the digest
    let digest = move || {
        opened
            .get()
            .filter(|_| phase.with(Phase::is_live))
            .map(|o| {
                let lines = digest_lines(&o.session.document_sha256)
                    .into_iter()
                    .map(|line| view! { <span class="digest-line">{line}</span> })
                    .collect_view();
                view! {
                    <p class="code-label" id="belge-ozeti-etiketi">
                        {tx(T::DigestLabel)}
                    </p>
                    <p class="digest-box">
                        <code id=DIGEST_ID class="digest">
                            {lines}
                        </code>
                    </p>
                }
            })
    };

    view! {
        <ErrorBox error=action_error id=ACTION_ERROR_ID />
        <h1>{tx(T::EImzaTitle)}</h1>
        <p class="lead">{tx(T::EImzaIntro)}</p>
        <Show when=move || !accepted()>
            <p>{tx(T::EImzaKeepOpen)}</p>
        </Show>
        {status_section}
        <Show when=move || !accepted()>
            <section class="section" aria-labelledby="adimlar-baslik">
                <h2 id="adimlar-baslik">{tx(T::StepsHeading)}</h2>
                <ol class="step-list">
                    <li class="step" id="adim-indir">
                        <h3 class="step-title">{tx(T::Step1Title)}</h3>
                        <p>{tx(T::Step1Text)}</p>
                        <Downloads />
                    </li>
                    <li class="step" id="adim-kod">
                        <h3 class="step-title">{tx(T::Step2Title)}</h3>
                        {code_step}
                    </li>
                    <li class="step" id="adim-calistir">
                        <h3 class="step-title">{tx(T::Step3Title)}</h3>
                        <p>{tx(step3_text(this_computer()))}</p>
                    </li>
                    <li class="step" id="adim-yapistir">
                        <h3 class="step-title">{tx(T::Step4Title)}</h3>
                        <p>{tx(T::Step4Text)}</p>
                        {digest}
                    </li>
                    <li class="step" id="adim-imzala">
                        <h3 class="step-title">{tx(T::Step5Title)}</h3>
                        <p>{tx(T::Step5Text)}</p>
                    </li>
                    <li class="step" id="adim-kapat">
                        <h3 class="step-title">{tx(T::Step6Title)}</h3>
                        <p>{tx(T::Step6Text)}</p>
                    </li>
                </ol>
            </section>
            <section
                class="section no-nes"
                class:no-nes-emphasis=suggests_e_onay
                id=NO_NES_ID
                aria-labelledby="nes-yok-baslik"
            >
                <h2 id="nes-yok-baslik">{tx(T::NoNesHeading)}</h2>
                <p>{tx(T::NoNesText)}</p>
                <p>
                    <a href=approval_url id="e-onay-ile-onaylayin">
                        {tx(T::NoNesLink)}
                    </a>
                </p>
            </section>
        </Show>
        <p class="back-link no-print">
            <a href="/basvuru-islemleri">{tx(T::BackToApplications)}</a>
        </p>
    }
}

/// Step 1: the builds the API offers, the one for this computer first; how to build it
/// where none fits (or when the API cannot say).
#[component]
pub fn Downloads() -> impl IntoView {
    let downloads = LocalResource::new(api::signing_app_downloads);
    move || match downloads.get() {
        None => view! { <p class="hint">{tx(T::DownloadsLoading)}</p> }.into_any(),
        Some(Err(_)) => view! {
            <p>{tx(T::NoDownloadForPlatform)}</p>
            <BuildCommand command=DEFAULT_BUILD_COMMAND.to_owned() />
        }
        .into_any(),
        Some(Ok(offer)) => view! { <DownloadList offer /> }.into_any(),
    }
}

#[component]
fn DownloadList(offer: SigningAppDownloads) -> impl IntoView {
    let i18n = use_i18n();
    let command = if offer.build_command.trim().is_empty() {
        DEFAULT_BUILD_COMMAND.to_owned()
    } else {
        offer.build_command
    };
    let ordered = order_downloads(offer.downloads, this_computer());
    let any_fits = ordered.iter().any(|(_, fits)| *fits);
    let items = ordered
        .into_iter()
        .map(|(d, fits)| {
            let label = d.label.clone();
            let size = d.size_bytes;
            let file = d.file_name.clone();
            view! {
                <li class="download" class:download-fits=fits>
                    <a
                        class=if fits { "button download-link" } else { "download-link" }
                        href=d.url
                        download=d.file_name
                    >
                        {move || download_for(i18n.lang(), &label)}
                    </a>
                    {fits
                        .then(|| {
                            view! { <strong class="tag">{tx(T::DownloadRecommended)}</strong> }
                        })}
                    <span class="download-meta">
                        {file} ", " {move || file_size(i18n.lang(), size)}
                    </span>
                    <span class="checksum">
                        {tx(T::DownloadChecksum)} ": " <code>{d.sha256}</code>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="download-list" aria-label=tx(T::DownloadsLabel)>
            {items}
        </ul>
        {if any_fits {
            view! {
                <details class="build-details">
                    <summary>{tx(T::BuildSummary)}</summary>
                    <BuildCommand command />
                </details>
            }
                .into_any()
        } else {
            view! {
                <p>{tx(T::NoDownloadForPlatform)}</p>
                <BuildCommand command />
            }
                .into_any()
        }}
    }
}

#[component]
fn BuildCommand(command: String) -> impl IntoView {
    view! {
        <p class="code-label">{tx(T::BuildCommandLabel)}</p>
        <pre class="command">
            <code>{command}</code>
        </pre>
        <p class="hint">{tx(T::BuildResult)}</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_3_says_how_to_start_the_app_on_this_platform() {
        assert!(matches!(step3_text(&["windows-x86_64"]), T::Step3Windows));
        assert!(matches!(step3_text(&["linux-x86_64"]), T::Step3Linux));
        assert!(matches!(
            step3_text(&["macos-aarch64", "macos-x86_64"]),
            T::Step3Text
        ));
    }

    fn download(platform: &str) -> SigningAppDownload {
        SigningAppDownload {
            platform: platform.to_owned(),
            label: platform.to_owned(),
            url: format!("/downloads/eimza-uygulamasi-{platform}"),
            file_name: format!("eimza-uygulamasi-{platform}"),
            size_bytes: 1,
            sha256: "00".repeat(32),
        }
    }

    #[test]
    fn the_countdown_rounds_up_and_stops_at_zero() {
        let now = Utc::now();
        assert_eq!(
            seconds_until(now + chrono::Duration::milliseconds(580_001), now),
            581
        );
        assert_eq!(seconds_until(now - chrono::Duration::seconds(3), now), 0);
    }

    #[test]
    fn the_digest_reads_as_the_signing_application_shows_it() {
        let hex = "0123456789ABCDEF".repeat(4);
        let lines = digest_lines(&hex);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "0123 4567 89ab cdef 0123 4567 89ab cdef");
        assert_eq!(lines[0], lines[1]);
    }

    #[test]
    fn the_platform_comes_from_the_user_agent() {
        let linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
        let windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36";
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15";
        let arm = "Mozilla/5.0 (X11; Linux aarch64) AppleWebKit/537.36";
        let phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile";
        assert_eq!(platforms_for(linux), &["linux-x86_64"]);
        assert_eq!(platforms_for(windows), &["windows-x86_64"]);
        assert_eq!(platforms_for(mac), &["macos-aarch64", "macos-x86_64"]);
        assert_eq!(platforms_for(arm), &["linux-aarch64"]);
        assert!(platforms_for(phone).is_empty());
        assert!(platforms_for("").is_empty());
    }

    #[test]
    fn the_download_for_this_computer_comes_first() {
        let ordered = order_downloads(
            vec![
                download("windows-x86_64"),
                download("linux-x86_64"),
                download("macos-aarch64"),
            ],
            &["linux-x86_64"],
        );
        let platforms: Vec<(&str, bool)> = ordered
            .iter()
            .map(|(d, fits)| (d.platform.as_str(), *fits))
            .collect();
        assert_eq!(
            platforms,
            vec![
                ("linux-x86_64", true),
                ("windows-x86_64", false),
                ("macos-aarch64", false)
            ]
        );
        assert!(order_downloads(vec![download("windows-x86_64")], &[])
            .iter()
            .all(|(_, fits)| !fits));
    }

    #[test]
    fn only_a_live_code_is_worth_asking_about() {
        let status = |status, refusal_code: Option<&str>| EImzaSigningStatus {
            status,
            expires_at: Utc::now(),
            expires_in_seconds: 0,
            refusal_code: refusal_code.map(str::to_owned),
        };
        assert_eq!(Phase::of(None), Phase::NoSession);
        assert!(Phase::of(Some(&status(SigningStatus::Waiting, None))).is_live());
        assert!(Phase::of(Some(&status(SigningStatus::Signing, None))).is_live());
        assert!(!Phase::of(Some(&status(SigningStatus::Accepted, None))).is_live());
        let refused = Phase::of(Some(&status(SigningStatus::Refused, Some("tckn_mismatch"))));
        assert_eq!(refused, Phase::Refused(Some("tckn_mismatch".to_owned())));
        assert!(refused.needs_new_code());
        assert!(Phase::of(Some(&status(SigningStatus::Expired, None))).needs_new_code());
        assert!(!Phase::NoSession.needs_new_code());
    }
}
