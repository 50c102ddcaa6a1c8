DROP INDEX outbox_webhook_deliveries;
DROP TABLE webhook_attempts;
DROP TABLE webhook_endpoints;
CREATE TABLE outbox_with_webhooks (
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
INSERT INTO outbox_with_webhooks SELECT * FROM outbox WHERE channel <> 'webhook';
DROP TABLE outbox;
ALTER TABLE outbox_with_webhooks RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
