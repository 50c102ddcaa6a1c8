-- Webhooks (issue 12): an institution's endpoints, signed with the Standard Webhooks scheme.
-- A message to an endpoint is an `outbox` row (channel `webhook`, recipient = endpoint id,
-- subject = the webhook-id, body = the JSON payload), queued in the transaction of the
-- change it reports; every attempt to deliver it is logged in `webhook_attempts`.
-- Secrets are sealed with NES_SECRET_KEY; during a rotation the previous secret signs too
-- until `previous_secret_expires_at`. `failing_since` is the first failed attempt since the
-- last success: an endpoint failing for as long as a message is retried is disabled.
-- The outbox carries webhooks too: SQLite cannot change a CHECK constraint in place, so the
-- table is built again with the third channel.
CREATE TABLE outbox_with_webhooks (
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
INSERT INTO outbox_with_webhooks SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_with_webhooks RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    event_types TEXT,
    secret_sealed TEXT NOT NULL,
    previous_secret_sealed TEXT,
    previous_secret_expires_at TIMESTAMP,
    failing_since TIMESTAMP,
    disabled_at TIMESTAMP,
    disabled_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_endpoints_institution ON webhook_endpoints (institution_id);

CREATE TABLE webhook_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    delivery_id TEXT NOT NULL,
    endpoint_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, attempted_at);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);

-- An endpoint's deliveries, newest first, without scanning the e-mails and SMS.
CREATE INDEX outbox_webhook_deliveries ON outbox (recipient, created_at) WHERE channel = 'webhook';
