-- One open application per person and institution — the institution by its id, not by the
-- free-text label an integrator sends (which let two institutions collide on one label and
-- let one institution open two applications for one person under two wordings).
DROP INDEX applications_one_open_per_institution;

-- Under the old rule one person could hold several open applications of one institution
-- under different labels: all but the newest expire, each with its event.
CREATE TEMPORARY TABLE superseded_applications AS
    SELECT a.id, a.state FROM applications a
    WHERE a.state NOT IN ('delivered', 'cancelled', 'expired')
      AND EXISTS (
          SELECT 1 FROM applications b
          WHERE b.tckn = a.tckn AND b.institution_id = a.institution_id
            AND b.state NOT IN ('delivered', 'cancelled', 'expired')
            AND (b.created_at > a.created_at OR (b.created_at = a.created_at AND b.id > a.id)));
INSERT INTO application_events (application_id, at, kind, from_state, to_state, actor_kind, actor_id)
    SELECT id, (now() AT TIME ZONE 'UTC'), 'expired', state, 'expired', 'system', 'migration'
    FROM superseded_applications;
UPDATE applications SET state = 'expired', version = version + 1, updated_at = (now() AT TIME ZONE 'UTC')
    WHERE id IN (SELECT id FROM superseded_applications);
DROP TABLE superseded_applications;

CREATE UNIQUE INDEX applications_one_open_per_institution ON applications (tckn, institution_id)
    WHERE state NOT IN ('delivered', 'cancelled', 'expired');
