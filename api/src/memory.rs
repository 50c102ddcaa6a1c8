//! Giving freed memory back to the system. glibc keeps what a thread freed in that thread's
//! arena for reuse and returns it only from the top of the arena, so after a burst (a bulk
//! import of thousands of rows, SQLite's in-memory savepoint journals) tens of megabytes of
//! free pages stay resident for good: measured at 99 MB after a benchmark run, 62 MB once
//! trimmed. A keeper per process reads the resident size every few seconds and asks the
//! allocator to return its free pages (`malloc_trim`) after a burst — when the size has
//! grown fast, or has settled above where the last trim left it. Trimming walks every arena
//! under its lock, so it runs only after growth, never on a fixed schedule. And fewer arenas
//! keep fewer such pages: [`limit_arenas`].

use std::time::Duration;

/// How often the keeper reads the resident size (one small read of `/proc/self/status`).
const LOOK_EVERY: Duration = Duration::from_secs(2);

/// Growth since the last trim that makes the keeper trim at once, mid-burst.
const BURST: u64 = 8 * 1024 * 1024;

/// Growth since the last trim that makes the keeper trim once the size stops moving.
const SETTLED_ABOVE: u64 = 1024 * 1024;

/// Two looks within this much of each other: the size has settled.
const STILL: u64 = 256 * 1024;

/// Whether to trim, given the size the last trim left (`baseline`), the previous look and
/// this one.
fn should_trim(baseline: u64, previous: u64, now: u64) -> bool {
    let grown = now.saturating_sub(baseline);
    grown >= BURST || (grown >= SETTLED_ABOVE && now.abs_diff(previous) <= STILL)
}

/// Starts the keeper on the current tokio runtime; it lives as long as the runtime.
pub fn spawn_keeper() -> tokio::task::JoinHandle<()> {
    tokio::spawn(async {
        let mut ticks = tokio::time::interval(LOOK_EVERY);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let Some(mut baseline) = resident_bytes() else {
            return;
        };
        let mut previous = baseline;
        loop {
            ticks.tick().await;
            let Some(now) = resident_bytes() else {
                continue;
            };
            if !should_trim(baseline, previous, now) {
                baseline = baseline.min(now);
                previous = now;
                continue;
            }
            let started = std::time::Instant::now();
            let released = tokio::task::spawn_blocking(release_freed_memory)
                .await
                .unwrap_or(false);
            baseline = resident_bytes().unwrap_or(now);
            previous = baseline;
            tracing::debug!(
                released,
                before_kib = now / 1024,
                after_kib = baseline / 1024,
                took_us = started.elapsed().as_micros() as u64,
                "freed memory given back to the system"
            );
        }
    })
}

/// Caps glibc's malloc arenas at one per core; call it first thing, before threads start.
/// glibc gives threads up to eight arenas per core (16 here) so that they rarely wait for one
/// another's lock; with two cores at most two threads allocate at once, and every extra arena
/// keeps freed pages and fragments of its own. Measured with `nes-bench` (500 applicants,
/// 100,000 imported rows; docs/benchmarks.md): on PostgreSQL peak 110 → 79 MB and at rest
/// 84 → 67 MB, on SQLite 4–8 MB less at each point; throughput within the machine's scatter.
/// `MALLOC_ARENA_MAX` in the environment still wins (glibc reads it at the first allocation,
/// and this leaves a value set there alone).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn limit_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let arenas = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
    // SAFETY: `mallopt` takes no pointers; it sets a limit glibc reads under its own lock
    // when a thread first needs an arena.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn limit_arenas() {}

/// The process's resident size in bytes, where the system tells it (Linux).
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Asks glibc to return the free pages of every arena; whether anything came back. Other
/// allocators (musl, macOS, Windows) return large blocks themselves: nothing to do there.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed_memory() -> bool {
    // SAFETY: `malloc_trim` takes no pointers and touches only glibc's own free lists, each
    // under the lock every other allocator call takes.
    unsafe { libc::malloc_trim(0) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed_memory() -> bool {
    false
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_keeper_trims_in_a_burst_or_once_the_size_settles_above_the_last_trim() {
        const MIB: u64 = 1024 * 1024;
        assert!(should_trim(50 * MIB, 55 * MIB, 58 * MIB), "a burst");
        assert!(!should_trim(50 * MIB, 52 * MIB, 55 * MIB), "still growing");
        assert!(should_trim(50 * MIB, 55 * MIB, 55 * MIB), "settled above");
        assert!(
            !should_trim(50 * MIB, 50 * MIB, 50 * MIB + MIB / 2),
            "barely above"
        );
        assert!(
            !should_trim(50 * MIB, 40 * MIB, 40 * MIB),
            "below the last trim"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_resident_size_is_read() {
        let resident = resident_bytes().unwrap();
        assert!(resident > 1024 * 1024, "{resident} bytes");
    }
}
