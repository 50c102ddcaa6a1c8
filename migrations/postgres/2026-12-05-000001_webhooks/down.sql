DROP INDEX outbox_webhook_deliveries;
DROP TABLE webhook_attempts;
DROP TABLE webhook_endpoints;
DELETE FROM outbox WHERE channel = 'webhook';
ALTER TABLE outbox DROP CONSTRAINT outbox_channel_check,
    ADD CONSTRAINT outbox_channel_check CHECK (channel IN ('email', 'sms'));
