DROP TABLE payment_records;
