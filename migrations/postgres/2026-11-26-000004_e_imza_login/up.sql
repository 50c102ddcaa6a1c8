-- Logging in with e-İmza (issue 5): a login challenge links the login page (its one-time
-- verification code, and the browser that asked for it through a binding cookie) with the
-- desktop signing application (its bearer token). Its own table rather than a purpose column
-- on signing_sessions: a login has no application (signing_sessions.application_id is NOT
-- NULL, and SQLite cannot relax that without rebuilding the table that signature_attempts and
-- signature_evidence reference), no Taahhütname, and ends in a session instead of an approval.
-- The code, the binding id and the token are stored only as SHA-256.
CREATE TABLE e_imza_login_challenges (
    id TEXT PRIMARY KEY NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    browser_binding_hash TEXT NOT NULL,
    token_hash TEXT UNIQUE,
    -- waiting → signing → accepted → logged_in; or refused; or superseded by a newer challenge
    -- of the same browser. Expiry is decided from expires_at, as for signing sessions.
    status TEXT NOT NULL CHECK (status IN ('waiting', 'signing', 'accepted', 'refused', 'superseded', 'logged_in')),
    document TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    requested_ip TEXT,
    requested_user_agent TEXT,
    refusal_code TEXT,
    -- Who signed: set when the signature is accepted, from the certificate.
    tckn TEXT,
    first_name TEXT,
    last_name TEXT,
    certificate_serial TEXT,
    certificate_issuer TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (status NOT IN ('accepted', 'logged_in') OR tckn IS NOT NULL)
);
CREATE INDEX e_imza_login_challenges_browser ON e_imza_login_challenges (browser_binding_hash, created_at);
CREATE INDEX e_imza_login_challenges_expiry ON e_imza_login_challenges (expires_at);
