-- Each instance keeps the applicant sessions it recently found alive in memory
-- (api::auth::session_cache): the database announces, on the `nes_sessions` channel, every
-- session that ends and every change of a person's e-Onay consent, delivered to every
-- instance's listener when the transaction commits — whichever code path made the change.
CREATE FUNCTION nes_announce_session_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nes_sessions', 's:' || OLD.id_hash);
  RETURN NULL;
END
$$;

CREATE TRIGGER sessions_announce_end AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION nes_announce_session_end();

CREATE FUNCTION nes_announce_consent_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('nes_sessions', 'p:' || OLD.tckn);
  ELSE
    PERFORM pg_notify('nes_sessions', 'p:' || NEW.tckn);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER persons_announce_consent AFTER INSERT OR DELETE OR UPDATE OF e_onay_consent_at
  ON persons FOR EACH ROW EXECUTE FUNCTION nes_announce_consent_change();
