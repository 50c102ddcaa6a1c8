-- Payments recorded by Kamu SM's operators (issue 13): the amount, the day it reached the
-- account and the receipt or transaction number the operator read it from. A reversal keeps
-- the row and says who took it back, when and why; at most one unreversed row per
-- application, which the application's row lock (and this index) guarantee.
CREATE TABLE payment_records (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    amount_kurus BIGINT NOT NULL,
    paid_on TEXT NOT NULL,
    receipt_number TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL,
    reversed_at TIMESTAMP,
    reversed_by TEXT,
    reversal_reason TEXT
);
CREATE UNIQUE INDEX payment_records_one_standing ON payment_records (application_id)
    WHERE reversed_at IS NULL;
CREATE INDEX payment_records_application ON payment_records (application_id, recorded_at);
