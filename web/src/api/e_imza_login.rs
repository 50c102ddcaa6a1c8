//! Typed calls of the e_imza_login area.
