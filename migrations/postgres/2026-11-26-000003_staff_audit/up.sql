-- Institutions, their API keys, staff accounts (officers and operators), login throttling and
-- the append-only, hash-chained audit log (issue 5).

CREATE TABLE institutions (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL
);

-- The name column stays as the display copy that the applicant's pages and the idempotency
-- index already use; the id is what authorization goes by.
ALTER TABLE applications ADD COLUMN institution_id TEXT REFERENCES institutions (id);
CREATE INDEX applications_institution ON applications (institution_id, updated_at);
-- Applications made before institutions were records: one institution per name used.
INSERT INTO institutions (id, code, name, created_at, created_by)
    SELECT id, 'K-' || upper(substr(id, 1, 8)), institution, created_at, 'migration'
    FROM (SELECT md5(random()::text || institution) AS id, institution, MIN(created_at) AS created_at
          FROM applications GROUP BY institution) AS named;
UPDATE applications
    SET institution_id = (SELECT i.id FROM institutions i WHERE i.name = applications.institution);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    institution_id TEXT NOT NULL REFERENCES institutions (id),
    name TEXT NOT NULL,
    key_prefix TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TIMESTAMP,
    revoked_by TEXT,
    last_used_at TIMESTAMP
);
CREATE INDEX api_keys_institution ON api_keys (institution_id);

CREATE TABLE staff_users (
    id TEXT PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    role TEXT NOT NULL CHECK (role IN ('officer', 'operator')),
    institution_id TEXT REFERENCES institutions (id),
    password_hash TEXT NOT NULL,
    totp_secret_sealed TEXT,
    totp_pending_secret_sealed TEXT,
    totp_enabled_at TIMESTAMP,
    totp_last_step BIGINT,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT NOT NULL,
    disabled_at TIMESTAMP,
    -- An officer belongs to exactly one institution; an operator to none.
    CHECK ((role = 'officer' AND institution_id IS NOT NULL)
        OR (role = 'operator' AND institution_id IS NULL))
);

CREATE TABLE staff_sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('password_ok', 'active')),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    absolute_expires_at TIMESTAMP NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

-- Keyed by what was typed (known user or not), so throttling reveals nothing.
CREATE TABLE login_throttle (
    subject TEXT PRIMARY KEY NOT NULL,
    consecutive_failures INTEGER NOT NULL,
    last_failure_at TIMESTAMP NOT NULL,
    locked_at TIMESTAMP
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY NOT NULL,
    at TIMESTAMP NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
    target TEXT,
    institution_id TEXT,
    detail TEXT,
    client_ip TEXT,
    user_agent TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_institution ON audit_log (institution_id, seq);

-- The chain's end, one row: writers update it in their transaction, which serialises them.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    last_seq BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only: the log can only grow.
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
