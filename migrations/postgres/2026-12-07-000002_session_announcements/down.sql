DROP TRIGGER persons_announce_consent ON persons;
DROP FUNCTION nes_announce_consent_change();
DROP TRIGGER sessions_announce_end ON sessions;
DROP FUNCTION nes_announce_session_end();
