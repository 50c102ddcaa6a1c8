-- How an application's smart card travels to the applicant: recorded by the Kamu SM operator
-- with the `shipped` production step, shown on the applicant's timeline (issue 5).
CREATE TABLE shipments (
    application_id TEXT PRIMARY KEY NOT NULL REFERENCES applications (id),
    courier TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    shipped_at TIMESTAMP NOT NULL,
    recorded_by TEXT NOT NULL
);
