-- The form a signing session's document carries, and the form an approval approved: a
-- signature approves only the very form it was made over.
ALTER TABLE signing_sessions ADD COLUMN form_sha256 TEXT;
ALTER TABLE approvals ADD COLUMN form_sha256 TEXT;

-- One live verification code per application, whatever runs at once.
CREATE UNIQUE INDEX signing_sessions_one_open_per_application
    ON signing_sessions (application_id) WHERE status IN ('waiting', 'signing');
