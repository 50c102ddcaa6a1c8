//! ISO 7064 MOD 97-10, the check of payment references and IBANs.

/// The remainder of `text` read as one number modulo 97, letters counting as 10–35 (two
/// digits each, as ISO 13616 and ISO 7064 read them); other characters count as 0.
pub(crate) fn mod97(text: impl IntoIterator<Item = char>) -> u64 {
    let mut remainder: u64 = 0;
    for c in text {
        let value = c.to_digit(36).map(u64::from).unwrap_or(0);
        let digits = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * digits + value) % 97;
    }
    remainder
}
