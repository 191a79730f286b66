//! teimeta's own JSON record, one per document, one per line (JSON Lines).
//!
//! The keys are a contract that scripts rely on; the README documents them. A missing
//! value is `null` or an empty list.

use std::io::{self, Write};

use serde::Serialize;

use super::{Exporter, Render};
use crate::model::{
    Affiliation, AltName, Article, Author, Editor, ExternalId, Keyword, OrgUnit, Text,
};
use crate::Document;

/// JSON Lines has no options: every record is written the same way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options;

impl Render for Options {
    /// The record's line, newline included.
    type Piece = Vec<u8>;

    fn render(&self, doc: &Document) -> Vec<u8> {
        let mut line = Vec::with_capacity(4096);
        serde_json::to_writer(&mut line, &Record::new(doc)).expect("a record always serialises");
        line.push(b'\n');
        line
    }
}

/// Writes one JSON record per line to `W`.
#[derive(Debug)]
pub struct JsonLines<W> {
    out: W,
}

impl<W: Write> JsonLines<W> {
    /// A JSON Lines exporter writing to `out`.
    pub fn new(out: W) -> Self {
        JsonLines { out }
    }
}

impl<W: Write> Exporter for JsonLines<W> {
    type Render = Options;
    type Inner = W;

    fn options(&self) -> &Options {
        &Options
    }

    fn push(&mut self, line: Vec<u8>) -> io::Result<()> {
        self.out.write_all(&line)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The record of `doc` as a JSON value (what `convert --to json` writes for it).
pub fn to_value(doc: &Document) -> serde_json::Value {
    serde_json::to_value(Record::new(doc)).expect("a record always serialises")
}

#[derive(Serialize)]
struct Record<'a> {
    source: &'a str,
    title: Option<&'a str>,
    subtitle: Option<&'a str>,
    titles: Vec<TitleRec<'a>>,
    authors: Vec<AuthorRec<'a>>,
    keywords: Vec<&'a str>,
    keyword_sets: Vec<KeywordSet<'a>>,
    #[serde(rename = "abstract")]
    abstract_: Option<&'a str>,
    abstracts: Vec<AbstractRec<'a>>,
    language: Option<&'a str>,
    journal: Option<&'a str>,
    issn: Option<&'a str>,
    eissn: Option<&'a str>,
    volume: Option<&'a str>,
    issue: Option<&'a str>,
    first_page: Option<&'a str>,
    last_page: Option<&'a str>,
    date: Option<&'a str>,
    date_text: Option<&'a str>,
    publisher: Option<&'a str>,
    doi: Option<&'a str>,
    url: Option<&'a str>,
    genre: Option<&'a str>,
    container: Option<&'a str>,
    container_doi: Option<&'a str>,
    series: Option<&'a str>,
    editors: Vec<EditorRec<'a>>,
    event: Option<&'a str>,
    event_start: Option<&'a str>,
    event_end: Option<&'a str>,
    event_place: Option<&'a str>,
    institution: Option<&'a str>,
}

#[derive(Serialize)]
struct TitleRec<'a> {
    text: &'a str,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct AuthorRec<'a> {
    forename: Option<&'a str>,
    surname: Option<&'a str>,
    name: Option<&'a str>,
    organization: bool,
    role: Option<&'a str>,
    email: Option<&'a str>,
    orcid: Option<&'a str>,
    ids: Vec<IdRec<'a>>,
    alternate_names: Vec<AltNameRec<'a>>,
    corresponding: bool,
    affiliations: Vec<AffiliationRec<'a>>,
}

/// An editor: the author keys, except that `role` is the editor's `@role` (and the
/// `roleName` in the name is `role_name`), plus what they edited.
#[derive(Serialize)]
struct EditorRec<'a> {
    forename: Option<&'a str>,
    surname: Option<&'a str>,
    name: Option<&'a str>,
    organization: bool,
    role: Option<&'a str>,
    role_name: Option<&'a str>,
    email: Option<&'a str>,
    orcid: Option<&'a str>,
    ids: Vec<IdRec<'a>>,
    alternate_names: Vec<AltNameRec<'a>>,
    affiliations: Vec<AffiliationRec<'a>>,
    of: &'static str,
}

#[derive(Serialize)]
struct IdRec<'a> {
    scheme: &'a str,
    value: &'a str,
}

#[derive(Serialize)]
struct AltNameRec<'a> {
    forename: Option<&'a str>,
    surname: Option<&'a str>,
    name: Option<&'a str>,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct UnitRec<'a> {
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    names: Vec<NameRec<'a>>,
    ids: Vec<IdRec<'a>>,
}

#[derive(Serialize)]
struct NameRec<'a> {
    text: &'a str,
    lang: Option<&'a str>,
}

#[derive(Serialize)]
struct AffiliationRec<'a> {
    text: &'a str,
    department: Option<&'a str>,
    institution: Option<&'a str>,
    settlement: Option<&'a str>,
    country: Option<&'a str>,
    units: Vec<UnitRec<'a>>,
}

#[derive(Serialize)]
struct KeywordSet<'a> {
    scheme: Option<&'a str>,
    lang: Option<&'a str>,
    author: bool,
    terms: Vec<&'a str>,
}

#[derive(Serialize)]
struct AbstractRec<'a> {
    lang: Option<&'a str>,
    text: &'a str,
}

fn s(t: &Option<Text>) -> Option<&str> {
    t.as_ref().map(|t| t.as_str())
}

impl<'a> Record<'a> {
    fn new(doc: &'a Document) -> Self {
        let a: &Article = &doc.article;
        Record {
            source: &doc.source,
            title: a.title().map(|t| t.as_str()),
            subtitle: a.subtitle().map(|t| t.as_str()),
            titles: a
                .titles
                .iter()
                .map(|t| TitleRec {
                    text: t.text.as_str(),
                    kind: t.kind.as_deref(),
                    lang: t.lang.as_deref(),
                })
                .collect(),
            authors: a.authors.iter().map(AuthorRec::new).collect(),
            keywords: a.author_keywords().map(|k| k.text.as_str()).collect(),
            keyword_sets: keyword_sets(&a.keywords),
            abstract_: a.main_abstract().map(|x| x.text.as_str()),
            abstracts: a
                .abstracts
                .iter()
                .map(|x| AbstractRec {
                    lang: x.lang.as_deref(),
                    text: x.text.as_str(),
                })
                .collect(),
            language: s(&a.language),
            journal: s(&a.journal),
            issn: s(&a.issn),
            eissn: s(&a.eissn),
            volume: s(&a.volume),
            issue: s(&a.issue),
            first_page: s(&a.first_page),
            last_page: s(&a.last_page),
            date: s(&a.date),
            date_text: s(&a.date_text),
            publisher: s(&a.publisher),
            doi: s(&a.doi),
            url: s(&a.url),
            genre: s(&a.genre),
            container: s(&a.container),
            container_doi: s(&a.container_doi),
            series: s(&a.series),
            editors: a.editors.iter().map(EditorRec::new).collect(),
            event: a.event.as_ref().map(|e| e.name.as_str()),
            event_start: a.event.as_ref().and_then(|e| e.start.as_deref()),
            event_end: a.event.as_ref().and_then(|e| e.end.as_deref()),
            event_place: a.event.as_ref().and_then(|e| e.place.as_deref()),
            institution: s(&a.institution),
        }
    }
}

impl<'a> AuthorRec<'a> {
    fn new(au: &'a Author) -> Self {
        AuthorRec {
            forename: s(&au.forename),
            surname: s(&au.surname),
            name: s(&au.name),
            organization: au.organization,
            role: s(&au.role),
            email: s(&au.email),
            orcid: s(&au.orcid),
            ids: ids(&au.ids),
            alternate_names: alternate_names(&au.alternate_names),
            corresponding: au.corresponding,
            affiliations: au.affiliations.iter().map(AffiliationRec::new).collect(),
        }
    }
}

impl<'a> EditorRec<'a> {
    fn new(ed: &'a Editor) -> Self {
        let p = &ed.person;
        EditorRec {
            forename: s(&p.forename),
            surname: s(&p.surname),
            name: s(&p.name),
            organization: p.organization,
            role: ed.role.as_deref(),
            role_name: s(&p.role),
            email: s(&p.email),
            orcid: s(&p.orcid),
            ids: ids(&p.ids),
            alternate_names: alternate_names(&p.alternate_names),
            affiliations: p.affiliations.iter().map(AffiliationRec::new).collect(),
            of: ed.of.as_str(),
        }
    }
}

fn ids(ids: &[ExternalId]) -> Vec<IdRec<'_>> {
    ids.iter()
        .map(|i| IdRec {
            scheme: &i.scheme,
            value: &i.value,
        })
        .collect()
}

fn alternate_names(names: &[AltName]) -> Vec<AltNameRec<'_>> {
    names
        .iter()
        .map(|n| AltNameRec {
            forename: n.forename.as_deref(),
            surname: n.surname.as_deref(),
            name: n.name.as_deref(),
            lang: n.lang.as_deref(),
        })
        .collect()
}

fn units(units: &[OrgUnit]) -> Vec<UnitRec<'_>> {
    units
        .iter()
        .map(|u| UnitRec {
            kind: u.kind.as_deref(),
            names: u
                .names
                .iter()
                .map(|n| NameRec {
                    text: &n.text,
                    lang: n.lang.as_deref(),
                })
                .collect(),
            ids: ids(&u.ids),
        })
        .collect()
}

impl<'a> AffiliationRec<'a> {
    fn new(af: &'a Affiliation) -> Self {
        AffiliationRec {
            text: af.text.as_str(),
            department: af.department.as_deref(),
            institution: af.institution.as_deref(),
            settlement: af.settlement.as_deref(),
            country: af.country.as_deref(),
            units: units(&af.units),
        }
    }
}

/// Groups consecutive keywords that share scheme, language and kind.
fn keyword_sets(keywords: &[Keyword]) -> Vec<KeywordSet<'_>> {
    let mut sets: Vec<KeywordSet<'_>> = Vec::new();
    for k in keywords {
        let same = sets.last().is_some_and(|s| {
            s.scheme == k.scheme.as_deref() && s.lang == k.lang.as_deref() && s.author == k.author
        });
        if !same {
            sets.push(KeywordSet {
                scheme: k.scheme.as_deref(),
                lang: k.lang.as_deref(),
                author: k.author,
                terms: Vec::new(),
            });
        }
        sets.last_mut()
            .expect("pushed above")
            .terms
            .push(k.text.as_str());
    }
    sets
}
