//! JSON-LD export (scaffold; being written).
use std::io::{self, Write};

use super::{Exporter, Options};
use crate::Document;

/// One JSON-LD graph.
pub struct JsonLdExporter {
    #[allow(dead_code)]
    options: Options,
}

impl JsonLdExporter {
    /// A JSON-LD exporter with `options`.
    pub fn new(options: Options) -> Self {
        JsonLdExporter { options }
    }
}

impl Exporter for JsonLdExporter {
    fn write(&mut self, _out: &mut dyn Write, _doc: &Document) -> io::Result<()> {
        Err(io::Error::other("JSON-LD export is not written yet"))
    }
}
