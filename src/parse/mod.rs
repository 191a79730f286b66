//! TEI bytes to an [`Article`]: decoding, then one streaming pass with quick-xml.

mod decode;

use std::path::Path;

use crate::model::Article;
use crate::{Document, ReadError};

/// Reads and parses the file at `path`.
pub fn read_path(path: &Path) -> Result<Document, ReadError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
        path: name.clone(),
        source,
    })?;
    parse_bytes(&bytes, &name)
}

/// Parses TEI `bytes`; `source` names the file in the record and in errors.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Result<Document, ReadError> {
    let text = decode::decode(bytes).map_err(|message| ReadError::Encoding {
        path: source.to_string(),
        message,
    })?;
    Ok(Document {
        source: source.to_string(),
        text: text.into_owned(),
        article: Article::default(),
    })
}
