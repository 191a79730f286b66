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
//! | `date` | publication date, as written |
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

use super::{Exporter, Options};
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

/// One CSV row per article: the columns of `articles.csv` (see the module docs).
pub struct CsvExporter {
    options: Options,
    rows: Rows,
    /// Number of articles written so far: the last `id`.
    count: u64,
    begun: bool,
}

impl CsvExporter {
    /// A CSV exporter with `options`.
    pub fn new(options: Options) -> Self {
        CsvExporter {
            rows: Rows::new(&options),
            options,
            count: 0,
            begun: false,
        }
    }
}

impl Exporter for CsvExporter {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.begun {
            return Ok(());
        }
        self.begun = true;
        if self.options.bom {
            out.write_all(BOM)?;
        }
        self.rows.write(out, ARTICLE_COLUMNS)
    }

    fn write(&mut self, out: &mut dyn Write, doc: &Document) -> io::Result<()> {
        self.begin(out)?;
        self.count += 1;
        let row = article_row(self.count, doc, &self.options);
        self.rows.write(out, row)
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        // Even an empty batch gets its header.
        self.begin(out)
    }
}

/// `--tables DIR`: `articles.csv`, `authors.csv` and `affiliations.csv` (see the module
/// docs), linked by the article's `id` and the author's `position`.
pub struct Tables {
    options: Options,
    rows: Rows,
    articles: BufWriter<File>,
    authors: BufWriter<File>,
    affiliations: BufWriter<File>,
    count: u64,
}

impl Tables {
    /// Creates `dir` if needed and the three files in it, each with its header row.
    pub fn create(dir: &Path, options: &Options) -> io::Result<Tables> {
        std::fs::create_dir_all(dir)?;
        let open = |name: &str| -> io::Result<BufWriter<File>> {
            let mut f = BufWriter::new(File::create(dir.join(name))?);
            if options.bom {
                f.write_all(BOM)?;
            }
            Ok(f)
        };
        let mut tables = Tables {
            options: options.clone(),
            rows: Rows::new(options),
            articles: open("articles.csv")?,
            authors: open("authors.csv")?,
            affiliations: open("affiliations.csv")?,
            count: 0,
        };
        tables.rows.write(&mut tables.articles, ARTICLE_COLUMNS)?;
        tables.rows.write(&mut tables.authors, AUTHOR_COLUMNS)?;
        tables
            .rows
            .write(&mut tables.affiliations, AFFILIATION_COLUMNS)?;
        Ok(tables)
    }

    /// Writes one document's rows: its article, its authors and their affiliations.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        self.count += 1;
        let id = self.count.to_string();
        let opts = &self.options;
        self.rows
            .write(&mut self.articles, article_row(self.count, doc, opts))?;
        for (i, au) in doc.article.authors.iter().enumerate() {
            let position = (i + 1).to_string();
            let affiliations = join(au.affiliations.iter().map(|a| a.text.as_str()), opts);
            let row = [
                id.as_str(),
                &position,
                opt(&au.surname),
                opt(&au.forename),
                opt(&au.name),
                flag(au.organization),
                opt(&au.role),
                opt(&au.orcid),
                opt(&au.email),
                flag(au.corresponding),
                &affiliations,
            ];
            self.rows.write(&mut self.authors, row)?;
            for (j, af) in au.affiliations.iter().enumerate() {
                let row = [
                    id.as_str(),
                    &position,
                    &(j + 1).to_string(),
                    af.text.as_str(),
                    af.department.as_deref().unwrap_or(""),
                    af.institution.as_deref().unwrap_or(""),
                    af.settlement.as_deref().unwrap_or(""),
                    af.country.as_deref().unwrap_or(""),
                ];
                self.rows.write(&mut self.affiliations, row)?;
            }
        }
        Ok(())
    }

    /// Flushes the three files.
    pub fn finish(mut self) -> io::Result<()> {
        self.articles.flush()?;
        self.authors.flush()?;
        self.affiliations.flush()
    }
}

/// Turns cells into RFC 4180 records: quoting by the `csv` crate, CRLF, the formula guard.
struct Rows {
    builder: csv::WriterBuilder,
    guard: bool,
}

impl Rows {
    fn new(options: &Options) -> Self {
        let mut builder = csv::WriterBuilder::new();
        builder
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(false)
            .buffer_capacity(1024);
        Rows {
            builder,
            guard: options.formula_guard,
        }
    }

    /// Writes one record to `out`.
    fn write<I, S>(&self, out: &mut dyn Write, cells: I) -> io::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let guard = self.guard;
        // A writer per record: the exporter is handed `out` anew at each call.
        let mut csv = self.builder.from_writer(out);
        for cell in cells {
            csv.write_field(guarded(cell.as_ref(), guard).as_bytes())
                .map_err(into_io)?;
        }
        csv.write_record(None::<&[u8]>).map_err(into_io)?;
        csv.flush()
    }
}

fn into_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// True when a spreadsheet could run a cell that starts like `cell` as a formula.
pub fn needs_guard(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

fn guarded(cell: &str, guard: bool) -> std::borrow::Cow<'_, str> {
    if guard && needs_guard(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
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

/// The cells of one article row, in [`ARTICLE_COLUMNS`] order.
fn article_row(id: u64, doc: &Document, options: &Options) -> Vec<String> {
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
        id.to_string(),
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
        s(a.date.as_ref()),
        s(a.publisher.as_ref()),
        s(a.doi.as_ref()),
        s(a.url.as_ref()),
        s(a.genre.as_ref()),
        s(a.container.as_ref()),
        s(a.event.as_ref()),
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
        let mut e = CsvExporter::new(options);
        let mut out = Vec::new();
        e.begin(&mut out).unwrap();
        for d in docs {
            e.write(&mut out, d).unwrap();
        }
        e.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
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
        let mut tables = Tables::create(&dir, &Options::default()).unwrap();
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
