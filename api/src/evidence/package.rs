//! The ZIP itself. Written deterministically — the files in the order given, each with the
//! same fixed time (1980-01-01, ZIP's epoch) and permissions — so the same evidence gives the
//! same bytes. Read defensively: a package comes from anywhere, so entries, sizes and names
//! are bounded before anything is decompressed.

use std::collections::BTreeSet;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The most files, and bytes once decompressed, a package may have: a real one has at most
/// sixteen files of a few kilobytes each; anything far larger is not ours.
const MAX_FILES: usize = 64;
const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;

pub fn write(files: &[PackageFile]) -> Result<Vec<u8>, zip::result::ZipError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for file in files {
        zip.start_file(file.name.as_str(), options)?;
        zip.write_all(&file.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Why a ZIP cannot be read as a package.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("not a readable ZIP file: {0}")]
    NotZip(String),
    #[error("more than {MAX_FILES} files")]
    TooManyFiles,
    #[error("more than {MAX_TOTAL_BYTES} bytes once decompressed")]
    TooLarge,
    #[error("the name `{0}` is not a plain file name")]
    BadName(String),
    #[error("`{0}` is in the ZIP twice")]
    Duplicate(String),
}

/// Every file of the ZIP, in its order.
pub fn read(bytes: &[u8]) -> Result<Vec<PackageFile>, ReadError> {
    let mut archive =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::NotZip(e.to_string()))?;
    if archive.len() > MAX_FILES {
        return Err(ReadError::TooManyFiles);
    }
    let mut files = Vec::with_capacity(archive.len());
    let mut names = BTreeSet::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index(index)
            .map_err(|e| ReadError::NotZip(e.to_string()))?;
        let name = entry.name().to_owned();
        // A package is flat: no directories, no paths that could point elsewhere on unpacking.
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(ReadError::BadName(name));
        }
        if !names.insert(name.clone()) {
            return Err(ReadError::Duplicate(name));
        }
        // The declared size may lie: read at most what is left of the budget, plus one byte.
        let budget = MAX_TOTAL_BYTES - total;
        let mut content = Vec::new();
        entry
            .take(budget + 1)
            .read_to_end(&mut content)
            .map_err(|e| ReadError::NotZip(e.to_string()))?;
        total += content.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(ReadError::TooLarge);
        }
        files.push(PackageFile {
            name,
            bytes: content,
        });
    }
    Ok(files)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn files() -> Vec<PackageFile> {
        vec![
            PackageFile {
                name: "a.json".into(),
                bytes: b"{\"a\":1}".to_vec(),
            },
            PackageFile {
                name: "b.der".into(),
                bytes: vec![0, 1, 2, 255],
            },
        ]
    }

    #[test]
    fn the_same_files_give_the_same_bytes_and_read_back() {
        let first = write(&files()).unwrap();
        let second = write(&files()).unwrap();
        assert_eq!(first, second);
        assert_eq!(read(&first).unwrap(), files());
    }

    #[test]
    fn paths_duplicates_and_non_zips_are_refused() {
        let mut with_path = files();
        with_path[0].name = "../a.json".into();
        assert!(matches!(
            read(&write(&with_path).unwrap()),
            Err(ReadError::BadName(_))
        ));
        assert!(matches!(read(b"PK not really"), Err(ReadError::NotZip(_))));
    }
}
