//! BibLaTeX export (UTF-8, for biber), or classic BibTeX with [`Options::classic`].
//!
//! One entry per document, in input order, separated by a blank line. Every value is
//! written so that biber (with `--validate-datamodel`), pybtex, bibtexparser and the
//! `biblatex` crate read back exactly the text of the model (control characters dropped,
//! white space collapsed, as BibTeX reads it anyway). The rules are documented where they
//! live: escaping and case protection in the `escape` submodule, names in `names`,
//! citation keys in `keys`, dates, ISSNs, languages, volumes and pages in `values`.
//!
//! # Entry type
//!
//! What a librarian would choose, from what the TEI says, first rule that holds:
//!
//! | the article has | entry |
//! |---|---|
//! | genre `thesis`, `masters-thesis` or `habilitation` | `@thesis` (`type = {phdthesis}`, `{mathesis}` or `{Habilitation thesis}`; `institution`); classic: `@phdthesis` or `@mastersthesis` with `school` (a habilitation: `@phdthesis`, `type = {Habilitation thesis}`) |
//! | genre `conference-paper`, or a meeting and no journal and no other genre; and proceedings, a journal or a meeting | `@inproceedings` (`booktitle`: the proceedings, else the journal, else the meeting; `eventtitle` (unless it is the `booktitle`), `eventdate`, `venue` (classic: `address`), `editor`: the proceedings' editors, `series`) |
//! | a journal title | `@article` |
//! | genre `chapter`, a book title (`container`) and the book's editors | `@incollection` (`booktitle`, `editor`, `series`) |
//! | genre `chapter` and a book title | `@inbook` (`booktitle`, `series`); classic: `@incollection` |
//! | anything else | `@misc` (`howpublished`: the meeting, else the publisher) |
//!
//! In BibLaTeX a chapter is `@incollection` only with the book's editors: biber's data
//! model makes `@incollection` require them. Classic output always has `@incollection`
//! for a chapter, since `plain` and its kin print a book title for nothing else (the
//! editor is then a mandatory field the TEI lacks, as a missing date is). A conference paper with neither proceedings nor a meeting
//! is `@misc`, since `@inproceedings` requires a `booktitle`. The only mandatory field an entry can lack is one the TEI really lacks
//! (a date; a thesis's institution).
//!
//! # Fields
//!
//! | model | `@article` | `@misc` |
//! |---|---|---|
//! | authors | `author` (`Family, Given and …`) | `author` |
//! | other forms of a name (another script) | `author+an = {2="윤 대영"}`: a biblatex data annotation on the second name, which biber reads without a warning and every other reader keeps as a field | same |
//! | editors of the work (of the container for a book or proceedings) | `editor`, `editor+an` | same |
//! | the other editors (of the work, the container or the series) | `editora`, `editorb`, `editorc` with `editoratype` … (`editor`, `serieseditor`) where biber's data model has them (`@article`, `@inbook`, `@incollection`); else, and in classic BibTeX, `note = {Series edited by …}` | `note` |
//! | a meeting, for a type without event fields | `note = {Name, Place, 2016-06-20 to 2016-06-24}` | `howpublished` |
//! | main title, subtitle | `title`, `subtitle` (classic: `title = {Title: Subtitle}`) | same |
//! | other titles (languages, alternative, supertitle) | `titleaddon = {[Other title] [Autre titre]}`, as biblatex-apa gives a translated title; a `short` title as `shorttitle` | same |
//! | journal | `journaltitle` (classic: `journal`) | — |
//! | volume | `volume` when an integer; else `note = {Vol. XII}` (biber's data model makes `volume` an integer) | `note = {Vol. 18, no. 2, pp. 29--40}` |
//! | issue | `number` | `note` |
//! | first/last page | `pages = {45--78}` (what biber's range parser cannot read, such as `12, 14`, goes to `note` as `pp. 12, 14`) | `note` |
//! | date | `date = {2019-09-30}`: the valid ISO parts; free text gives its year (and a month name's month); no year, no field (classic: `year`, `month = sep`) | same |
//! | ISSN (print, else electronic) | `issn`, only with a valid check digit | — |
//! | publisher | — (biber's data model has no `publisher` for `@article`) | `howpublished` |
//! | DOI, URL | `doi` (NFKC: `ﬂ` → `fl`), `url`: raw, never LaTeX-escaped; a template placeholder ("My DOI number") is left out | same |
//! | language | `langid` (`english`, `french`, `ngerman`, …; left out when unknown) | same |
//! | author keywords | `keywords = {a, b, {c, d}}` (de-duplicated; a keyword with a comma braced) | same |
//! | abstracts | `abstract`: the main one (document language, else English, else the first), then the others, paragraphs separated by `\par` | same |
//!
//! A book or proceedings (`@inbook`, `@incollection`, `@inproceedings`) has `volume`,
//! `number` (the issue: the book's number in its series), `pages` and `publisher` like an
//! article, and `series`.
//!
//! `@misc` (and `@thesis`) have no volume, issue or pages in biblatex's data model, so
//! they are kept in `note`, as a reader would cite them; an ISSN without a journal is
//! left out.
//!
//! Titles keep their case; only words with inner capitals or acronyms are braced
//! (`{TEI}`), never the whole title. A main title's trailing `:` before a subtitle is
//! dropped, since biblatex punctuates between them itself.
//!
//! A blank line inside a field does not survive bibtex or biber (both read it as a
//! space), so the paragraphs of a multi-paragraph abstract are separated by an explicit
//! `\par`, which LaTeX reads as the paragraph break and all three parsers keep as text.
//! Every value is written on one line.
//!
//! Classic mode writes accented Latin letters as accent macros (`{\"u}`), dashes as `--`
//! and `---`, typographic punctuation as text commands, and reports, in a `%` comment
//! line before the entry, the characters left that pdfLaTeX cannot print with the Latin
//! font encodings (Cyrillic, Greek, CJK …); it writes `year` and
//! `month` instead of `date` (the day is dropped: classic BibTeX has no field for it),
//! `journal` instead of `journaltitle`, and folds the subtitle into the title.

pub(crate) mod escape;
pub(crate) mod keys;
pub(crate) mod names;
mod values;

use std::collections::HashSet;
use std::io::{self, Write};

use unicode_normalization::UnicodeNormalization;

use super::cite::text;
use super::Exporter;
use crate::ids::doi::nfkc;
use crate::model::{AltName, Article, Author, EditorOf, Event, Text};
use crate::placeholder::placeholder;
use crate::Document;

use escape::{brace, clean, escape, protect_title, unprintable};
use keys::KeyRegistry;
use names::{format_name, name_of, Name};
use values::{
    langid, month_macro, normalize_issn, pages, parse_date, verbatim, volume, Pages, Volume,
};

/// The BibTeX options.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Classic BibTeX (LaTeX accent macros, `year`/`month`) instead of BibLaTeX.
    pub classic: bool,
}

/// One entry, rendered but for its key (which must be unique across the batch).
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The key the entry would have alone, before de-duplication.
    base_key: String,
    /// The text before the key: `@type{`.
    head: String,
    /// The text after the key: `,` the fields and the closing brace.
    tail: String,
}

impl super::Render for Options {
    type Piece = Rendered;

    fn render(&self, doc: &Document) -> Rendered {
        Entry::new(&doc.article, self.classic).render()
    }
}

/// Writes BibLaTeX (or classic BibTeX) entries to `W`, with keys unique across the batch.
pub struct Bibtex<W> {
    out: W,
    options: Options,
    keys: KeyRegistry,
    written: usize,
}

impl<W: Write> Bibtex<W> {
    /// A BibTeX exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Bibtex {
            out,
            options,
            keys: KeyRegistry::default(),
            written: 0,
        }
    }
}

impl<W: Write> Exporter for Bibtex<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, entry: Rendered) -> io::Result<()> {
        let key = self.keys.assign(entry.base_key);
        if self.written > 0 {
            self.out.write_all(b"\n")?;
        }
        self.written += 1;
        self.out.write_all(entry.head.as_bytes())?;
        self.out.write_all(key.as_bytes())?;
        self.out.write_all(entry.tail.as_bytes())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A field value: braced text, or a bare macro name (classic `month = sep`).
enum Value {
    Braced(String),
    Bare(&'static str),
}

/// The entry types teimeta writes (see the module documentation for the rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Thesis,
    InBook,
    InCollection,
    InProceedings,
    Misc,
}

/// Genres that say what a document is, so that a meeting it mentions does not make it a
/// conference paper.
const NOT_CONFERENCE: &[&str] = &[
    "article",
    "review",
    "chapter",
    "book",
    "thesis",
    "masters-thesis",
    "habilitation",
    "report",
];

impl Kind {
    fn of(a: &Article, journal: bool, book: bool, container_editors: bool, classic: bool) -> Kind {
        let genre = a.genre.as_ref().map(|g| g.as_str());
        let event = text(a.event.as_ref().map(|e| &e.name)).is_some();
        let conference = genre == Some("conference-paper")
            || (event && !journal && !genre.is_some_and(|g| NOT_CONFERENCE.contains(&g)));
        match genre {
            Some("thesis" | "masters-thesis" | "habilitation") => return Kind::Thesis,
            _ if conference && (book || journal || event) => return Kind::InProceedings,
            _ if journal => return Kind::Article,
            _ => {}
        }
        match genre {
            // A chapter in an edited book. biber's data model makes `@incollection`
            // require the book's editors, so without them BibLaTeX gets `@inbook`; classic
            // styles print a book title only for `@incollection` (`plain`'s `@inbook` takes
            // `title` for the book's), so classic output is always `@incollection`.
            Some("chapter") if book && (container_editors || classic) => Kind::InCollection,
            Some("chapter") if book => Kind::InBook,
            _ => Kind::Misc,
        }
    }

    fn name(self, a: &Article, classic: bool) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Thesis if !classic => "thesis",
            Kind::Thesis => match a.genre.as_ref().map(|g| g.as_str()) {
                Some("masters-thesis") => "mastersthesis",
                _ => "phdthesis",
            },
            Kind::InBook => "inbook",
            Kind::InCollection => "incollection",
            Kind::InProceedings => "inproceedings",
            Kind::Misc => "misc",
        }
    }

    /// Entries whose `booktitle` is the container.
    fn in_book(self) -> bool {
        matches!(
            self,
            Kind::InBook | Kind::InCollection | Kind::InProceedings
        )
    }
}

/// One entry before its key is made unique.
struct Entry {
    kind: &'static str,
    fields: Vec<(&'static str, Value)>,
    base_key: String,
    /// Classic mode: the comment line that reports characters pdfLaTeX cannot print.
    report: Option<String>,
}

/// Fields that no classic style typesets: raw identifiers and the names' other forms.
const NOT_TYPESET: &[&str] = &[
    "doi",
    "url",
    "author+an",
    "editor+an",
    "editora+an",
    "editorb+an",
    "editorc+an",
];

/// The most characters a report names one by one.
const REPORTED_CHARS: usize = 8;

/// A `%` comment line naming the characters of a classic entry's typeset fields that
/// have no LaTeX form pdfLaTeX reads with the Latin font encodings; BibTeX skips text
/// between entries, so every reader ignores it.
fn classic_report(fields: &[(&'static str, Value)]) -> Option<String> {
    let mut chars: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut names: Vec<&str> = Vec::new();
    for (name, value) in fields {
        let Value::Braced(v) = value else { continue };
        if NOT_TYPESET.contains(name) {
            continue;
        }
        let found = unprintable(v);
        if found.is_empty() {
            continue;
        }
        names.push(name);
        for c in found {
            if seen.insert(c.clone()) {
                chars.push(c);
            }
        }
    }
    if chars.is_empty() {
        return None;
    }
    let mut listed: Vec<String> = chars
        .iter()
        .take(REPORTED_CHARS)
        .map(|c| {
            let points: Vec<String> = c
                .chars()
                .map(|p| format!("U+{:04X}", u32::from(p)))
                .collect();
            format!("{} {c}", points.join(" "))
        })
        .collect();
    if chars.len() > REPORTED_CHARS {
        listed.push(format!("and {} more", chars.len() - REPORTED_CHARS));
    }
    Some(format!(
        "% teimeta: no classic LaTeX form for {} character{} in {} ({}): pdfLaTeX prints \
         them only with a font encoding or package that has them (T2A for Cyrillic, LGR \
         for Greek, CJK for Chinese and Japanese); BibLaTeX output (without --classic) \
         with LuaLaTeX reads them all\n",
        chars.len(),
        if chars.len() == 1 { "" } else { "s" },
        names.join(", "),
        listed.join(", ")
    ))
}

/// The fields of one entry, in the order they are written.
#[derive(Default)]
struct Fields(Vec<(&'static str, Value)>);

impl Fields {
    fn put(&mut self, name: &'static str, value: String) {
        self.0.push((name, Value::Braced(value)));
    }

    fn bare(&mut self, name: &'static str, value: &'static str) {
        self.0.push((name, Value::Bare(value)));
    }
}

/// An identifier's value, unless it is empty or a template placeholder ("My DOI number").
fn identifier(t: Option<&Text>) -> Option<&str> {
    t.map(|t| t.value.trim())
        .filter(|v| !v.is_empty() && placeholder(v).is_none())
}

/// A name list (`A and B`) and its per-name annotation holding the names' other forms
/// (`2="윤대영"`), or `None` when no name is left.
fn name_list(people: &[&Author], classic: bool) -> Option<(String, Option<String>)> {
    let mut names = Vec::new();
    let mut notes = Vec::new();
    for person in people {
        let Some(name) = name_of(person) else {
            continue;
        };
        names.push(format_name(&name, classic));
        let others: Vec<String> = person
            .alternate_names
            .iter()
            .filter_map(alternate_name)
            .collect();
        if !others.is_empty() {
            notes.push(format!("{}=\"{}\"", names.len(), others.join(" / ")));
        }
    }
    if names.is_empty() {
        return None;
    }
    let annotation = (!notes.is_empty()).then(|| notes.join("; "));
    Some((names.join(" and "), annotation))
}

/// One other form of a name, as text for a literal data annotation: its one-string form
/// or its parts (family name first, as the scripts that need a second form write it),
/// escaped, with `"` and `;` (the annotation's own delimiters) made harmless.
fn alternate_name(n: &AltName) -> Option<String> {
    let whole = n.name.as_deref().map(clean).filter(|s| !s.is_empty());
    let parts: Vec<String> = [n.surname.as_deref(), n.forename.as_deref()]
        .into_iter()
        .flatten()
        .map(clean)
        .filter(|s| !s.is_empty())
        .collect();
    let name = whole.or_else(|| (!parts.is_empty()).then(|| parts.join(" ")))?;
    let name = name.replace('"', "'").replace(';', ",");
    Some(escape(&name, false))
}

/// `start/end`, `start` or nothing: the event's dates in ISO 8601.
fn event_date(e: &Event) -> Option<String> {
    let iso = |s: &Option<String>| s.as_deref().and_then(parse_date).map(|d| d.iso());
    match (iso(&e.start), iso(&e.end)) {
        (Some(s), Some(t)) if s != t => Some(format!("{s}/{t}")),
        (Some(s), _) => Some(s),
        (None, Some(t)) => Some(t),
        (None, None) => None,
    }
}

impl Entry {
    fn new(a: &Article, classic: bool) -> Self {
        let mut fields = Fields::default();
        let journal = text(a.journal.as_ref());
        let container = text(a.container.as_ref());
        let editors_of = |of: EditorOf| -> Vec<&Author> {
            a.editors
                .iter()
                .filter(|e| e.of == of)
                .map(|e| &e.person)
                .collect()
        };
        let container_editors = editors_of(EditorOf::Container);
        let has_container_editors = container_editors.iter().any(|p| name_of(p).is_some());
        let kind = Kind::of(
            a,
            journal.is_some(),
            container.is_some(),
            has_container_editors,
            classic,
        );

        let authors: Vec<&Author> = a.authors.iter().collect();
        if let Some((list, annotation)) = name_list(&authors, classic) {
            fields.put("author", list);
            if let Some(n) = annotation {
                fields.put("author+an", n);
            }
        }
        let editors = match kind {
            Kind::InBook | Kind::InCollection | Kind::InProceedings => container_editors,
            Kind::Article | Kind::Misc => editors_of(EditorOf::Work),
            Kind::Thesis => Vec::new(),
        };
        let main_editors = match kind {
            Kind::InBook | Kind::InCollection | Kind::InProceedings => Some(EditorOf::Container),
            Kind::Article | Kind::Misc => Some(EditorOf::Work),
            Kind::Thesis => None,
        };
        if let Some((list, annotation)) = name_list(&editors, classic) {
            fields.put("editor", list);
            if let Some(n) = annotation {
                fields.put("editor+an", n);
            }
        }
        // The other editors are not dropped: biblatex's secondary editor lists, each
        // with the role it names (`editoratype`), in a fixed order of what they edited,
        // where biber's data model has them (`@article`, `@inbook`, `@incollection`);
        // elsewhere, and in classic BibTeX, which has no such fields, they go to `note`.
        let secondary =
            !classic && matches!(kind, Kind::Article | Kind::InBook | Kind::InCollection);
        let mut editor_notes = Vec::new();
        let mut slots = [
            ("editora", "editora+an", "editoratype"),
            ("editorb", "editorb+an", "editorbtype"),
            ("editorc", "editorc+an", "editorctype"),
        ]
        .into_iter();
        for of in [EditorOf::Work, EditorOf::Container, EditorOf::Series] {
            if Some(of) == main_editors {
                continue;
            }
            let others = editors_of(of);
            let Some((list, annotation)) = name_list(&others, classic) else {
                continue;
            };
            if !secondary {
                let label = match of {
                    EditorOf::Series => "Series edited by",
                    EditorOf::Work | EditorOf::Container => "Edited by",
                };
                editor_notes.push(format!("{label} {list}"));
                continue;
            }
            let Some((slot, annotated, role)) = slots.next() else {
                break;
            };
            fields.put(slot, list);
            if let Some(n) = annotation {
                fields.put(annotated, n);
            }
            fields.put(role, secondary_editor_role(of).to_string());
        }

        let (title, subtitle) = titles(a);
        if classic {
            let joined = match (&title, &subtitle) {
                (Some(t), Some(s)) if t.ends_with(['?', '!', '.']) => Some(format!("{t} {s}")),
                (Some(t), Some(s)) => Some(format!("{t}: {s}")),
                _ => title.clone().or(subtitle.clone()),
            };
            if let Some(t) = joined {
                fields.put("title", protect_title(&t, true));
            }
        } else {
            if let Some(t) = &title {
                fields.put("title", protect_title(t, false));
            }
            if let Some(s) = &subtitle {
                fields.put("subtitle", protect_title(s, false));
            }
        }
        let (short, others) = other_titles(a, title.as_deref(), subtitle.as_deref());
        if let Some(s) = short {
            fields.put("shorttitle", protect_title(&s, classic));
        }
        if !others.is_empty() {
            let bracketed: Vec<String> = others
                .iter()
                .map(|t| format!("[{}]", protect_title(t, classic)))
                .collect();
            fields.put("titleaddon", bracketed.join(" "));
        }

        let mut notes = editor_notes;
        match kind {
            Kind::Article => {
                if let Some(j) = &journal {
                    let name = if classic { "journal" } else { "journaltitle" };
                    fields.put(name, escape(j, classic));
                }
            }
            Kind::InBook | Kind::InCollection | Kind::InProceedings => {
                // A conference paper published in a proceedings journal (Procedia …) has
                // the journal for its book; one given at a meeting without proceedings,
                // the meeting (as a style prints "In: Congrès …, Lyon, 2014").
                let event = text(a.event.as_ref().map(|e| &e.name));
                let book = container.as_ref().or(journal.as_ref());
                if let Some(b) = book.or(event.as_ref()) {
                    fields.put("booktitle", protect_title(b, classic));
                }
                if let Some(e) = a.event.as_ref().filter(|_| kind == Kind::InProceedings) {
                    if let Some(name) = event.as_ref().filter(|_| book.is_some()) {
                        fields.put("eventtitle", protect_title(name, classic));
                    }
                    if let Some(d) = event_date(e) {
                        fields.put("eventdate", d);
                    }
                    if let Some(p) = e.place.as_deref().map(clean).filter(|p| !p.is_empty()) {
                        // Classic styles know the meeting's place as `address`.
                        fields.put(
                            if classic { "address" } else { "venue" },
                            escape(&p, classic),
                        );
                    }
                }
                if let Some(s) = text(a.series.as_ref()) {
                    fields.put("series", protect_title(&s, classic));
                }
            }
            Kind::Thesis => {
                let degree = match a.genre.as_ref().map(|g| g.as_str()) {
                    Some("masters-thesis") if !classic => Some("mathesis"),
                    Some("habilitation") => Some("Habilitation thesis"),
                    _ if !classic => Some("phdthesis"),
                    _ => None,
                };
                if let Some(d) = degree {
                    fields.put("type", d.to_string());
                }
                if let Some(i) = text(a.institution.as_ref()) {
                    let name = if classic { "school" } else { "institution" };
                    fields.put(name, escape(&i, classic));
                }
            }
            Kind::Misc => {}
        }
        // A meeting the entry type has no field for (an article in a conference's special
        // issue, a thesis) is kept in `note`, as a reader would cite it; a `@misc` names
        // it in `howpublished` (below).
        if let Some(e) = a.event.as_ref() {
            if matches!(kind, Kind::Article | Kind::Thesis) {
                if let Some(name) = text(Some(&e.name)) {
                    let mut note = escape(&name, classic);
                    if let Some(p) = e.place.as_deref().map(clean).filter(|p| !p.is_empty()) {
                        note.push_str(", ");
                        note.push_str(&escape(&p, classic));
                    }
                    if let Some(d) = event_date(e) {
                        note.push_str(", ");
                        note.push_str(&d.replace('/', " to "));
                    }
                    notes.push(note);
                }
            }
        }

        let volume = text(a.volume.as_ref()).map(|v| volume(&v));
        let issue = text(a.issue.as_ref());
        let first = a.first_page.as_ref().map(|p| p.as_str());
        let last = a.last_page.as_ref().map(|p| p.as_str());
        let pages = pages(first, last, classic);
        if kind == Kind::Article || kind.in_book() {
            match volume {
                Some(Volume::Number(n)) => fields.put("volume", n),
                Some(Volume::Note(n)) => notes.push(escape(&n, classic)),
                None => {}
            }
            if let Some(n) = &issue {
                fields.put("number", escape(n, classic));
            }
            match pages {
                Some(Pages::Field(p)) => fields.put("pages", p),
                Some(Pages::Note(p)) => notes.push(p),
                None => {}
            }
        } else {
            // `@misc` and `@thesis` have no volume, issue or pages in biber's data model:
            // they are kept in `note`, as a reader would cite them.
            match volume {
                Some(Volume::Number(n)) => notes.push(format!("Vol. {n}")),
                Some(Volume::Note(n)) => notes.push(escape(&n, classic)),
                None => {}
            }
            if let Some(n) = &issue {
                notes.push(format!("no. {}", escape(n, classic)));
            }
            match pages {
                Some(Pages::Field(p)) if p.contains("--") => notes.push(format!("pp. {p}")),
                Some(Pages::Field(p)) => notes.push(format!("p. {p}")),
                Some(Pages::Note(p)) => notes.push(p),
                None => {}
            }
        }

        let date = a.date.as_ref().and_then(|d| parse_date(&d.value));
        if let Some(d) = &date {
            if classic {
                fields.put("year", d.year.clone());
                if let Some(m) = d.month.and_then(month_macro) {
                    fields.bare("month", m);
                }
            } else {
                fields.put("date", d.iso());
            }
        }

        match kind {
            Kind::Article => {
                let issn = [a.issn.as_ref(), a.eissn.as_ref()]
                    .into_iter()
                    .flatten()
                    .filter_map(|i| identifier(Some(i)))
                    .find_map(normalize_issn);
                if let Some(i) = issn {
                    fields.put("issn", i);
                }
            }
            Kind::InBook | Kind::InCollection | Kind::InProceedings => {
                if let Some(p) = text(a.publisher.as_ref()) {
                    fields.put("publisher", escape(&p, classic));
                }
            }
            Kind::Thesis => {}
            Kind::Misc => {
                if let Some(p) =
                    text(a.event.as_ref().map(|e| &e.name)).or_else(|| text(a.publisher.as_ref()))
                {
                    fields.put("howpublished", escape(&p, classic));
                }
            }
        }
        if !notes.is_empty() {
            fields.put("note", notes.join(", "));
        }
        // The DOI in its NFKC form: a ligature copied out of a PDF (`ﬂ`) becomes the
        // letters the registered DOI has, so that its link resolves.
        if let Some(d) = identifier(a.doi.as_ref()).map(|d| verbatim(&nfkc(d), false)) {
            if !d.is_empty() {
                fields.put("doi", d);
            }
        }
        if let Some(u) = identifier(a.url.as_ref()).map(|u| verbatim(u, true)) {
            if !u.is_empty() {
                fields.put("url", u);
            }
        }
        if let Some(l) = a.language.as_ref().and_then(|l| langid(&l.value)) {
            fields.put("langid", l.to_string());
        }
        if let Some(k) = keywords(a, classic) {
            fields.put("keywords", k);
        }
        if let Some(ab) = abstracts(a, classic) {
            fields.put("abstract", ab);
        }

        let base_key = base_key(a);
        let report = if classic {
            classic_report(&fields.0)
        } else {
            None
        };
        Entry {
            kind: kind.name(a, classic),
            fields: fields.0,
            base_key,
            report,
        }
    }

    fn render(self) -> Rendered {
        let width = self.fields.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        let lines: Vec<String> = self
            .fields
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Value::Braced(v) => format!("{{{v}}}"),
                    Value::Bare(v) => v.to_string(),
                };
                format!("  {name:width$} = {value}")
            })
            .collect();
        // The key is always followed by a comma: an entry without fields is still
        // `@misc{key,}` to every reader.
        let mut tail = String::from(",");
        if !lines.is_empty() {
            tail.push('\n');
            tail.push_str(&lines.join(",\n"));
        }
        tail.push_str("\n}\n");
        Rendered {
            base_key: self.base_key,
            head: format!("{}@{}{{", self.report.unwrap_or_default(), self.kind),
            tail,
        }
    }
}

/// The citation key `article` has alone, before de-duplication in its batch (see the
/// `keys` submodule): what BibTeX writes, and what the CSL-JSON exporter uses as `id` so
/// that both formats cite an article by the same key.
pub(crate) fn base_key(article: &Article) -> String {
    let (title, subtitle) = titles(article);
    let date = article.date.as_ref().and_then(|d| parse_date(&d.value));
    keys::base_key(
        &key_author(article),
        title.as_deref().or(subtitle.as_deref()),
        date.as_ref().map(|d| d.year.as_str()),
    )
}

/// The role biblatex prints for a secondary editor list (`editoratype`): the editors of
/// the work, of its book or proceedings, or of its series.
fn secondary_editor_role(of: EditorOf) -> &'static str {
    match of {
        EditorOf::Work => "editor",
        EditorOf::Container => "editor",
        EditorOf::Series => "serieseditor",
    }
}

/// The author part of the key: the first author's family name (else the first editor's),
/// transliterated; when that gives no letter, the person's given name or other forms.
/// `anon` only for an entry with no author or editor at all.
fn key_author(a: &Article) -> String {
    let people = a.authors.iter().chain(a.editors.iter().map(|e| &e.person));
    let Some((person, name)) = people.filter_map(|p| Some((p, name_of(p)?))).next() else {
        return keys::author_part(None, false);
    };
    let (family, whole) = match &name {
        Name::Person { family, .. } => (family.as_str(), false),
        Name::Whole(w) => (w.as_str(), true),
    };
    let mut candidates: Vec<(String, bool)> = vec![(family.to_string(), whole)];
    if let Name::Person { given: Some(g), .. } = &name {
        candidates.push((g.clone(), true));
    }
    for alt in &person.alternate_names {
        let form = alt.surname.clone().or_else(|| alt.name.clone());
        candidates.extend(form.map(|f| (f, alt.surname.is_none())));
    }
    candidates
        .iter()
        .map(|(form, whole)| keys::author_part(Some(form), *whole))
        .find(|part| part != keys::ANON)
        .unwrap_or_else(|| keys::ANON.to_string())
}

/// The main title and the subtitle, cleaned. A title that is the subtitle itself (the
/// only title there is) is not repeated; a main title's trailing `:` (or `;`, `,`) before
/// a subtitle is dropped.
fn titles(a: &Article) -> (Option<String>, Option<String>) {
    match super::cite::title_and_subtitle(a) {
        (Some(t), Some(s)) => {
            let trimmed = t.trim_end_matches([':', ';', ',', ' ']).to_string();
            if trimmed.is_empty() {
                (Some(t), Some(s))
            } else {
                (Some(trimmed), Some(s))
            }
        }
        other => other,
    }
}

/// The titles other than the main title and the subtitle, cleaned and de-duplicated:
/// the first `short` one (for `shorttitle`), and the rest in document order (other
/// languages, alternative titles, a supertitle, a second subtitle). A title that only
/// repeats the main title and subtitle (a `full` title) is left out.
fn other_titles(
    a: &Article,
    title: Option<&str>,
    subtitle: Option<&str>,
) -> (Option<String>, Vec<String>) {
    let (main, sub) = (a.title(), a.subtitle());
    if a.titles.len() <= usize::from(main.is_some()) + usize::from(sub.is_some()) {
        return (None, Vec::new());
    }
    let mut seen: HashSet<String> = [title, subtitle]
        .into_iter()
        .flatten()
        .map(same_title)
        .collect();
    seen.extend(text(main).as_deref().map(same_title));
    if let (Some(t), Some(s)) = (text(main), subtitle) {
        // A `full` title: the main title and the subtitle in one.
        seen.insert(same_title(&format!("{t} {s}")));
    }
    super::cite::short_and_other_titles(a, seen, same_title)
}

/// What makes two titles the same title: their letters and digits, compatibility
/// characters folded (NFKC) and case ignored. The same title tagged `en` and `eng`, or
/// written once with a final period or other spacing, is one title.
fn same_title(s: &str) -> String {
    if s.is_ascii() {
        return s
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    s.nfkc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The main abstract, then every other abstract (other languages) in document order,
/// as paragraphs: biblatex has one `abstract` field, and losing a translation would be
/// worse than holding two languages in it.
fn abstracts(a: &Article, classic: bool) -> Option<String> {
    let main = a.main_abstract();
    let mut seen = HashSet::new();
    let ordered = main.into_iter().chain(
        a.abstracts
            .iter()
            .filter(|x| !main.is_some_and(|m| std::ptr::eq(m, *x))),
    );
    let parts: Vec<String> = ordered
        .filter(|x| seen.insert(clean(&x.text.value)))
        .filter_map(|x| abstract_text(&x.text.value, classic))
        .collect();
    (!parts.is_empty()).then(|| parts.join("\\par "))
}

/// `a, b, {c, d}`: the author keywords, de-duplicated, a keyword with a comma braced.
fn keywords(a: &Article, classic: bool) -> Option<String> {
    let mut seen = HashSet::new();
    let list: Vec<String> = a
        .author_keywords()
        .filter_map(|k| text(Some(&k.text)))
        .filter(|k| seen.insert(k.clone()))
        .map(|k| {
            let e = escape(&k, classic);
            if k.contains(',') {
                brace(&e)
            } else {
                e
            }
        })
        .collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// The abstract's paragraphs (separated by blank lines in the model), each cleaned and
/// escaped, joined by `\par `. All on one line: btparse (biber) warns of a "possible
/// runaway string" when a line inside a value looks like `name =`.
fn abstract_text(s: &str, classic: bool) -> Option<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        } else {
            current.push(' ');
            current.push_str(line);
        }
    }
    paragraphs.push(current);
    let escaped: Vec<String> = paragraphs
        .iter()
        .map(|p| clean(p))
        .filter(|p| !p.is_empty())
        .map(|p| escape(&p, classic))
        .collect();
    (!escaped.is_empty()).then(|| escaped.join("\\par "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Abstract, Author, Keyword, Located, Span, Title};

    fn t(s: &str) -> Text {
        Located::new(s.to_string(), Span::default())
    }

    fn author(surname: &str, forename: &str) -> Author {
        Author {
            surname: Some(t(surname)),
            forename: Some(t(forename)),
            ..Author::default()
        }
    }

    fn title(s: &str, kind: Option<&str>) -> Title {
        Title {
            text: t(s),
            kind: kind.map(str::to_string),
            lang: None,
        }
    }

    fn keyword(s: &str) -> Keyword {
        Keyword {
            text: t(s),
            scheme: None,
            lang: None,
            author: true,
        }
    }

    fn sample() -> Article {
        Article {
            titles: vec![title("On TEI & Co: 100% of it", Some("main"))],
            authors: vec![author("Müller", "Jörg"), author("van der Berg", "Jan")],
            keywords: vec![keyword("TEI"), keyword("metadata, header"), keyword("TEI")],
            abstracts: vec![Abstract {
                lang: None,
                text: t("First paragraph.\n\nSecond one."),
            }],
            language: Some(t("de")),
            journal: Some(t("Journal of the TEI")),
            issn: Some(t("2162-5603")),
            volume: Some(t("12")),
            issue: Some(t("3")),
            first_page: Some(t("45")),
            last_page: Some(t("78")),
            date: Some(t("2019-09-30")),
            publisher: Some(t("TEI Consortium")),
            doi: Some(t("10.4000/jtei.1_2%")),
            ..Article::default()
        }
    }

    fn export(articles: &[Article], classic: bool) -> String {
        let mut exporter = Bibtex::new(Vec::new(), Options { classic });
        for (i, a) in articles.iter().enumerate() {
            let doc = Document {
                source: format!("doc{i}.xml"),
                text: String::new(),
                article: a.clone(),
            };
            exporter.write(&doc).unwrap();
        }
        String::from_utf8(exporter.finish().unwrap()).unwrap()
    }

    fn field<'a>(bib: &'a str, name: &str) -> Option<&'a str> {
        let line = bib
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))?;
        let value = line.split_once(" = ")?.1;
        Some(value.trim_end_matches(','))
    }

    #[test]
    fn a_journal_article_is_an_article_with_biblatex_fields() {
        let bib = export(&[sample()], false);
        assert!(bib.starts_with("@article{muller-tei-2019,\n"), "{bib}");
        assert_eq!(
            field(&bib, "author"),
            Some("{Müller, Jörg and van der Berg, Jan}")
        );
        assert_eq!(field(&bib, "title"), Some(r"{On {TEI} \& Co: 100\% of it}"));
        assert_eq!(field(&bib, "journaltitle"), Some("{Journal of the TEI}"));
        assert_eq!(field(&bib, "volume"), Some("{12}"));
        assert_eq!(field(&bib, "number"), Some("{3}"));
        assert_eq!(field(&bib, "pages"), Some("{45--78}"));
        assert_eq!(field(&bib, "date"), Some("{2019-09-30}"));
        assert_eq!(field(&bib, "issn"), Some("{2162-5603}"));
        assert_eq!(field(&bib, "doi"), Some("{10.4000/jtei.1_2%}"));
        assert_eq!(field(&bib, "langid"), Some("{ngerman}"));
        assert_eq!(field(&bib, "keywords"), Some("{TEI, {metadata, header}}"));
        assert_eq!(field(&bib, "publisher"), None);
        assert_eq!(field(&bib, "howpublished"), None);
        assert!(
            bib.contains("abstract     = {First paragraph.\\par Second one.}\n}\n"),
            "{bib}"
        );
    }

    #[test]
    fn a_thesis_is_a_thesis_with_its_institution() {
        let mut a = sample();
        a.journal = None;
        a.genre = Some(t("thesis"));
        a.institution = Some(t("Institut National Polytechnique de Toulouse"));
        let bib = export(&[a], false);
        assert!(bib.starts_with("@thesis{"), "{bib}");
        assert_eq!(field(&bib, "type"), Some("{phdthesis}"));
        assert_eq!(
            field(&bib, "institution"),
            Some("{Institut National Polytechnique de Toulouse}")
        );
        assert_eq!(field(&bib, "howpublished"), None);
    }

    #[test]
    fn a_chapter_with_its_book_is_inbook() {
        let mut a = sample();
        a.journal = None;
        a.genre = Some(t("chapter"));
        a.container = Some(t("Read/Write Book"));
        let bib = export(&[a], false);
        assert!(bib.starts_with("@inbook{"), "{bib}");
        assert_eq!(field(&bib, "booktitle"), Some("{Read/Write Book}"));
        assert_eq!(field(&bib, "publisher"), Some("{TEI Consortium}"));
        assert!(field(&bib, "pages").is_some());
        // The issue is kept: the number of the book in its series.
        assert_eq!(field(&bib, "number"), Some("{3}"));
    }

    #[test]
    fn a_conference_paper_without_proceedings_is_in_its_meeting() {
        let mut a = sample();
        a.journal = None;
        a.genre = Some(t("conference-paper"));
        a.event = Some(crate::model::Event {
            name: t("Congrès français de spectrométrie de masse"),
            start: Some("2014-06-30".to_string()),
            end: Some("2014-07-02".to_string()),
            place: Some("Lyon, France".to_string()),
        });
        let bib = export(std::slice::from_ref(&a), false);
        assert!(bib.starts_with("@inproceedings{"), "{bib}");
        assert_eq!(
            field(&bib, "booktitle"),
            Some("{Congrès français de spectrométrie de masse}")
        );
        assert_eq!(field(&bib, "eventtitle"), None, "not twice: {bib}");
        assert_eq!(field(&bib, "eventdate"), Some("{2014-06-30/2014-07-02}"));
        assert_eq!(field(&bib, "venue"), Some("{Lyon, France}"));
        assert_eq!(field(&bib, "howpublished"), None);
        a.container = Some(t("Proceedings of the Congrès"));
        let bib = export(&[a], false);
        assert!(bib.starts_with("@inproceedings{"), "{bib}");
        assert_eq!(
            field(&bib, "booktitle"),
            Some("{Proceedings of the Congrès}")
        );
        assert_eq!(
            field(&bib, "eventtitle"),
            Some("{Congrès français de spectrométrie de masse}")
        );
        // Without a meeting or proceedings, it locates nothing: `@misc`.
        let mut bare = sample();
        bare.journal = None;
        bare.genre = Some(t("conference-paper"));
        assert!(export(&[bare], false).starts_with("@misc{"));
    }

    #[test]
    fn without_a_journal_it_is_misc_with_howpublished() {
        let mut a = sample();
        a.journal = None;
        let bib = export(&[a], false);
        assert!(bib.starts_with("@misc{"), "{bib}");
        assert_eq!(field(&bib, "howpublished"), Some("{TEI Consortium}"));
        for absent in [
            "journaltitle",
            "volume",
            "number",
            "pages",
            "issn",
            "publisher",
        ] {
            assert_eq!(field(&bib, absent), None, "{absent} in {bib}");
        }
        assert_eq!(field(&bib, "date"), Some("{2019-09-30}"));
    }

    #[test]
    fn classic_mode_uses_macros_year_month_and_journal() {
        let mut a = sample();
        a.titles.push(title("A Subtitle", Some("sub")));
        let bib = export(&[a], true);
        assert_eq!(
            field(&bib, "author"),
            Some(r#"{M{\"u}ller, J{\"o}rg and van der Berg, Jan}"#)
        );
        assert_eq!(field(&bib, "journal"), Some("{Journal of the TEI}"));
        assert_eq!(field(&bib, "journaltitle"), None);
        assert_eq!(field(&bib, "year"), Some("{2019}"));
        assert_eq!(field(&bib, "month"), Some("sep"));
        assert_eq!(field(&bib, "date"), None);
        assert_eq!(field(&bib, "subtitle"), None);
        assert_eq!(
            field(&bib, "title"),
            Some(r"{On {TEI} \& {Co}: 100\% of it: {A} {Subtitle}}")
        );
    }

    #[test]
    fn a_subtitle_follows_a_title_without_its_colon() {
        let a = Article {
            titles: vec![
                title("Humans in the Loop: ", Some("main")),
                title("Humanities Hermeneutics", Some("sub")),
            ],
            ..Article::default()
        };
        let bib = export(&[a], false);
        assert_eq!(field(&bib, "title"), Some("{Humans in the Loop}"));
        assert_eq!(field(&bib, "subtitle"), Some("{Humanities Hermeneutics}"));
    }

    #[test]
    fn a_lone_subtitle_is_not_written_twice() {
        let a = Article {
            titles: vec![title("Only a Sub", Some("sub"))],
            ..Article::default()
        };
        let bib = export(&[a], false);
        assert_eq!(field(&bib, "title"), Some("{Only a Sub}"));
        assert_eq!(field(&bib, "subtitle"), None);
    }

    #[test]
    fn other_titles_go_to_titleaddon_in_brackets_and_a_short_one_to_shorttitle() {
        let a = Article {
            titles: vec![
                title("Dossier", Some("sup")),
                title("Lire les en-têtes", Some("main")),
                title("Sans les abîmer", Some("sub")),
                title("Lire les en-têtes: Sans les abîmer", Some("full")),
                title("Reading TEI Headers", Some("alt")),
                title("Lire", Some("short")),
                title("Reading TEI Headers", Some("alt")),
                title("  ", Some("alt")),
            ],
            ..Article::default()
        };
        let bib = export(&[a], false);
        assert_eq!(field(&bib, "title"), Some("{Lire les en-têtes}"));
        assert_eq!(field(&bib, "subtitle"), Some("{Sans les abîmer}"));
        assert_eq!(field(&bib, "shorttitle"), Some("{Lire}"));
        assert_eq!(
            field(&bib, "titleaddon"),
            Some("{[Dossier] [Reading {TEI} Headers]}")
        );
    }

    #[test]
    fn the_same_title_under_two_tags_for_one_language_is_one_title() {
        let tagged = |s: &str, lang: &str| Title {
            text: t(s),
            kind: Some("main".to_string()),
            lang: Some(lang.to_string()),
        };
        let a = Article {
            titles: vec![
                tagged("Reading TEI Headers", "en"),
                tagged("Reading  TEI Headers.", "eng"),
                tagged("READING TEI HEADERS", "en-GB"),
                tagged("Lire les en-têtes", "fr"),
            ],
            ..Article::default()
        };
        let bib = export(&[a], false);
        assert_eq!(field(&bib, "title"), Some("{Reading {TEI} Headers}"));
        assert_eq!(field(&bib, "titleaddon"), Some("{[Lire les en-têtes]}"));
    }

    #[test]
    fn every_abstract_is_kept_the_main_one_first() {
        let abs = |lang: &str, s: &str| Abstract {
            lang: Some(lang.to_string()),
            text: t(s),
        };
        let a = Article {
            language: Some(t("fr")),
            abstracts: vec![
                abs("en", "In English.\n\nTwo."),
                abs("fr", "En français."),
                abs("es", "En español."),
                abs("de", "En español."),
            ],
            ..Article::default()
        };
        let bib = export(&[a], false);
        assert_eq!(
            field(&bib, "abstract"),
            Some(r"{En français.\par In English.\par Two.\par En español.}")
        );
    }

    #[test]
    fn odd_values_go_where_biber_accepts_them() {
        let mut a = sample();
        a.volume = Some(t("XII"));
        a.issn = Some(t("1234-5678"));
        a.eissn = Some(t("0396891x"));
        a.date = Some(t("June 2019"));
        a.language = Some(t("tlh"));
        let bib = export(&[a], false);
        assert_eq!(field(&bib, "volume"), None);
        assert_eq!(field(&bib, "note"), Some("{Vol. XII}"));
        assert_eq!(field(&bib, "issn"), Some("{0396-891X}"));
        assert_eq!(field(&bib, "date"), Some("{2019-06}"));
        assert_eq!(field(&bib, "langid"), None);
    }

    #[test]
    fn keys_are_unique_in_a_batch_in_input_order() {
        let bib = export(
            &[
                sample(),
                sample(),
                sample(),
                Article::default(),
                Article::default(),
            ],
            false,
        );
        let keys: Vec<&str> = bib
            .lines()
            .filter(|l| l.starts_with('@'))
            .map(|l| l.split_once('{').unwrap().1.trim_end_matches(','))
            .collect();
        assert_eq!(
            keys,
            [
                "muller-tei-2019",
                "muller-tei-2019a",
                "muller-tei-2019b",
                "anon",
                "anon-a"
            ]
        );
    }

    #[test]
    fn an_empty_article_is_a_bare_misc_entry() {
        let bib = export(&[Article::default()], false);
        assert_eq!(bib, "@misc{anon,\n}\n");
    }

    #[test]
    fn entries_are_separated_by_a_blank_line() {
        let bib = export(&[Article::default(), Article::default()], false);
        assert_eq!(bib, "@misc{anon,\n}\n\n@misc{anon-a,\n}\n");
    }

    #[test]
    fn abstracts_keep_paragraphs_and_drop_empty_ones() {
        assert_eq!(
            abstract_text("a\n\n\n b \n c\n\n", false),
            Some("a\\par b c".into())
        );
        assert_eq!(abstract_text(" \n ", false), None);
        assert_eq!(
            abstract_text("50% & more", false),
            Some(r"50\% \& more".into())
        );
    }
}
