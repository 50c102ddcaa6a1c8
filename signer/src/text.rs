//! Every text the app shows exists in Turkish and English. By default Turkish comes first with
//! the English in parentheses; `--lang en` shows English only.

use std::fmt;

/// The language of what the app prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Turkish, with the English in parentheses.
    #[default]
    Tr,
    /// English only.
    En,
}

/// One message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    tr: String,
    en: String,
}

impl Msg {
    pub fn new(tr: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            tr: tr.into(),
            en: en.into(),
        }
    }

    /// The same text in both languages (names, numbers, codes).
    pub fn same(text: impl Into<String>) -> Msg {
        let text = text.into();
        Msg {
            tr: text.clone(),
            en: text,
        }
    }

    pub fn tr(&self) -> &str {
        &self.tr
    }

    pub fn en(&self) -> &str {
        &self.en
    }

    /// The text as shown in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            Lang::Tr if self.tr == self.en => self.tr.clone(),
            Lang::Tr => format!("{} ({})", self.tr, self.en),
        }
    }

    /// Appends `other` after a space, in each language.
    pub fn then(mut self, other: &Msg) -> Msg {
        self.tr.push(' ');
        self.tr.push_str(&other.tr);
        self.en.push(' ');
        self.en.push_str(&other.en);
        self
    }
}

impl fmt::Display for Msg {
    /// Both languages, as `--lang tr` shows them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::Tr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turkish_comes_first_with_the_english_in_parentheses() {
        let msg = Msg::new("İşlem Başarılı", "Success");
        assert_eq!(msg.render(Lang::Tr), "İşlem Başarılı (Success)");
        assert_eq!(msg.render(Lang::En), "Success");
    }

    #[test]
    fn a_text_that_is_the_same_in_both_languages_is_shown_once() {
        assert_eq!(
            Msg::same("NES-2026-000123").render(Lang::Tr),
            "NES-2026-000123"
        );
    }

    #[test]
    fn joined_messages_stay_in_their_language() {
        let msg = Msg::new("Bir.", "One.").then(&Msg::new("İki.", "Two."));
        assert_eq!(msg.render(Lang::En), "One. Two.");
        assert_eq!(msg.tr(), "Bir. İki.");
    }
}
