//! Reading the officer's CSV of pre-applications into rows, before any rule is checked.
//!
//! The file: UTF-8 with or without a byte order mark; a header row naming the columns of
//! [`shared::api::officer::csv_column`] in any order (case and Turkish letters ignored);
//! semicolons (what Excel writes in Türkiye) or commas, chosen from the header row; RFC 4180
//! quoting. What cannot be read as a whole is [`CsvError::Malformed`]; a row with the wrong
//! number of cells is only that row's error, so the other rows still get checked.

use shared::api::officer::{csv_column, CsvPreApplicationRow};

/// One data row as read, with its line in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvRow {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    pub values: CsvPreApplicationRow,
    /// The row has a different number of cells than the header.
    pub wrong_cell_count: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// The file as a whole cannot be read; the text says why, for the person who sent it.
    #[error("{0}")]
    Malformed(String),
    #[error("{got} rows; at most {max}")]
    TooManyRows { got: usize, max: usize },
}

/// Reads every data row of `bytes`; more than `max_rows` rows is an error of the whole file.
pub fn read(bytes: &[u8], max_rows: usize) -> Result<Vec<CsvRow>, CsvError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(CsvError::Malformed(
            "the file is UTF-16; save it as \"CSV UTF-8\"".into(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        CsvError::Malformed(format!(
            "the file is not UTF-8 (byte {}); save it as \"CSV UTF-8\"",
            e.valid_up_to() + 1
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or_default();
    if header_line.trim().is_empty() {
        return Err(CsvError::Malformed(
            "the file is empty or its first line (the header) is blank".into(),
        ));
    }
    let separator = if header_line.contains(';') {
        b';'
    } else {
        b','
    };

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| CsvError::Malformed(format!("the header row cannot be read: {e}")))?
        .clone();
    let columns = Columns::from_header(&headers)?;

    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or_default();
                return Err(CsvError::Malformed(format!(
                    "line {line} cannot be read: {e}"
                )));
            }
        }
        // Excel leaves rows of empty cells (";;;;") below the data: they are not rows.
        if record.iter().all(str::is_empty) {
            continue;
        }
        let start = record.position().map(|p| p.byte()).unwrap_or_default();
        rows.push(columns.row(&record, line_at(text, start), headers.len()));
    }
    if rows.len() > max_rows {
        return Err(CsvError::TooManyRows {
            got: rows.len(),
            max: max_rows,
        });
    }
    Ok(rows)
}

/// The line (from 1) of the record that starts at byte `start` or after the line ends that
/// follow it. Counted here because the reader's own line numbers are one short for records
/// after the header, and a row's line is what the officer looks for in Excel.
fn line_at(text: &str, start: u64) -> u64 {
    let start = usize::try_from(start).unwrap_or(usize::MAX).min(text.len());
    let skipped = text
        .get(start..)
        .map(|rest| rest.len() - rest.trim_start_matches(['\r', '\n']).len())
        .unwrap_or(0);
    let before = text.get(..start + skipped).unwrap_or(text);
    1 + before.bytes().filter(|b| *b == b'\n').count() as u64
}

/// Where each known column is in the file.
#[derive(Debug, Default)]
struct Columns {
    tckn: usize,
    first_name: usize,
    last_name: usize,
    email: usize,
    payer: usize,
    prepaid: Option<usize>,
}

impl Columns {
    fn from_header(headers: &csv::StringRecord) -> Result<Columns, CsvError> {
        let mut found: Vec<(&'static str, usize)> = Vec::new();
        for (index, raw) in headers.iter().enumerate() {
            // A trailing separator in the header leaves an unnamed column: nothing to read.
            if raw.is_empty() {
                continue;
            }
            let column = canonical_column(raw).ok_or_else(|| {
                CsvError::Malformed(format!(
                    "unknown column \"{raw}\"; the columns are: {}",
                    csv_column::ALL.join(";")
                ))
            })?;
            if found.iter().any(|(name, _)| *name == column) {
                return Err(CsvError::Malformed(format!(
                    "the column \"{column}\" appears twice"
                )));
            }
            found.push((column, index));
        }
        let position = |name: &str| found.iter().find(|(n, _)| *n == name).map(|(_, i)| *i);
        let missing: Vec<&str> = csv_column::REQUIRED
            .into_iter()
            .filter(|name| position(name).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(CsvError::Malformed(format!(
                "missing column(s): {}; the header row must name: {}",
                missing.join(", "),
                csv_column::ALL.join(";")
            )));
        }
        let required = |name| position(name).unwrap_or_default();
        Ok(Columns {
            tckn: required(csv_column::TCKN),
            first_name: required(csv_column::FIRST_NAME),
            last_name: required(csv_column::LAST_NAME),
            email: required(csv_column::EMAIL),
            payer: required(csv_column::PAYER),
            prepaid: position(csv_column::PREPAID),
        })
    }

    fn row(&self, record: &csv::StringRecord, line: u64, header_len: usize) -> CsvRow {
        let cell = |index: usize| record.get(index).unwrap_or_default().to_owned();
        // Extra cells are harmless when empty (a trailing separator); missing ones are not.
        let extra_filled = record.iter().skip(header_len).any(|c| !c.is_empty());
        CsvRow {
            line,
            values: CsvPreApplicationRow {
                tckn: cell(self.tckn),
                first_name: cell(self.first_name),
                last_name: cell(self.last_name),
                email: cell(self.email),
                payer: cell(self.payer),
                prepaid: self.prepaid.map(cell).unwrap_or_default(),
            },
            wrong_cell_count: record.len() < header_len || extra_filled,
        }
    }
}

/// The documented column a header cell names: the Turkish names of the template, the API's
/// English field names, and common spellings ("E-posta", "T.C. Kimlik No", "Adı").
fn canonical_column(header: &str) -> Option<&'static str> {
    let key: String = fold(header)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    Some(match key.as_str() {
        "tckn" | "tckimlikno" | "kimlikno" => csv_column::TCKN,
        "ad" | "adi" | "isim" | "firstname" => csv_column::FIRST_NAME,
        "soyad" | "soyadi" | "lastname" => csv_column::LAST_NAME,
        "eposta" | "email" | "mail" => csv_column::EMAIL,
        "odeme" | "odeyen" | "payer" => csv_column::PAYER,
        "onodemeli" | "onodeme" | "prepaid" => csv_column::PREPAID,
        _ => return None,
    })
}

/// Lower case without Turkish diacritics, for comparing what people type: "KİŞİ", "Kişi",
/// "kisi" and "KISI" are all `kisi`.
pub fn fold(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| *c != '\u{307}') // the dot that lower-casing "İ" leaves behind
        .map(|c| match c {
            'İ' | 'I' | 'ı' | 'î' | 'Î' => 'i',
            'Ş' | 'ş' => 's',
            'Ç' | 'ç' => 'c',
            'Ğ' | 'ğ' => 'g',
            'Ö' | 'ö' => 'o',
            'Ü' | 'ü' | 'û' | 'Û' => 'u',
            'Â' | 'â' => 'a',
            other => other.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const HEADER: &str = "tckn;ad;soyad;eposta;odeme;on_odemeli";

    fn read_str(text: &str) -> Result<Vec<CsvRow>, CsvError> {
        read(text.as_bytes(), 1000)
    }

    fn malformed(result: Result<Vec<CsvRow>, CsvError>) -> String {
        match result {
            Err(CsvError::Malformed(why)) => why,
            other => panic!("expected a malformed file, got {other:?}"),
        }
    }

    #[test]
    fn a_semicolon_file_from_excel_is_read_row_by_row() {
        let rows = read_str(&format!(
            "{HEADER}\r\n10000000146;Ayşe;Yılmaz;ayse@kurum.gov.tr;kurum;hayır\r\n\
             10000000078;Mehmet Ali;Öztürk;ma@kurum.gov.tr;kişi;evet\r\n"
        ))
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].values.first_name, "Ayşe");
        assert_eq!(rows[0].values.prepaid, "hayır");
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].values.last_name, "Öztürk");
        assert_eq!(rows[1].values.payer, "kişi");
        assert!(!rows[1].wrong_cell_count);
    }

    #[test]
    fn a_comma_file_reads_the_same() {
        let rows = read_str(
            "tckn,ad,soyad,eposta,odeme\n10000000146,Ayşe,Yılmaz,ayse@kurum.gov.tr,kurum\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].values.email, "ayse@kurum.gov.tr");
        assert_eq!(rows[0].values.prepaid, "");
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_column_name() {
        let rows = read_str(&format!(
            "\u{feff}{HEADER}\n10000000146;Ayşe;Yılmaz;a@kurum.gov.tr;kurum;\n"
        ))
        .unwrap();
        assert_eq!(rows[0].values.tckn, "10000000146");
    }

    #[test]
    fn the_template_offered_for_download_reads_as_one_valid_looking_row() {
        let rows = read_str(shared::api::officer::CSV_TEMPLATE).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].values.tckn, "10000000146");
        assert_eq!(rows[0].values.payer, "kurum");
    }

    #[test]
    fn columns_may_come_in_any_order_and_spelling() {
        let rows = read_str(
            "E-posta;Soyadı;Adı;T.C. Kimlik No;ÖDEME\na@kurum.gov.tr;Yılmaz;Ayşe;10000000146;kurum\n",
        )
        .unwrap();
        assert_eq!(rows[0].values.tckn, "10000000146");
        assert_eq!(rows[0].values.first_name, "Ayşe");
        assert_eq!(rows[0].values.last_name, "Yılmaz");
        assert_eq!(rows[0].values.email, "a@kurum.gov.tr");
    }

    #[test]
    fn quoted_cells_keep_their_separators_and_quotes() {
        let rows = read_str(
            "tckn;ad;soyad;eposta;odeme\n10000000146;\"Ayşe; Nur\";\"O\"\"Brien\";a@kurum.gov.tr;kurum\n",
        )
        .unwrap();
        assert_eq!(rows[0].values.first_name, "Ayşe; Nur");
        assert_eq!(rows[0].values.last_name, "O\"Brien");
    }

    #[test]
    fn blank_lines_and_rows_of_empty_cells_are_skipped_and_lines_keep_their_numbers() {
        let rows = read_str(&format!(
            "{HEADER}\n\n10000000146;Ayşe;Yılmaz;a@kurum.gov.tr;kurum;\n;;;;;\n"
        ))
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 3);
    }

    #[test]
    fn a_row_with_missing_or_extra_cells_is_flagged_but_read() {
        let rows = read_str(&format!(
            "{HEADER}\n10000000146;Ayşe;Yılmaz\n10000000078;Ali;Kaya;a@k.gov.tr;kurum;hayır;fazla\n\
             10000000150;Can;Er;c@k.gov.tr;kurum;hayır;\n"
        ))
        .unwrap();
        assert!(rows[0].wrong_cell_count);
        assert_eq!(rows[0].values.email, "");
        assert!(rows[1].wrong_cell_count);
        assert!(
            !rows[2].wrong_cell_count,
            "a trailing separator is harmless"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_malformed() {
        // "Ayşe" in Windows-1254, as Excel's plain "CSV" writes it.
        let mut bytes = format!("{HEADER}\n10000000146;Ay").into_bytes();
        bytes.extend_from_slice(&[0xFE, b'e']);
        bytes.extend_from_slice(b";Y;a@k.gov.tr;kurum;\n");
        let why = malformed(read(&bytes, 10));
        assert!(why.contains("UTF-8"), "{why}");
    }

    #[test]
    fn a_utf16_file_is_malformed_with_its_reason() {
        let why = malformed(read(&[0xFF, 0xFE, b't', 0], 10));
        assert!(why.contains("UTF-16"), "{why}");
    }

    #[test]
    fn an_empty_file_is_malformed() {
        assert!(malformed(read_str("")).contains("empty"));
        assert!(malformed(read_str("\u{feff}\n")).contains("empty"));
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let why = malformed(read_str("tckn;ad;eposta;odeme\n1;A;a@b.c;kurum\n"));
        assert!(why.contains("missing column(s): soyad"), "{why}");
    }

    #[test]
    fn an_unknown_or_repeated_column_is_malformed() {
        let why = malformed(read_str("tckn;ad;soyad;eposta;odeme;telefon\n"));
        assert!(why.contains("unknown column \"telefon\""), "{why}");
        let why = malformed(read_str("tckn;ad;soyad;eposta;odeme;Ad\n"));
        assert!(why.contains("appears twice"), "{why}");
    }

    #[test]
    fn a_header_only_file_has_no_rows() {
        assert!(read_str(HEADER).unwrap().is_empty());
    }

    #[test]
    fn more_rows_than_allowed_is_refused_whole() {
        let mut text = format!("{HEADER}\n");
        for _ in 0..4 {
            text.push_str("10000000146;Ayşe;Yılmaz;a@kurum.gov.tr;kurum;\n");
        }
        assert_eq!(
            read(text.as_bytes(), 3),
            Err(CsvError::TooManyRows { got: 4, max: 3 })
        );
        assert_eq!(read(text.as_bytes(), 4).unwrap().len(), 4);
    }

    #[test]
    fn an_unterminated_quote_takes_the_rest_of_the_file_into_one_cell() {
        // RFC 4180 lets a quoted cell span lines, so this is one odd row, not a crash.
        let rows = read_str(&format!("{HEADER}\n\"10000000146;Ayşe\n")).unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].wrong_cell_count);
    }

    #[test]
    fn folding_ignores_case_and_turkish_letters() {
        assert_eq!(fold("KİŞİ"), "kisi");
        assert_eq!(fold(&"KİŞİ".to_lowercase()), "kisi");
        assert_eq!(fold(" Hayır "), "hayir");
        assert_eq!(fold("ÖDEME"), "odeme");
    }
}
