//! RIS export: the tagged format every reference manager imports (Zotero, EndNote,
//! Mendeley, JabRef, Citavi), as its specification writes it: UTF-8 text, one record per
//! document, each line `TG  - value` ending in CR LF, a record from `TY` to `ER`, records
//! separated by a blank line.
//!
//! ```text
//! TY  - JOUR
//! TI  - Sketch of the Analytical Engine: With Notes
//! AU  - Lovelace, Ada
//! AU  - van der Berg, Jan
//! AU  - TEI Consortium
//! A2  - Menabrea, Luigi
//! PY  - 1843
//! DA  - 1843/09/30
//! T2  - Scientific Memoirs
//! JO  - Scientific Memoirs
//! SN  - 1234-5679, 2345-6787
//! VL  - 3
//! IS  - 1
//! SP  - 666
//! EP  - 731
//! DO  - 10.1234/abc
//! UR  - https://example.org/article/1
//! AB  - First paragraph. Second paragraph.
//! KW  - engines
//! KW  - notes
//! LA  - en
//! PB  - Richard and John E. Taylor
//! ER  -
//! ```
//!
//! - `TY`: `JOUR` (a journal article, or a review), `CONF` (a conference paper), `CHAP`,
//!   `THES`, `BOOK`, `RPRT`, else `GEN`; chosen as the CSL-JSON `type` is.
//! - Every field is on one line: line breaks, tabs and runs of spaces inside a value are
//!   folded into one space and control characters dropped, so that no value can start a
//!   line of its own (a forged `ER  - ` inside an abstract ends nothing). An abstract's
//!   paragraphs are therefore joined by a space.
//! - `AU`: one per author, `Family, Given` (`Family, Given, Suffix` with a suffix), the
//!   particles in front of the family name (`van der Berg, Jan`), split as the BibTeX
//!   export splits names; an organisation, or a name that cannot be split safely, as
//!   written (`TEI Consortium`).
//! - Editors: `A2` for the editors of the work or of its book or proceedings (the
//!   secondary authors; Zotero reads them as editors), `A3` for the series editors.
//! - `TI`: the main title and the subtitle joined (`Title: Subtitle`); `ST` a short title;
//!   `TT` each other title (other languages, alternatives).
//! - `T2`: the journal (`JO` repeats it: the specification's "periodical name, full
//!   format", which rispy and older readers look for, though Zotero files it as the
//!   journal's abbreviation); for a chapter,
//!   the book; for a conference paper, the meeting's name, with the proceedings' title in
//!   `C3` (Zotero's reading of `CONF`), else the proceedings' title. `T3`: a series, or a
//!   conference paper's journal (a proceedings series). `C1`: the meeting's place.
//! - `PY`: the year; `DA`: `YYYY/MM/DD` (or `YYYY/MM`) when the date is written
//!   `YYYY-MM-DD` (or `YYYY-MM`), a time after it dropped. A date written otherwise
//!   (`01/07/2010`: day or month first?) is never guessed into parts: it is kept in a
//!   note, `N1  - Date: 01/07/2010`.
//! - `SN`: print, then electronic ISSN, canonical when valid, joined by `, ` (Zotero reads
//!   `SN` as an ISSN for a journal article only, as an ISBN otherwise).
//! - `DO`: the DOI, bare, in Unicode NFKC.
//! - `AB`: the main abstract, then the others (other languages).
//! - `KW`: one per author keyword. (Zotero splits a keyword at `;`, and a record's only
//!   keyword at `,` too: a reader's habit that no writer can escape.)
//! - `LA`: the language as written; `PB`: the publisher (a thesis's institution); `M3`:
//!   the degree of a thesis when the TEI says more than "thesis".
//!
//! Absent values leave their tag out.

use std::io::{self, Write};

use super::cite::{self, Issued, Kind, PersonName};
use super::Exporter;
use crate::model::{Article, EditorOf};
use crate::Document;

/// The RIS options (none yet: the format has one form).
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {}

/// One record, rendered: its lines from `TY` to `ER`, each ending in CR LF.
#[derive(Debug, Clone)]
pub struct Record(String);

impl super::Render for Options {
    type Piece = Record;

    fn render(&self, doc: &Document) -> Record {
        Record(record(&doc.article))
    }
}

/// RIS records written to `W`, separated by a blank line.
pub struct Ris<W> {
    out: W,
    options: Options,
    written: usize,
}

impl<W: Write> Ris<W> {
    /// A RIS exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Ris {
            out,
            options,
            written: 0,
        }
    }
}

impl<W: Write> Exporter for Ris<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, record: Record) -> io::Result<()> {
        if self.written > 0 {
            self.out.write_all(b"\r\n")?;
        }
        self.written += 1;
        self.out.write_all(record.0.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The RIS type of each kind.
fn ris_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Journal | Kind::Review => "JOUR",
        Kind::Conference => "CONF",
        Kind::Chapter => "CHAP",
        Kind::Thesis => "THES",
        Kind::Book => "BOOK",
        Kind::Report => "RPRT",
        Kind::Generic => "GEN",
    }
}

/// The lines of one record.
#[derive(Default)]
struct Lines(String);

impl Lines {
    /// `tag  - value` on one line, when the value holds anything once folded.
    fn put(&mut self, tag: &str, value: &str) {
        if let Some(v) = cite::line(value) {
            self.0.push_str(tag);
            self.0.push_str("  - ");
            self.0.push_str(&v);
            self.0.push_str("\r\n");
        }
    }

    fn opt(&mut self, tag: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.put(tag, v);
        }
    }
}

/// How a name is written after `AU`, `A2` or `A3`.
fn ris_name(name: &PersonName) -> String {
    match name {
        PersonName::Literal(s) => s.clone(),
        PersonName::Parts {
            given,
            dropping,
            suffix,
            ..
        } => {
            let family = name.family_with_particles();
            let given = match (given, dropping) {
                (Some(g), Some(d)) => Some(format!("{g} {d}")),
                (g, d) => g.clone().or(d.clone()),
            };
            match (given, suffix) {
                (Some(g), Some(s)) => format!("{family}, {g}, {s}"),
                (Some(g), None) => format!("{family}, {g}"),
                (None, Some(s)) => format!("{family} {s}"),
                (None, None) => family,
            }
        }
    }
}

fn record(a: &Article) -> String {
    let kind = Kind::of(a);
    let t = |v| cite::text(v);
    let mut r = Lines::default();
    r.put("TY", ris_type(kind));
    r.opt("TI", cite::full_title(a).as_deref());
    let (short, others) = cite::other_titles(a);
    r.opt("ST", short.as_deref());
    for o in &others {
        r.put("TT", o);
    }
    for au in a.authors.iter().filter_map(PersonName::of) {
        r.put("AU", &ris_name(&au));
    }
    for e in &a.editors {
        let tag = match e.of {
            EditorOf::Work | EditorOf::Container => "A2",
            EditorOf::Series => "A3",
        };
        if let Some(n) = PersonName::of(&e.person) {
            r.put(tag, &ris_name(&n));
        }
    }
    match cite::issued_of(a) {
        Some(Issued::Date(d)) => {
            r.put("PY", &format!("{:04}", d.year));
            match (d.month, d.day) {
                (Some(m), Some(day)) => r.put("DA", &format!("{:04}/{m:02}/{day:02}", d.year)),
                (Some(m), None) => r.put("DA", &format!("{:04}/{m:02}", d.year)),
                _ => {}
            }
        }
        Some(Issued::Text(text)) => r.put("N1", &format!("Date: {text}")),
        None => {}
    }

    let journal = t(a.journal.as_ref());
    let container = t(a.container.as_ref());
    let series = t(a.series.as_ref());
    let event = a.event.as_ref().and_then(|e| t(Some(&e.name)));
    match kind {
        Kind::Journal | Kind::Review => {
            let secondary = journal.clone().or(container.clone());
            r.opt("T2", secondary.as_deref());
            r.opt("JO", journal.as_deref());
            r.opt("T3", series.as_deref());
        }
        Kind::Conference => {
            let proceedings = container.clone().or(journal.clone());
            match &event {
                Some(e) => {
                    r.put("T2", e);
                    r.opt("C3", proceedings.as_deref());
                }
                None => r.opt("T2", proceedings.as_deref()),
            }
            let other = journal.filter(|j| Some(j) != container.as_ref() && container.is_some());
            r.opt("T3", series.or(other).as_deref());
        }
        _ => {
            let secondary = container.clone().or(journal.clone());
            r.opt("T2", secondary.as_deref());
            let other = journal.filter(|j| Some(j) != container.as_ref() && container.is_some());
            r.opt("T3", series.or(other).as_deref());
        }
    }
    if kind != Kind::Conference {
        // The meeting of a paper filed under another type: kept, where Zotero reads it.
        if let Some(e) = &event {
            r.put("C3", e);
        }
    }
    r.opt("C1", a.event.as_ref().and_then(|e| e.place.as_deref()));
    let issns = cite::issns(a);
    if !issns.is_empty() {
        r.put("SN", &issns.join(", "));
    }
    r.opt("VL", t(a.volume.as_ref()).as_deref());
    r.opt("IS", t(a.issue.as_ref()).as_deref());
    r.opt("SP", t(a.first_page.as_ref()).as_deref());
    r.opt("EP", t(a.last_page.as_ref()).as_deref());
    r.opt("DO", cite::doi(a).as_deref());
    r.opt("UR", t(a.url.as_ref()).as_deref());
    let abstracts: Vec<String> = cite::abstracts(a)
        .into_iter()
        .map(|p| p.join(" "))
        .collect();
    if !abstracts.is_empty() {
        r.put("AB", &abstracts.join(" "));
    }
    for k in cite::keywords(a) {
        r.put("KW", &k);
    }
    r.opt("LA", t(a.language.as_ref()).as_deref());
    let publisher = match kind {
        Kind::Thesis => t(a.institution.as_ref()).or_else(|| t(a.publisher.as_ref())),
        _ => t(a.publisher.as_ref()),
    };
    r.opt("PB", publisher.as_deref());
    if kind == Kind::Thesis {
        r.opt("M3", cite::thesis_degree(a));
    }
    // `ER  - ` with its space: the tag format is six characters whatever the value.
    r.0.push_str("ER  - \r\n");
    r.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Author, Located};

    fn t(s: &str) -> crate::model::Text {
        Located::new(s.to_string(), Default::default())
    }

    fn run(articles: Vec<Article>) -> String {
        let out =
            crate::export::export_articles(Ris::new(Vec::new(), Options::default()), articles);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_empty_batch_writes_nothing_and_records_are_separated() {
        assert_eq!(run(vec![]), "");
        assert_eq!(
            run(vec![Article::default(), Article::default()]),
            "TY  - GEN\r\nER  - \r\n\r\nTY  - GEN\r\nER  - \r\n"
        );
    }

    #[test]
    fn a_line_break_in_a_value_cannot_end_the_record() {
        let a = Article {
            authors: vec![Author {
                surname: Some(t("Smith\r\nER  - ")),
                forename: Some(t("John\nTY  - BOOK")),
                ..Default::default()
            }],
            ..Default::default()
        };
        let out = run(vec![a]);
        assert_eq!(
            out,
            "TY  - GEN\r\nAU  - Smith ER -, John TY - BOOK\r\nER  - \r\n"
        );
    }

    #[test]
    fn names_read_family_first_with_their_particles_and_suffix() {
        let name = |surname: &str, forename: &str| {
            let a = Author {
                surname: Some(t(surname)),
                forename: Some(t(forename)).filter(|_| !forename.is_empty()),
                ..Default::default()
            };
            ris_name(&PersonName::of(&a).unwrap())
        };
        assert_eq!(name("van der Berg", "Jan"), "van der Berg, Jan");
        assert_eq!(name("Smith, Jr.", "John"), "Smith, John, Jr.");
        assert_eq!(name("Beethoven", "Ludwig van"), "Beethoven, Ludwig van");
        assert_eq!(name("Youn", ""), "Youn");
    }
}
