//! When to save the form's draft: a pure state machine, so the rules are tested natively and
//! the page only schedules timers and sends requests.
//!
//! - Every change takes a ticket; a timer fires [`DEBOUNCE_MS`] later with its ticket, and only
//!   the newest ticket saves (typing restarts the wait).
//! - Leaving a field (blur) saves at once if anything changed.
//! - Nothing is sent when the form equals what was last saved (or loaded).
//! - One save at a time: a change made while a save is under way is saved when it returns,
//!   so an older draft can never overwrite a newer one.

use shared::form::ApplicationFormInput;

/// The wait after the last keystroke.
pub const DEBOUNCE_MS: u64 = 800;

/// Why a save is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// The debounce timer of this ticket fired.
    Timer(u64),
    /// A field lost focus.
    Blur,
    /// The previous save returned.
    AfterSave,
}

#[derive(Debug, Clone, Default)]
pub struct DraftTracker {
    ticket: u64,
    saved: ApplicationFormInput,
    in_flight: bool,
}

impl DraftTracker {
    /// Starts from the form as loaded from the API (nothing to save yet).
    pub fn new(loaded: ApplicationFormInput) -> Self {
        DraftTracker {
            ticket: 0,
            saved: loaded,
            in_flight: false,
        }
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
        self.saved = input;
    }

    pub fn is_saving(&self) -> bool {
        self.in_flight
    }
}

#[cfg(test)]
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

    #[test]
    fn cancelling_stops_pending_timers() {
        let mut t = DraftTracker::new(with_title(""));
        let ticket = t.changed();
        t.cancel_pending();
        assert!(!t.start(Trigger::Timer(ticket), &with_title("Uzman")));
    }
}
