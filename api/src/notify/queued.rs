//! What a piece of database work queued in the outbox: the channels it left messages on in the
//! table, and the messages it hands straight to their lane. `AppState` passes both on once the
//! work has committed: it wakes only the lanes of the channels queued on (a lane woken for
//! nothing still asks the database for due messages), and gives each handed message to its
//! lane, which sends it without claiming it — it was stored claimed (see
//! [`Channel::handed_to_its_lane`]). The claim was the costliest statement of an SMS code's
//! way out, and a round trip between the person's "Devam" and their code.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Mutex;

use super::outbox::OutboxRow;
use super::Channel;

/// The most messages one piece of work hands to lanes: a change queues one SMS code; a job's
/// thousands wait in the table for the lane's claims, not in memory.
const HANDED_AT_MOST: usize = 8;

thread_local! {
    /// What the work running on this thread has queued so far (database work runs on one
    /// thread from its start to its end).
    static HERE: RefCell<Here> = RefCell::default();
}

#[derive(Default)]
struct Here {
    channels: u8,
    /// Whether a worker runs to take handed messages (from the work's [`Queued`]).
    handing: bool,
    handed: Vec<OutboxRow>,
}

/// What database work queued, shared between it and the request that waits for it.
#[derive(Debug, Default)]
pub struct Queued {
    channels: AtomicU8,
    hands_off: bool,
    handed: Mutex<Vec<OutboxRow>>,
}

impl Queued {
    /// For work whose messages may be handed to lanes: `hands_off` when a worker runs to take
    /// them ([`super::OutboxBell::takes_hand_offs`]). `Queued::default()` hands nothing.
    pub fn new(hands_off: bool) -> Queued {
        Queued {
            hands_off,
            ..Queued::default()
        }
    }

    /// The channels messages were left on in the table.
    pub fn channels(&self) -> impl Iterator<Item = Channel> {
        let bits = self.channels.load(Ordering::Acquire);
        Channel::ALL
            .into_iter()
            .filter(move |channel| bits & bit(*channel) != 0)
    }

    /// The messages handed to lanes (stored claimed), taken out.
    pub fn take_handed(&self) -> Vec<OutboxRow> {
        std::mem::take(&mut *self.handed.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn add(&self, here: Here) {
        self.channels.fetch_or(here.channels, Ordering::AcqRel);
        self.handed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(here.handed);
    }
}

fn bit(channel: Channel) -> u8 {
    1 << channel.index()
}

/// Called by the outbox for each message it leaves in the table for a claim.
pub(super) fn note(channel: Channel) {
    HERE.with_borrow_mut(|here| here.channels |= bit(channel));
}

/// How many more messages the work on this thread may hand to lanes (none when no worker
/// takes them).
pub(super) fn room_to_hand() -> usize {
    HERE.with_borrow(|here| {
        if here.handing {
            HANDED_AT_MOST.saturating_sub(here.handed.len())
        } else {
            0
        }
    })
}

/// Called by the outbox for a message it stored claimed, for its lane.
pub(super) fn hand(row: OutboxRow) {
    HERE.with_borrow_mut(|here| here.handed.push(row));
}

/// How many messages the work on this thread has handed so far; see [`forget_handed_since`].
pub(crate) fn handed_so_far() -> usize {
    HERE.with_borrow(|here| here.handed.len())
}

/// Forgets the messages handed after the first `kept`: the transaction that stored them rolled
/// back, so they do not exist, and a code in one is no code at all (`write_transaction` calls
/// this, also before it runs its work once more).
pub(crate) fn forget_handed_since(kept: usize) {
    HERE.with_borrow_mut(|here| here.handed.truncate(kept));
}

/// Runs `work` on this thread and adds what it queued to `into`, whatever it answers: a change
/// that committed some rows before failing has still queued them.
pub fn noting<T>(into: &Queued, work: impl FnOnce() -> T) -> T {
    let outer = HERE.replace(Here {
        handing: into.hands_off,
        ..Here::default()
    });
    let restore = RestoreOuter(Some(outer));
    let answer = work();
    into.add(restore.finish());
    answer
}

/// Puts the outer work's record back when nested work ends, even by a panic; the nested work's
/// channels count for the outer work too (its handed messages are its own caller's to pass on).
struct RestoreOuter(Option<Here>);

impl RestoreOuter {
    /// The nested work's record.
    fn finish(mut self) -> Here {
        self.swap_back()
    }

    fn swap_back(&mut self) -> Here {
        let mut outer = self.0.take().unwrap_or_default();
        let inner = HERE.with_borrow(|here| here.channels);
        outer.channels |= inner;
        HERE.replace(outer)
    }
}

impl Drop for RestoreOuter {
    fn drop(&mut self) {
        if self.0.is_some() {
            self.swap_back();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::outbox::test_rows::handed_sms as sms_row;
    use super::*;

    fn ids(rows: Vec<OutboxRow>) -> Vec<String> {
        rows.into_iter().map(|row| row.id).collect()
    }

    #[test]
    fn work_answers_the_channels_it_queued_on_and_nested_work_counts_for_the_outer() {
        let (outer, inner) = (Queued::default(), Queued::default());
        noting(&outer, || {
            note(Channel::Sms);
            noting(&inner, || note(Channel::Webhook));
        });
        assert_eq!(inner.channels().collect::<Vec<_>>(), [Channel::Webhook]);
        assert_eq!(
            outer.channels().collect::<Vec<_>>(),
            [Channel::Sms, Channel::Webhook]
        );
        let untouched = Queued::default();
        noting(&untouched, || ());
        assert_eq!(
            untouched.channels().count(),
            0,
            "nothing leaks from earlier work"
        );
    }

    #[test]
    fn only_work_whose_messages_a_worker_takes_hands_them_and_at_most_a_few() {
        let without_worker = Queued::default();
        assert_eq!(noting(&without_worker, room_to_hand), 0);
        let with_worker = Queued::new(true);
        noting(&with_worker, || {
            assert_eq!(room_to_hand(), HANDED_AT_MOST);
            (0..HANDED_AT_MOST).for_each(|n| hand(sms_row(&n.to_string())));
            assert_eq!(room_to_hand(), 0, "the rest wait in the table");
        });
        assert_eq!(with_worker.take_handed().len(), HANDED_AT_MOST);
        assert!(with_worker.take_handed().is_empty(), "taken once");
        assert_eq!(room_to_hand(), 0, "outside work nothing is handed");
    }

    #[test]
    fn messages_of_a_rolled_back_transaction_are_forgotten() {
        let queued = Queued::new(true);
        noting(&queued, || {
            hand(sms_row("kept"));
            let kept = handed_so_far();
            hand(sms_row("rolled back"));
            forget_handed_since(kept);
            hand(sms_row("stored on the second try"));
        });
        assert_eq!(
            ids(queued.take_handed()),
            ["kept", "stored on the second try"]
        );
    }

    #[test]
    fn work_that_panics_leaves_the_outer_record_as_it_was() {
        let outer = Queued::new(true);
        noting(&outer, || {
            hand(sms_row("outer"));
            let inner = Queued::new(true);
            let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                noting(&inner, || {
                    note(Channel::Email);
                    hand(sms_row("inner"));
                    panic!("a change panicked");
                })
            }));
            assert!(panicked.is_err());
            assert!(inner.take_handed().is_empty(), "a panic hands nothing");
        });
        assert_eq!(ids(outer.take_handed()), ["outer"]);
        assert_eq!(outer.channels().collect::<Vec<_>>(), [Channel::Email]);
    }
}
