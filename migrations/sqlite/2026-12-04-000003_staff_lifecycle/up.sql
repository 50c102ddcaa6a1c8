-- Staff account lifecycle (issue 11): a password set by an operator (a new account or a
-- reset) must be changed by its owner before anything else; a session remembers when its
-- owner last typed the password, so adding or removing a second factor can ask for it again.
ALTER TABLE staff_users ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE staff_sessions ADD COLUMN reauthenticated_at TIMESTAMP;
