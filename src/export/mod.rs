//! Output formats: one module per format behind one trait, so batch code does not care
//! which format it writes.
//!
//! An [`Exporter`] is driven as `begin`, then `write` once per document in input order,
//! then `finish`. Wire formats are private serde structs inside each module; the model
//! carries no serialisation of its own.

use std::io::{self, Write};

use crate::Document;

pub mod bibtex;
pub mod csv;
pub mod json;
pub mod jsonld;

/// The formats `teimeta convert --to` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// teimeta's own JSON record, one per line (JSON Lines).
    Json,
    /// One CSV row per article (RFC 4180).
    Csv,
    /// One schema.org JSON-LD document with an `@graph`.
    JsonLd,
    /// BibLaTeX (or classic BibTeX) entries.
    Bibtex,
}

/// Settings shared by the exporters; each reads the ones that concern it.
#[derive(Debug, Clone)]
pub struct Options {
    /// Separator for multi-valued CSV cells.
    pub separator: String,
    /// Neutralise CSV cells that a spreadsheet would run as a formula.
    pub formula_guard: bool,
    /// Start CSV output with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
    /// Classic BibTeX (LaTeX accent macros, `year`/`month`) instead of BibLaTeX.
    pub classic_bibtex: bool,
    /// Write JSON-LD authors as an ordered `@list` rather than a plain (unordered) array.
    pub ordered_authors: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            separator: "; ".to_string(),
            formula_guard: true,
            bom: false,
            classic_bibtex: false,
            ordered_authors: false,
        }
    }
}

/// A writer of one output format.
pub trait Exporter {
    /// Writes whatever comes before the first record (a header, an opening bracket).
    fn begin(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes one document's record.
    fn write(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()>;

    /// Writes whatever comes after the last record.
    fn finish(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

/// The exporter for `format` with `options`.
pub fn exporter(format: Format, options: &Options) -> Box<dyn Exporter> {
    match format {
        Format::Json => Box::new(json::JsonLines),
        Format::Csv => Box::new(csv::CsvExporter::new(options.clone())),
        Format::JsonLd => Box::new(jsonld::JsonLdExporter::new(options.clone())),
        Format::Bibtex => Box::new(bibtex::BibtexExporter::new(options.clone())),
    }
}
