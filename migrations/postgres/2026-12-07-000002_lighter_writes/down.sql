CREATE INDEX applications_institution ON applications (institution_id, updated_at);
