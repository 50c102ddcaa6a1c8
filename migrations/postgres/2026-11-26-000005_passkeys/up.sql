-- Passkeys (WebAuthn). An owner is an applicant (by TCKN) or a staff member (by id); the
-- user handle is the WebAuthn user id the authenticator keeps with a discoverable credential,
-- so a usernameless login finds its owner. An applicant's name is the one e-Devlet gave at
-- their latest registration: a passkey login opens a session with it.
CREATE TABLE passkey_owners (
    user_handle TEXT PRIMARY KEY NOT NULL,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('applicant', 'staff')),
    owner_id TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (owner_kind, owner_id)
);

-- One registered credential: webauthn-rs's `Passkey` (public key, counter, backup state) as
-- JSON, its credential id (base64url) unique across all owners.
CREATE TABLE passkeys (
    id TEXT PRIMARY KEY NOT NULL,
    user_handle TEXT NOT NULL REFERENCES passkey_owners (user_handle),
    credential_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    passkey TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP
);
CREATE INDEX passkeys_owner ON passkeys (user_handle, created_at);

-- Ceremonies between start and finish: the state stays here, the browser holds the random id
-- (only its SHA-256 is stored). A row is deleted before its answer is verified.
CREATE TABLE webauthn_ceremonies (
    id_hash TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('applicant_registration', 'applicant_login', 'staff_registration', 'staff_verification')),
    owner TEXT,
    state TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX webauthn_ceremonies_expiry ON webauthn_ceremonies (expires_at);
