CREATE INDEX applications_institution ON applications (institution_id, updated_at);
DROP INDEX applications_one_open_per_institution;
CREATE UNIQUE INDEX applications_one_open_per_institution ON applications (tckn, institution_id)
    WHERE state NOT IN ('delivered', 'cancelled', 'expired');

CREATE TABLE outbox_checked_by_list (
    id TEXT PRIMARY KEY NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
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
INSERT INTO outbox_checked_by_list SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_checked_by_list RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, channel, next_attempt_at);
CREATE INDEX outbox_webhook_deliveries ON outbox (recipient, created_at) WHERE channel = 'webhook';

CREATE TABLE e_imza_login_challenges_checked_by_list (
    id TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    browser_binding_hash TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    -- waiting → signing → accepted → logged_in; or refused; or superseded by a newer challenge
    -- of the same browser. Expiry is decided from expires_at, as for signing sessions.
    status TEXT NOT NULL CHECK (status IN ('waiting', 'signing', 'accepted', 'refused', 'superseded', 'logged_in')),
    document TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    requested_ip TEXT,
    requested_user_agent TEXT,
    refusal_code TEXT,
    -- Who signed: set when the signature is accepted, from the certificate.
    tckn TEXT,
    first_name TEXT,
    last_name TEXT,
    certificate_serial TEXT,
    certificate_issuer TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status NOT IN ('accepted', 'logged_in') OR tckn IS NOT NULL)
);
INSERT INTO e_imza_login_challenges_checked_by_list SELECT * FROM e_imza_login_challenges;
DROP TABLE e_imza_login_challenges;
ALTER TABLE e_imza_login_challenges_checked_by_list RENAME TO e_imza_login_challenges;
CREATE INDEX e_imza_login_challenges_browser ON e_imza_login_challenges (browser_binding_hash, created_at);
CREATE INDEX e_imza_login_challenges_expiry ON e_imza_login_challenges (expires_at);

CREATE TABLE webauthn_ceremonies_checked_by_list (
    id_hash TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('applicant_registration', 'applicant_login', 'staff_registration', 'staff_verification')),
    owner TEXT,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
INSERT INTO webauthn_ceremonies_checked_by_list SELECT * FROM webauthn_ceremonies;
DROP TABLE webauthn_ceremonies;
ALTER TABLE webauthn_ceremonies_checked_by_list RENAME TO webauthn_ceremonies;
CREATE INDEX webauthn_ceremonies_expiry ON webauthn_ceremonies (expires_at);

CREATE TABLE payment_callbacks_checked_by_list (
    id TEXT PRIMARY KEY NOT NULL,
    transaction_id TEXT NOT NULL UNIQUE,
    webhook_id TEXT NOT NULL,
    payment_reference TEXT NOT NULL,
    amount_kurus BIGINT NOT NULL,
    currency TEXT NOT NULL,
    paid_at TIMESTAMP NOT NULL,
    application_id TEXT REFERENCES applications (id),
    outcome TEXT NOT NULL CHECK (outcome IN
        ('applied', 'duplicate', 'amount_mismatch', 'unknown_reference', 'not_payable')),
    detail TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
INSERT INTO payment_callbacks_checked_by_list SELECT * FROM payment_callbacks;
DROP TABLE payment_callbacks;
ALTER TABLE payment_callbacks_checked_by_list RENAME TO payment_callbacks;
CREATE INDEX payment_callbacks_webhook_id ON payment_callbacks (webhook_id);
CREATE INDEX payment_callbacks_received ON payment_callbacks (received_at);
CREATE INDEX payment_callbacks_outcome ON payment_callbacks (outcome, received_at);
CREATE INDEX payment_callbacks_application ON payment_callbacks (application_id, received_at);
