-- The change feed (list_pre_applications) walks applications in (updated_at, id) order, per
-- institution for an institution's caller and across them for an operator.
CREATE INDEX applications_feed_by_institution ON applications (institution_id, updated_at, id);
CREATE INDEX applications_feed ON applications (updated_at, id);
