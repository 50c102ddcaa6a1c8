ALTER TABLE staff_sessions DROP COLUMN reauthenticated_at;
ALTER TABLE staff_users DROP COLUMN password_change_required;
