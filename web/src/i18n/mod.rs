//! Turkish first, English on request: every string the app shows comes from here.
//!
//! [`T`] is a fixed text (both languages side by side, so neither can be forgotten);
//! [`messages`] the texts with numbers or names in them and the error messages for every
//! field code and every API error code. All of it is pure and tested natively.

pub mod messages;
mod texts;

pub use texts::T;

/// The two languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Tr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Tr, Lang::En];

    /// The BCP 47 code, for `<html lang>` and `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Tr => "tr",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "tr" => Some(Lang::Tr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Tr => Lang::En,
            Lang::En => Lang::Tr,
        }
    }

    /// The switch's label: the other language named in itself.
    pub fn switch_label(self) -> &'static str {
        match self.other() {
            Lang::Tr => "Türkçe",
            Lang::En => "English",
        }
    }

    /// Picks one of two texts.
    pub fn pick<'a>(self, tr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Tr => tr,
            Lang::En => en,
        }
    }
}

/// `"Başvuru İşlemleri — Kamu SM"`.
pub fn document_title(lang: Lang, page: T) -> String {
    format!("{} — {}", page.get(lang), T::Brand.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages() {
        for &(name, text) in T::ALL {
            for lang in Lang::ALL {
                assert!(!text.get(lang).trim().is_empty(), "{name} in {lang:?}");
            }
        }
    }

    #[test]
    fn the_switch_names_the_other_language_in_itself() {
        assert_eq!(Lang::Tr.switch_label(), "English");
        assert_eq!(Lang::En.switch_label(), "Türkçe");
        assert_eq!(Lang::Tr.other(), Lang::En);
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn the_document_title_names_the_page_and_the_brand() {
        assert_eq!(
            document_title(Lang::Tr, T::ApplicationsTitle),
            "Başvuru İşlemleri — Kamu SM"
        );
        assert_eq!(
            document_title(Lang::En, T::ApplicationsTitle),
            "Applications — Kamu SM"
        );
    }
}
