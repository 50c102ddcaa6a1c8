//! Periodic jobs that must run once per period however many API instances are up (they
//! share one database behind a load balancer, and each has the same timers). Every instance
//! asks often; the one whose conditional UPDATE of the job's `scheduled_jobs` row moves
//! `next_run_at` forward runs the job, and the others find it not due.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::db::schema::scheduled_jobs;
use crate::db::{is_unique_violation, to_db_time, AnyConnection};

/// A job that runs at most once per `every` across all instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodicJob {
    /// The key of its `scheduled_jobs` row.
    pub name: &'static str,
    pub every: Duration,
}

/// Marks the pre-applications past their deadline expired.
pub const EXPIRE_OVERDUE: PeriodicJob = PeriodicJob {
    name: "expire_overdue",
    every: Duration::seconds(60),
};

/// Sends the deadline reminders that fell due (`applications::reminders`).
pub const REMINDERS: PeriodicJob = PeriodicJob {
    name: "reminders",
    every: Duration::seconds(300),
};

/// Deletes what unauthenticated calls left and sessions that ended (`purge::run`).
pub const PURGE: PeriodicJob = PeriodicJob {
    name: "purge",
    every: Duration::seconds(600),
};

/// How often each instance asks whether a job is due: a fraction of the shortest period,
/// so that a job runs soon after it falls due whichever instance's timer fires first.
pub const ASK_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// Which process ran a job, for operators reading `scheduled_jobs.last_run_by`: the host,
/// the process id, and a random tag that tells apart two instances in one process (tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceName(String);

impl InstanceName {
    pub fn of_this_process() -> InstanceName {
        let host = std::env::var("HOSTNAME")
            .ok()
            .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
            .map(|host| host.trim().to_owned())
            .filter(|host| !host.is_empty())
            .unwrap_or_else(|| "unknown-host".to_owned());
        let tag = uuid::Uuid::new_v4().simple().to_string();
        let tag = tag.get(..8).unwrap_or(&tag);
        InstanceName(format!("{host}/{}/{tag}", std::process::id()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InstanceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What [`claim_run`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// This instance runs the job now; nobody else will until `every` has passed.
    Won,
    /// Another instance ran it this period, or it is not due yet.
    NotDue,
}

#[derive(Insertable)]
#[diesel(table_name = scheduled_jobs)]
struct NewJobRow<'a> {
    name: &'a str,
    next_run_at: chrono::NaiveDateTime,
    last_run_at: chrono::NaiveDateTime,
    last_run_by: &'a str,
}

/// Claims the run of `job` due at `now` for `instance`. Of any number of instances asking
/// at once, exactly one wins: the UPDATE only matches while `next_run_at <= now`, and the
/// winner moves it to `now + every` (PostgreSQL makes a concurrent UPDATE wait and re-check
/// the condition; SQLite has one writer at a time). A job's first run inserts its row; of
/// two first runs the primary key lets one insert through.
pub fn claim_run(
    conn: &mut AnyConnection,
    job: &PeriodicJob,
    instance: &InstanceName,
    now: DateTime<Utc>,
) -> QueryResult<Claim> {
    let next_run_at = to_db_time(now + job.every);
    let now = to_db_time(now);
    let claimed = diesel::update(
        scheduled_jobs::table
            .filter(scheduled_jobs::name.eq(job.name))
            .filter(scheduled_jobs::next_run_at.le(now)),
    )
    .set((
        scheduled_jobs::next_run_at.eq(next_run_at),
        scheduled_jobs::last_run_at.eq(now),
        scheduled_jobs::last_run_by.eq(instance.as_str()),
    ))
    .execute(conn)?;
    if claimed == 1 {
        return Ok(Claim::Won);
    }
    let exists = diesel::select(diesel::dsl::exists(
        scheduled_jobs::table.filter(scheduled_jobs::name.eq(job.name)),
    ))
    .get_result::<bool>(conn)?;
    if exists {
        return Ok(Claim::NotDue);
    }
    let first_run = diesel::insert_into(scheduled_jobs::table)
        .values(NewJobRow {
            name: job.name,
            next_run_at,
            last_run_at: now,
            last_run_by: instance.as_str(),
        })
        .execute(conn);
    match first_run {
        Ok(_) => Ok(Claim::Won),
        Err(e) if is_unique_violation(&e) => Ok(Claim::NotDue),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};
    use crate::db::testing::fresh_database;

    fn instance(name: &str) -> InstanceName {
        InstanceName(name.to_owned())
    }

    fn last_run_by(conn: &mut AnyConnection, job: &PeriodicJob) -> String {
        scheduled_jobs::table
            .find(job.name)
            .select(scheduled_jobs::last_run_by)
            .first(conn)
            .unwrap()
    }

    #[test]
    fn of_two_instances_asking_at_the_same_time_only_one_runs_the_job_each_minute() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let clock = ManualClock::default();
        let (a, b) = (instance("a"), instance("b"));

        assert_eq!(
            claim_run(conn, &EXPIRE_OVERDUE, &a, clock.now()).unwrap(),
            Claim::Won
        );
        assert_eq!(
            claim_run(conn, &EXPIRE_OVERDUE, &b, clock.now()).unwrap(),
            Claim::NotDue
        );
        assert_eq!(last_run_by(conn, &EXPIRE_OVERDUE), "a");

        clock.advance(Duration::seconds(59));
        for who in [&a, &b] {
            assert_eq!(
                claim_run(conn, &EXPIRE_OVERDUE, who, clock.now()).unwrap(),
                Claim::NotDue
            );
        }

        clock.advance(Duration::seconds(1));
        assert_eq!(
            claim_run(conn, &EXPIRE_OVERDUE, &b, clock.now()).unwrap(),
            Claim::Won
        );
        assert_eq!(
            claim_run(conn, &EXPIRE_OVERDUE, &a, clock.now()).unwrap(),
            Claim::NotDue
        );
        assert_eq!(last_run_by(conn, &EXPIRE_OVERDUE), "b");
    }

    #[test]
    fn of_instances_racing_for_a_run_exactly_one_wins_the_first_time_and_every_time_after() {
        let db = fresh_database();
        let clock = ManualClock::default();
        // The first round races to insert the row, the later ones to update it.
        for _ in 0..5 {
            let now = clock.now();
            let start = std::sync::Barrier::new(3);
            let claims: Vec<Claim> = std::thread::scope(|scope| {
                let racers: Vec<_> = ["a", "b", "c"]
                    .map(|name| {
                        let mut conn = db.connection();
                        let start = &start;
                        scope.spawn(move || {
                            start.wait();
                            claim_run(&mut conn, &EXPIRE_OVERDUE, &instance(name), now).unwrap()
                        })
                    })
                    .into_iter()
                    .collect();
                racers.into_iter().map(|r| r.join().unwrap()).collect()
            });
            assert_eq!(
                claims.iter().filter(|c| **c == Claim::Won).count(),
                1,
                "{claims:?}"
            );
            clock.advance(EXPIRE_OVERDUE.every);
        }
    }

    #[test]
    fn jobs_are_claimed_independently_of_each_other() {
        let db = fresh_database();
        let conn = &mut db.connection();
        let now = ManualClock::default().now();
        let hourly = PeriodicJob {
            name: "hourly_report",
            every: Duration::hours(1),
        };
        let a = instance("a");
        assert_eq!(
            claim_run(conn, &EXPIRE_OVERDUE, &a, now).unwrap(),
            Claim::Won
        );
        assert_eq!(claim_run(conn, &hourly, &a, now).unwrap(), Claim::Won);
        assert_eq!(
            claim_run(conn, &hourly, &a, now + Duration::minutes(59)).unwrap(),
            Claim::NotDue
        );
    }

    #[test]
    fn an_instance_name_names_the_host_and_process_and_differs_between_instances() {
        let (first, second) = (
            InstanceName::of_this_process(),
            InstanceName::of_this_process(),
        );
        assert!(first
            .as_str()
            .contains(&format!("/{}/", std::process::id())));
        assert_ne!(first, second);
    }
}
