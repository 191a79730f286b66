//! Output formats, one module per format. Each format is an exporter that owns its
//! writer (as ripgrep's printers do) and has its own options type:
//!
//! | `--to` | options | exporter | per-record piece |
//! |---|---|---|---|
//! | `json` | [`json::Options`] | [`json::JsonLines`] | the line, as bytes |
//! | `csv` | [`csv::Options`] | [`csv::Csv`] | the row, its stable `id` included |
//! | `jsonld` | [`jsonld::Options`] | [`jsonld::JsonLd`] | the node's text but its `isPartOf` |
//! | `bibtex` | [`bibtex::Options`] | [`bibtex::Bibtex`] | the entry's text but its key |
//! | `csl` | [`csl::Options`] | [`csl::Csl`] | the item's text but its `id` |
//! | `ris` | [`ris::Options`] | [`ris::Ris`] | the record's text |
//! | `crossref` | [`crossref::Options`] | [`crossref::Crossref`] | the article's `journal` element |
//! | `doaj` | [`doaj::Options`] | [`doaj::Doaj`] | the article's `record` element |
//! | `--tables DIR` | [`csv::Options`] | [`csv::Tables`] | the six tables' rows |
//!
//! Each format is split in two so that a batch does nearly all of the work in parallel:
//!
//! - [`Render::render`] turns one document into a *piece*, independently of every other
//!   document. It is pure, and runs on the worker threads.
//! - [`Exporter::push`] writes the pieces in input order, doing only what depends on the
//!   records before: BibTeX key de-duplication, JSON-LD's shared
//!   periodical nodes. It runs on the one thread that writes the output.
//!
//! [`Exporter::write`] does both for one document, for callers that have no threads.
//! Wire formats are private serde structs inside each module; the model carries no
//! serialisation of its own.

use std::io;

use crate::Document;

pub mod bibtex;
mod cite;
pub mod crossref;
pub mod csl;
pub mod csv;
pub mod doaj;
pub mod json;
pub mod jsonld;
pub mod ris;

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
    /// A CSL-JSON array of items (citation processors, Zotero).
    Csl,
    /// RIS records (reference managers).
    Ris,
    /// A Crossref 5.3.1 deposit (`doi_batch`).
    Crossref,
    /// DOAJ article XML (`records`).
    Doaj,
}

/// The per-record half of a format: a document into a piece, on any thread.
///
/// Implemented by each format's options type, which is all a piece depends on.
pub trait Render: Clone + Send + Sync {
    /// One document rendered ahead of its place in the output.
    type Piece: Send;

    /// Renders `doc`, independently of every other document.
    fn render(&self, doc: &Document) -> Self::Piece;

    /// Renders `doc` read from an input whose path relative to the argument it came from
    /// is `key` (what `--shard` hashes): for formats whose records carry an id made from
    /// the input (CSV's article id). By default the key is not needed.
    fn render_keyed(&self, doc: &Document, key: &str) -> Self::Piece {
        let _ = key;
        self.render(doc)
    }
}

/// The in-order half of a format: an exporter that owns its writer.
///
/// Driven as `push` (or `write`) once per document in input order, then `finish`. What
/// comes before the first record (a header, an opening bracket) is written with the first
/// record, or by `finish` when there is none.
pub trait Exporter: Sized {
    /// The options that render this exporter's pieces.
    type Render: Render;
    /// What `finish` hands back: the writer (or writers).
    type Inner;

    /// The options, e.g. to render pieces on other threads.
    fn options(&self) -> &Self::Render;

    /// Writes one record rendered by [`Render::render`], in input order.
    fn push(&mut self, piece: <Self::Render as Render>::Piece) -> io::Result<()>;

    /// Renders and writes one document.
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        let piece = self.options().render(doc);
        self.push(piece)
    }

    /// Flushes every buffer down to the writer's destination.
    fn flush(&mut self) -> io::Result<()>;

    /// Writes whatever comes after the last record (and a header for an empty batch),
    /// flushes, and hands the writer back. By default nothing comes after the last
    /// record: the same as [`Exporter::into_inner`].
    fn finish(self) -> io::Result<Self::Inner> {
        self.into_inner()
    }

    /// Flushes what is written so far and hands the writer back without ending the
    /// output (an interrupted run).
    fn into_inner(self) -> io::Result<Self::Inner>;
}

/// `doc` as a whole output of `exporter`'s format (header and all): what `--out-dir`
/// writes for one input.
pub fn whole<E: Exporter>(mut exporter: E, doc: &Document) -> io::Result<E::Inner> {
    exporter.write(doc)?;
    exporter.finish()
}

/// `articles`, each as if read from `x.xml`, as one output of `exporter`: the exporters'
/// tests' run.
#[cfg(test)]
pub(crate) fn export_articles<E: Exporter>(
    mut exporter: E,
    articles: Vec<crate::model::Article>,
) -> E::Inner {
    for article in articles {
        let doc = Document {
            source: "x.xml".into(),
            text: String::new(),
            article,
        };
        exporter.write(&doc).unwrap();
    }
    exporter.finish().unwrap()
}
