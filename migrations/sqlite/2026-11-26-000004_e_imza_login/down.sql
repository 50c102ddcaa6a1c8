DROP TABLE e_imza_login_challenges;
