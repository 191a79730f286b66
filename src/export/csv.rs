//! CSV export: one row per article (`convert --to csv`), and with `--tables DIR` three
//! linked tables (`articles.csv`, `authors.csv`, `affiliations.csv`) so that nothing has
//! to be crammed into one cell.
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
//! | `id` | the article's number in this output, 1-based, in input order |
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
//! | `doi` | the bare DOI |
//! | `url` | full-text URL |
//! | `genre` | the document type in teimeta's vocabulary (`article`, `conference-paper`, `chapter`, `thesis`, …) |
//! | `container` | the book or proceedings the document is part of |
//! | `event` | the conference or meeting it was given at |
//! | `institution` | a thesis's degree-granting institution |
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
pub const ARTICLE_COLUMNS: [&str; 26] = [
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
];

/// The columns of `authors.csv`, in order.
pub const AUTHOR_COLUMNS: [&str; 11] = [
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

/// One article's row, every cell but its `id` (which depends on the rows before),
/// formula guard applied.
#[derive(Debug, Clone)]
pub struct Row(Vec<String>);

impl Render for Options {
    type Piece = Row;

    fn render(&self, doc: &Document) -> Row {
        Row(guard(article_cells(doc, self), self))
    }
}

/// One CSV row per article, the columns of `articles.csv` (see the module docs), written
/// to `W` through one `csv::Writer` for the whole run.
pub struct Csv<W: Write> {
    options: Options,
    sheet: Sheet<W>,
    /// Number of articles written so far: the last `id`.
    count: u64,
}

impl<W: Write> Csv<W> {
    /// A CSV exporter writing to `out`.
    pub fn new(out: W, options: Options) -> Self {
        Csv {
            sheet: Sheet::new(out, &ARTICLE_COLUMNS, options.bom),
            options,
            count: 0,
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
        self.count += 1;
        self.sheet.row(self.count, &row.0)
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

/// One document's rows for the three tables, but the article's `id`.
#[derive(Debug, Clone)]
pub struct TableRows {
    article: Row,
    /// `authors.csv` rows: every cell after `article_id`.
    authors: Vec<Vec<String>>,
    /// `affiliations.csv` rows: every cell after `article_id`.
    affiliations: Vec<Vec<String>>,
}

/// The options of [`Tables`]: the CSV options; a piece is the three tables' rows.
#[derive(Debug, Clone, Default)]
pub struct TablesOptions(pub Options);

impl Render for TablesOptions {
    type Piece = TableRows;

    fn render(&self, doc: &Document) -> TableRows {
        let opts = &self.0;
        let mut authors = Vec::with_capacity(doc.article.authors.len());
        let mut affiliations = Vec::new();
        for (i, au) in doc.article.authors.iter().enumerate() {
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
        TableRows {
            article: opts.render(doc),
            authors,
            affiliations,
        }
    }
}

/// `--tables DIR`: `articles.csv`, `authors.csv` and `affiliations.csv` (see the module
/// docs), linked by the article's `id` and the author's `position`.
pub struct Tables<W: Write> {
    options: TablesOptions,
    articles: Sheet<W>,
    authors: Sheet<W>,
    affiliations: Sheet<W>,
    count: u64,
}

impl Tables<BufWriter<File>> {
    /// Creates `dir` if needed and the three files in it.
    pub fn create(dir: &Path, options: Options) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let open = |name: &str| -> io::Result<BufWriter<File>> {
            Ok(BufWriter::new(File::create(dir.join(name))?))
        };
        Ok(Tables::new(
            [
                open("articles.csv")?,
                open("authors.csv")?,
                open("affiliations.csv")?,
            ],
            options,
        ))
    }
}

impl<W: Write> Tables<W> {
    /// Tables written to `[articles, authors, affiliations]`.
    pub fn new(out: [W; 3], options: Options) -> Self {
        let [articles, authors, affiliations] = out;
        let bom = options.bom;
        Tables {
            options: TablesOptions(options),
            articles: Sheet::new(articles, &ARTICLE_COLUMNS, bom),
            authors: Sheet::new(authors, &AUTHOR_COLUMNS, bom),
            affiliations: Sheet::new(affiliations, &AFFILIATION_COLUMNS, bom),
            count: 0,
        }
    }
}

impl<W: Write> Exporter for Tables<W> {
    type Render = TablesOptions;
    type Inner = [W; 3];

    fn options(&self) -> &TablesOptions {
        &self.options
    }

    fn push(&mut self, rows: TableRows) -> io::Result<()> {
        self.count += 1;
        let id = self.count;
        self.articles.row(id, &rows.article.0)?;
        for row in &rows.authors {
            self.authors.row(id, row)?;
        }
        for row in &rows.affiliations {
            self.affiliations.row(id, row)?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.articles.flush()?;
        self.authors.flush()?;
        self.affiliations.flush()
    }

    /// Writes the headers of tables still empty and flushes the three files.
    fn finish(self) -> io::Result<[W; 3]> {
        Ok([
            self.articles.finish()?,
            self.authors.finish()?,
            self.affiliations.finish()?,
        ])
    }

    fn into_inner(self) -> io::Result<[W; 3]> {
        Ok([
            self.articles.into_inner()?,
            self.authors.into_inner()?,
            self.affiliations.into_inner()?,
        ])
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
    fn row(&mut self, id: u64, rest: &[String]) -> io::Result<()> {
        let csv = self.csv()?;
        csv.write_field(id.to_string()).map_err(into_io)?;
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

fn join<'a>(values: impl Iterator<Item = &'a str>, options: &Options) -> String {
    values.collect::<Vec<_>>().join(&options.separator)
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
        s(a.doi.as_ref()),
        s(a.url.as_ref()),
        s(a.genre.as_ref()),
        s(a.container.as_ref()),
        s(a.event.as_ref().map(|e| &e.name)),
        s(a.institution.as_ref()),
    ]
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
        assert_eq!(
            row,
            "1,x.xml,Main,Sub,Titre,,streams,info.info-dl,Summary,Résumé,,,,,,,,,,,,,,,,"
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
    fn tables_link_authors_and_affiliations_to_their_article() {
        let dir = std::env::temp_dir().join(format!("teimeta-csv-unit-{}", std::process::id()));
        let a = Article {
            authors: vec![Author {
                surname: Some(t("Curie")),
                forename: Some(t("Marie")),
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
            ..Default::default()
        };
        let mut tables = Tables::create(&dir, Options::default()).unwrap();
        tables.write(&doc(Article::default())).unwrap();
        tables.write(&doc(a)).unwrap();
        tables.finish().unwrap();
        let authors = std::fs::read_to_string(dir.join("authors.csv")).unwrap();
        assert_eq!(
            authors.split("\r\n").nth(1).unwrap(),
            "2,1,Curie,Marie,,false,,,,false,Sorbonne; Institut du radium"
        );
        let affs = std::fs::read_to_string(dir.join("affiliations.csv")).unwrap();
        let rows: Vec<&str> = affs.split("\r\n").collect();
        assert_eq!(rows[1], "2,1,1,Sorbonne,,,,");
        assert_eq!(rows[2], "2,1,2,Institut du radium,,,,FR");
        assert_eq!(rows.len(), 4, "two rows, a header and the final CRLF");
        let articles = std::fs::read_to_string(dir.join("articles.csv")).unwrap();
        assert_eq!(articles.matches("\r\n").count(), 3);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
