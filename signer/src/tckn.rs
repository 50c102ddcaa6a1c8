//! Whose certificate is it? The login answer carries the applicant's TCKN masked
//! (`100******46`); the document carries it in full. An NES certificate carries its holder's
//! TCKN in the subject serialNumber.

use shared::Tckn;

/// Whether `candidate` (a certificate's subject serialNumber) fits the masked TCKN `masked`:
/// eleven characters, the first three and the last two digits equal. Masked digits cannot be
/// compared, so "fits" is all this can say.
pub fn matches_masked(masked: &str, candidate: &str) -> bool {
    let masked: Vec<char> = masked.trim().chars().collect();
    let candidate: Vec<char> = candidate.trim().chars().collect();
    if masked.len() != 11 || candidate.len() != 11 {
        return false;
    }
    if !candidate.iter().all(char::is_ascii_digit) {
        return false;
    }
    let visible = |i: usize| !(3..9).contains(&i);
    masked
        .iter()
        .zip(&candidate)
        .enumerate()
        .all(|(i, (m, c))| if visible(i) { m == c } else { *m == '*' })
}

/// The certificate holder compared with the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The certificate's serialNumber is the applicant's TCKN.
    Applicant,
    /// It is another number: the server will refuse (`tckn_mismatch`).
    SomeoneElse,
    /// The certificate has no serialNumber (not an NES certificate).
    Unknown,
}

/// Compares a certificate's serialNumber with the applicant's full TCKN (from the document) and
/// the masked one (from the login answer); both must agree.
pub fn holder(certificate_serial_number: Option<&str>, masked: &str, applicant: &Tckn) -> Holder {
    match certificate_serial_number {
        None => Holder::Unknown,
        Some(serial) if serial.trim() == applicant.as_str() && matches_masked(masked, serial) => {
            Holder::Applicant
        }
        Some(_) => Holder::SomeoneElse,
    }
}

/// A certificate serialNumber shown on screen: masked like a TCKN.
pub fn mask(serial_number: Option<&str>) -> String {
    match serial_number.map(Tckn::parse) {
        Some(Ok(tckn)) => tckn.masked(),
        Some(Err(_)) => "***".to_owned(),
        None => "—".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_tckn_fits_its_own_mask() {
        assert!(matches_masked("100******46", "10000000146"));
        assert!(matches_masked(" 100******46 ", "10000000146"));
    }

    #[test]
    fn a_tckn_with_other_visible_digits_does_not_fit() {
        assert!(!matches_masked("100******46", "20000000146"));
        assert!(!matches_masked("100******46", "10000000147"));
        assert!(!matches_masked("123******90", "10000000146"));
    }

    #[test]
    fn a_mask_without_stars_in_the_middle_is_not_a_mask() {
        assert!(!matches_masked("10000000146", "10000000146"));
        assert!(!matches_masked("100#####46", "10000000146"));
    }

    #[test]
    fn lengths_other_than_eleven_and_non_digits_never_fit() {
        assert!(!matches_masked("100*****46", "1000000146"));
        assert!(!matches_masked("100******46", "100000001460"));
        assert!(!matches_masked("100******46", "100ABCDEF46"));
        assert!(!matches_masked("", ""));
    }

    #[test]
    fn the_applicants_certificate_is_recognised_and_others_are_not() {
        let applicant = Tckn::parse("10000000146").unwrap();
        assert_eq!(
            holder(Some("10000000146"), "100******46", &applicant),
            Holder::Applicant
        );
        // Same visible digits, other hidden ones: the full TCKN tells them apart.
        let other = Tckn::from_first_nine([1, 0, 0, 5, 0, 0, 0, 0, 1]).unwrap();
        assert_eq!(
            holder(Some(other.as_str()), "100******46", &applicant),
            Holder::SomeoneElse
        );
        assert_eq!(holder(None, "100******46", &applicant), Holder::Unknown);
    }

    #[test]
    fn a_login_mask_that_disagrees_with_the_document_is_not_the_applicant() {
        let applicant = Tckn::parse("10000000146").unwrap();
        assert_eq!(
            holder(Some("10000000146"), "200******46", &applicant),
            Holder::SomeoneElse
        );
    }

    #[test]
    fn serial_numbers_are_shown_masked() {
        assert_eq!(mask(Some("10000000146")), "100******46");
        assert_eq!(mask(Some("TR-XYZ")), "***");
        assert_eq!(mask(None), "—");
    }
}
