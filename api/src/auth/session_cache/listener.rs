//! The `nes_sessions` channel's listener (PostgreSQL only): a thread with a connection of
//! its own that sleeps on the connection's socket and on a [`Bell`], evicts from the
//! [`SessionCache`] what the database announces (see the migration `session_announcements`),
//! and sends a heartbeat on a channel of its own whenever a request waits for one (the read
//! barrier, see [`super`]) and once a second anyway, so that a connection that died quietly
//! is found out.
//!
//! libpq, not diesel: a listener must sleep until the server writes, and diesel's
//! `notifications_iter` only reads what has already arrived (it would have to poll, and
//! every answer from the copy would wait for the poll). The connection is libpq's, as
//! diesel's are, so the database URL, `PGSSLMODE` and the rest mean the same here.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[cfg(unix)]
use super::libpq::Connection;
use super::SessionCache;
use crate::clock::Clock;

pub const CHANNEL: &str = "nes_sessions";
/// Heartbeats for waiting requests at most this often: each releases every request that
/// arrived before it was sent, so the gap gathers them. Back to back they were 11,000 a
/// second under the benchmark's reads, each releasing fewer than two, and PostgreSQL's
/// work for them held the reads at a third of a bare handler.
const HEARTBEAT_GAP: Duration = Duration::from_micros(300);
/// A heartbeat at least this often, whether or not a request waits.
const IDLE_HEARTBEAT: Duration = Duration::from_secs(1);
/// Entries due for their touch are dropped this often.
const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(5);
/// Heartbeats not yet heard back that are remembered; an older one is given up.
const IN_FLIGHT_AT_MOST: usize = 16;
/// Waits between attempts to connect again, doubling up to the last.
const RECONNECT_AFTER: [Duration; 4] = [
    Duration::from_millis(100),
    Duration::from_millis(500),
    Duration::from_secs(2),
    Duration::from_secs(5),
];
/// Why the copy stays off behind a pooler in transaction mode.
const POOLED: &str = "the listener's statements ran in another server process than its LISTEN \
    (a pooler in transaction mode?): set DATABASE_LISTEN_URL to PostgreSQL itself";

/// Wakes the listener from its sleep when a request waits for a heartbeat: one end of a
/// socket pair, the other in the listener's `poll`.
#[derive(Debug)]
pub struct Bell {
    #[cfg(unix)]
    ringer: Option<std::os::unix::net::UnixStream>,
    #[cfg(unix)]
    hearer: std::sync::Mutex<Option<std::os::unix::net::UnixStream>>,
}

impl Bell {
    pub fn new() -> Bell {
        #[cfg(unix)]
        {
            let pair = std::os::unix::net::UnixStream::pair().and_then(|(ringer, hearer)| {
                ringer.set_nonblocking(true)?;
                hearer.set_nonblocking(true)?;
                Ok((ringer, hearer))
            });
            // Without a bell (no file descriptors left) there is no listener, and no copy.
            let (ringer, hearer) = pair.map_or((None, None), |(r, h)| (Some(r), Some(h)));
            Bell {
                ringer,
                hearer: std::sync::Mutex::new(hearer),
            }
        }
        #[cfg(not(unix))]
        Bell {}
    }

    pub fn ring(&self) {
        #[cfg(unix)]
        if let Some(mut ringer) = self.ringer.as_ref() {
            // A full socket is a bell already ringing.
            let _ = std::io::Write::write(&mut ringer, &[1]);
        }
    }

    #[cfg(unix)]
    fn take_hearer(&self) -> Option<std::os::unix::net::UnixStream> {
        self.hearer.lock().ok()?.take()
    }
}

impl Default for Bell {
    fn default() -> Self {
        Bell::new()
    }
}

/// Stops the listener when dropped (with the application that started it); the thread
/// ends within a second and closes its connection.
pub struct ListenerHandle {
    stop: Arc<AtomicBool>,
}

impl Drop for ListenerHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Starts listening on `url` for `cache` (on Unix; elsewhere the copy stays off).
pub fn spawn(
    url: String,
    cache: Arc<SessionCache>,
    clock: Arc<dyn Clock>,
) -> std::io::Result<ListenerHandle> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    if let Some(hearer) = cache.bell.take_hearer() {
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("nes-session-listener".into())
            .spawn(move || run(&url, &hearer, &cache, clock.as_ref(), &stopped))?;
    }
    #[cfg(not(unix))]
    let _ = (url, cache, clock);
    Ok(ListenerHandle { stop })
}

#[cfg(unix)]
fn run(
    url: &str,
    bell: &std::os::unix::net::UnixStream,
    cache: &SessionCache,
    clock: &dyn Clock,
    stop: &AtomicBool,
) {
    let mut failures = 0;
    while !stop.load(Ordering::Relaxed) {
        let outcome = Connection::open(url).and_then(|conn| {
            failures = 0;
            listen(&conn, bell, cache, clock, stop)
        });
        cache.stop_serving();
        if let Err(e) = outcome {
            tracing::warn!(error = %e, "session listener: the in-memory session copy is off until it reconnects");
            std::thread::sleep(RECONNECT_AFTER[failures.min(RECONNECT_AFTER.len() - 1)]);
            failures += 1;
        }
    }
}

/// Listens until stopped (`Ok`) or until the connection fails.
#[cfg(unix)]
fn listen(
    conn: &Connection,
    bell: &std::os::unix::net::UnixStream,
    cache: &SessionCache,
    clock: &dyn Clock,
    stop: &AtomicBool,
) -> Result<(), String> {
    let nonce = uuid::Uuid::new_v4().simple().to_string();
    // Heartbeats on a channel of this listener's own: the other instances' listeners are not
    // woken by them. PostgreSQL's one queue keeps them in commit order with the
    // announcements all the same.
    let heartbeats = format!("{CHANNEL}_{nonce}");
    conn.execute(&format!("LISTEN {CHANNEL}; LISTEN {heartbeats}"))?;
    // A heartbeat need not survive a crash: its commit does not wait for the WAL's flush
    // (thousands a second under load would otherwise each cost one).
    conn.execute("SET synchronous_commit = off")?;
    // The server process that holds the LISTEN: behind a pooler in transaction mode the next
    // statement may run in another, which hears nothing of this channel.
    let listening = conn.execute("SELECT pg_backend_pid()")?;
    let own = format!("h:{nonce}:");
    let mut in_flight: VecDeque<(u64, Instant)> = VecDeque::new();
    let mut sent = 0u64;
    let mut last_sent = Instant::now();
    let mut housekeeping = Instant::now();
    cache.start_serving();
    while !stop.load(Ordering::Relaxed) {
        while let Some(payload) = conn.next_notification() {
            heard(&payload, &own, &mut in_flight, cache);
        }
        // Here, not after the sleep below: under steady reads the loop never sleeps.
        if housekeeping.elapsed() >= HOUSEKEEPING_EVERY {
            cache.drop_stale(clock.now());
            housekeeping = Instant::now();
        }
        let since = last_sent.elapsed();
        if since < HEARTBEAT_GAP && cache.is_wanted() {
            // Announcements wait too, by no more than the gap: a request is answered only
            // after the heartbeat that follows them.
            std::thread::sleep(HEARTBEAT_GAP - since);
            continue;
        }
        if cache.take_wanted() || since >= IDLE_HEARTBEAT {
            // Taken after the request's wish was cleared: it covers every request that
            // arrived before this instant, and one arriving later rings again.
            let at = Instant::now();
            sent += 1;
            let process = conn.execute(&format!(
                "SELECT pg_backend_pid() FROM pg_notify('{heartbeats}', '{own}{sent}')"
            ))?;
            if process != listening {
                return Err(POOLED.into());
            }
            in_flight.push_back((sent, at));
            if in_flight.len() > IN_FLIGHT_AT_MOST {
                in_flight.pop_front();
            }
            last_sent = at;
            continue;
        }
        conn.wait_readable(bell, IDLE_HEARTBEAT.saturating_sub(since))?;
        let mut rung = [0u8; 64];
        while matches!(std::io::Read::read(&mut &*bell, &mut rung), Ok(n) if n > 0) {}
        conn.consume_input()?;
    }
    Ok(())
}

/// What one announcement means for the copy.
fn heard(payload: &str, own: &str, in_flight: &mut VecDeque<(u64, Instant)>, cache: &SessionCache) {
    if let Some(id_hash) = payload.strip_prefix("s:") {
        cache.evict_session(id_hash);
    } else if let Some(tckn) = payload.strip_prefix("p:") {
        cache.evict_person(tckn);
    } else if let Some(number) = payload.strip_prefix(own) {
        let Ok(number) = number.parse::<u64>() else {
            return;
        };
        while let Some(&(sent, at)) = in_flight.front() {
            if sent > number {
                break;
            }
            in_flight.pop_front();
            if sent == number {
                cache.heard_back(at);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_evict_and_only_our_own_heartbeat_counts() {
        let cache = super::super::tests::serving_cache();
        let own = "h:abc:";
        let (first, second) = (Instant::now(), Instant::now() + Duration::from_millis(1));
        let mut in_flight = VecDeque::from([(1, first), (2, second)]);
        heard("h:other:2", own, &mut in_flight, &cache);
        assert_eq!(
            *cache.heard.borrow(),
            None,
            "another instance's heartbeat counted"
        );
        heard("h:abc:2", own, &mut in_flight, &cache);
        assert_eq!(*cache.heard.borrow(), Some(second));
        assert!(
            in_flight.is_empty(),
            "heartbeat 1 is given up once 2 came back"
        );
        let cached = super::super::tests::cached;
        cache.store(cache.epoch(), "x".into(), cached("1"), chrono::Utc::now());
        heard("s:y", own, &mut in_flight, &cache);
        assert_eq!(cache.len(), 1);
        heard("s:x", own, &mut in_flight, &cache);
        assert!(cache.is_empty());
    }
}
