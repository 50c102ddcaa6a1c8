//! The people the simulator knows. Their TC Kimlik numbers are valid (both check digits
//! right) but belong to nobody; their passwords are public test credentials listed in the
//! README, stored here only as argon2id PHC strings (default parameters), computed once
//! beforehand so that start-up hashes nothing.
//!
//! For load tests a development server may also know many generated citizens
//! (`EDEVLET_SIMULATOR_GENERATED_CITIZENS=N`): the `n`-th (0 ≤ n < N) has the TC Kimlik No
//! `9` + `n` in eight digits + its two check digits, the name "Deneme Vatandaş" with a
//! letter code of `n`, and the password `Deneme-` + its TC Kimlik No. Their passwords are
//! compared as text, without argon2: they exist only where the simulator does.

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

/// A person as e-Devlet describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citizen {
    pub tckn: String,
    pub first_name: String,
    pub last_name: String,
}

impl From<&TestCitizen> for Citizen {
    fn from(known: &TestCitizen) -> Citizen {
        Citizen {
            tckn: known.tckn.to_owned(),
            first_name: known.first_name.to_owned(),
            last_name: known.last_name.to_owned(),
        }
    }
}

/// The most generated citizens a server may know (eight digits of index).
pub const MAX_GENERATED: u32 = 100_000_000;

/// Everyone the simulator knows: the five test citizens and, when configured, `generated`
/// generated ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Citizens {
    pub generated: u32,
}

impl Citizens {
    pub fn find(self, tckn: &str) -> Option<Citizen> {
        if let Some(known) = CITIZENS.iter().find(|c| c.tckn == tckn) {
            return Some(known.into());
        }
        generated_index(tckn)
            .filter(|n| *n < self.generated)
            .map(generated_citizen)
    }

    /// Checks `password`. A test citizen's is checked against its argon2 hash, an unknown
    /// number's against the dummy hash, so both take the same time. Slow (argon2): call it on
    /// a blocking thread.
    pub fn verify_password(self, tckn: &str, password: &str) -> Option<Citizen> {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};

        if let Some(citizen) = self.find(tckn).filter(|_| is_generated(tckn)) {
            let expected = generated_password(tckn);
            return crate::secrets::constant_time_eq(password, &expected).then_some(citizen);
        }
        let known = CITIZENS.iter().find(|c| c.tckn == tckn);
        let phc = known.map_or(DUMMY_PASSWORD_HASH, |c| c.password_hash);
        let matches = PasswordHash::new(phc).is_ok_and(|hash| {
            argon2::Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        });
        known.filter(|_| matches).map(Citizen::from)
    }
}

/// The `n`-th generated citizen (whether a server knows it depends on its configuration).
pub fn generated_citizen(n: u32) -> Citizen {
    let first_nine = format!("9{:08}", n % MAX_GENERATED);
    let digits: Vec<u32> = first_nine.chars().filter_map(|c| c.to_digit(10)).collect();
    let odd: u32 = digits.iter().step_by(2).sum();
    let even: u32 = digits.iter().skip(1).step_by(2).sum();
    let tenth = (odd * 7 + 10 * 9 - even) % 10;
    let eleventh = (digits.iter().sum::<u32>() + tenth) % 10;
    Citizen {
        tckn: format!("{first_nine}{tenth}{eleventh}"),
        first_name: "Deneme".to_owned(),
        last_name: format!("Vatandaş {}", letter_code(n)),
    }
}

/// The documented password of a generated citizen.
pub fn generated_password(tckn: &str) -> String {
    format!("Deneme-{tckn}")
}

fn is_generated(tckn: &str) -> bool {
    generated_index(tckn).is_some()
}

/// `n` when `tckn` is the `n`-th generated citizen's number.
fn generated_index(tckn: &str) -> Option<u32> {
    let rest = tckn.strip_prefix('9')?;
    let n: u32 = rest.get(..8)?.parse().ok()?;
    (tckn.len() == 11 && generated_citizen(n).tckn == tckn).then_some(n)
}

/// `n` in letters (A, B, … Z, BA, BB …): names take no digits.
fn letter_code(mut n: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
        n /= 26;
        if n == 0 {
            break;
        }
    }
    letters.iter().rev().collect()
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

    const KNOWN: Citizens = Citizens { generated: 0 };

    #[test]
    fn every_password_hint_verifies_against_its_own_hash_only() {
        for citizen in test_citizens() {
            assert!(citizen.password_hash.starts_with("$argon2id$"));
            assert_eq!(
                KNOWN.verify_password(citizen.tckn, citizen.password_hint),
                Some(Citizen::from(citizen))
            );
        }
        let [first, second, ..] = test_citizens() else {
            panic!("need two citizens")
        };
        assert_eq!(
            KNOWN.verify_password(first.tckn, second.password_hint),
            None
        );
    }

    #[test]
    fn an_unknown_tckn_never_verifies() {
        assert_eq!(KNOWN.verify_password("10000000078", "Test-1001"), None);
        assert_eq!(KNOWN.verify_password("", ""), None);
    }

    #[test]
    fn generated_citizens_have_valid_distinct_numbers_and_names() {
        let mut numbers = std::collections::HashSet::new();
        for n in (0..2_000).chain([MAX_GENERATED - 1]) {
            let citizen = generated_citizen(n);
            assert!(check_digits_hold(&citizen.tckn), "{}", citizen.tckn);
            assert!(Tckn::parse(&citizen.tckn).is_ok());
            assert!(shared::PersonName::parse(&citizen.last_name).is_ok());
            assert!(numbers.insert(citizen.tckn));
        }
        assert_eq!(generated_citizen(27).last_name, "Vatandaş BB");
    }

    #[test]
    fn a_server_knows_only_the_generated_citizens_it_was_told_to() {
        let some = Citizens { generated: 10 };
        let ninth = generated_citizen(9);
        assert_eq!(some.find(&ninth.tckn), Some(ninth.clone()));
        assert_eq!(some.find(&generated_citizen(10).tckn), None);
        assert_eq!(KNOWN.find(&ninth.tckn), None);
        let password = generated_password(&ninth.tckn);
        assert_eq!(
            some.verify_password(&ninth.tckn, &password),
            Some(ninth.clone())
        );
        assert_eq!(some.verify_password(&ninth.tckn, "Deneme-"), None);
        assert_eq!(KNOWN.verify_password(&ninth.tckn, &password), None);
        assert_eq!(
            some.find(test_citizens()[0].tckn).map(|c| c.first_name),
            Some("Ayşe".into())
        );
    }

    #[test]
    fn debug_output_hides_the_password() {
        let text = format!("{:?}", test_citizens()[0]);
        assert!(!text.contains("Test-1001"));
        assert!(!text.contains("argon2"));
    }
}
