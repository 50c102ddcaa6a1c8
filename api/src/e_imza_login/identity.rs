//! Who a verified login signature names: the TCKN from the subject serialNumber (checked by
//! the verifier), the name from givenName and surname when the certificate has them, else
//! from the common name (its last word is the surname).

use esign::VerifiedSignature;

use crate::auth::Identity;

/// The person a login signature logs in.
pub fn identity_of(signature: &VerifiedSignature) -> Identity {
    let certificate = signature.certificate();
    let given_and_surname = certificate
        .given_name()
        .zip(certificate.surname())
        .filter(|(given, surname)| !given.trim().is_empty() && !surname.trim().is_empty());
    let (first_name, last_name) = match given_and_surname {
        Some((given, surname)) => (given.trim().to_owned(), surname.trim().to_owned()),
        None => split_common_name(certificate.subject_cn()),
    };
    Identity {
        tckn: signature.tckn().clone(),
        first_name: readable(&first_name),
        last_name: readable(&last_name),
    }
}

/// `AYŞE NUR YILMAZ` → (`AYŞE NUR`, `YILMAZ`); a single word is a first name.
fn split_common_name(common_name: &str) -> (String, String) {
    let words: Vec<&str> = common_name.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => (rest.join(" "), (*last).to_owned()),
        Some((only, _)) => ((*only).to_owned(), String::new()),
        None => (String::new(), String::new()),
    }
}

/// NES certificates spell names in capitals; the pages greet people as e-Devlet names them,
/// so an all-capital name is written with Turkish case rules (`İBRAHİM GÜNEŞ` → `İbrahim
/// Güneş`, `IŞIK` → `Işık`). A name already in mixed case is kept as written.
fn readable(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len());
    let mut start_of_word = true;
    for c in name.chars() {
        if start_of_word {
            out.push(c);
        } else {
            match c {
                'I' => out.push('ı'),
                'İ' => out.push('i'),
                other => out.extend(other.to_lowercase()),
            }
        }
        start_of_word = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_names_follow_turkish_case_rules() {
        assert_eq!(readable("İBRAHİM GÜNEŞ"), "İbrahim Güneş");
        assert_eq!(readable("IŞIK ÇELİK"), "Işık Çelik");
        assert_eq!(readable("ALİ-RIZA"), "Ali-Rıza");
        assert_eq!(readable("Ayşe"), "Ayşe");
    }

    #[test]
    fn the_last_word_of_the_common_name_is_the_surname() {
        assert_eq!(
            split_common_name("AYŞE NUR  YILMAZ"),
            ("AYŞE NUR".to_owned(), "YILMAZ".to_owned())
        );
        assert_eq!(split_common_name("CEM"), ("CEM".to_owned(), String::new()));
        assert_eq!(split_common_name(" "), (String::new(), String::new()));
    }
}
