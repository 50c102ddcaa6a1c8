-- (institution_id, updated_at) is the start of applications_feed_by_institution (institution_id,
-- updated_at, id), which answers every query it did: one index fewer to move at every change of
-- an application's state. (SQLite's migration of the same name also rewrites its CHECKs and a
-- partial index without constant lists; PostgreSQL evaluates those in place already.)
DROP INDEX applications_institution;
