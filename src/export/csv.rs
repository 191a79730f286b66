//! CSV export: one row per article (`convert --to csv`), and with `--tables DIR` six
//! linked tables (`articles.csv`, `authors.csv`, `affiliations.csv`, `editors.csv`,
//! `abstracts.csv`, `keywords.csv`) so that nothing has to be crammed into one cell.
//!
//! Every file is RFC 4180: a header row, CRLF line endings, fields quoted when they hold a
//! quote, a comma, CR or LF (the `csv` crate does the quoting), UTF-8, a byte-order mark
//! only on request ([`Options::bom`], for Excel). Columns are fixed: an absent value is an
//! empty cell, and the header is written even when no article follows.
//!
//! # `articles.csv` (and `convert --to csv`): one row per article
//!
//! | column | value |
//! |---|---|
//! | `id` | the article's stable id (see below) |
//! | `source` | the path the article was read from, as given |
//! | `title` | the main title |
//! | `subtitle` | the first subtitle (`title[@type='sub']`) |
//! | `other_titles` | every other title (translations, alternatives, further subtitles) |
//! | `authors` | `Family, Given` per person (the display name when the parts are missing; the name of a corporate author) |
//! | `keywords` | author keywords |
//! | `classifications` | the other terms: classifications, subject codes, topics |
//! | `abstract` | the main abstract (the document's language, else English, else the first); paragraphs separated by a blank line |
//! | `other_abstracts` | every other abstract, in document order |
//! | `language` | the declared language, as written |
//! | `journal` | journal title |
//! | `issn`, `eissn` | print and electronic ISSN, as written |
//! | `volume`, `issue` | as written |
//! | `first_page`, `last_page` | as written |
//! | `date` | publication date in ISO 8601 (`2010-07-01`, `2010-07`, `2010`), read by [`crate::ids::date::iso`]; empty when the date as written is not one it can read unambiguously (`01/07/2010`, `Spring 2019`: `convert` prints a note) |
//! | `publisher` | publisher |
//! | `doi` | the bare DOI, in NFKC form (a ligature copied out of a PDF, `ﬂ`, becomes `fl`) |
//! | `url` | full-text URL |
//! | `genre` | the document type in teimeta's vocabulary (`article`, `conference-paper`, `chapter`, `thesis`, …) |
//! | `container` | the book or proceedings the document is part of |
//! | `event` | the conference or meeting it was given at |
//! | `institution` | a thesis's degree-granting institution |
//! | `editors` | every editor (of the work, its container or its series), `Family, Given` as in `authors`; their role and what they edited are in `editors.csv` |
//! | `series` | the book series (e.g. Lecture Notes in Computer Science) |
//! | `container_doi` | the bare DOI of the container (a proceedings volume, a Book of Abstracts), NFKC |
//! | `event_start`, `event_end` | the event's first and last day, ISO 8601 (left out like `date` when they cannot be read) |
//! | `event_place` | where the event was held |
//!
//! # The article id
//!
//! The `id` links every table to its article, and stays the same across runs and
//! machines, so that tables written by separate runs (shards, a nightly batch, a rerun
//! after fixing one file) can be appended to one another and joined:
//!
//! - `doi:` and the article's DOI, when it is well-formed: in NFKC form
//!   ([`crate::ids::doi::nfkc`]) and lower case (DOIs ignore case), e.g.
//!   `doi:10.1234/abc`. Two files that describe one DOI share an id, as they describe one
//!   article.
//! - otherwise `tei-` and 16 hexadecimal digits: a 64-bit FNV-1a hash of the input's
//!   path relative to the argument it came from (`b/c.xml` for `archive/b/c.xml` found
//!   under `archive`; the path as given, without `./`, for a file named on the command
//!   line; the key `--shard` uses) and of its decoded text. Moving the archive to
//!   another machine or directory keeps the ids; fixing one file changes that file's id
//!   only.
//!
//! Ids do not depend on the order or the number of inputs.
//!
//! Multi-valued cells (`other_titles`, `authors`, `keywords`, `classifications`,
//! `other_abstracts`) join their values with [`Options::separator`] (`"; "` by default).
//! A value that itself contains the separator cannot be told apart from two values in a
//! joined cell; the tables (and `convert --to json`) keep every value apart.
//!
//! # `authors.csv`: one row per author
//!
//! | column | value |
//! |---|---|
//! | `article_id` | the `id` of the article in `articles.csv` |
//! | `position` | the author's position in the byline, 1-based |
//! | `family`, `given` | surname (with its particle) and forename(s) |
//! | `name` | the display name (for a corporate author, its name) |
//! | `organization` | `true` for a corporate author, else `false` |
//! | `role` | `roleName`, e.g. a job title |
//! | `orcid` | the bare ORCID |
//! | `email` | as written |
//! | `corresponding` | `true` for the corresponding author, else `false` |
//! | `affiliations` | the author's affiliations, joined with the separator |
//! | `alternate_names` | the author's name in other scripts or languages (the Korean form of a romanised name), joined with the separator; family name first for Chinese, Japanese, Korean and Vietnamese when only the parts are known |
//!
//! # `affiliations.csv`: one row per affiliation of each author
//!
//! | column | value |
//! |---|---|
//! | `article_id` | the `id` of the article in `articles.csv` |
//! | `author_position` | the `position` of the author in `authors.csv` |
//! | `position` | the affiliation's position among the author's affiliations, 1-based |
//! | `text` | the whole affiliation as plain text |
//! | `department`, `institution`, `settlement`, `country` | the parts, when encoded |
//!
//! # `editors.csv`: one row per editor
//!
//! | column | value |
//! |---|---|
//! | `article_id` | the `id` of the article in `articles.csv` |
//! | `position` | the editor's position among the article's editors, 1-based |
//! | `of` | what they edited: `work` (the work or its issue), `container` (the book or proceedings), `series` (the journal or book series) |
//! | `role` | `@role` as written (`editor`, `chair`, `guest`, …) |
//! | `family`, `given`, `name`, `organization`, `orcid` | as in `authors.csv` |
//!
//! # `abstracts.csv`: one row per abstract
//!
//! | column | value |
//! |---|---|
//! | `article_id` | the `id` of the article in `articles.csv` |
//! | `lang` | `@xml:lang` as written |
//! | `text` | the abstract; paragraphs separated by a blank line |
//!
//! # `keywords.csv`: one row per keyword or classification term
//!
//! | column | value |
//! |---|---|
//! | `article_id` | the `id` of the article in `articles.csv` |
//! | `lang` | `@xml:lang` of the term (or of its group) as written |
//! | `scheme` | `@scheme` of its group as written |
//! | `term` | the term |
//! | `author` | `true` for an author keyword, `false` for a classification or topic |
//!
//! Rows are in document order in every table.
//!
//! # Formula guard
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some run one that
//! starts with TAB or CR) as a formula (CWE-1236). By default ([`Options::formula_guard`])
//! such a cell gets a leading `'`, which spreadsheets hide; with the guard off every cell
//! holds its value exactly.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use super::{Exporter, Render};
use crate::model::{Article, Author, Text};
use crate::Document;

/// The columns of `articles.csv` and of `convert --to csv`, in order.
pub const ARTICLE_COLUMNS: [&str; 32] = [
    "id",
    "source",
    "title",
    "subtitle",
    "other_titles",
    "authors",
    "keywords",
    "classifications",
    "abstract",
    "other_abstracts",
    "language",
    "journal",
    "issn",
    "eissn",
    "volume",
    "issue",
    "first_page",
    "last_page",
    "date",
    "publisher",
    "doi",
    "url",
    "genre",
    "container",
    "event",
    "institution",
    "editors",
    "series",
    "container_doi",
    "event_start",
    "event_end",
    "event_place",
];

/// The columns of `authors.csv`, in order.
pub const AUTHOR_COLUMNS: [&str; 12] = [
    "article_id",
    "position",
    "family",
    "given",
    "name",
    "organization",
    "role",
    "orcid",
    "email",
    "corresponding",
    "affiliations",
    "alternate_names",
];

/// The columns of `affiliations.csv`, in order.
pub const AFFILIATION_COLUMNS: [&str; 8] = [
    "article_id",
    "author_position",
    "position",
    "text",
    "department",
    "institution",
    "settlement",
    "country",
];

/// The columns of `editors.csv`, in order.
pub const EDITOR_COLUMNS: [&str; 9] = [
    "article_id",
    "position",
    "of",
    "role",
    "family",
    "given",
    "name",
    "organization",
    "orcid",
];

/// The columns of `abstracts.csv`, in order.
pub const ABSTRACT_COLUMNS: [&str; 3] = ["article_id", "lang", "text"];

/// The columns of `keywords.csv`, in order.
pub const KEYWORD_COLUMNS: [&str; 5] = ["article_id", "lang", "scheme", "term", "author"];

/// The tables `--tables DIR` writes, in the order of [`Tables::new`]'s writers: file name
/// and columns.
pub const TABLES: [(&str, &[&str]); 6] = [
    ("articles.csv", &ARTICLE_COLUMNS),
    ("authors.csv", &AUTHOR_COLUMNS),
    ("affiliations.csv", &AFFILIATION_COLUMNS),
    ("editors.csv", &EDITOR_COLUMNS),
    ("abstracts.csv", &ABSTRACT_COLUMNS),
    ("keywords.csv", &KEYWORD_COLUMNS),
];

const BOM: &[u8] = "\u{feff}".as_bytes();

/// The CSV options (`convert --to csv` and `--tables`).
#[derive(Debug, Clone)]
pub struct Options {
    /// Separator for multi-valued cells.
    pub separator: String,
    /// Neutralise cells that a spreadsheet would run as a formula.
    pub formula_guard: bool,
    /// Start each file with a UTF-8 byte-order mark (for Excel).
    pub bom: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            separator: "; ".to_string(),
            formula_guard: true,
            bom: false,
        }
    }
}

/// One article's row: its `id` and its other cells, formula guard applied.
#[derive(Debug, Clone)]
pub struct Row {
    id: String,
    cells: Vec<String>,
}

impl Render for Options {
    type Piece = Row;

    /// The row, its id made with the path as given (see [`Render::render_keyed`]).
    fn render(&self, doc: &Document) -> Row {
        self.render_keyed(doc, &default_key(&doc.source))
    }

    fn render_keyed(&self, doc: &Document, key: &str) -> Row {
        Row {
            id: article_id(doc, key),
            cells: guard(article_cells(doc, self), self),
        }
    }
}

/// The stable id of an article (see the module docs): `doi:` and its DOI (NFKC, lower
/// case) when well-formed, else `tei-` and a hash of `key` (the input's path relative to
/// its argument) and the decoded text.
pub fn article_id(doc: &Document, key: &str) -> String {
    if let Some(doi) = doc.article.doi.as_ref() {
        let doi = crate::ids::doi::nfkc(doi.as_str());
        if let Ok(d) = crate::ids::Doi::parse(&doi) {
            return format!("doi:{}", d.bare().to_lowercase());
        }
    }
    // FNV-1a over the key, a separator no path holds, and the text: stable across runs,
    // platforms and Rust versions, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes().chain([0u8]).chain(doc.text.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("tei-{hash:016x}")
}

/// The key of a document known only by its path as given: `/` separators, no `.`
/// components (`./a/b.xml` → `a/b.xml`), as `--shard` keys a named file.
fn default_key(source: &str) -> String {
    source
        .split(['/', '\\'])
        .filter(|p| *p != "." && !p.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

/// One CSV row per article, the columns of `articles.csv` (see the module docs), written
/// to `W` through one `csv::Writer` for the whole run.
pub struct Csv<W: Write> {
    options: Options,
    sheet: Sheet<W>,
}

impl<W: Write> Csv<W> {
    /// A CSV exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Csv {
            sheet: Sheet::new(out, &ARTICLE_COLUMNS, options.bom),
            options,
        }
    }
}

impl<W: Write> Exporter for Csv<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &self.options
    }

    fn push(&mut self, row: Row) -> io::Result<()> {
        self.sheet.row(&row.id, &row.cells)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sheet.flush()
    }

    fn finish(self) -> io::Result<W> {
        // Even an empty batch gets its header.
        self.sheet.finish()
    }

    fn into_inner(self) -> io::Result<W> {
        self.sheet.into_inner()
    }
}

/// One document's rows for the six tables: the article's row, then the rows of the
/// other tables, each without its `article_id` (the article's `id` goes first).
#[derive(Debug, Clone)]
pub struct TableRows {
    article: Row,
    /// Rows of `authors.csv`, `affiliations.csv`, `editors.csv`, `abstracts.csv` and
    /// `keywords.csv`, in that order: every cell after `article_id`.
    others: [Vec<Vec<String>>; 5],
}

/// The options of [`Tables`]: the CSV options; a piece is the six tables' rows.
#[derive(Debug, Clone, Default)]
pub struct TablesOptions(pub Options);

impl Render for TablesOptions {
    type Piece = TableRows;

    fn render(&self, doc: &Document) -> TableRows {
        self.render_keyed(doc, &default_key(&doc.source))
    }

    fn render_keyed(&self, doc: &Document, key: &str) -> TableRows {
        let opts = &self.0;
        let a = &doc.article;
        let mut authors = Vec::with_capacity(a.authors.len());
        let mut affiliations = Vec::new();
        for (i, au) in a.authors.iter().enumerate() {
            let position = (i + 1).to_string();
            let joined = join(au.affiliations.iter().map(|a| a.text.as_str()), opts);
            let row = vec![
                position.clone(),
                opt(&au.surname).to_string(),
                opt(&au.forename).to_string(),
                opt(&au.name).to_string(),
                flag(au.organization).to_string(),
                opt(&au.role).to_string(),
                opt(&au.orcid).to_string(),
                opt(&au.email).to_string(),
                flag(au.corresponding).to_string(),
                joined,
                join(
                    au.alternate_names
                        .iter()
                        .filter_map(super::jsonld::alt_name_text),
                    opts,
                ),
            ];
            authors.push(guard(row, opts));
            for (j, af) in au.affiliations.iter().enumerate() {
                let o = |s: &Option<String>| s.as_deref().unwrap_or("").to_string();
                let row = vec![
                    position.clone(),
                    (j + 1).to_string(),
                    af.text.as_str().to_string(),
                    o(&af.department),
                    o(&af.institution),
                    o(&af.settlement),
                    o(&af.country),
                ];
                affiliations.push(guard(row, opts));
            }
        }
        let editors = a
            .editors
            .iter()
            .enumerate()
            .map(|(i, ed)| {
                let p = &ed.person;
                let row = vec![
                    (i + 1).to_string(),
                    ed.of.as_str().to_string(),
                    ed.role.clone().unwrap_or_default(),
                    opt(&p.surname).to_string(),
                    opt(&p.forename).to_string(),
                    opt(&p.name).to_string(),
                    flag(p.organization).to_string(),
                    opt(&p.orcid).to_string(),
                ];
                guard(row, opts)
            })
            .collect();
        let abstracts = a
            .abstracts
            .iter()
            .map(|x| {
                let row = vec![
                    x.lang.clone().unwrap_or_default(),
                    x.text.as_str().to_string(),
                ];
                guard(row, opts)
            })
            .collect();
        let keywords = a
            .keywords
            .iter()
            .map(|k| {
                let row = vec![
                    k.lang.clone().unwrap_or_default(),
                    k.scheme.clone().unwrap_or_default(),
                    k.text.as_str().to_string(),
                    flag(k.author).to_string(),
                ];
                guard(row, opts)
            })
            .collect();
        TableRows {
            article: opts.render_keyed(doc, key),
            others: [authors, affiliations, editors, abstracts, keywords],
        }
    }
}

/// `--tables DIR`: the six tables of [`TABLES`] (see the module docs), linked by the
/// article's `id` (and an author's `position`).
pub struct Tables<W: Write> {
    options: TablesOptions,
    /// One sheet per table, in [`TABLES`] order.
    sheets: [Sheet<W>; 6],
}

impl Tables<BufWriter<File>> {
    /// Creates `dir` if needed and the six files in it.
    pub fn create(dir: &Path, options: Options) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut files = Vec::with_capacity(TABLES.len());
        for (name, _) in TABLES {
            files.push(BufWriter::new(File::create(dir.join(name))?));
        }
        let files: [BufWriter<File>; 6] = files
            .try_into()
            .map_err(|_| io::Error::other("six tables"))?;
        Ok(Tables::new(files, options))
    }
}

impl<W: Write> Tables<W> {
    /// Tables written to one writer each, in [`TABLES`] order (`articles.csv`,
    /// `authors.csv`, `affiliations.csv`, `editors.csv`, `abstracts.csv`,
    /// `keywords.csv`).
    pub fn new(out: [W; 6], options: Options) -> Self {
        let bom = options.bom;
        let mut i = 0;
        let sheets = out.map(|w| {
            let sheet = Sheet::new(w, TABLES[i].1, bom);
            i += 1;
            sheet
        });
        Tables {
            options: TablesOptions(options),
            sheets,
        }
    }
}

impl<W: Write> Exporter for Tables<W> {
    type Render = TablesOptions;
    type Inner = [W; 6];

    fn options(&self) -> &TablesOptions {
        &self.options
    }

    fn push(&mut self, rows: TableRows) -> io::Result<()> {
        let id = rows.article.id;
        let [articles, others @ ..] = &mut self.sheets;
        articles.row(&id, &rows.article.cells)?;
        for (sheet, table) in others.iter_mut().zip(&rows.others) {
            for row in table {
                sheet.row(&id, row)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sheets.iter_mut().try_for_each(Sheet::flush)
    }

    /// Writes the headers of tables still empty and flushes the six files.
    fn finish(self) -> io::Result<[W; 6]> {
        let mut out = Vec::with_capacity(6);
        for sheet in self.sheets {
            out.push(sheet.finish()?);
        }
        Ok(six(out))
    }

    fn into_inner(self) -> io::Result<[W; 6]> {
        let mut out = Vec::with_capacity(6);
        for sheet in self.sheets {
            out.push(sheet.into_inner()?);
        }
        Ok(six(out))
    }
}

/// Six writers back as an array.
fn six<W>(v: Vec<W>) -> [W; 6] {
    match v.try_into() {
        Ok(a) => a,
        Err(_) => unreachable!("one writer per table"),
    }
}

/// One CSV file: RFC 4180 records (quoting by the `csv` crate, CRLF) through one
/// `csv::Writer`, opened with the first record (byte-order mark and header first).
struct Sheet<W: Write> {
    state: State<W>,
    header: &'static [&'static str],
    bom: bool,
}

enum State<W: Write> {
    /// Nothing written yet.
    Fresh(W),
    /// Header written (boxed: the writer is large, and made once per file).
    Open(Box<csv::Writer<W>>),
    /// Opening failed (the error was returned then).
    Broken,
}

impl<W: Write> Sheet<W> {
    fn new(out: W, header: &'static [&'static str], bom: bool) -> Self {
        Sheet {
            state: State::Fresh(out),
            header,
            bom,
        }
    }

    /// The writer, opened: the byte-order mark and the header written.
    fn csv(&mut self) -> io::Result<&mut csv::Writer<W>> {
        if let State::Fresh(_) = self.state {
            let State::Fresh(mut out) = std::mem::replace(&mut self.state, State::Broken) else {
                unreachable!("matched above")
            };
            if self.bom {
                out.write_all(BOM)?;
            }
            let mut csv = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .quote_style(csv::QuoteStyle::Necessary)
                .flexible(false)
                .from_writer(out);
            csv.write_record(self.header).map_err(into_io)?;
            self.state = State::Open(Box::new(csv));
        }
        match &mut self.state {
            State::Open(csv) => Ok(csv),
            _ => Err(broken()),
        }
    }

    /// Writes one record: `id`, then `rest`.
    fn row(&mut self, id: &str, rest: &[String]) -> io::Result<()> {
        let csv = self.csv()?;
        csv.write_field(id).map_err(into_io)?;
        for cell in rest {
            csv.write_field(cell).map_err(into_io)?;
        }
        csv.write_record(None::<&[u8]>).map_err(into_io)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.state {
            State::Fresh(out) => out.flush(),
            State::Open(csv) => csv.flush(),
            State::Broken => Err(broken()),
        }
    }

    /// Writes the header if no record was written, flushes, and hands `W` back.
    fn finish(mut self) -> io::Result<W> {
        self.csv()?;
        self.into_inner()
    }

    fn into_inner(self) -> io::Result<W> {
        match self.state {
            State::Fresh(mut out) => {
                out.flush()?;
                Ok(out)
            }
            State::Open(csv) => csv.into_inner().map_err(|e| e.into_error()),
            State::Broken => Err(broken()),
        }
    }
}

fn broken() -> io::Error {
    io::Error::other("the CSV output failed earlier")
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// `cells` with the formula guard applied when `options` ask for it.
fn guard(mut cells: Vec<String>, options: &Options) -> Vec<String> {
    if options.formula_guard {
        for cell in cells.iter_mut().filter(|c| needs_guard(c)) {
            cell.insert(0, '\'');
        }
    }
    cells
}

/// True when a spreadsheet could run a cell that starts like `cell` as a formula.
pub fn needs_guard(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

fn opt(t: &Option<Text>) -> &str {
    t.as_ref().map_or("", |t| t.as_str())
}

fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

fn join<S: AsRef<str>>(values: impl Iterator<Item = S>, options: &Options) -> String {
    let values: Vec<S> = values.collect();
    let mut out = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(&options.separator);
        }
        out.push_str(v.as_ref());
    }
    out
}

/// `Family, Given`, or whatever name the author has.
fn byline_name(au: &Author) -> String {
    fn name(t: &Option<Text>) -> Option<&str> {
        t.as_ref().map(|t| t.as_str()).filter(|s| !s.is_empty())
    }
    if au.organization {
        if let Some(n) = name(&au.name).or(name(&au.surname)) {
            return n.to_string();
        }
    }
    match (name(&au.surname), name(&au.forename)) {
        (Some(family), Some(given)) => format!("{family}, {given}"),
        (Some(family), None) => family.to_string(),
        (None, given) => name(&au.name).or(given).unwrap_or("").to_string(),
    }
}

/// The cells of one article row but its `id`, in [`ARTICLE_COLUMNS`] order.
fn article_cells(doc: &Document, options: &Options) -> Vec<String> {
    let a: &Article = &doc.article;
    let title = a.title();
    let subtitle = a.subtitle();
    let is = |t: &Text, other: Option<&Text>| other.is_some_and(|o| std::ptr::eq(t, o));
    let other_titles = join(
        a.titles
            .iter()
            .filter(|t| !is(&t.text, title) && !is(&t.text, subtitle))
            .map(|t| t.text.as_str()),
        options,
    );
    let authors = a
        .authors
        .iter()
        .map(byline_name)
        .collect::<Vec<_>>()
        .join(&options.separator);
    let keywords = join(a.author_keywords().map(|k| k.text.as_str()), options);
    let classifications = join(
        a.keywords
            .iter()
            .filter(|k| !k.author)
            .map(|k| k.text.as_str()),
        options,
    );
    let main = a.main_abstract();
    let other_abstracts = join(
        a.abstracts
            .iter()
            .filter(|x| !main.is_some_and(|m| std::ptr::eq(*x, m)))
            .map(|x| x.text.as_str()),
        options,
    );
    let s = |t: Option<&Text>| t.map_or(String::new(), |t| t.value.clone());
    vec![
        doc.source.clone(),
        s(title),
        s(subtitle),
        other_titles,
        authors,
        keywords,
        classifications,
        main.map_or(String::new(), |m| m.text.value.clone()),
        other_abstracts,
        s(a.language.as_ref()),
        s(a.journal.as_ref()),
        s(a.issn.as_ref()),
        s(a.eissn.as_ref()),
        s(a.volume.as_ref()),
        s(a.issue.as_ref()),
        s(a.first_page.as_ref()),
        s(a.last_page.as_ref()),
        a.date
            .as_ref()
            .and_then(|d| crate::ids::date::iso(d.as_str()))
            .unwrap_or_default(),
        s(a.publisher.as_ref()),
        a.doi.as_ref().map_or(String::new(), |d| {
            crate::ids::doi::nfkc(d.as_str()).into_owned()
        }),
        s(a.url.as_ref()),
        s(a.genre.as_ref()),
        s(a.container.as_ref()),
        s(a.event.as_ref().map(|e| &e.name)),
        s(a.institution.as_ref()),
        join(a.editors.iter().map(|e| byline_name(&e.person)), options),
        s(a.series.as_ref()),
        a.container_doi.as_ref().map_or(String::new(), |d| {
            crate::ids::doi::nfkc(d.as_str()).into_owned()
        }),
        event_day(a.event.as_ref().and_then(|e| e.start.as_deref())),
        event_day(a.event.as_ref().and_then(|e| e.end.as_deref())),
        a.event
            .as_ref()
            .and_then(|e| e.place.clone())
            .unwrap_or_default(),
    ]
}

/// An event's day in ISO 8601, or empty.
fn event_day(day: Option<&str>) -> String {
    day.and_then(crate::ids::date::iso).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Abstract, Affiliation, Keyword, Title};

    fn t(s: &str) -> Text {
        Text::new(s.to_string(), Default::default())
    }

    fn doc(article: Article) -> Document {
        Document {
            source: "x.xml".into(),
            text: String::new(),
            article,
        }
    }

    fn run(options: Options, docs: &[Document]) -> String {
        let mut e = Csv::new(Vec::new(), options);
        for d in docs {
            e.write(d).unwrap();
        }
        String::from_utf8(e.finish().unwrap()).unwrap()
    }

    #[test]
    fn empty_batch_is_just_the_header_with_crlf() {
        let out = run(Options::default(), &[]);
        assert_eq!(out, format!("{}\r\n", ARTICLE_COLUMNS.join(",")));
    }

    #[test]
    fn byline_is_family_comma_given_and_organisations_by_name() {
        let a = Article {
            authors: vec![
                Author {
                    surname: Some(t("Lovelace")),
                    forename: Some(t("Ada")),
                    ..Default::default()
                },
                Author {
                    name: Some(t("TEI Consortium")),
                    organization: true,
                    ..Default::default()
                },
                Author {
                    name: Some(t("Plato")),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let out = run(Options::default(), &[doc(a)]);
        assert!(
            out.contains(",\"Lovelace, Ada; TEI Consortium; Plato\","),
            "{out}"
        );
    }

    #[test]
    fn other_titles_and_abstracts_leave_out_the_main_ones() {
        let a = Article {
            titles: vec![
                Title {
                    text: t("Main"),
                    kind: Some("main".into()),
                    lang: None,
                },
                Title {
                    text: t("Sub"),
                    kind: Some("sub".into()),
                    lang: None,
                },
                Title {
                    text: t("Titre"),
                    kind: Some("trans".into()),
                    lang: Some("fr".into()),
                },
            ],
            abstracts: vec![
                Abstract {
                    lang: Some("fr".into()),
                    text: t("Résumé"),
                },
                Abstract {
                    lang: Some("en".into()),
                    text: t("Summary"),
                },
            ],
            keywords: vec![
                Keyword {
                    text: t("streams"),
                    author: true,
                    ..Default::default()
                },
                Keyword {
                    text: t("info.info-dl"),
                    author: false,
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let out = run(Options::default(), &[doc(a)]);
        let row = out.split("\r\n").nth(1).unwrap();
        let (id, rest) = row.split_once(',').unwrap();
        assert!(id.starts_with("tei-") && id.len() == 20, "{id}");
        assert_eq!(
            rest,
            "x.xml,Main,Sub,Titre,,streams,info.info-dl,Summary,Résumé,,,,,,,,,,,,,,,,,,,,,,"
        );
    }

    #[test]
    fn guard_prefixes_dangerous_cells_and_can_be_turned_off() {
        let a = Article {
            titles: vec![Title {
                text: t("=HYPERLINK(\"x\")"),
                ..Default::default()
            }],
            ..Default::default()
        };
        let on = run(Options::default(), &[doc(a.clone())]);
        assert!(on.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{on}");
        let off = run(
            Options {
                formula_guard: false,
                ..Default::default()
            },
            &[doc(a)],
        );
        assert!(off.contains(",\"=HYPERLINK(\"\"x\"\")\","), "{off}");
    }

    #[test]
    fn dates_are_iso_or_left_out() {
        let cells = |date: &str| {
            let a = Article {
                date: Some(t(date)),
                ..Default::default()
            };
            let d = doc(a);
            let cells = article_cells(&d, &Options::default());
            let i = ARTICLE_COLUMNS.iter().position(|c| *c == "date").unwrap();
            cells[i - 1].clone()
        };
        assert_eq!(cells("July 1, 2010"), "2010-07-01");
        assert_eq!(cells("1er juillet 2010"), "2010-07-01");
        assert_eq!(cells("31/07/2010"), "2010-07-31");
        assert_eq!(cells("01/07/2010"), "", "ambiguous: left out");
        assert_eq!(cells("Spring 2019"), "");
    }

    #[test]
    fn bom_only_on_request() {
        assert!(!run(Options::default(), &[]).starts_with('\u{feff}'));
        let with = run(
            Options {
                bom: true,
                ..Default::default()
            },
            &[],
        );
        assert!(with.starts_with("\u{feff}id,"));
        assert_eq!(with.matches('\u{feff}').count(), 1);
    }

    #[test]
    fn ids_are_the_doi_or_a_hash_of_the_relative_path_and_the_text() {
        let with_doi = |doi: &str| Document {
            source: "a/b.xml".into(),
            text: "<TEI/>".into(),
            article: Article {
                doi: Some(t(doi)),
                ..Default::default()
            },
        };
        assert_eq!(
            article_id(&with_doi("10.1002/\u{FB02}D.3902"), "b.xml"),
            "doi:10.1002/fld.3902"
        );
        // Not a DOI: the hash, of the key and the text only.
        let bad = with_doi("My DOI number");
        let id = article_id(&bad, "b.xml");
        assert!(id.starts_with("tei-") && id.len() == 20, "{id}");
        assert_eq!(id, article_id(&bad, "b.xml"), "the same every time");
        let mut other_source = bad.clone();
        other_source.source = "/elsewhere/archive/b.xml".into();
        assert_eq!(
            id,
            article_id(&other_source, "b.xml"),
            "the key, not the source"
        );
        assert_ne!(id, article_id(&bad, "c.xml"));
        let mut fixed = bad.clone();
        fixed.text.push(' ');
        assert_ne!(id, article_id(&fixed, "b.xml"));
        // The FNV-1a value is pinned: a change would break every table already written.
        assert_eq!(
            article_id(&doc(Article::default()), ""),
            "tei-af63bd4c8601b7df"
        );
        assert_eq!(default_key("./a/./b.xml"), "a/b.xml");
        assert_eq!(default_key("/x/y.xml"), "x/y.xml");
    }

    #[test]
    fn tables_link_every_row_to_its_article() {
        use crate::model::{Editor, EditorOf};
        let dir = std::env::temp_dir().join(format!("teimeta-csv-unit-{}", std::process::id()));
        let a = Article {
            doi: Some(t("10.1234/ABC")),
            authors: vec![Author {
                surname: Some(t("Curie")),
                forename: Some(t("Marie")),
                alternate_names: vec![
                    crate::model::AltName {
                        forename: Some("マリー".into()),
                        surname: Some("キュリー".into()),
                        lang: Some("ja".into()),
                        ..Default::default()
                    },
                    crate::model::AltName {
                        name: Some("Skłodowska".into()),
                        lang: Some("pl".into()),
                        ..Default::default()
                    },
                ],
                affiliations: vec![
                    Affiliation {
                        text: t("Sorbonne"),
                        ..Default::default()
                    },
                    Affiliation {
                        text: t("Institut du radium"),
                        country: Some("FR".into()),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }],
            editors: vec![Editor {
                person: Author {
                    surname: Some(t("Langevin")),
                    forename: Some(t("Paul")),
                    ..Default::default()
                },
                of: EditorOf::Container,
                role: Some("chair".into()),
            }],
            abstracts: vec![
                Abstract {
                    lang: Some("en".into()),
                    text: t("Rays; and more\n\nSecond"),
                },
                Abstract {
                    lang: None,
                    text: t("=1+1"),
                },
            ],
            keywords: vec![
                Keyword {
                    text: t("radium; polonium"),
                    lang: Some("fr".into()),
                    author: true,
                    ..Default::default()
                },
                Keyword {
                    text: t("phys.phys"),
                    scheme: Some("halDomain".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let mut tables = Tables::create(&dir, Options::default()).unwrap();
        tables.write(&doc(Article::default())).unwrap();
        tables.write(&doc(a)).unwrap();
        tables.finish().unwrap();
        let rows = |name: &str| -> Vec<String> {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let mut rows: Vec<String> = text.split("\r\n").map(str::to_string).collect();
            assert_eq!(rows.pop().as_deref(), Some(""), "{name} ends in CRLF");
            rows
        };
        for (name, columns) in TABLES {
            assert_eq!(rows(name)[0], columns.join(","), "{name}");
        }
        let id = "doi:10.1234/abc";
        assert_eq!(
            rows("authors.csv")[1..],
            [format!(
                "{id},1,Curie,Marie,,false,,,,false,Sorbonne; Institut du radium,キュリー マリー; Skłodowska"
            )]
        );
        assert_eq!(
            rows("affiliations.csv")[1..],
            [
                format!("{id},1,1,Sorbonne,,,,"),
                format!("{id},1,2,Institut du radium,,,,FR")
            ]
        );
        assert_eq!(
            rows("editors.csv")[1..],
            [format!("{id},1,container,chair,Langevin,Paul,,false,")]
        );
        let abstracts = std::fs::read_to_string(dir.join("abstracts.csv")).unwrap();
        assert!(
            abstracts.ends_with(&format!(
                "{id},en,\"Rays; and more\n\nSecond\"\r\n{id},,'=1+1\r\n"
            )),
            "{abstracts}"
        );
        assert_eq!(
            rows("keywords.csv")[1..],
            [
                format!("{id},fr,,radium; polonium,true"),
                format!("{id},,halDomain,phys.phys,false")
            ]
        );
        let articles = rows("articles.csv");
        assert_eq!(articles.len(), 3);
        assert!(articles[1].starts_with("tei-"));
        assert!(articles[2].starts_with(&format!("{id},x.xml,")));
        assert!(
            articles[2].contains(",\"Langevin, Paul\","),
            "{}",
            articles[2]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
