-- SQLite evaluates `x IN ('a', 'b', 'c')` — three constants or more — by building a temporary
-- b-tree of the constants each time a statement runs, and a CHECK or a partial index's WHERE
-- is evaluated for every row a statement writes: every UPDATE of an application's state built
-- two (the partial index's WHERE, for the row before and after), every message queued two
-- (channel and status), every delivery recorded one — about twelve of the applicant path's
-- writes, 7 % of its instructions (docs/benchmarks.md, "Temporary b-trees in the writes").
-- The same rules as comparisons joined by AND / OR are evaluated in place.
DROP INDEX applications_one_open_per_institution;
CREATE UNIQUE INDEX applications_one_open_per_institution ON applications (tckn, institution_id)
    WHERE state <> 'delivered' AND state <> 'cancelled' AND state <> 'expired';

-- SQLite cannot change a CHECK constraint in place: the outbox is built again.
CREATE TABLE outbox_checked_in_place (
    id TEXT PRIMARY KEY NOT NULL,
    channel TEXT NOT NULL CHECK (channel = 'email' OR channel = 'sms' OR channel = 'webhook'),
    purpose TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    sealed BOOLEAN NOT NULL,
    application_id TEXT REFERENCES applications (id),
    status TEXT NOT NULL CHECK (status = 'pending' OR status = 'delivered' OR status = 'failed'),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);
INSERT INTO outbox_checked_in_place SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_checked_in_place RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, channel, next_attempt_at);
CREATE INDEX outbox_webhook_deliveries ON outbox (recipient, created_at) WHERE channel = 'webhook';

-- (institution_id, updated_at) is the start of applications_feed_by_institution (institution_id,
-- updated_at, id), which answers every query it did: one index fewer to move at every change of
-- an application's state.
DROP INDEX applications_institution;

-- The other tables whose CHECKs listed three values or more, built again the same way (each
-- write of theirs built a temporary b-tree too). signing_sessions keeps its list: evidence rows
-- reference it, and a referenced table cannot be built again inside a migration's transaction
-- with foreign keys on; it is written a few times an approval with e-İmza.
CREATE TABLE e_imza_login_challenges_checked_in_place (
    id TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    browser_binding_hash TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    -- waiting → signing → accepted → logged_in; or refused; or superseded by a newer challenge
    -- of the same browser. Expiry is decided from expires_at, as for signing sessions.
    status TEXT NOT NULL CHECK (status = 'waiting' OR status = 'signing' OR status = 'accepted'
        OR status = 'refused' OR status = 'superseded' OR status = 'logged_in'),
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
INSERT INTO e_imza_login_challenges_checked_in_place SELECT * FROM e_imza_login_challenges;
DROP TABLE e_imza_login_challenges;
ALTER TABLE e_imza_login_challenges_checked_in_place RENAME TO e_imza_login_challenges;
CREATE INDEX e_imza_login_challenges_browser ON e_imza_login_challenges (browser_binding_hash, created_at);
CREATE INDEX e_imza_login_challenges_expiry ON e_imza_login_challenges (expires_at);

CREATE TABLE webauthn_ceremonies_checked_in_place (
    id_hash TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind = 'applicant_registration' OR kind = 'applicant_login'
        OR kind = 'staff_registration' OR kind = 'staff_verification'),
    owner TEXT,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
INSERT INTO webauthn_ceremonies_checked_in_place SELECT * FROM webauthn_ceremonies;
DROP TABLE webauthn_ceremonies;
ALTER TABLE webauthn_ceremonies_checked_in_place RENAME TO webauthn_ceremonies;
CREATE INDEX webauthn_ceremonies_expiry ON webauthn_ceremonies (expires_at);

CREATE TABLE payment_callbacks_checked_in_place (
    id TEXT PRIMARY KEY NOT NULL,
    transaction_id TEXT NOT NULL UNIQUE,
    webhook_id TEXT NOT NULL,
    payment_reference TEXT NOT NULL,
    amount_kurus BIGINT NOT NULL,
    currency TEXT NOT NULL,
    paid_at TIMESTAMP NOT NULL,
    application_id TEXT REFERENCES applications (id),
    outcome TEXT NOT NULL CHECK (outcome = 'applied' OR outcome = 'duplicate'
        OR outcome = 'amount_mismatch' OR outcome = 'unknown_reference' OR outcome = 'not_payable'),
    detail TEXT NOT NULL,
    received_at TIMESTAMP NOT NULL
);
INSERT INTO payment_callbacks_checked_in_place SELECT * FROM payment_callbacks;
DROP TABLE payment_callbacks;
ALTER TABLE payment_callbacks_checked_in_place RENAME TO payment_callbacks;
CREATE INDEX payment_callbacks_webhook_id ON payment_callbacks (webhook_id);
CREATE INDEX payment_callbacks_received ON payment_callbacks (received_at);
CREATE INDEX payment_callbacks_outcome ON payment_callbacks (outcome, received_at);
CREATE INDEX payment_callbacks_application ON payment_callbacks (application_id, received_at);
