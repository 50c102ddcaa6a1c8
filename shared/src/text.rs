//! Free text people type or institutions send: cleaned one way everywhere.
//!
//! Text is put in Unicode normalisation form C first, so that `ş` typed as one code point and
//! `s` + combining cedilla pasted from a word processor are the same text (and the same name
//! on the certificate). Surrounding whitespace is trimmed and inner runs of whitespace (line
//! breaks and tabs included, as a pasted address may have them) become one space. Any other
//! control character, and the invisible bidirectional and zero-width formatting characters,
//! which can make text display differently from what it is, are refused.

use std::ops::RangeInclusive;

use crate::form::FieldErrors;

/// Invisible characters that can make text display differently from what it is.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// NFC, trimmed, whitespace collapsed; `Err("invalid_characters")` for a forbidden character.
pub fn clean(raw: &str) -> Result<String, &'static str> {
    if raw
        .chars()
        .any(|c| (c.is_control() && !c.is_whitespace()) || is_invisible_format(c))
    {
        return Err("invalid_characters");
    }
    Ok(collapsed_nfc(raw))
}

/// `raw` trimmed, its inner runs of whitespace made one space, in NFC. Text that already is
/// (a value read back from the database, most typed text) is copied as it is: the collapse and
/// the normalisation, each a new string, were most of reading a stored name.
pub fn collapsed_nfc(raw: &str) -> String {
    if is_collapsed(raw) && is_nfc(raw) {
        return raw.to_owned();
    }
    nfc(&raw.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// No whitespace at either end, and none inside but single spaces.
fn is_collapsed(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// Certainly in NFC already (the quick check's "yes"; its "maybe" goes the long way).
#[cfg(not(target_arch = "wasm32"))]
fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// In the browser only ASCII is known to be NFC without asking the engine.
#[cfg(target_arch = "wasm32")]
fn is_nfc(s: &str) -> bool {
    s.is_ascii()
}

/// Unicode normalisation form C.
#[cfg(not(target_arch = "wasm32"))]
pub fn nfc(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect()
}

/// Unicode normalisation form C, by the browser (the same standard form; the download carries
/// no Unicode tables).
#[cfg(target_arch = "wasm32")]
pub fn nfc(s: &str) -> String {
    js_sys::JsString::from(s).normalize("NFC").into()
}

/// The cleaned, non-blank text of a required field, or `None` with the error recorded.
pub fn required(errors: &mut FieldErrors, field: &'static str, raw: &str) -> Option<String> {
    match clean(raw) {
        Err(code) => {
            errors.add(field, code);
            None
        }
        Ok(text) if text.is_empty() => {
            errors.add(field, "required");
            None
        }
        Ok(text) => Some(text),
    }
}

/// Checks the length in characters of an already cleaned text.
pub fn bounded(
    errors: &mut FieldErrors,
    field: &'static str,
    text: String,
    limits: RangeInclusive<usize>,
) -> Option<String> {
    let length = text.chars().count();
    if length < *limits.start() {
        errors.add(field, "too_short");
        None
    } else if length > *limits.end() {
        errors.add(field, "too_long");
        None
    } else {
        Some(text)
    }
}

/// A required text of `limits` characters once cleaned.
pub fn required_bounded(
    errors: &mut FieldErrors,
    field: &'static str,
    raw: &str,
    limits: RangeInclusive<usize>,
) -> Option<String> {
    required(errors, field, raw).and_then(|text| bounded(errors, field, text, limits))
}

/// Whether the text holds something a mail reader would make a link of: a scheme (`://`),
/// `www.`, an e-mail address, or a host name such as `evil.example` (letters or digits on
/// both sides of a dot, the part after it at least two letters). Abbreviations such as
/// `T.C.` or `Müd.` are not links.
pub fn contains_link(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.contains("://") || lower.contains("www.") || lower.contains('@') {
        return true;
    }
    lower.split_whitespace().any(|word| {
        let parts: Vec<&str> = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .split('.')
            .collect();
        parts.len() >= 2
            && parts.iter().all(|part| {
                part.chars().count() >= 2 && part.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut for text already clean gives what the long way gives.
        #[test]
        fn collapsed_nfc_is_the_long_way_whatever_the_text(
            raw in "[ a\tİışŞçÇ\u{0307}\u{0327}\u{0308}\n\u{00A0}\u{3000}e]{0,12}"
        ) {
            let long_way = nfc(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
            proptest::prop_assert_eq!(collapsed_nfc(&raw), long_way);
        }
    }

    #[test]
    fn clean_text_takes_the_shortcut_and_the_rest_does_not() {
        assert!(is_collapsed("Bilgi İşlem Dairesi") && is_nfc("Bilgi İşlem Dairesi"));
        assert!(is_collapsed(""));
        for untidy in [" a", "a ", "a  b", "a\tb", "a\u{00A0}b", " "] {
            assert!(!is_collapsed(untidy), "{untidy:?}");
        }
        assert!(!is_nfc("Ays\u{0327}e"));
    }

    #[test]
    fn decomposed_and_composed_text_clean_to_the_same_string() {
        let composed = "Ayşe Gül";
        let decomposed = "Ays\u{0327}e Gu\u{0308}l";
        assert_ne!(composed, decomposed);
        assert_eq!(clean(decomposed).unwrap(), composed);
    }

    #[test]
    fn bidi_overrides_and_zero_width_characters_are_refused() {
        assert_eq!(clean("Kurum \u{202e}evil"), Err("invalid_characters"));
        assert_eq!(clean("Ku\u{200b}rum"), Err("invalid_characters"));
        assert_eq!(clean("a\u{0007}b"), Err("invalid_characters"));
        assert_eq!(
            clean("  Bilgi \n İşlem\tDairesi "),
            Ok("Bilgi İşlem Dairesi".into())
        );
    }

    #[test]
    fn links_are_found_and_abbreviations_are_not() {
        for link in [
            "Kurum https://evil.example",
            "bakin www.ornek",
            "yaz bize@ornek.gov.tr",
            "Kurum evil.example",
            "Birim (ornek.gov.tr)",
        ] {
            assert!(contains_link(link), "{link}");
        }
        for plain in [
            "T.C. Sağlık Bakanlığı",
            "Bilgi İşlem Dairesi Bşk.",
            "Ankara İl Müd. Personel Şb.",
            "Ortak Birim",
        ] {
            assert!(!contains_link(plain), "{plain}");
        }
    }
}
