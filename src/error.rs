//! Why a file could not be read as a TEI document.
//!
//! Library errors are typed ([`ReadError`]) and implement [`miette::Diagnostic`]; only the
//! binary decides how to render them.

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A file that could not be read as a TEI document. Every variant names the file.
#[derive(Debug, Error, Diagnostic)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: cannot read the file: {source}")]
    #[diagnostic(
        code(tei::io),
        help(
            "check that the path names a readable file (permissions, a broken link, a directory)"
        )
    )]
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },

    /// The file is larger than the limit (`--max-file-size`); it was not read.
    #[error("{path}: refused: the file is {size} bytes, more than the limit of {limit} bytes")]
    #[diagnostic(
        code(tei::too_large),
        help("a TEI header is rarely more than a few megabytes; raise --max-file-size (e.g. --max-file-size 2G) if this file is meant to be read")
    )]
    TooLarge {
        /// The path as given.
        path: String,
        /// The file's size in bytes (at least `limit + 1` when read from a stream).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },

    /// The bytes are not text in any encoding teimeta can recognise.
    #[error("{path}: cannot decode the file: {message}")]
    #[diagnostic(
        code(tei::encoding),
        help("save the file as UTF-8, or declare its encoding in the XML declaration")
    )]
    Encoding {
        /// The path as given.
        path: String,
        /// What went wrong.
        message: String,
    },

    /// The XML is not well-formed.
    #[error("{path}:{line}:{column}: malformed XML: {message}")]
    #[diagnostic(
        code(tei::xml::malformed),
        help("fix the XML at this position; the file must be well-formed before its metadata can be read")
    )]
    Malformed {
        /// The path as given.
        path: String,
        /// The reader's message.
        message: String,
        /// 1-based line of the error position.
        line: usize,
        /// 1-based column (in characters) of the error position.
        column: usize,
        /// The decoded source, for rendering.
        #[source_code]
        src: NamedSource<String>,
        /// Where the reader stopped.
        #[label("the XML reader stopped here")]
        at: SourceSpan,
    },

    /// The document is well-formed XML but not TEI.
    #[error("{path}: not a TEI document: the root element is <{root}>{namespace_note}")]
    #[diagnostic(
        code(tei::not_tei),
        help("teimeta reads TEI P5 (root element <TEI> or <teiCorpus>, namespace http://www.tei-c.org/ns/1.0 or none); convert DocBook or JATS to TEI first")
    )]
    NotTei {
        /// The path as given.
        path: String,
        /// The root element's name as written.
        root: String,
        /// ", in namespace …" when the root has a namespace, else empty.
        namespace_note: String,
        /// The decoded source, for rendering.
        #[source_code]
        src: NamedSource<String>,
        /// The root element's start tag.
        #[label("this root element is not TEI")]
        at: SourceSpan,
    },

    /// The file is no text at all: a PDF, an image, an archive or random bytes.
    #[error("{path}: not a text file: this is {what}")]
    #[diagnostic(
        code(tei::binary),
        help("teimeta reads TEI XML; check that the right file was given (a .xml name alone does not make a file XML)")
    )]
    Binary {
        /// The path as given.
        path: String,
        /// What the file looks like ("a PDF document", "binary data, not a text file").
        what: &'static str,
    },

    /// The document holds no root element at all.
    #[error("{path}: no root element: the file holds no XML element")]
    #[diagnostic(
        code(tei::xml::empty),
        help("the file is empty or holds only a declaration or comments; a TEI file starts with <TEI>")
    )]
    Empty {
        /// The path as given.
        path: String,
    },
}

impl ReadError {
    /// The path of the file the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Io { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Encoding { path, .. }
            | ReadError::Malformed { path, .. }
            | ReadError::NotTei { path, .. }
            | ReadError::Binary { path, .. }
            | ReadError::Empty { path } => path,
        }
    }

    /// The decoded source text, when the error carries it (malformed XML, not TEI).
    pub fn source_text(&self) -> Option<&str> {
        match self {
            ReadError::Malformed { src, .. } | ReadError::NotTei { src, .. } => {
                Some(src.inner().as_str())
            }
            _ => None,
        }
    }

    /// 1-based line and column where the error sits, when it has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ReadError::Malformed { line, column, .. } => Some((*line, *column)),
            ReadError::NotTei { src, at, .. } => {
                Some(crate::text::line_column(src.inner(), at.offset()))
            }
            _ => None,
        }
    }
}
