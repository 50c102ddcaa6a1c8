DROP TABLE edevlet_simulator_tokens;
DROP TABLE edevlet_simulator_codes;
