//! BibTeX export (scaffold; being written).
use std::io::{self, Write};

use super::{Exporter, Options};
use crate::Document;

/// BibLaTeX entries.
pub struct BibtexExporter {
    #[allow(dead_code)]
    options: Options,
}

impl BibtexExporter {
    /// A BibTeX exporter with `options`.
    pub fn new(options: Options) -> Self {
        BibtexExporter { options }
    }
}

impl Exporter for BibtexExporter {
    fn write(&mut self, _out: &mut dyn Write, _doc: &Document) -> io::Result<()> {
        Err(io::Error::other("BibTeX export is not written yet"))
    }
}
