//! CSL-JSON export: the input format of citation processors (citeproc-js, citeproc-py,
//! pandoc) and of Zotero's and Mendeley's import, following the CSL-JSON schema 1.0.2.
//!
//! A batch is one JSON array, one item per document in input order:
//!
//! ```json
//! [
//!   {
//!     "id": "lovelace-sketch-1843",
//!     "citation-key": "lovelace-sketch-1843",
//!     "type": "article-journal",
//!     "title": "Sketch of the Analytical Engine: With Notes",
//!     "author": [
//!       {"family": "Lovelace", "given": "Ada"},
//!       {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"},
//!       {"literal": "TEI Consortium"}
//!     ],
//!     "editor": [{"family": "Menabrea", "given": "Luigi"}],
//!     "issued": {"date-parts": [[1843, 9, 30]]},
//!     "container-title": "Scientific Memoirs",
//!     "ISSN": "1234-5679, 2345-6787",
//!     "volume": "3",
//!     "issue": "1",
//!     "page": "666-731",
//!     "page-first": "666",
//!     "DOI": "10.1234/abc",
//!     "URL": "https://example.org/article/1",
//!     "abstract": "First paragraph.\n\nSecond paragraph.",
//!     "keyword": "engines, notes",
//!     "language": "en",
//!     "publisher": "Richard and John E. Taylor"
//!   }
//! ]
//! ```
//!
//! - `id` is the BibTeX citation key (the same function makes both, so a document cited
//!   from a `.bib` and from CSL-JSON has one key), made unique within the output by the
//!   same suffixes (`a`, `b`, …); `citation-key` repeats it for Zotero.
//! - `type`: the TEI's document type first (`thesis`, `chapter`, `paper-conference`,
//!   `book`, `report`, `review`), then `article-journal` when there is a journal title (or
//!   the type says "article"), `paper-conference` when there is a meeting, else `document`.
//! - Names: a person as `family`, `given`, `non-dropping-particle` (the lowercase words a
//!   family name starts with: `van der`), `dropping-particle` (lowercase words ending the
//!   given names), `suffix`; split by the same rules as the BibTeX export. An
//!   organisation, or a one-string name that cannot be split safely (`Mary Ann Smith`,
//!   most names in scripts without case), is one `literal`.
//! - `editor` holds the editors of the work and of its book or proceedings (but those
//!   whose role is `chair` or `organizer`, who are `chair` and `organizer`);
//!   `collection-editor` those of the series.
//! - `title` is the main title and the subtitle joined (`Title: Subtitle`: CSL has no
//!   subtitle variable); a `short` title is `title-short`; every other title (other
//!   languages, alternatives) is kept in `note` as `[Other title] [Autre titre]`.
//! - `issued` is `date-parts` only for a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
//!   that is on the calendar (a time after it is dropped); any other date with a year in it
//!   is kept as written in `{"literal": …}`, never guessed into parts (`01/07/2010`).
//! - `container-title`: the journal, or for a chapter or conference paper the book or
//!   proceedings (the journal standing in when there is none). A journal article's other
//!   container (a thematic issue's title) is `volume-title`; a conference paper's journal
//!   (a proceedings series such as Procedia) or a series is `collection-title`.
//! - `ISSN`: print, then electronic, canonical (`NNNN-NNNC`) when valid, joined by `, `.
//! - `DOI` is bare and in Unicode NFKC (`ﬂ` copied from a PDF becomes `fl`).
//! - `abstract`: the main abstract (document language, else English, else the first),
//!   then the others, paragraphs separated by a blank line.
//! - `keyword`: the author keywords joined by `, ` (CSL's convention; a keyword that holds
//!   a comma cannot be told apart there).
//! - A thesis's `publisher` is its institution; `genre` says `Master's thesis` or
//!   `Habilitation thesis` when the TEI does.
//! - `event-title`, `event-place`, and `event-date` (when its dates read as above) for the
//!   meeting.
//!
//! Absent values leave their variable out. Values are folded to one line (control
//! characters dropped, white space collapsed), except the abstract's paragraph breaks.

use std::io::{self, Write};

use serde::Serialize;

use super::bibtex::keys::KeyRegistry;
use super::cite::{self, Issued, Kind, PersonName};
use super::Exporter;
use crate::model::{Article, Editor, EditorOf};
use crate::Document;

/// The CSL-JSON options (none yet: the format has one form).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {}

/// One item, rendered but for its `id` (which must be unique across the output).
#[derive(Debug, Clone)]
pub struct Item {
    /// The key the item would have alone.
    base_key: String,
    /// The item's other members, pretty-printed and indented for the array, without the
    /// opening brace (`"type": …` onwards, closing brace included).
    body: String,
}

impl super::Render for Options {
    type Piece = Item;

    fn render(&self, doc: &Document) -> Item {
        let a = &doc.article;
        let item = item(a);
        let text = serde_json::to_string_pretty(&item).expect("an item always serialises");
        let text = compact_number_arrays(&text);
        // Indented by two spaces inside the array; a JSON string never holds a raw line
        // break, so every line break is between members.
        let indented: Vec<String> = text.lines().map(|l| format!("  {l}")).collect();
        let joined = indented.join("\n");
        let body = joined
            .strip_prefix("  {")
            .unwrap_or(&joined)
            .trim_start_matches('\n')
            .to_string();
        Item {
            base_key: super::bibtex::base_key(a),
            body,
        }
    }
}

/// `text` (pretty-printed JSON) with every array that holds only numbers and arrays of
/// numbers on one line: `"date-parts": [[2019, 9, 30]]` rather than eleven lines.
/// Strings are copied untouched.
fn compact_number_arrays(text: &str) -> String {
    let b = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let (mut i, mut in_string, mut escaped) = (0, false, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if c == b'"' {
            in_string = true;
        } else if c == b'[' {
            // The run of brackets, digits, signs, commas and white space that closes
            // this array, if the array holds nothing else.
            let mut depth = 0usize;
            let mut end = None;
            for (j, &d) in b.iter().enumerate().skip(i) {
                match d {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(j);
                            break;
                        }
                    }
                    b'0'..=b'9' | b'-' | b'.' | b',' | b' ' | b'\n' => {}
                    _ => break,
                }
            }
            if let Some(end) = end {
                for &d in &b[i..=end] {
                    match d {
                        b' ' | b'\n' => {}
                        b',' => out.extend_from_slice(b", "),
                        _ => out.push(d),
                    }
                }
                i = end + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).expect("only ASCII white space was removed")
}

/// A CSL-JSON array written to `W`, with ids unique across it.
pub struct Csl<W> {
    out: W,
    options: Options,
    keys: KeyRegistry,
    written: usize,
}

impl<W: Write> Csl<W> {
    /// A CSL-JSON exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Csl {
            out,
            options,
            keys: KeyRegistry::default(),
            written: 0,
        }
    }
}

impl<W: Write> Exporter for Csl<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, item: Item) -> io::Result<()> {
        let key = self.keys.assign(item.base_key);
        // Keys are `[a-z0-9-]`, but quote them as JSON all the same.
        let key = serde_json::to_string(&key).expect("a string serialises");
        self.out
            .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
        self.written += 1;
        let body = item.body.trim_start();
        let sep = if body.starts_with('}') { "" } else { ",\n    " };
        write!(
            self.out,
            "  {{\n    \"id\": {key},\n    \"citation-key\": {key}{sep}{body}"
        )
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(mut self) -> io::Result<W> {
        self.out
            .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

// ---- wire format: private serde structs -------------------------------------------------

/// A CSL name variable.
#[derive(Serialize)]
struct CslName {
    #[serde(skip_serializing_if = "Option::is_none")]
    family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<String>,
    #[serde(
        rename = "non-dropping-particle",
        skip_serializing_if = "Option::is_none"
    )]
    non_dropping_particle: Option<String>,
    #[serde(rename = "dropping-particle", skip_serializing_if = "Option::is_none")]
    dropping_particle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suffix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<String>,
}

impl From<PersonName> for CslName {
    fn from(n: PersonName) -> Self {
        match n {
            PersonName::Literal(literal) => CslName {
                family: None,
                given: None,
                non_dropping_particle: None,
                dropping_particle: None,
                suffix: None,
                literal: Some(literal),
            },
            PersonName::Parts {
                family,
                given,
                particle,
                dropping,
                suffix,
            } => CslName {
                family: Some(family),
                given,
                non_dropping_particle: particle,
                dropping_particle: dropping,
                suffix,
                literal: None,
            },
        }
    }
}

/// A CSL date variable: `date-parts`, or a `literal` text.
#[derive(Serialize)]
#[serde(untagged)]
enum CslDate {
    Parts {
        #[serde(rename = "date-parts")]
        date_parts: Vec<Vec<u32>>,
    },
    Literal {
        literal: String,
    },
}

impl CslDate {
    fn of(issued: Issued) -> CslDate {
        match issued {
            Issued::Date(d) => CslDate::Parts {
                date_parts: vec![parts(&d)],
            },
            Issued::Text(literal) => CslDate::Literal { literal },
        }
    }
}

fn parts(d: &crate::ids::Date) -> Vec<u32> {
    [Some(d.year), d.month, d.day]
        .into_iter()
        .flatten()
        .collect()
}

/// An event's dates: one date, or a range, when they read unambiguously.
fn event_date(start: Option<&str>, end: Option<&str>) -> Option<CslDate> {
    let read = |s: Option<&str>| match s.and_then(cite::issued) {
        Some(Issued::Date(d)) => Some(d),
        _ => None,
    };
    match (read(start), read(end)) {
        (Some(s), Some(e)) if s != e => Some(CslDate::Parts {
            date_parts: vec![parts(&s), parts(&e)],
        }),
        (Some(d), _) | (None, Some(d)) => Some(CslDate::Parts {
            date_parts: vec![parts(&d)],
        }),
        (None, None) => None,
    }
}

/// One item but for its id, its members in the order written.
#[derive(Serialize)]
struct CslItem {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(rename = "title-short", skip_serializing_if = "Option::is_none")]
    title_short: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<CslName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    chair: Vec<CslName>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    organizer: Vec<CslName>,
    #[serde(rename = "collection-editor", skip_serializing_if = "Vec::is_empty")]
    collection_editor: Vec<CslName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<String>,
    #[serde(rename = "volume-title", skip_serializing_if = "Option::is_none")]
    volume_title: Option<String>,
    #[serde(rename = "collection-title", skip_serializing_if = "Option::is_none")]
    collection_title: Option<String>,
    #[serde(rename = "event-title", skip_serializing_if = "Option::is_none")]
    event_title: Option<String>,
    #[serde(rename = "event-place", skip_serializing_if = "Option::is_none")]
    event_place: Option<String>,
    #[serde(rename = "event-date", skip_serializing_if = "Option::is_none")]
    event_date: Option<CslDate>,
    #[serde(rename = "ISSN", skip_serializing_if = "Option::is_none")]
    issn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<String>,
    #[serde(rename = "page-first", skip_serializing_if = "Option::is_none")]
    page_first: Option<String>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<String>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    keyword: Option<String>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The CSL type of each kind.
fn csl_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Journal => "article-journal",
        Kind::Conference => "paper-conference",
        Kind::Chapter => "chapter",
        Kind::Thesis => "thesis",
        Kind::Book => "book",
        Kind::Report => "report",
        Kind::Review => "review",
        Kind::Generic => "document",
    }
}

fn names<'a>(people: impl Iterator<Item = &'a crate::model::Author>) -> Vec<CslName> {
    people
        .filter_map(PersonName::of)
        .map(CslName::from)
        .collect()
}

fn item(a: &Article) -> CslItem {
    let kind = Kind::of(a);
    let t = |v| cite::text(v);
    let journal = t(a.journal.as_ref());
    let container = t(a.container.as_ref());
    let series = t(a.series.as_ref());
    let (container_title, volume_title, collection_title) = match kind {
        Kind::Journal | Kind::Review => {
            let other = container.filter(|c| Some(c) != journal.as_ref());
            match journal {
                Some(j) => (Some(j), other, series),
                None => (other, None, series),
            }
        }
        _ => {
            let other = journal.filter(|j| Some(j) != container.as_ref());
            match container {
                Some(c) => (Some(c), None, series.or(other)),
                None => (other, None, series),
            }
        }
    };
    let (title_short, others) = cite::other_titles(a);
    let note = (!others.is_empty()).then(|| {
        others
            .iter()
            .map(|o| format!("[{o}]"))
            .collect::<Vec<_>>()
            .join(" ")
    });
    let first = t(a.first_page.as_ref());
    let last = t(a.last_page.as_ref());
    let page = match (&first, &last) {
        (Some(f), Some(l)) if f != l => Some(format!("{f}-{l}")),
        (Some(f), _) => Some(f.clone()),
        (None, _) => None,
    };
    let publisher = match kind {
        Kind::Thesis => t(a.institution.as_ref()).or_else(|| t(a.publisher.as_ref())),
        _ => t(a.publisher.as_ref()),
    };
    let event = a.event.as_ref();
    let keywords = cite::keywords(a);
    let abstracts: Vec<String> = cite::abstracts(a)
        .into_iter()
        .map(|paragraphs| paragraphs.join("\n\n"))
        .collect();
    let issns = cite::issns(a);
    // A meeting's chairs and organisers have CSL variables of their own; every other
    // editor of the work or its container is an `editor`.
    let role = |e: &Editor| match e.role.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("chair") => Some("chair"),
        Some("organizer" | "organiser") => Some("organizer"),
        _ => None,
    };
    let editors = |of: &[EditorOf], wanted: Option<&str>| {
        names(
            a.editors
                .iter()
                .filter(|e| of.contains(&e.of) && (e.of == EditorOf::Series || role(e) == wanted))
                .map(|e| &e.person),
        )
    };
    const OWN: &[EditorOf] = &[EditorOf::Work, EditorOf::Container];
    CslItem {
        kind: csl_type(kind),
        title: cite::full_title(a),
        title_short,
        author: names(a.authors.iter()),
        editor: editors(OWN, None),
        chair: editors(OWN, Some("chair")),
        organizer: editors(OWN, Some("organizer")),
        collection_editor: editors(&[EditorOf::Series], None),
        issued: cite::issued_of(a).map(CslDate::of),
        container_title,
        volume_title,
        collection_title,
        event_title: event.and_then(|e| t(Some(&e.name))),
        event_place: event.and_then(|e| e.place.as_deref()).and_then(cite::line),
        event_date: event.and_then(|e| event_date(e.start.as_deref(), e.end.as_deref())),
        issn: (!issns.is_empty()).then(|| issns.join(", ")),
        volume: t(a.volume.as_ref()),
        issue: t(a.issue.as_ref()),
        page,
        page_first: first,
        doi: cite::doi(a),
        url: t(a.url.as_ref()),
        genre: if kind == Kind::Thesis {
            cite::thesis_degree(a)
        } else {
            None
        },
        publisher,
        language: t(a.language.as_ref()),
        keyword: (!keywords.is_empty()).then(|| keywords.join(", ")),
        abstract_: (!abstracts.is_empty()).then(|| abstracts.join("\n\n")),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn run(articles: Vec<Article>) -> Value {
        let out =
            crate::export::export_articles(Csl::new(Vec::new(), Options::default()), articles);
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn number_arrays_are_written_on_one_line_and_strings_are_not_touched() {
        let value = json!({
            "issued": {"date-parts": [[2019, 9, 30], [2020]]},
            "note": "[1,\n 2] \"[3, 4]\"",
            "author": [{"family": "X"}],
            "empty": []
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let compact = compact_number_arrays(&pretty);
        assert!(
            compact.contains("\"date-parts\": [[2019, 9, 30], [2020]]"),
            "{compact}"
        );
        assert!(compact.contains("\"empty\": []"), "{compact}");
        assert!(compact.contains("\"author\": [\n"), "{compact}");
        let back: Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn an_empty_batch_is_an_empty_array() {
        assert_eq!(run(vec![]), json!([]));
    }

    #[test]
    fn an_item_without_values_has_its_id_and_type() {
        let v = run(vec![Article::default(), Article::default()]);
        assert_eq!(
            v,
            json!([
                {"id": "anon", "citation-key": "anon", "type": "document"},
                {"id": "anon-a", "citation-key": "anon-a", "type": "document"}
            ])
        );
    }
}
