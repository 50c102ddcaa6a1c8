//! The 81 provinces (il) of Türkiye with their licence-plate codes, which are also the first
//! two digits of every postal code in the province.
//!
//! # Matching names
//! People type province names in every case and often on keyboards without Turkish letters:
//! `İSTANBUL`, `istanbul`, `Istanbul`, `sanliurfa`, `CANAKKALE`. Ordinary (Unicode default)
//! case folding gets Turkish wrong: it lower-cases `I` to `i` (Turkish: `ı`) and `İ` to
//! `i` + COMBINING DOT ABOVE, while Turkish rules lower-case `ISPARTA` to `ısparta` — which then
//! no longer matches the name `Isparta` folded the default way, and `İSTANBUL` would not match
//! `istanbul`. Because whoever types may use either convention (or none), no single case
//! mapping is right. [`Il::by_name`] therefore compares a *search key* in which the four letters
//! `I ı İ i` all become one letter, the combining dot above is dropped, and the other Turkish
//! letters lose their marks (`ş→s ğ→g ç→c ö→o ü→u â→a î→i û→u`). No two provinces share a
//! key (a test checks this), so the match stays unambiguous. The official spelling is always
//! what [`Il::name`] returns and what is serialised.
//!
//! # Ordering names
//! Lists show the provinces in Turkish alphabetical order ([`Il::alphabetical`],
//! [`turkish_cmp`]): `Ç` after `C`, `Ğ` after `G`, `I` (dotless) before `İ`, `Ö` after `O`,
//! `Ş` after `S`, `Ü` after `U` — so Iğdır and Isparta come before İstanbul and İzmir, and
//! Şanlıurfa after Sivas. Byte or Unicode order would put every Turkish letter after `Z`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A province of Türkiye.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Il {
    plate: u8,
    name: &'static str,
}

/// Why a string does not name a province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum IlError {
    #[error("there is no province of Türkiye with this name")]
    Unknown,
}

impl IlError {
    /// Stable snake_case code that clients switch on and translate.
    pub fn code(&self) -> &'static str {
        match self {
            IlError::Unknown => "il_unknown",
        }
    }
}

const fn il(plate: u8, name: &'static str) -> Il {
    Il { plate, name }
}

/// All provinces in plate order; `ILLER[n - 1]` has plate `n`.
static ILLER: [Il; 81] = [
    il(1, "Adana"),
    il(2, "Adıyaman"),
    il(3, "Afyonkarahisar"),
    il(4, "Ağrı"),
    il(5, "Amasya"),
    il(6, "Ankara"),
    il(7, "Antalya"),
    il(8, "Artvin"),
    il(9, "Aydın"),
    il(10, "Balıkesir"),
    il(11, "Bilecik"),
    il(12, "Bingöl"),
    il(13, "Bitlis"),
    il(14, "Bolu"),
    il(15, "Burdur"),
    il(16, "Bursa"),
    il(17, "Çanakkale"),
    il(18, "Çankırı"),
    il(19, "Çorum"),
    il(20, "Denizli"),
    il(21, "Diyarbakır"),
    il(22, "Edirne"),
    il(23, "Elazığ"),
    il(24, "Erzincan"),
    il(25, "Erzurum"),
    il(26, "Eskişehir"),
    il(27, "Gaziantep"),
    il(28, "Giresun"),
    il(29, "Gümüşhane"),
    il(30, "Hakkari"),
    il(31, "Hatay"),
    il(32, "Isparta"),
    il(33, "Mersin"),
    il(34, "İstanbul"),
    il(35, "İzmir"),
    il(36, "Kars"),
    il(37, "Kastamonu"),
    il(38, "Kayseri"),
    il(39, "Kırklareli"),
    il(40, "Kırşehir"),
    il(41, "Kocaeli"),
    il(42, "Konya"),
    il(43, "Kütahya"),
    il(44, "Malatya"),
    il(45, "Manisa"),
    il(46, "Kahramanmaraş"),
    il(47, "Mardin"),
    il(48, "Muğla"),
    il(49, "Muş"),
    il(50, "Nevşehir"),
    il(51, "Niğde"),
    il(52, "Ordu"),
    il(53, "Rize"),
    il(54, "Sakarya"),
    il(55, "Samsun"),
    il(56, "Siirt"),
    il(57, "Sinop"),
    il(58, "Sivas"),
    il(59, "Tekirdağ"),
    il(60, "Tokat"),
    il(61, "Trabzon"),
    il(62, "Tunceli"),
    il(63, "Şanlıurfa"),
    il(64, "Uşak"),
    il(65, "Van"),
    il(66, "Yozgat"),
    il(67, "Zonguldak"),
    il(68, "Aksaray"),
    il(69, "Bayburt"),
    il(70, "Karaman"),
    il(71, "Kırıkkale"),
    il(72, "Batman"),
    il(73, "Şırnak"),
    il(74, "Bartın"),
    il(75, "Ardahan"),
    il(76, "Iğdır"),
    il(77, "Yalova"),
    il(78, "Karabük"),
    il(79, "Kilis"),
    il(80, "Osmaniye"),
    il(81, "Düzce"),
];

/// Former or colloquial names still in everyday use, mapped to their plate.
const ALIASES: &[(&str, u8)] = &[("Afyon", 3), ("İçel", 33), ("Urfa", 63), ("Maraş", 46)];

/// The search key described in the module documentation.
fn search_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|&c| c != '\u{0307}')
        .flat_map(|c| match c {
            'I' | 'ı' | 'İ' | 'i' | 'Î' | 'î' => 'i'.to_lowercase(),
            'Ş' | 'ş' => 's'.to_lowercase(),
            'Ğ' | 'ğ' => 'g'.to_lowercase(),
            'Ç' | 'ç' => 'c'.to_lowercase(),
            'Ö' | 'ö' => 'o'.to_lowercase(),
            'Ü' | 'ü' | 'Û' | 'û' => 'u'.to_lowercase(),
            'Â' | 'â' => 'a'.to_lowercase(),
            other => other.to_lowercase(),
        })
        .collect()
}

/// The Turkish alphabet, in order; `q w x` (not Turkish, but in names from elsewhere) where
/// the Latin alphabet has them.
const TURKISH_ALPHABET: &str = "abcçdefgğhıijklmnoöpqrsştuüvwxyz";

/// Where `c` sorts: its place in the Turkish alphabet (either case), or after every letter
/// (by code point) for anything else.
fn turkish_rank(c: char) -> (u32, u32) {
    let lower = match c {
        'I' => 'ı',
        'İ' => 'i',
        other => other.to_lowercase().next().unwrap_or(other),
    };
    match TURKISH_ALPHABET.chars().position(|l| l == lower) {
        Some(place) => (u32::try_from(place).unwrap_or(u32::MAX), 0),
        None => (u32::MAX, u32::from(lower)),
    }
}

/// Compares two names in Turkish alphabetical order, ignoring case.
pub fn turkish_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.chars().map(turkish_rank).cmp(b.chars().map(turkish_rank))
}

impl Il {
    /// All 81 provinces in Turkish alphabetical order, as lists show them.
    pub fn alphabetical() -> Vec<Il> {
        let mut all = ILLER.to_vec();
        all.sort_by(|a, b| turkish_cmp(a.name, b.name));
        all
    }

    /// The name with the plate code, as lists show it: `Ankara (06)`. The name comes first so
    /// that typing its first letters in a list still finds it.
    pub fn label(&self) -> String {
        format!("{} ({:02})", self.name, self.plate)
    }

    /// All 81 provinces in plate order.
    pub fn all() -> &'static [Il] {
        &ILLER
    }

    /// The province with this name, in any case, with or without Turkish letters
    /// (see the module documentation). Also understands `Afyon`, `İçel`, `Urfa` and `Maraş`.
    pub fn by_name(s: &str) -> Option<Il> {
        // What the database and the app send is the official spelling: found without the
        // 82 search keys (a string each) the loose match below builds.
        if let Some(il) = ILLER.iter().find(|il| il.name == s) {
            return Some(*il);
        }
        let key = search_key(s);
        if key.is_empty() {
            return None;
        }
        ILLER
            .iter()
            .copied()
            .find(|il| search_key(il.name) == key)
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(alias, _)| search_key(alias) == key)
                    .and_then(|&(_, plate)| Il::by_plate(plate))
            })
    }

    /// The province with this plate code (1–81).
    pub fn by_plate(plate: u8) -> Option<Il> {
        ILLER.get(usize::from(plate).checked_sub(1)?).copied()
    }

    /// Parses a province name with [`Il::by_name`].
    pub fn parse(s: &str) -> Result<Il, IlError> {
        Il::by_name(s).ok_or(IlError::Unknown)
    }

    pub fn plate(&self) -> u8 {
        self.plate
    }

    /// The official Turkish spelling, e.g. `İstanbul`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The plate code as two digits, e.g. `06` — the start of the province's postal codes.
    pub fn plate_code(&self) -> String {
        format!("{:02}", self.plate)
    }
}

impl TryFrom<String> for Il {
    type Error = IlError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Il::parse(&value)
    }
}

impl std::str::FromStr for Il {
    type Err = IlError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Il::parse(s)
    }
}

impl AsRef<str> for Il {
    fn as_ref(&self) -> &str {
        self.name
    }
}

impl fmt::Display for Il {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

impl Serialize for Il {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name)
    }
}

// By hand rather than derived: a derive would try to borrow `name` from the input.
impl<'de> Deserialize<'de> for Il {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Il::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for Il {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A province of Türkiye, by its official name."))
            .enum_values(Some(ILLER.iter().map(|il| il.name)))
            .examples(["Ankara"])
            .into()
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for Il {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn there_are_81_provinces_numbered_1_to_81_in_order() {
        assert_eq!(Il::all().len(), 81);
        for (i, il) in Il::all().iter().enumerate() {
            assert_eq!(usize::from(il.plate()), i + 1);
        }
    }

    #[test]
    fn well_known_plates_have_their_official_names() {
        let expected = [
            (1, "Adana"),
            (3, "Afyonkarahisar"),
            (6, "Ankara"),
            (34, "İstanbul"),
            (35, "İzmir"),
            (46, "Kahramanmaraş"),
            (63, "Şanlıurfa"),
            (71, "Kırıkkale"),
            (76, "Iğdır"),
            (81, "Düzce"),
        ];
        for (plate, name) in expected {
            assert_eq!(Il::by_plate(plate).unwrap().name(), name);
        }
    }

    #[test]
    fn plates_outside_1_to_81_do_not_exist() {
        assert!(Il::by_plate(0).is_none());
        assert!(Il::by_plate(82).is_none());
        assert!(Il::by_plate(255).is_none());
    }

    #[test]
    fn names_match_in_any_case_under_turkish_and_default_rules() {
        for (typed, plate) in [
            ("istanbul", 34),
            ("İSTANBUL", 34),
            ("ISTANBUL", 34),
            ("i\u{307}stanbul", 34),
            ("ISPARTA", 32),
            ("ısparta", 32),
            ("isparta", 32),
            ("IĞDIR", 76),
            ("iğdır", 76),
            ("KIRIKKALE", 71),
            ("  ankara ", 6),
        ] {
            assert_eq!(
                Il::by_name(typed).map(|il| il.plate()),
                Some(plate),
                "{typed}"
            );
        }
    }

    #[test]
    fn names_typed_without_turkish_letters_match() {
        assert_eq!(Il::by_name("sanliurfa").unwrap().plate(), 63);
        assert_eq!(Il::by_name("CANAKKALE").unwrap().plate(), 17);
        assert_eq!(Il::by_name("Gumushane").unwrap().plate(), 29);
        assert_eq!(Il::by_name("Kahramanmaras").unwrap().plate(), 46);
    }

    #[test]
    fn everyday_aliases_match_their_province() {
        assert_eq!(Il::by_name("Afyon").unwrap().name(), "Afyonkarahisar");
        assert_eq!(Il::by_name("içel").unwrap().name(), "Mersin");
    }

    #[test]
    fn unknown_or_empty_names_match_nothing() {
        assert!(Il::by_name("").is_none());
        assert!(Il::by_name("   ").is_none());
        assert!(Il::by_name("Atlantis").is_none());
        assert!(Il::by_name("Ankar").is_none());
        assert_eq!(Il::parse("Atlantis"), Err(IlError::Unknown));
        assert_eq!(IlError::Unknown.code(), "il_unknown");
    }

    #[test]
    fn no_two_provinces_share_a_search_key() {
        let mut keys: HashSet<String> = Il::all().iter().map(|il| search_key(il.name())).collect();
        assert_eq!(keys.len(), 81);
        for (alias, _) in ALIASES {
            assert!(keys.insert(search_key(alias)), "{alias}");
        }
    }

    #[test]
    fn serialises_as_the_official_name_and_deserialises_from_any_spelling() {
        let istanbul = Il::by_plate(34).unwrap();
        assert_eq!(serde_json::to_string(&istanbul).unwrap(), "\"İstanbul\"");
        assert_eq!(
            serde_json::from_str::<Il>("\"ISTANBUL\"").unwrap(),
            istanbul
        );
        assert!(serde_json::from_str::<Il>("\"Atlantis\"").is_err());
    }

    #[test]
    fn plate_code_is_two_digits() {
        assert_eq!(Il::by_plate(6).unwrap().plate_code(), "06");
        assert_eq!(Il::by_plate(34).unwrap().plate_code(), "34");
    }

    #[test]
    fn the_alphabetical_list_follows_the_turkish_alphabet() {
        let names: Vec<&str> = Il::alphabetical().iter().map(|il| il.name()).collect();
        assert_eq!(names.len(), 81);
        assert_eq!(&names[..4], ["Adana", "Adıyaman", "Afyonkarahisar", "Ağrı"]);
        assert_eq!(names.last(), Some(&"Zonguldak"));
        let place = |name: &str| names.iter().position(|n| *n == name).unwrap();
        // Ç after C, Ğ after G, I before İ, Ö after O, Ş after S, Ü after U.
        assert!(place("Bursa") < place("Çanakkale") && place("Çorum") < place("Denizli"));
        assert!(place("Hatay") < place("Iğdır") && place("Isparta") < place("İstanbul"));
        assert!(place("İzmir") < place("Kahramanmaraş"));
        assert!(place("Sivas") < place("Şanlıurfa") && place("Şırnak") < place("Tekirdağ"));
        assert!(place("Osmaniye") < place("Rize"));
        assert!(place("Kütahya") < place("Malatya") && place("Mersin") < place("Muğla"));
        assert!(place("Trabzon") < place("Tunceli") && place("Tunceli") < place("Uşak"));
        // Kırıkkale, Kırklareli, Kırşehir: ı before i, so all three come before Kilis.
        assert!(place("Kırşehir") < place("Kilis"));
    }

    #[test]
    fn turkish_order_ranks_each_turkish_letter_after_its_base_letter() {
        use std::cmp::Ordering::Less;
        for (a, b) in [
            ("c", "ç"),
            ("ç", "d"),
            ("g", "ğ"),
            ("ğ", "h"),
            ("ı", "i"),
            ("I", "i"),
            ("I", "İ"),
            ("o", "ö"),
            ("ö", "p"),
            ("s", "ş"),
            ("ş", "t"),
            ("u", "ü"),
            ("ü", "v"),
            ("ş", "Z"),
            ("z", "0"),
            ("Ab", "abc"),
        ] {
            assert_eq!(turkish_cmp(a, b), Less, "{a} < {b}");
        }
        assert_eq!(turkish_cmp("İZMİR", "izmir"), std::cmp::Ordering::Equal);
    }

    #[test]
    fn the_label_shows_the_plate_code() {
        assert_eq!(Il::by_plate(6).unwrap().label(), "Ankara (06)");
        assert_eq!(Il::by_plate(34).unwrap().label(), "İstanbul (34)");
    }

    proptest! {
        #[test]
        fn every_name_matches_itself_in_upper_and_lower_case(index in 0usize..81) {
            let il = Il::all()[index];
            prop_assert_eq!(Il::by_name(il.name()), Some(il));
            prop_assert_eq!(Il::by_name(&il.name().to_uppercase()), Some(il));
            prop_assert_eq!(Il::by_name(&il.name().to_lowercase()), Some(il));
            prop_assert_eq!(Il::by_name(&format!("{il}")), Some(il));
        }

        #[test]
        fn by_name_never_panics(s in "\\PC*") {
            let _ = Il::by_name(&s);
        }
    }
}
