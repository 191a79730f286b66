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
//! What a librarian would choose, from what the TEI says:
//!
//! | the article has | entry |
//! |---|---|
//! | a journal title | `@article` |
//! | genre `thesis`, `masters-thesis` or `habilitation` | `@thesis` (`type = {phdthesis}`, `{mathesis}` or `{Habilitation thesis}`; `institution`) |
//! | genre `chapter` and a book title (`container`) | `@inbook` (`booktitle`) |
//! | genre `conference-paper` and a proceedings title | `@inproceedings` (`booktitle`, `eventtitle`) |
//! | anything else | `@misc` (`howpublished`: the meeting, else the publisher) |
//!
//! A chapter is `@inbook` rather than `@incollection`: biber's data model makes
//! `@incollection` require the volume's editor, which the model does not carry. A
//! conference paper with no proceedings title is `@misc` with the meeting as
//! `howpublished`, since `@inproceedings` requires a `booktitle`. The only mandatory field
//! an entry can lack is one the TEI really lacks (a date; a thesis's institution).
//!
//! # Fields
//!
//! | model | `@article` | `@misc` |
//! |---|---|---|
//! | authors | `author` (`Family, Given and …`) | `author` |
//! | main title, subtitle | `title`, `subtitle` (classic: `title = {Title: Subtitle}`) | same |
//! | other titles (languages, alternative, supertitle) | `titleaddon = {[Other title] [Autre titre]}`, as biblatex-apa gives a translated title; a `short` title as `shorttitle` | same |
//! | journal | `journaltitle` (classic: `journal`) | — |
//! | volume | `volume` when an integer; else `note = {Vol. XII}` (biber's data model makes `volume` an integer) | — |
//! | issue | `number` | — |
//! | first/last page | `pages = {45--78}` (what biber's range parser cannot read, such as `12, 14`, goes to `note` as `pp. 12, 14`) | — |
//! | date | `date = {2019-09-30}`: the valid ISO parts; free text gives its year (and a month name's month); no year, no field (classic: `year`, `month = sep`) | same |
//! | ISSN (print, else electronic) | `issn`, only with a valid check digit | — |
//! | publisher | — (biber's data model has no `publisher` for `@article`) | `howpublished` |
//! | DOI, URL | `doi`, `url`: raw, never LaTeX-escaped | same |
//! | language | `langid` (`english`, `french`, `ngerman`, …; left out when unknown) | same |
//! | author keywords | `keywords = {a, b, {c, d}}` (de-duplicated; a keyword with a comma braced) | same |
//! | abstracts | `abstract`: the main one (document language, else English, else the first), then the others, paragraphs separated by `\par` | same |
//!
//! `@misc` has no volume, issue, pages or ISSN in biblatex's data model, and without a
//! container title they would locate nothing, so they are left out there.
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
//! Classic mode writes accented Latin letters as accent macros (`{\"u}`), `year` and
//! `month` instead of `date` (the day is dropped: classic BibTeX has no field for it),
//! `journal` instead of `journaltitle`, and folds the subtitle into the title.

pub(crate) mod escape;
pub(crate) mod keys;
pub(crate) mod names;
mod values;

use std::collections::HashSet;
use std::io::{self, Write};

use super::Exporter;
use crate::model::{Article, Text};
use crate::Document;

use escape::{brace, clean, escape, protect_title};
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
    InProceedings,
    Misc,
}

impl Kind {
    fn of(a: &Article, has_journal: bool) -> Kind {
        if has_journal {
            return Kind::Article;
        }
        let has = |t: &Option<Text>| text(t.as_ref()).is_some();
        match a.genre.as_ref().map(|g| g.as_str()) {
            Some("thesis" | "masters-thesis" | "habilitation") => Kind::Thesis,
            Some("chapter") if has(&a.container) => Kind::InBook,
            Some("conference-paper") if has(&a.container) => Kind::InProceedings,
            _ => Kind::Misc,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Thesis => "thesis",
            Kind::InBook => "inbook",
            Kind::InProceedings => "inproceedings",
            Kind::Misc => "misc",
        }
    }
}

/// One entry before its key is made unique.
struct Entry {
    kind: &'static str,
    fields: Vec<(&'static str, Value)>,
    base_key: String,
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

fn text(t: Option<&Text>) -> Option<String> {
    t.map(|t| clean(&t.value)).filter(|s| !s.is_empty())
}

impl Entry {
    fn new(a: &Article, classic: bool) -> Self {
        let mut fields = Fields::default();
        let journal = text(a.journal.as_ref());
        let kind = Kind::of(a, journal.is_some());

        let names: Vec<Name> = a.authors.iter().filter_map(name_of).collect();
        if !names.is_empty() {
            let list: Vec<String> = names.iter().map(|n| format_name(n, classic)).collect();
            fields.put("author", list.join(" and "));
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

        let mut notes = Vec::new();
        match kind {
            Kind::Article => {
                if let Some(j) = &journal {
                    let name = if classic { "journal" } else { "journaltitle" };
                    fields.put(name, escape(j, classic));
                }
            }
            Kind::InBook | Kind::InProceedings => {
                if let Some(b) = text(a.container.as_ref()) {
                    fields.put("booktitle", protect_title(&b, classic));
                }
                if kind == Kind::InProceedings {
                    if let Some(e) = text(a.event.as_ref().map(|e| &e.name)) {
                        fields.put("eventtitle", protect_title(&e, classic));
                    }
                }
            }
            Kind::Thesis => {
                let degree = match a.genre.as_ref().map(|g| g.as_str()) {
                    Some("masters-thesis") => "mathesis",
                    Some("habilitation") => "Habilitation thesis",
                    _ => "phdthesis",
                };
                fields.put("type", degree.to_string());
                if let Some(i) = text(a.institution.as_ref()) {
                    fields.put("institution", escape(&i, classic));
                }
            }
            Kind::Misc => {}
        }
        if matches!(kind, Kind::Article | Kind::InBook | Kind::InProceedings) {
            match text(a.volume.as_ref()).map(|v| volume(&v)) {
                Some(Volume::Number(n)) => fields.put("volume", n),
                Some(Volume::Note(n)) => notes.push(escape(&n, classic)),
                None => {}
            }
            if kind == Kind::Article {
                if let Some(n) = text(a.issue.as_ref()) {
                    fields.put("number", escape(&n, classic));
                }
            }
            let first = a.first_page.as_ref().map(|p| p.as_str());
            let last = a.last_page.as_ref().map(|p| p.as_str());
            match pages(first, last, classic) {
                Some(Pages::Field(p)) => fields.put("pages", p),
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
                    .find_map(|i| normalize_issn(&i.value));
                if let Some(i) = issn {
                    fields.put("issn", i);
                }
            }
            Kind::InBook | Kind::InProceedings => {
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
        if let Some(d) = a.doi.as_ref().map(|d| verbatim(&d.value, false)) {
            if !d.is_empty() {
                fields.put("doi", d);
            }
        }
        if let Some(u) = a.url.as_ref().map(|u| verbatim(&u.value, true)) {
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

        let base_key = base_key_of(&names, title.as_deref().or(subtitle.as_deref()), &date);
        Entry {
            kind: kind.name(),
            fields: fields.0,
            base_key,
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
            head: format!("@{}{{", self.kind),
            tail,
        }
    }
}

/// The citation key `article` has alone, before de-duplication in its batch (see the
/// `keys` submodule): what BibTeX writes, and what the CSL-JSON exporter uses as `id` so
/// that both formats cite an article by the same key.
pub(crate) fn base_key(article: &Article) -> String {
    let names: Vec<Name> = article.authors.iter().filter_map(name_of).collect();
    let (title, subtitle) = titles(article);
    let date = article.date.as_ref().and_then(|d| parse_date(&d.value));
    base_key_of(&names, title.as_deref().or(subtitle.as_deref()), &date)
}

fn base_key_of(names: &[Name], title: Option<&str>, date: &Option<values::Date>) -> String {
    let author = match names.first() {
        Some(Name::Person { family, .. }) => keys::author_part(Some(family), false),
        Some(Name::Whole(whole)) => keys::author_part(Some(whole), true),
        None => keys::author_part(None, false),
    };
    keys::base_key(&author, title, date.as_ref().map(|d| d.year.as_str()))
}

/// The main title and the subtitle, cleaned. A title that is the subtitle itself (the
/// only title there is) is not repeated; a main title's trailing `:` (or `;`, `,`) before
/// a subtitle is dropped.
fn titles(a: &Article) -> (Option<String>, Option<String>) {
    let main = a.title();
    let sub = a.subtitle();
    let same = matches!((main, sub), (Some(m), Some(s)) if std::ptr::eq(m, s));
    let title = text(main);
    let subtitle = if same { None } else { text(sub) };
    match (title, subtitle) {
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
    let chosen = |t: &Text| {
        [main, sub]
            .into_iter()
            .flatten()
            .any(|c| std::ptr::eq(c, t))
    };
    let mut seen: HashSet<String> = [title, subtitle]
        .into_iter()
        .flatten()
        .map(str::to_string)
        .collect();
    seen.extend(text(main));
    if let (Some(t), Some(s)) = (text(main), subtitle) {
        seen.insert(format!("{t} {s}"));
        seen.insert(format!("{} {s}", t.trim_end_matches([':', ' '])));
        seen.insert(format!("{}: {s}", t.trim_end_matches([':', ' '])));
    }
    let mut short = None;
    let mut others = Vec::new();
    for t in a.titles.iter().filter(|t| !chosen(&t.text)) {
        let Some(x) = text(Some(&t.text)) else {
            continue;
        };
        if !seen.insert(x.clone()) {
            continue;
        }
        if short.is_none() && t.kind.as_deref() == Some("short") {
            short = Some(x);
        } else {
            others.push(x);
        }
    }
    (short, others)
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
        assert_eq!(
            field(&bib, "number"),
            None,
            "an issue locates nothing in a book"
        );
    }

    #[test]
    fn a_conference_paper_needs_proceedings_to_be_inproceedings() {
        let mut a = sample();
        a.journal = None;
        a.genre = Some(t("conference-paper"));
        a.event = Some(crate::model::Event {
            name: t("Congrès français de spectrométrie de masse"),
            ..Default::default()
        });
        let bib = export(std::slice::from_ref(&a), false);
        assert!(
            bib.starts_with("@misc{"),
            "no booktitle, no @inproceedings: {bib}"
        );
        assert_eq!(
            field(&bib, "howpublished"),
            Some("{Congrès français de spectrométrie de masse}")
        );
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
            Some(r"{On {TEI} \& Co: 100\% of it: A Subtitle}")
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
