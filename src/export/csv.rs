//! CSV export (scaffold; being written).
use std::io::{self, Write};

use super::{Exporter, Options};
use crate::Document;

/// One CSV row per article.
pub struct CsvExporter {
    #[allow(dead_code)]
    options: Options,
}

impl CsvExporter {
    /// A CSV exporter with `options`.
    pub fn new(options: Options) -> Self {
        CsvExporter { options }
    }
}

impl Exporter for CsvExporter {
    fn write(&mut self, _out: &mut dyn Write, _doc: &Document) -> io::Result<()> {
        Err(io::Error::other("CSV export is not written yet"))
    }
}

/// `--tables DIR`: articles.csv, authors.csv and affiliations.csv (scaffold).
pub struct Tables;

impl Tables {
    /// Creates the three files in `dir`.
    pub fn create(_dir: &std::path::Path, _options: &Options) -> io::Result<Tables> {
        Err(io::Error::other("CSV tables are not written yet"))
    }

    /// Writes one document's rows.
    pub fn write(&mut self, _doc: &Document) -> io::Result<()> {
        Ok(())
    }

    /// Flushes the three files.
    pub fn finish(self) -> io::Result<()> {
        Ok(())
    }
}
