-- Webhooks (issue 12): an institution's endpoints, signed with the Standard Webhooks scheme.
-- A message to an endpoint is an `outbox` row (channel `webhook`, recipient = endpoint id,
-- subject = the webhook-id, body = the JSON payload), queued in the transaction of the
-- change it reports; every attempt to deliver it is logged in `webhook_attempts`.
-- Secrets are sealed with NES_SECRET_KEY; during a rotation the previous secret signs too
-- until `previous_secret_expires_at`. `failing_since` is the first failed attempt since the
-- last success: an endpoint failing for as long as a message is retried is disabled.
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check,
    ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms', 'webhook'));

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
