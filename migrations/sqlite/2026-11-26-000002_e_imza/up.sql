-- Approval with e-İmza: a signing session links the web page (its one-time verification
-- code) with the desktop signing application (its bearer token), for one application.
CREATE TABLE signing_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id),
    browser_session_hash TEXT NOT NULL,
    code_hash TEXT NOT NULL UNIQUE,
    token_hash TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'signing', 'accepted', 'refused', 'superseded')),
    document TEXT NOT NULL,
    document_sha256 TEXT NOT NULL,
    taahhutname_version TEXT NOT NULL,
    taahhutname_sha256 TEXT NOT NULL,
    refusal_code TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX signing_sessions_application ON signing_sessions (application_id, created_at);

-- Every signature upload and what the verification said: why a signature was refused.
CREATE TABLE signature_attempts (
    id TEXT PRIMARY KEY NOT NULL,
    signing_session_id TEXT NOT NULL REFERENCES signing_sessions (id),
    at TIMESTAMP NOT NULL,
    outcome TEXT NOT NULL,
    certificate_subject TEXT,
    client_ip TEXT,
    user_agent TEXT
);

-- The evidence of an e-İmza approval: the CMS as uploaded and the signer's certificate.
CREATE TABLE signature_evidence (
    application_id TEXT PRIMARY KEY NOT NULL REFERENCES applications (id),
    signing_session_id TEXT NOT NULL REFERENCES signing_sessions (id),
    cms BLOB NOT NULL,
    certificate BLOB NOT NULL,
    certificate_serial TEXT NOT NULL,
    subject_cn TEXT NOT NULL,
    issuer_cn TEXT NOT NULL,
    signing_time TIMESTAMP NOT NULL,
    verified_at TIMESTAMP NOT NULL
);
