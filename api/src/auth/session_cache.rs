//! Applicant sessions this instance has recently found alive, kept in memory so that
//! `GET /api/session` answers without a query of its own (docs/benchmarks.md: one round trip
//! held it at 15–17 % of a bare handler on two cores).
//!
//! The database stays the truth; this is a copy that PostgreSQL itself keeps honest. A
//! trigger announces every session that ends (logout, a new login, the sweep) and every
//! change of a person's e-Onay consent on the `nes_sessions` channel when its transaction
//! commits, and [`listener`] evicts what it names — on every instance, this one included.
//!
//! **Read barrier.** An announcement reaches another instance a little after the commit, and
//! in the tests a browser's next request could arrive first. So an answer from the copy
//! waits until the listener has heard back a heartbeat (a `pg_notify` of its own on the same
//! channel) *sent after the request arrived*: PostgreSQL delivers notifications in commit
//! order, so by then every change committed before the request arrived — a logout already
//! answered on another instance, say — has been heard and evicted. One heartbeat serves
//! every request that arrived before it was sent (a round trip's worth of them), so the
//! database sees a few thousand tiny statements a second at most instead of one per read.
//! A request that waits longer than [`WAIT_AT_MOST`], or finds the listener disconnected,
//! reads the database.
//!
//! A look-up that read the database before an eviction must not put back what it read:
//! every eviction moves [`Inner::evictions`] on, and [`SessionCache::store`] stores only
//! when it has not moved since the look-up began ([`SessionCache::epoch`]).
//!
//! An entry is never used once the session is due for its once-a-minute touch (the caller
//! goes to the database, which writes it), so the copy changes nothing about when a session
//! ends; the expiry is judged on every answer by [`ApplicantSession::admit`].

#[cfg(unix)]
mod libpq;
pub mod listener;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tokio::sync::watch;

use crate::auth::session::{Applicant, ApplicantSession, SessionRow, TOUCH_EVERY};
use crate::db::from_db_time;
use crate::error::ApiError;

/// How long an answer from the copy waits for the listener's heartbeat before it reads the
/// database instead.
pub const WAIT_AT_MOST: Duration = Duration::from_millis(100);
/// At most this many sessions are kept: an entry costs about 200 bytes. When it is full,
/// entries due for their touch go first, then everything.
const CAPACITY: usize = 20_000;

/// What `GET /api/session` answers from: the session's row and the person's consent.
#[derive(Debug, Clone)]
pub struct CachedSession {
    pub row: SessionRow,
    pub consent_given_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug)]
pub struct SessionCache {
    inner: Mutex<Inner>,
    /// When the newest heartbeat the listener heard back was sent.
    heard: watch::Sender<Option<Instant>>,
    /// A request waits for a heartbeat; cleared by the listener as it sends one.
    wanted: AtomicBool,
    bell: listener::Bell,
}

#[derive(Debug, Default)]
struct Inner {
    /// By the session id's SHA-256, as the `sessions` table keys it.
    entries: HashMap<String, CachedSession>,
    /// Moved on by every eviction (see the module's comment).
    evictions: u64,
    /// Whether the listener is listening: nothing is kept or answered otherwise.
    connected: bool,
}

/// Where a look-up stood before it read the database (see [`SessionCache::store`]).
#[derive(Debug, Clone, Copy)]
pub struct Epoch(u64);

impl Default for SessionCache {
    fn default() -> Self {
        SessionCache {
            inner: Mutex::default(),
            heard: watch::Sender::new(None),
            wanted: AtomicBool::new(false),
            bell: listener::Bell::new(),
        }
    }
}

impl SessionCache {
    /// The applicant of `session` and the consent, from the copy, when it holds the session,
    /// the listener has caught up with the request (the read barrier) and the session is
    /// not due for its touch. An ended session found here is refused as the database's row
    /// would be.
    pub async fn look_up(
        &self,
        session: &ApplicantSession,
    ) -> Option<Result<(Applicant, Option<chrono::NaiveDateTime>), ApiError>> {
        let arrived = Instant::now();
        let id_hash = session.id_hash();
        if !self.holds(id_hash) || !self.caught_up_with(arrived).await {
            return None;
        }
        let cached = {
            let inner = self.lock();
            if !inner.connected {
                return None;
            }
            inner.entries.get(id_hash)?.clone()
        };
        let admitted = session.admit(Some(cached.row));
        if session.touch_is_due() {
            return None;
        }
        Some(admitted.map(|applicant| (applicant, cached.consent_given_at)))
    }

    fn holds(&self, id_hash: &str) -> bool {
        let inner = self.lock();
        inner.connected && inner.entries.contains_key(id_hash)
    }

    /// Waits until a heartbeat sent at or after `arrived` has come back, at most
    /// [`WAIT_AT_MOST`]; the first waiter rings the listener.
    async fn caught_up_with(&self, arrived: Instant) -> bool {
        let mut heard = self.heard.subscribe();
        if !self.wanted.swap(true, Ordering::AcqRel) {
            self.bell.ring();
        }
        let caught_up = heard.wait_for(|sent| sent.is_some_and(|sent| sent >= arrived));
        let answer = tokio::time::timeout(WAIT_AT_MOST, caught_up).await;
        matches!(answer, Ok(Ok(_)))
    }

    /// Taken before a look-up reads the database, for [`Self::store`].
    pub fn epoch(&self) -> Epoch {
        Epoch(self.lock().evictions)
    }

    /// Keeps what a look-up begun at `epoch` read, unless something was evicted since (it
    /// may have been this session) or the listener is not listening.
    pub fn store(&self, epoch: Epoch, id_hash: String, session: CachedSession, now: DateTime<Utc>) {
        let mut inner = self.lock();
        if inner.evictions != epoch.0 || !inner.connected {
            return;
        }
        if inner.entries.len() >= CAPACITY && !inner.entries.contains_key(&id_hash) {
            inner.make_room(now);
        }
        inner.entries.insert(id_hash, session);
    }

    /// Forgets a session that ended.
    pub fn evict_session(&self, id_hash: &str) {
        let mut inner = self.lock();
        inner.evictions += 1;
        inner.entries.remove(id_hash);
    }

    /// Forgets every session of the person with this TCKN (their consent changed).
    pub fn evict_person(&self, tckn: &str) {
        let mut inner = self.lock();
        inner.evictions += 1;
        inner.entries.retain(|_, cached| cached.row.0 != tckn);
    }

    /// The listener listens from now on: what is read may be kept.
    fn start_serving(&self) {
        self.lock().connected = true;
    }

    /// The listener lost its connection: announcements may be missed until it is back, so
    /// nothing here may be trusted, and nothing is kept meanwhile.
    fn stop_serving(&self) {
        let mut inner = self.lock();
        inner.evictions += 1;
        inner.entries.clear();
        inner.connected = false;
    }

    /// Whether a request waits for a heartbeat.
    fn is_wanted(&self) -> bool {
        self.wanted.load(Ordering::Acquire)
    }

    /// Whether a request waits for a heartbeat (and from now on, none does).
    fn take_wanted(&self) -> bool {
        self.wanted.swap(false, Ordering::AcqRel)
    }

    /// The listener heard back its heartbeat sent at `sent`: every announcement committed
    /// before then has been heard.
    fn heard_back(&self, sent: Instant) {
        self.heard.send_if_modified(|newest| {
            let newer = newest.is_none_or(|newest| newest < sent);
            if newer {
                *newest = Some(sent);
            }
            newer
        });
    }

    /// Drops the entries a look-up could no longer use (due for their touch): the
    /// listener's housekeeping, so that a quiet copy does not hold memory.
    fn drop_stale(&self, now: DateTime<Utc>) {
        self.lock().drop_stale(now);
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The data stays consistent whatever panicked while holding the lock: each method
        // leaves it whole between statements.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Inner {
    fn drop_stale(&mut self, now: DateTime<Utc>) {
        self.entries
            .retain(|_, cached| now - from_db_time(cached.row.3 .0) < TOUCH_EVERY);
    }

    fn make_room(&mut self, now: DateTime<Utc>) {
        self.drop_stale(now);
        if self.entries.len() >= CAPACITY {
            self.entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::DbTime;

    pub(super) fn cached(tckn: &str) -> CachedSession {
        let now = chrono::Utc::now().naive_utc();
        CachedSession {
            row: (
                tckn.into(),
                "Ayşe".into(),
                "Yılmaz".into(),
                DbTime(now),
                DbTime(now),
            ),
            consent_given_at: None,
        }
    }

    pub(super) fn serving_cache() -> SessionCache {
        let cache = SessionCache::default();
        cache.start_serving();
        cache
    }

    fn store(cache: &SessionCache, id: &str, tckn: &str) {
        cache.store(cache.epoch(), id.into(), cached(tckn), Utc::now());
    }

    #[test]
    fn nothing_is_kept_until_the_listener_listens() {
        let cache = SessionCache::default();
        store(&cache, "a", "1");
        assert!(cache.is_empty());
        cache.start_serving();
        store(&cache, "a", "1");
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_look_up_that_began_before_an_eviction_does_not_put_back_what_it_read() {
        let cache = serving_cache();
        let before = cache.epoch();
        cache.evict_session("a");
        cache.store(before, "a".into(), cached("1"), Utc::now());
        assert!(cache.is_empty());
        store(&cache, "a", "1");
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn evictions_remove_the_session_or_all_of_the_persons() {
        let cache = serving_cache();
        for (id, tckn) in [("a", "1"), ("b", "1"), ("c", "2")] {
            store(&cache, id, tckn);
        }
        cache.evict_session("c");
        assert_eq!(cache.len(), 2);
        cache.evict_person("1");
        assert!(cache.is_empty());
    }

    #[test]
    fn losing_the_listener_empties_the_copy_and_stops_it() {
        let cache = serving_cache();
        store(&cache, "a", "1");
        cache.stop_serving();
        assert!(cache.is_empty());
        store(&cache, "a", "1");
        assert!(cache.is_empty());
    }

    #[test]
    fn a_full_copy_makes_room_and_stays_within_its_capacity() {
        let cache = serving_cache();
        for i in 0..CAPACITY + 10 {
            store(&cache, &i.to_string(), "1");
        }
        assert!(cache.len() <= CAPACITY);
        assert!(cache.len() >= 10, "the newest entries are kept");
    }

    #[tokio::test]
    async fn a_request_waits_for_a_heartbeat_sent_after_it_arrived() {
        let cache = std::sync::Arc::new(serving_cache());
        let earlier = Instant::now();
        let arrived = earlier + Duration::from_millis(1);
        cache.heard_back(earlier);
        let waiting = tokio::spawn({
            let cache = cache.clone();
            async move { cache.caught_up_with(arrived).await }
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert!(
            cache.take_wanted(),
            "the listener was asked for a heartbeat"
        );
        assert!(
            !waiting.is_finished(),
            "a heartbeat sent before it arrived let it through"
        );
        cache.heard_back(arrived);
        assert!(waiting.await.unwrap_or(false));
    }

    #[tokio::test]
    async fn a_request_the_listener_does_not_answer_in_time_reads_the_database() {
        let cache = serving_cache();
        assert!(!cache.caught_up_with(Instant::now()).await);
    }
}
