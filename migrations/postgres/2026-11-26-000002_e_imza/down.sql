DROP TABLE signature_evidence;
DROP TABLE signature_attempts;
DROP TABLE signing_sessions;
