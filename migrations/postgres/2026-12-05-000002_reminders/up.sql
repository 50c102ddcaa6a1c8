-- Reminders of the deadline (issue 12): one row per application and reminder (7 and 1 days
-- before), inserted in the transaction that queues the messages — the key makes each go once
-- however many instances run the job.
CREATE TABLE application_reminders (
    application_id TEXT NOT NULL REFERENCES applications (id),
    days_before INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (application_id, days_before)
);
