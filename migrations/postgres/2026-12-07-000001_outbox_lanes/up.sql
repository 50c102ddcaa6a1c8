-- The outbox worker claims each channel's due messages in a lane of its own (an SMS code does
-- not wait behind an import's e-mails): the index leads with the channel it asks for.
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (status, channel, next_attempt_at);
