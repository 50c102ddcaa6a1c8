//! The people the simulator knows. Their TC Kimlik numbers are valid (both check digits
//! right) but belong to nobody; their passwords are public test credentials listed in the
//! README, stored here only as argon2id PHC strings (default parameters), computed once
//! beforehand so that start-up hashes nothing.

/// A person who can log in at the simulator.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TestCitizen {
    pub tckn: &'static str,
    /// "ad" in e-Devlet's answer.
    pub first_name: &'static str,
    /// "soyad" in e-Devlet's answer.
    pub last_name: &'static str,
    /// The plaintext test password, for developers and tests.
    pub password_hint: &'static str,
    /// argon2id PHC string of `password_hint`.
    pub(crate) password_hash: &'static str,
}

impl std::fmt::Debug for TestCitizen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCitizen")
            .field("tckn", &self.tckn)
            .field("first_name", &self.first_name)
            .field("last_name", &self.last_name)
            .finish_non_exhaustive()
    }
}

const CITIZENS: &[TestCitizen] = &[
    TestCitizen {
        tckn: "10000000146",
        first_name: "Ayşe",
        last_name: "Yılmaz",
        password_hint: "Test-1001",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$0lr3rV+zECiTAgp9gpGB4w$pwMbaVfz9yj4sgEu3xgM2ZRH3uEcCZLKQ/zjdtg7PQg",
    },
    TestCitizen {
        tckn: "10000000214",
        first_name: "Mehmet",
        last_name: "Öztürk",
        password_hint: "Test-1002",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$kWXKUGpKxAlsIby6Qv5ZXg$Iw8plQLKvPhLy1VwZq5kBQmtZc90aRewhjHKSxJk/Us",
    },
    TestCitizen {
        tckn: "10000000382",
        first_name: "Zeynep",
        last_name: "Çelik",
        password_hint: "Test-1003",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$N4eGnUdpt5ygdQumGy1voQ$SwhlTdYMyZJen03ebX/0mDdUywEla2ShcHbibeewKVY",
    },
    TestCitizen {
        tckn: "10000000450",
        first_name: "Emre",
        last_name: "Şahin",
        password_hint: "Test-1004",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$C38B/qOdZg2cQIcL5adSLw$b25Uls8s5DbMdvgtvRSQ1rrB3Qm7wjrKbwxyDghnoAw",
    },
    TestCitizen {
        tckn: "10000000528",
        first_name: "İbrahim",
        last_name: "Güneş",
        password_hint: "Test-1005",
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$ps2m1AVShQkVyWV/nSfrMg$4Lw3njn+W268uvbzulvqvEyjH3eWqyHFhrUf3RGtv7E",
    },
];

/// The hash an unknown TC Kimlik No is checked against, so that a wrong number costs as
/// much time as a wrong password. Its password is random and was thrown away.
pub(crate) const DUMMY_PASSWORD_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$v/41PfNaPG9rhdlv1S1x8g$zP4DObTPa/1EFrQ5m6T4CY+DKLxfLoulzz+UbujZRBo";

pub fn test_citizens() -> &'static [TestCitizen] {
    CITIZENS
}

pub fn find(tckn: &str) -> Option<&'static TestCitizen> {
    CITIZENS.iter().find(|c| c.tckn == tckn)
}

/// Checks `password` against the citizen's hash, or against the dummy hash when there is
/// no such citizen, so both cases take the same time. Slow (argon2): call it on a blocking
/// thread.
pub fn verify_password(tckn: &str, password: &str) -> Option<&'static TestCitizen> {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};

    let citizen = find(tckn);
    let phc = citizen.map_or(DUMMY_PASSWORD_HASH, |c| c.password_hash);
    let matches = PasswordHash::new(phc).is_ok_and(|hash| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    });
    citizen.filter(|_| matches)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use shared::Tckn;

    /// The check digits recomputed by hand, independently of `shared::Tckn`.
    fn check_digits_hold(tckn: &str) -> bool {
        let d: Vec<i32> = tckn.bytes().map(|b| i32::from(b - b'0')).collect();
        let odd = d[0] + d[2] + d[4] + d[6] + d[8];
        let even = d[1] + d[3] + d[5] + d[7];
        d.len() == 11
            && d[0] != 0
            && (odd * 7 - even).rem_euclid(10) == d[9]
            && d[..10].iter().sum::<i32>().rem_euclid(10) == d[10]
    }

    #[test]
    fn every_test_citizen_has_a_valid_tckn() {
        for citizen in test_citizens() {
            assert!(check_digits_hold(citizen.tckn), "{}", citizen.tckn);
            assert_eq!(Tckn::parse(citizen.tckn).unwrap().as_str(), citizen.tckn);
        }
    }

    #[test]
    fn there_are_five_distinct_citizens_with_turkish_names() {
        let citizens = test_citizens();
        assert_eq!(citizens.len(), 5);
        let mut numbers: Vec<_> = citizens.iter().map(|c| c.tckn).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), 5);
        assert!(citizens.iter().any(|c| c.first_name == "İbrahim"));
    }

    #[test]
    fn every_password_hint_verifies_against_its_own_hash_only() {
        for citizen in test_citizens() {
            assert!(citizen.password_hash.starts_with("$argon2id$"));
            assert_eq!(
                verify_password(citizen.tckn, citizen.password_hint),
                Some(citizen)
            );
        }
        let [first, second, ..] = test_citizens() else {
            panic!("need two citizens")
        };
        assert_eq!(verify_password(first.tckn, second.password_hint), None);
    }

    #[test]
    fn an_unknown_tckn_never_verifies() {
        assert_eq!(verify_password("10000000078", "Test-1001"), None);
        assert_eq!(verify_password("", ""), None);
    }

    #[test]
    fn debug_output_hides_the_password() {
        let text = format!("{:?}", test_citizens()[0]);
        assert!(!text.contains("Test-1001"));
        assert!(!text.contains("argon2"));
    }
}
