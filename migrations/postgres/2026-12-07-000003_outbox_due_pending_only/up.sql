-- The claim's index holds the pending messages only, in the claim's order. The index on
-- (status, channel, next_attempt_at) led SQLite to reach delivered messages by id through
-- every pending message (it preferred `status = ?` to `id IN (…)`), and to read a whole
-- group of messages queued at the same instant (a bulk import's thousand e-mails) to order
-- them by created_at for every claim: both grew with the queue (docs/benchmarks.md,
-- "The outbox's index").
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (channel, next_attempt_at, created_at) WHERE status = 'pending';
