-- Periodic jobs that must run once per period across all API processes (the expiry sweep).
-- An instance runs a job only after moving `next_run_at` forward in a conditional UPDATE
-- (`jobs::claim_run`); the row is inserted by the job's first run, which it records.
CREATE TABLE scheduled_jobs (
    name TEXT PRIMARY KEY NOT NULL,
    next_run_at TIMESTAMP NOT NULL,
    last_run_at TIMESTAMP NOT NULL,
    last_run_by TEXT NOT NULL
);
