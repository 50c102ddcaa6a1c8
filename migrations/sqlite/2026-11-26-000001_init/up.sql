-- Times are UTC, stored as TIMESTAMP without zone on both backends.

CREATE TABLE persons (
    tckn TEXT PRIMARY KEY NOT NULL,
    e_onay_consent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last_value BIGINT NOT NULL
);

CREATE TABLE applications (
    id TEXT PRIMARY KEY NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    tckn TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    institution TEXT NOT NULL,
    payer TEXT NOT NULL CHECK (payer IN ('institution', 'person')),
    prepaid BOOLEAN NOT NULL,
    paid BOOLEAN NOT NULL,
    state TEXT NOT NULL,
    version BIGINT NOT NULL,
    form_json TEXT,
    draft_json TEXT,
    deadline TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX applications_tckn ON applications (tckn);
-- One open pre-application per person and institution: what makes creation idempotent.
CREATE UNIQUE INDEX applications_one_open_per_institution ON applications (tckn, institution)
    WHERE state NOT IN ('delivered', 'cancelled', 'expired');

CREATE TABLE application_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL REFERENCES applications (id),
    at TIMESTAMP NOT NULL,
    kind TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    client_ip TEXT,
    user_agent TEXT
);
CREATE INDEX application_events_application ON application_events (application_id, id);

CREATE TABLE approvals (
    application_id TEXT PRIMARY KEY NOT NULL REFERENCES applications (id),
    method TEXT NOT NULL CHECK (method IN ('e_onay', 'e_imza')),
    approved_at TIMESTAMP NOT NULL,
    taahhutname_version TEXT NOT NULL,
    taahhutname_sha256 TEXT NOT NULL,
    client_ip TEXT,
    user_agent TEXT
);

CREATE TABLE sms_codes (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    phone TEXT NOT NULL,
    code_hmac TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    failed_attempts INTEGER NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX sms_codes_application ON sms_codes (application_id, sent_at);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    tckn TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    absolute_expires_at TIMESTAMP NOT NULL
);

CREATE TABLE login_attempts (
    state_hash TEXT PRIMARY KEY NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE TABLE outbox (
    id TEXT PRIMARY KEY NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    purpose TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sealed BOOLEAN NOT NULL,
    application_id TEXT REFERENCES applications (id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
