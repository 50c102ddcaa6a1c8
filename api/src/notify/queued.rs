//! Which channels a piece of database work queued messages on. The outbox notes each message's
//! channel as it stores it; `AppState` wakes only those channels' lanes once the work has
//! committed. A lane woken for nothing still asks the database for due messages: three lanes
//! rung after every change that queued one SMS were two wasted claims on each step.

use std::cell::Cell;
use std::sync::atomic::{AtomicU8, Ordering};

use super::Channel;

thread_local! {
    /// What the work running on this thread has queued so far (database work runs on one
    /// thread from its start to its end).
    static QUEUED_HERE: Cell<u8> = const { Cell::new(0) };
}

/// A set of channels, shared between database work and the request that waits for it.
#[derive(Debug, Default)]
pub struct QueuedChannels(AtomicU8);

impl QueuedChannels {
    /// The channels noted so far.
    pub fn channels(&self) -> impl Iterator<Item = Channel> {
        let bits = self.0.load(Ordering::Acquire);
        Channel::ALL
            .into_iter()
            .filter(move |channel| bits & bit(*channel) != 0)
    }

    fn add(&self, bits: u8) {
        self.0.fetch_or(bits, Ordering::AcqRel);
    }
}

fn bit(channel: Channel) -> u8 {
    1 << channel.index()
}

/// Called by the outbox for each message it stores.
pub(super) fn note(channel: Channel) {
    QUEUED_HERE.with(|here| here.set(here.get() | bit(channel)));
}

/// Runs `work` on this thread and adds the channels it queued messages on to `into`, whatever
/// it answers: a change that committed some rows before failing has still queued them.
pub fn noting<T>(into: &QueuedChannels, work: impl FnOnce() -> T) -> T {
    let before = QUEUED_HERE.replace(0);
    let answer = work();
    let queued = QUEUED_HERE.get();
    // Work nested in other work is the outer work's too.
    QUEUED_HERE.set(before | queued);
    into.add(queued);
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_answers_the_channels_it_queued_on_and_nested_work_counts_for_the_outer() {
        let (outer, inner) = (QueuedChannels::default(), QueuedChannels::default());
        noting(&outer, || {
            note(Channel::Sms);
            noting(&inner, || note(Channel::Webhook));
        });
        assert_eq!(inner.channels().collect::<Vec<_>>(), [Channel::Webhook]);
        assert_eq!(
            outer.channels().collect::<Vec<_>>(),
            [Channel::Sms, Channel::Webhook]
        );
        let untouched = QueuedChannels::default();
        noting(&untouched, || ());
        assert_eq!(
            untouched.channels().count(),
            0,
            "nothing leaks from earlier work"
        );
    }
}
