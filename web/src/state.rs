//! App-wide state, provided as contexts by [`crate::nav::App`]: the language, the session
//! (with its CSRF token) and the current page's title and place.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use shared::api::{EImzaSigningSession, SessionInfo};

use crate::api::{self, ApiError};
use crate::i18n::{Lang, T};

const LANG_STORAGE_KEY: &str = "nes.lang";

// ---------------------------------------------------------------- language

/// The chosen language; remembered in `localStorage` and reflected in `<html lang>`.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The language remembered in this browser, Turkish otherwise.
    pub fn from_storage() -> I18n {
        let stored = local_storage()
            .and_then(|s| s.get_item(LANG_STORAGE_KEY).ok().flatten())
            .and_then(|code| Lang::from_code(&code));
        I18n {
            lang: RwSignal::new(stored.unwrap_or(Lang::Tr)),
        }
    }

    /// The current language (tracked: views that call this follow the switch).
    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// A fixed text in the current language (tracked).
    pub fn t(&self, text: T) -> &'static str {
        text.get(self.lang.get())
    }

    pub fn set(&self, lang: Lang) {
        self.lang.set(lang);
    }

    /// Keeps `<html lang>` and `localStorage` in step with the choice.
    pub fn reflect_in_document(self) {
        Effect::new(move |_| {
            let lang = self.lang.get();
            if let Some(html) = document().document_element() {
                // Nothing sensible can be done if the DOM refuses; the page still works.
                let _ = html.set_attribute("lang", lang.code());
            }
            if let Some(storage) = local_storage() {
                // Private browsing may refuse storage: the choice then lasts for this visit.
                let _ = storage.set_item(LANG_STORAGE_KEY, lang.code());
            }
        });
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A fixed text that follows the language switch, for a child or an attribute in `view!`.
///
/// Every call returns the same closure type, so the view code for a reactive text is compiled
/// once rather than once per text (this keeps the `.wasm` small).
pub fn tx(text: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(text)
}

// ---------------------------------------------------------------- session

#[derive(Debug, Clone, PartialEq)]
pub enum SessionState {
    /// Not asked yet, or the answer is on its way.
    Unknown,
    Active(SessionInfo),
    /// Not logged in (or the session has ended).
    Absent,
    /// The session could not be checked (network or server failure).
    Unavailable(ApiError),
}

#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub state: RwSignal<SessionState>,
}

impl Session {
    pub fn new() -> Session {
        Session {
            state: RwSignal::new(SessionState::Unknown),
        }
    }

    /// The logged-in person, if any (tracked).
    pub fn info(&self) -> Option<SessionInfo> {
        match self.state.get() {
            SessionState::Active(info) => Some(info),
            _ => None,
        }
    }

    /// Asks the API who is logged in — unless this browser has no session cookie to ask
    /// about (no hint beside it): then nobody is, and a 401 would only fill the console.
    pub async fn load(self) -> Result<SessionInfo, ApiError> {
        let result = if api::hints::present(api::hints::SESSION) {
            api::session().await
        } else {
            Err(ApiError::Unauthenticated)
        };
        match &result {
            Ok(info) => self.state.set(SessionState::Active(info.clone())),
            Err(ApiError::Unauthenticated) => self.ended(),
            Err(other) => self.state.set(SessionState::Unavailable(other.clone())),
        }
        result
    }

    /// The CSRF token for a state-changing call, asking the API if it is not known yet.
    pub async fn csrf(self) -> Result<String, ApiError> {
        if let Some(SessionState::Active(info)) = self.state.try_get_untracked() {
            return Ok(info.csrf_token);
        }
        self.load().await.map(|info| info.csrf_token)
    }

    /// After logout or any 401: the header stops showing the person, and the form copies
    /// kept in this browser go with the session, so that the next person at a shared
    /// computer finds none of them.
    pub fn ended(&self) {
        self.state.set(SessionState::Absent);
        api::hints::forget(api::hints::SESSION);
        crate::draft::forget_all_local();
    }

    /// The person has just consented to e-Onay.
    pub fn consent_given(&self) {
        self.state.update(|state| {
            if let SessionState::Active(info) = state {
                info.e_onay_consent_given = true;
            }
        });
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

// ---------------------------------------------------------------- e-İmza

/// The Taahhütname a person read and accepted on an application's approval page in this
/// visit: what "e-İmza ile Onayla" sends, kept so that a new verification code can be asked
/// for from the e-İmza page without reading it again.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedTaahhutname {
    pub application_id: String,
    pub version: String,
    pub sha256: String,
}

/// A signing session opened in this visit. Its one-time code is shown once: it lives only in
/// memory (a reload forgets it, and the page then offers a new code).
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedSigning {
    pub application_id: String,
    pub session: EImzaSigningSession,
    /// The browser's clock when the code arrived; the countdown runs from here.
    pub received_at: DateTime<Utc>,
}

/// What the approval page hands to the e-İmza page.
#[derive(Debug, Clone, Copy)]
pub struct EImzaState {
    pub accepted: RwSignal<Option<AcceptedTaahhutname>>,
    pub opened: RwSignal<Option<OpenedSigning>>,
}

impl EImzaState {
    pub fn new() -> EImzaState {
        EImzaState {
            accepted: RwSignal::new(None),
            opened: RwSignal::new(None),
        }
    }

    /// The Taahhütname accepted for this application, if any (untracked).
    pub fn accepted_for(&self, application_id: &str) -> Option<AcceptedTaahhutname> {
        self.accepted
            .get_untracked()
            .filter(|a| a.application_id == application_id)
    }

    /// The code opened for this application, if any (untracked).
    pub fn opened_for(&self, application_id: &str) -> Option<OpenedSigning> {
        self.opened
            .get_untracked()
            .filter(|o| o.application_id == application_id)
    }
}

impl Default for EImzaState {
    fn default() -> Self {
        EImzaState::new()
    }
}

pub fn use_e_imza() -> EImzaState {
    expect_context::<EImzaState>()
}

// ---------------------------------------------------------------- page title and place

/// One step of the breadcrumb trail.
#[derive(Debug, Clone, PartialEq)]
pub struct Crumb {
    pub label: T,
    pub href: Option<String>,
}

impl Crumb {
    pub fn link(label: T, href: impl Into<String>) -> Crumb {
        Crumb {
            label,
            href: Some(href.into()),
        }
    }

    /// The current page: the last step, not a link.
    pub fn here(label: T) -> Crumb {
        Crumb { label, href: None }
    }
}

/// The current page's title (document title) and its place in the service.
#[derive(Debug, Clone, Copy)]
pub struct PageMeta {
    pub title: RwSignal<T>,
    pub trail: RwSignal<Vec<Crumb>>,
}

impl PageMeta {
    pub fn new() -> PageMeta {
        PageMeta {
            title: RwSignal::new(T::ServiceName),
            trail: RwSignal::new(Vec::new()),
        }
    }
}

impl Default for PageMeta {
    fn default() -> Self {
        PageMeta::new()
    }
}

/// Called by every page: sets the document title and the breadcrumb trail.
pub fn set_page(title: T, trail: Vec<Crumb>) {
    let meta = expect_context::<PageMeta>();
    meta.title.set(title);
    meta.trail.set(trail);
}

/// The trail from the home page down to the applications list.
pub fn trail_to_applications() -> Vec<Crumb> {
    vec![
        Crumb::link(T::ServiceName, "/"),
        Crumb::link(T::MenuTitle, "/nes-islemleri"),
        Crumb::link(T::ApplicationsTitle, "/basvuru-islemleri"),
    ]
}

/// `trail_to_applications` followed by the current page.
pub fn application_trail(here: T) -> Vec<Crumb> {
    let mut trail = trail_to_applications();
    trail.push(Crumb::here(here));
    trail
}
