DROP TABLE application_reminders;
