-- Idempotency keys (issue 12): the first answer to a back-office POST sent with an
-- `Idempotency-Key` header, kept for 24 hours per caller and key with a fingerprint of the
-- request, so that a retry gets the same answer instead of doing the work again.
-- `status_code` is NULL while the first request runs; `locked_until` bounds that, so a
-- key whose first request died with its instance can be taken over.
CREATE TABLE idempotency_keys (
    caller TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status_code INTEGER,
    content_type TEXT,
    response_body BYTEA,
    locked_until TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
