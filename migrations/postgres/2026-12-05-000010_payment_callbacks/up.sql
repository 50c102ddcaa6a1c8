-- Payment callbacks (issue 12): every callback a payment provider sent, whatever became of
-- it. `transaction_id` (the provider's id of the payment) is unique, so the same payment
-- reported again — a retry, a replay, fifty at once, on any instance — finds the first row
-- and gets its answer; only an `applied` row changed an application. Mismatches,
-- unknown references and payments with nothing to pay stay here for the operators.
CREATE TABLE payment_callbacks (
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
-- A webhook-id delivered before with another transaction is a duplicate message.
CREATE INDEX payment_callbacks_webhook_id ON payment_callbacks (webhook_id);
-- The operator's list: newest first, by outcome or by application.
CREATE INDEX payment_callbacks_received ON payment_callbacks (received_at);
CREATE INDEX payment_callbacks_outcome ON payment_callbacks (outcome, received_at);
CREATE INDEX payment_callbacks_application ON payment_callbacks (application_id, received_at);
