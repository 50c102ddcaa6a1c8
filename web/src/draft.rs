//! When to save the form's draft: a pure state machine, so the rules are tested natively and
//! the page only schedules timers and sends requests.
//!
//! - Every change takes a ticket; a timer fires [`DEBOUNCE_MS`] later with its ticket, and only
//!   the newest ticket saves (typing restarts the wait).
//! - Leaving a field (blur) saves at once if anything changed.
//! - Nothing is sent when the form equals what was last saved (or loaded).
//! - One save at a time: a change made while a save is under way is saved when it returns,
//!   so an older draft can never overwrite a newer one.
//!
//! A copy of the form is also kept in this browser's `localStorage` ([`LocalDraft`], key
//! `nes.draft.<application id>`), written synchronously on every change. The save sent as the
//! page goes away (reload, closed tab) is a `keepalive` request that may reach the API *after*
//! the reloaded page has read the draft; the local copy is what the reloaded page then starts
//! from ([`choose_start`]), and it saves it as the newest draft.
//!
//! Privacy: the copy holds only what the person typed into this form on this device (mobile
//! phone, birth date, title, address, certificate term), nothing from the pre-application,
//! which is acceptable for save-and-return on the person's own device. It is removed as soon
//! as the server has everything, when the form is submitted, when the application can no
//! longer be changed, and when the session ends: logout, or any 401 such as an expired session
//! ([`forget_all_local`]), so that the next person at a shared computer finds none.

use serde::{Deserialize, Serialize};
use shared::form::ApplicationFormInput;

/// The wait after the last keystroke.
pub const DEBOUNCE_MS: u64 = 800;

/// How many drafts [`DraftTracker::server_may_hold`] remembers at most.
const SERVER_MAY_HOLD_MAX: usize = 8;

/// Why a save is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The debounce timer of this ticket fired.
    Timer(u64),
    /// A field lost focus.
    Blur,
    /// The previous save returned.
    AfterSave,
    /// The page started from this browser's copy, newer than the server's draft.
    Restored,
}

#[derive(Debug, Clone, Default)]
pub struct DraftTracker {
    ticket: u64,
    saved: ApplicationFormInput,
    in_flight: bool,
    /// Drafts the server may hold because of this page: the one loaded, and those sent since
    /// the last save that was confirmed (oldest first).
    server_may_hold: Vec<ApplicationFormInput>,
}

impl DraftTracker {
    /// Starts from the form as loaded from the API (nothing to save yet).
    pub fn new(loaded: ApplicationFormInput) -> Self {
        DraftTracker {
            ticket: 0,
            server_may_hold: vec![loaded.clone()],
            saved: loaded,
            in_flight: false,
        }
    }

    /// The server's draft exactly as it was read, when the page shows it slightly changed
    /// (e.g. the province in its official spelling).
    pub fn loaded_as(mut self, raw: ApplicationFormInput) -> Self {
        self.remember(raw);
        self
    }

    fn remember(&mut self, input: ApplicationFormInput) {
        if self.server_may_hold.contains(&input) {
            return;
        }
        if self.server_may_hold.len() >= SERVER_MAY_HOLD_MAX {
            self.server_may_hold.remove(0);
        }
        self.server_may_hold.push(input);
    }

    /// What the server may hold because of this page (for [`LocalDraft`]).
    pub fn server_may_hold(&self) -> &[ApplicationFormInput] {
        &self.server_may_hold
    }

    /// A field changed: returns the ticket the debounce timer carries.
    pub fn changed(&mut self) -> u64 {
        self.ticket += 1;
        self.ticket
    }

    /// Cancels every pending timer (e.g. before submitting the form itself).
    pub fn cancel_pending(&mut self) {
        self.ticket += 1;
    }

    /// Whether `current` should be sent now. When it returns true the save counts as started:
    /// call [`DraftTracker::finished`] when it returns.
    pub fn start(&mut self, trigger: Trigger, current: &ApplicationFormInput) -> bool {
        if let Trigger::Timer(ticket) = trigger {
            if ticket != self.ticket {
                return false;
            }
        }
        if self.in_flight || *current == self.saved {
            return false;
        }
        self.in_flight = true;
        self.remember(current.clone());
        true
    }

    /// The save of `sent` returned. Returns true if the form has changed since and another
    /// save should start (with [`Trigger::AfterSave`]).
    pub fn finished(
        &mut self,
        sent: ApplicationFormInput,
        ok: bool,
        current: &ApplicationFormInput,
    ) -> bool {
        self.in_flight = false;
        if ok {
            // Nothing else is under way (one save at a time): the server now holds `sent`.
            self.server_may_hold = vec![sent.clone()];
            self.saved = sent;
            *current != self.saved
        } else {
            // A failed save is reported; the next change or blur tries again.
            false
        }
    }

    /// The page is going away: whether `current` differs from what the server has, whatever
    /// is under way.
    pub fn unsaved(&self, current: &ApplicationFormInput) -> bool {
        *current != self.saved
    }

    /// `input` reached the server some other way (a save on exit, the submitted form).
    pub fn saved_as(&mut self, input: ApplicationFormInput) {
        self.remember(input.clone());
        self.saved = input;
    }

    pub fn is_saving(&self) -> bool {
        self.in_flight
    }

    /// Whether the server is known to hold `current` (the local copy is then not needed).
    pub fn in_sync(&self, current: &ApplicationFormInput) -> bool {
        !self.in_flight
            && *current == self.saved
            && matches!(self.server_may_hold.as_slice(), [only] if only == current)
    }

    /// The copy of `current` for this browser's storage.
    pub fn local_copy(&self, current: &ApplicationFormInput, saved_at_ms: i64) -> LocalDraft {
        LocalDraft {
            input: current.clone(),
            saved_at_ms,
            server_may_hold: self.server_may_hold.clone(),
        }
    }
}

// ---------------------------------------------------------------- the copy in this browser

/// The prefix of the `localStorage` keys of the local copies; one key per application.
pub const LOCAL_KEY_PREFIX: &str = "nes.draft.";

/// The form as last typed on this device, kept in `localStorage` (see the module docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub input: ApplicationFormInput,
    /// When it was typed: milliseconds since 1970 on this device's clock.
    pub saved_at_ms: i64,
    /// The drafts the server may hold because of this device (loaded from it, or sent to it
    /// and not yet followed by a confirmed save). A server draft that is none of these was
    /// saved elsewhere (another browser) after this copy, and is the newer one.
    #[serde(default)]
    pub server_may_hold: Vec<ApplicationFormInput>,
}

/// Which draft the form starts from.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// The server's: there is no local copy, it says the same, or the server's draft was
    /// saved elsewhere after it. Any local copy can go.
    Server,
    /// This browser's copy: newer than what the server returned (a save on the way out has
    /// not landed yet, or never will). It is to be saved as the newest draft.
    Local(Box<ApplicationFormInput>),
}

/// Which draft wins when the page loads: `server` is the form as the API returned it
/// (its draft, else the submitted form, else empty), `local` the copy in this browser.
pub fn choose_start(server: &ApplicationFormInput, local: Option<LocalDraft>) -> Start {
    match local {
        Some(local) if local.input != *server && local.server_may_hold.contains(server) => {
            Start::Local(Box::new(local.input))
        }
        _ => Start::Server,
    }
}

pub fn local_key(application_id: &str) -> String {
    format!("{LOCAL_KEY_PREFIX}{application_id}")
}

/// Reads a stored copy; anything unreadable counts as none.
pub fn parse_local(json: &str) -> Option<LocalDraft> {
    serde_json::from_str(json).ok()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

// Storage may be refused (private browsing, full quota): the local copy is then simply not
// there, and the form works as it did without it. Hence the ignored results below.

/// This browser's copy of the application's draft, if any.
pub fn read_local(application_id: &str) -> Option<LocalDraft> {
    let json = storage()?.get_item(&local_key(application_id)).ok()??;
    parse_local(&json)
}

pub fn write_local(application_id: &str, draft: &LocalDraft) {
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&local_key(application_id), &json);
    }
}

pub fn forget_local(application_id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&local_key(application_id));
    }
}

/// Removes the copies of every application (when the session ends: logout, a 401).
pub fn forget_all_local() {
    let Some(storage) = storage() else {
        return;
    };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(LOCAL_KEY_PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn with_title(title: &str) -> ApplicationFormInput {
        ApplicationFormInput {
            title: title.to_owned(),
            ..ApplicationFormInput::default()
        }
    }

    #[test]
    fn only_the_newest_timer_saves() {
        let mut t = DraftTracker::new(with_title(""));
        let first = t.changed();
        let second = t.changed();
        assert!(!t.start(Trigger::Timer(first), &with_title("Uz")));
        assert!(t.start(Trigger::Timer(second), &with_title("Uzman")));
    }

    #[test]
    fn nothing_is_sent_when_nothing_changed() {
        let mut t = DraftTracker::new(with_title("Uzman"));
        let ticket = t.changed();
        assert!(!t.start(Trigger::Timer(ticket), &with_title("Uzman")));
        assert!(!t.start(Trigger::Blur, &with_title("Uzman")));
    }

    #[test]
    fn blur_saves_at_once_and_cancels_nothing_else() {
        let mut t = DraftTracker::new(with_title(""));
        let ticket = t.changed();
        assert!(t.start(Trigger::Blur, &with_title("Uzman")));
        // The timer of the same change finds a save under way and stays quiet.
        assert!(!t.start(Trigger::Timer(ticket), &with_title("Uzman")));
        assert!(!t.finished(with_title("Uzman"), true, &with_title("Uzman")));
        // Saved: the same text is not sent again.
        assert!(!t.start(Trigger::Blur, &with_title("Uzman")));
    }

    #[test]
    fn a_change_during_a_save_is_saved_when_it_returns() {
        let mut t = DraftTracker::new(with_title(""));
        t.changed();
        assert!(t.start(Trigger::Blur, &with_title("Uz")));
        assert!(t.is_saving());
        let ticket = t.changed();
        assert!(!t.start(Trigger::Timer(ticket), &with_title("Uzman")));
        assert!(t.finished(with_title("Uz"), true, &with_title("Uzman")));
        assert!(t.start(Trigger::AfterSave, &with_title("Uzman")));
    }

    #[test]
    fn a_failed_save_is_tried_again_on_the_next_blur() {
        let mut t = DraftTracker::new(with_title(""));
        assert!(t.start(Trigger::Blur, &with_title("Uzman")));
        assert!(!t.finished(with_title("Uzman"), false, &with_title("Uzman")));
        assert!(t.start(Trigger::Blur, &with_title("Uzman")));
    }

    #[test]
    fn leaving_the_page_sends_what_the_server_does_not_have() {
        let mut t = DraftTracker::new(with_title(""));
        assert!(t.start(Trigger::Blur, &with_title("Uz")));
        assert!(t.unsaved(&with_title("Uzman")));
        t.saved_as(with_title("Uzman"));
        assert!(!t.unsaved(&with_title("Uzman")));
    }

    fn local(input: &str, server_may_hold: &[&str]) -> LocalDraft {
        LocalDraft {
            input: with_title(input),
            saved_at_ms: 1_777_000_000_000,
            server_may_hold: server_may_hold.iter().map(|t| with_title(t)).collect(),
        }
    }

    #[test]
    fn without_a_local_copy_the_server_wins() {
        assert_eq!(choose_start(&with_title("Uzman"), None), Start::Server);
    }

    #[test]
    fn a_change_whose_save_on_exit_has_not_landed_wins_over_the_server() {
        // Loaded "Uzman", typed "Daire Başkanı", reloaded: the reloaded page read the draft
        // before the keepalive save reached the API.
        let copy = local("Daire Başkanı", &["Uzman", "Daire Başkanı"]);
        assert_eq!(
            choose_start(&with_title("Uzman"), Some(copy)),
            Start::Local(Box::new(with_title("Daire Başkanı")))
        );
    }

    #[test]
    fn a_save_that_never_left_the_device_wins_too() {
        // Offline: the save failed, the server still has what was loaded.
        let copy = local("Daire Başkanı", &["Uzman"]);
        assert_eq!(
            choose_start(&with_title("Uzman"), Some(copy)),
            Start::Local(Box::new(with_title("Daire Başkanı")))
        );
    }

    #[test]
    fn an_earlier_save_from_this_device_that_landed_late_loses_to_the_local_copy() {
        // "Daire" was being saved when "Daire Başkanı" was typed and the page reloaded.
        let copy = local("Daire Başkanı", &["", "Daire", "Daire Başkanı"]);
        assert_eq!(
            choose_start(&with_title("Daire"), Some(copy)),
            Start::Local(Box::new(with_title("Daire Başkanı")))
        );
    }

    #[test]
    fn when_both_say_the_same_the_server_wins_and_the_copy_can_go() {
        let copy = local("Daire Başkanı", &["Uzman", "Daire Başkanı"]);
        assert_eq!(
            choose_start(&with_title("Daire Başkanı"), Some(copy)),
            Start::Server
        );
    }

    #[test]
    fn a_draft_saved_later_in_another_browser_wins_over_an_old_local_copy() {
        let copy = local("Daire Başkanı", &["Uzman", "Daire Başkanı"]);
        assert_eq!(choose_start(&with_title("Şef"), Some(copy)), Start::Server);
    }

    #[test]
    fn the_tracker_remembers_what_the_server_may_hold() {
        let mut t = DraftTracker::new(with_title("Uzman")).loaded_as(with_title("Uzman"));
        assert_eq!(t.server_may_hold(), [with_title("Uzman")]);
        assert!(t.in_sync(&with_title("Uzman")));
        // A save under way: the server may hold either.
        assert!(t.start(Trigger::Blur, &with_title("Daire")));
        assert!(!t.in_sync(&with_title("Daire")));
        // Typed more and left the page.
        t.saved_as(with_title("Daire Başkanı"));
        let copy = t.local_copy(&with_title("Daire Başkanı"), 1);
        assert_eq!(
            copy.server_may_hold,
            [
                with_title("Uzman"),
                with_title("Daire"),
                with_title("Daire Başkanı")
            ]
        );
        // Whichever of the three the reloaded page reads, the newest typed value wins.
        for server in ["Uzman", "Daire"] {
            assert_eq!(
                choose_start(&with_title(server), Some(copy.clone())),
                Start::Local(Box::new(with_title("Daire Başkanı")))
            );
        }
        assert_eq!(
            choose_start(&with_title("Daire Başkanı"), Some(copy)),
            Start::Server
        );
    }

    #[test]
    fn a_confirmed_save_is_all_the_server_may_hold() {
        let mut t = DraftTracker::new(with_title(""));
        assert!(t.start(Trigger::Blur, &with_title("Daire")));
        assert!(!t.finished(with_title("Daire"), true, &with_title("Daire")));
        assert_eq!(t.server_may_hold(), [with_title("Daire")]);
        assert!(t.in_sync(&with_title("Daire")));
        assert!(!t.in_sync(&with_title("Daire Başkanı")));
    }

    #[test]
    fn a_failed_save_is_still_remembered() {
        // It may have reached the server even though the answer did not come back.
        let mut t = DraftTracker::new(with_title(""));
        assert!(t.start(Trigger::Blur, &with_title("Daire")));
        assert!(!t.finished(with_title("Daire"), false, &with_title("Daire")));
        assert_eq!(t.server_may_hold(), [with_title(""), with_title("Daire")]);
        assert!(!t.in_sync(&with_title("Daire")));
    }

    #[test]
    fn the_list_of_what_the_server_may_hold_stays_short() {
        let mut t = DraftTracker::new(with_title("0"));
        for i in 1..20 {
            t.saved_as(with_title(&i.to_string()));
        }
        assert_eq!(t.server_may_hold().len(), SERVER_MAY_HOLD_MAX);
        assert_eq!(t.server_may_hold().last(), Some(&with_title("19")));
    }

    #[test]
    fn the_stored_copy_reads_back_and_garbage_counts_as_none() {
        let copy = local("Daire Başkanı", &["Uzman"]);
        let json = serde_json::to_string(&copy).unwrap();
        assert_eq!(parse_local(&json), Some(copy));
        assert_eq!(parse_local("{not json"), None);
        assert_eq!(parse_local("null"), None);
        assert_eq!(local_key("abc"), "nes.draft.abc");
    }

    #[test]
    fn cancelling_stops_pending_timers() {
        let mut t = DraftTracker::new(with_title(""));
        let ticket = t.changed();
        t.cancel_pending();
        assert!(!t.start(Trigger::Timer(ticket), &with_title("Uzman")));
    }
}
