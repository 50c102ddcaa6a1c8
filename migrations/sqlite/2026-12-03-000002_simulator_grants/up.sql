-- What the e-Devlet simulator remembers between requests. Several API processes serve behind
-- one load balancer, so a code issued by one must be redeemable at another: the grants live
-- here, not in a process's memory. Codes and tokens are stored only as SHA-256 (hex); the
-- citizen is one of the simulator's test citizens, by TCKN.
CREATE TABLE edevlet_simulator_codes (
    code_hash TEXT PRIMARY KEY NOT NULL,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    tckn TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX edevlet_simulator_codes_expiry ON edevlet_simulator_codes (expires_at);

CREATE TABLE edevlet_simulator_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    tckn TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX edevlet_simulator_tokens_expiry ON edevlet_simulator_tokens (expires_at);
