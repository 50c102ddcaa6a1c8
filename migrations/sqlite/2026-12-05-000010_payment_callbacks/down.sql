DROP TABLE payment_callbacks;
