//! teimeta reads scholarly article metadata encoded in TEI P5 XML, checks it and converts it.
//!
//! The shape is one model in the middle:
//!
//! ```text
//! input bytes ──parse──▶ Article (model) ──validate──▶ Vec<Problem>
//!                                └────────export──▶ CSV | JSON-LD | BibTeX | JSON
//! ```
//!
//! [`parse::read_path`] and [`parse::parse_bytes`] turn a file into a [`Document`]: the
//! [`Article`] and the decoded source text its spans point into. [`validate`] checks an
//! article against a profile; [`export`] writes it in each output format.
//!
//! ```
//! let xml = br#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
//!   <titleStmt><title>On Streams</title><author><persName><forename>Ada</forename>
//!   <surname>Lovelace</surname></persName></author></titleStmt>
//!   </fileDesc></teiHeader></TEI>"#;
//! let doc = teimeta::parse::parse_bytes(xml, "example.xml").unwrap();
//! assert_eq!(doc.article.title().unwrap().as_str(), "On Streams");
//! assert_eq!(doc.article.authors[0].surname.as_ref().unwrap().as_str(), "Lovelace");
//! ```

#![deny(missing_docs)]
// A `ReadError` carries the decoded source so that miette can render the failing line;
// it is returned once per unreadable file, never in a hot loop, so its size is no cost.
#![allow(clippy::result_large_err)]

pub mod batch;
pub mod error;
pub mod export;
pub mod ids;
pub mod model;
pub mod parse;
pub mod placeholder;
pub mod report;
pub mod text;
pub mod validate;

pub use error::ReadError;
pub use model::{Abstract, Affiliation, Article, Author, Keyword, Located, Span, Text, Title};

/// A file read as TEI: its article and the decoded source text that spans point into.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path (or name) the document was read from, as given.
    pub source: String,
    /// The decoded UTF-8 text of the file (BOM removed).
    pub text: String,
    /// The article's metadata.
    pub article: Article,
}
