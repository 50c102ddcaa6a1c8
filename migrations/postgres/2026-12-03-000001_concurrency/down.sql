DROP INDEX signing_sessions_one_open_per_application;
ALTER TABLE approvals DROP COLUMN form_sha256;
ALTER TABLE signing_sessions DROP COLUMN form_sha256;
