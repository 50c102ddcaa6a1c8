-- Fixed-window request budgets shared by every API instance (`rate_limit.rs`): one row per
-- budget and client (or the budget's global row), counting hits until `window_ends_at`.
CREATE TABLE rate_limits (
    bucket TEXT PRIMARY KEY NOT NULL,
    hits INTEGER NOT NULL,
    window_ends_at TIMESTAMP NOT NULL
);
CREATE INDEX rate_limits_window_ends_at ON rate_limits (window_ends_at);
