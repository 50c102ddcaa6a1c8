DROP INDEX applications_one_open_per_institution;
CREATE UNIQUE INDEX applications_one_open_per_institution ON applications (tckn, institution)
    WHERE state NOT IN ('delivered', 'cancelled', 'expired');
