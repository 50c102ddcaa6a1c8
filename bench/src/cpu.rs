//! The CPU time the processes under test spend on the applicant path, from `/proc`: on a
//! shared machine the rates scatter by a third from one run to the next, the CPU a completed
//! application much less, so a change's cost shows there first (docs/benchmarks.md).

/// Clock ticks a second in `/proc/<pid>/stat` (`USER_HZ`: 100 on Linux whatever the kernel's
/// own tick).
const TICKS_PER_SECOND: f64 = 100.0;

/// The user and system CPU seconds of process `pid`, every thread of it; `None` when it
/// cannot be read (another machine's process, or gone).
fn cpu_seconds(pid: u32) -> Option<f64> {
    seconds_in(&format!("/proc/{pid}/stat"))
}

/// The user and system CPU seconds a `stat` file of `/proc` gives (a process's or a thread's).
fn seconds_in(stat: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(stat).ok()?;
    // The command's name (the second field) may hold spaces: count after its parenthesis,
    // where the third field starts, so `utime` and `stime` (14th and 15th) are the 12th and
    // 13th.
    let (_, after_name) = stat.rsplit_once(')')?;
    let mut fields = after_name.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / TICKS_PER_SECOND)
}

fn sum_of(pids: &[u32]) -> Option<f64> {
    pids.iter().map(|&pid| cpu_seconds(pid)).sum()
}

/// CPU a completed application, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct CpuPerApplication {
    pub api_ms: f64,
    /// PostgreSQL's backends serving the run's database, when they run on this machine.
    pub database_ms: Option<f64>,
}

/// Started before a phase: the API's CPU so far, and that of the database's backends.
pub struct Meter {
    api: u32,
    backends: Vec<u32>,
    api_before: Option<f64>,
    backends_before: Option<f64>,
}

impl Meter {
    /// `backends`: the server processes of the database's connections (the API's pool keeps
    /// them for the run; one opened later is not counted).
    pub fn start(api: u32, backends: Vec<u32>) -> Meter {
        Meter {
            api,
            api_before: cpu_seconds(api),
            backends_before: if backends.is_empty() {
                None
            } else {
                sum_of(&backends)
            },
            backends,
        }
    }

    /// What the processes spent since the start, a `completed` application.
    pub fn per_application(&self, completed: usize) -> Option<CpuPerApplication> {
        if completed == 0 {
            return None;
        }
        let per = |before: f64, after: f64| 1000.0 * (after - before) / completed as f64;
        let api_ms = per(self.api_before?, cpu_seconds(self.api)?);
        let database_ms = self
            .backends_before
            .zip(sum_of(&self.backends))
            .map(|(before, after)| per(before, after));
        Some(CpuPerApplication {
            api_ms,
            database_ms,
        })
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn this_process_spends_what_it_burns() {
        // Spun until this thread has had 300 ms of CPU by its own count, however busy the
        // machine (a wall-clock spin got less than that under a parallel build).
        let thread = || seconds_in("/proc/thread-self/stat").expect("this thread's stat");
        let pid = std::process::id();
        let thread_before = thread();
        let meter = Meter::start(pid, vec![pid]);
        let mut spin = 0u64;
        let burnt = loop {
            for _ in 0..1_000_000 {
                spin = std::hint::black_box(spin.wrapping_add(1));
            }
            let burnt = thread() - thread_before;
            if burnt >= 0.3 {
                break burnt;
            }
        };
        let spent = meter
            .per_application(1)
            .expect("this process's /proc/<pid>/stat");
        // The process spent at least what this thread did, less the tick (10 ms) the thread
        // may have had between its first reading and the meter's.
        let at_least = 1000.0 * burnt - 10.0;
        assert!(spent.api_ms >= at_least, "{spent:?}, thread {burnt} s");
        assert_eq!(spent.database_ms.map(|ms| ms >= at_least), Some(true));
        assert!(meter.per_application(0).is_none());
    }
}
