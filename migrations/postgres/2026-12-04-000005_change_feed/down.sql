DROP INDEX applications_feed_by_institution;
DROP INDEX applications_feed;
