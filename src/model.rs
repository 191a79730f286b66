//! The one model in the middle: an [`Article`] and its parts.
//!
//! The parser builds it once; the validator and every exporter only read it. Every value
//! that a diagnostic may point at is a [`Located`] value: the text plus the byte [`Span`]
//! of the element (or attribute) it came from, in the decoded UTF-8 source text that
//! [`crate::Document`] carries. Spans are left out of equality, so two articles with the
//! same values compare equal wherever they were read from.

use std::fmt;

/// A byte range `start..end` in the decoded UTF-8 source text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The number of bytes covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// A value and the span of the markup it was read from.
#[derive(Debug, Clone, Default)]
pub struct Located<T> {
    /// The value itself.
    pub value: T,
    /// Where it was read from: the start tag of its element, or its attribute.
    pub span: Span,
    /// Where the pieces of a text value came from in the source, for pointing inside it
    /// (kept for titles and abstracts, whose lints label a stretch of the text; empty,
    /// and never allocated, for every other value).
    pub anchors: Anchors,
}

impl<T> Located<T> {
    /// Wraps `value` read at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Located {
            value,
            span,
            anchors: Anchors::default(),
        }
    }

    /// Wraps `value` read at `span`, with the anchors of its pieces.
    pub fn with_anchors(value: T, span: Span, anchors: Anchors) -> Self {
        Located {
            value,
            span,
            anchors,
        }
    }
}

/// One piece of a text value: the value's bytes from `at` (to the next anchor's `at`)
/// came from `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Byte offset of the piece in the value.
    pub at: usize,
    /// Where the piece is in the source.
    pub source: Span,
    /// True when the piece is the source's bytes as they are (plain text or CDATA, white
    /// space included), so each value byte maps to one source byte; false for a piece
    /// that the source spells otherwise (a character or entity reference, a line end
    /// normalised), which maps as a whole.
    pub verbatim: bool,
}

/// Where each piece of a text value came from in the source, in value order: a compact
/// list with one [`Anchor`] per run of text that the source holds contiguously (a line,
/// the text between two inline elements, a reference), so a lint can label a stretch of
/// an abstract without searching the source again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Anchors(Option<Box<[Anchor]>>);

impl Anchors {
    /// Anchors from a list in value order (empty: none).
    pub fn new(list: Vec<Anchor>) -> Self {
        Anchors((!list.is_empty()).then(|| list.into_boxed_slice()))
    }

    /// The anchors, in value order.
    pub fn as_slice(&self) -> &[Anchor] {
        self.0.as_deref().unwrap_or_default()
    }

    /// The source span of the value's bytes `range`, or `None` when the value has no
    /// anchors (or the range lies outside them).
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Option<Span> {
        let list = self.as_slice();
        if range.start > range.end {
            return None;
        }
        // The anchor holding the first byte, and the one holding the last.
        let first = list
            .partition_point(|a| a.at <= range.start)
            .checked_sub(1)?;
        let last = list
            .partition_point(|a| a.at < range.end.max(range.start + 1))
            .checked_sub(1)?;
        let a = list[first];
        let start = if a.verbatim {
            (a.source.start + (range.start - a.at)).min(a.source.end)
        } else {
            a.source.start
        };
        let b = list[last];
        let end = if b.verbatim {
            (b.source.start + range.end.saturating_sub(b.at)).min(b.source.end)
        } else {
            b.source.end
        };
        Some(Span::new(start, end.max(start)))
    }
}

impl<T: PartialEq> PartialEq for Located<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Located<T> {}

impl<T: fmt::Display> fmt::Display for Located<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl Located<String> {
    /// The text as a string slice.
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// A located string, the commonest field type.
pub type Text = Located<String>;

/// One title of the article, as written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Title {
    /// The title text, inline markup flattened.
    pub text: Text,
    /// `@type` as written (`main`, `sub`, `alt`, `full`, …), if any.
    pub kind: Option<String>,
    /// `@xml:lang`, if any.
    pub lang: Option<String>,
}

/// A text in one language (or script), e.g. one `orgName` of a multilingual affiliation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LangText {
    /// The text as written.
    pub text: String,
    /// `@xml:lang`, if any.
    pub lang: Option<String>,
}

/// An identifier of a person or an organisation, with the scheme it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExternalId {
    /// The scheme in lower case: `orcid`, `idref`, `viaf`, `gnd`, `isni`, `ror`, `grid`,
    /// `halauthorid`, `halstructure`, … or the `@type` as written, lower-cased.
    pub scheme: String,
    /// The value as the source gives it (a URI or a bare id).
    pub value: String,
}

/// One level of an affiliation hierarchy (laboratory, department, institution, …).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrgUnit {
    /// `@type` of the `orgName` or `org` as written, lower-cased (`laboratory`,
    /// `department`, `institution`, `regroupinstitution`, …), if any.
    pub kind: Option<String>,
    /// Its names, one per language, in document order; the first is the primary one.
    pub names: Vec<LangText>,
    /// Its identifiers (`@ref`, `idno`: ROR, IdRef, GRID, HAL structure …).
    pub ids: Vec<ExternalId>,
}

impl OrgUnit {
    /// The primary name (the first), if any.
    pub fn name(&self) -> Option<&str> {
        self.names.first().map(|n| n.text.as_str())
    }
}

/// Where one author is affiliated.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Affiliation {
    /// The whole affiliation as plain text (for HAL, the resolved `org`'s name).
    pub text: Text,
    /// `orgName[@type='department' | 'laboratory']`, if encoded.
    pub department: Option<String>,
    /// `orgName[@type='institution']` (or an untyped `orgName`), if encoded.
    pub institution: Option<String>,
    /// `address/settlement`, if encoded.
    pub settlement: Option<String>,
    /// `address/country` (its text, or else `@key`), if encoded.
    pub country: Option<String>,
    /// The reference (`@ref`, e.g. `#struct-42`) when the affiliation is a pointer.
    pub reference: Option<String>,
    /// False when `reference` points at no `org` in the document.
    pub resolved: bool,
    /// The hierarchy, innermost level first (laboratory, then department, then
    /// institution …), each with its type, names and identifiers. Empty when the source
    /// gives a flat text only.
    pub units: Vec<OrgUnit>,
}

/// A person's name in another script or language than the primary one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AltName {
    /// Forename(s) in that form.
    pub forename: Option<String>,
    /// Surname in that form.
    pub surname: Option<String>,
    /// The one-string name in that form (or the parts joined).
    pub name: Option<String>,
    /// `@xml:lang` of that form, if any.
    pub lang: Option<String>,
}

/// One author, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Author {
    /// Forename(s), space-joined in document order.
    pub forename: Option<Text>,
    /// Surname (family name), including a `nameLink` particle when encoded.
    pub surname: Option<Text>,
    /// The display name: the one-string name as written, or else the name parts joined.
    pub name: Option<Text>,
    /// True for a corporate author (`orgName`) rather than a person.
    pub organization: bool,
    /// `roleName` inside the name or author, e.g. "HK Assistant Professor".
    pub role: Option<Text>,
    /// Email address as written (trimmed); hashed HAL emails are not kept.
    pub email: Option<Text>,
    /// The bare ORCID (`0000-0000-0000-0000`), from `idno`, `persName/@ref` or `@ref` on
    /// `author`, `editor` or `name`.
    pub orcid: Option<Text>,
    /// Other identifiers of the person (IdRef, VIAF, GND, ISNI, HAL author id …).
    pub ids: Vec<ExternalId>,
    /// The same name in other scripts or languages (e.g. the Korean form of a romanised
    /// name); the primary form is in `forename`/`surname`/`name`.
    pub alternate_names: Vec<AltName>,
    /// True when the author is marked as the corresponding author.
    pub corresponding: bool,
    /// Affiliations in document order.
    pub affiliations: Vec<Affiliation>,
    /// The span of the `author` start tag: where a missing part is reported.
    pub span: Span,
}

impl Author {
    /// True when the author carries any name at all.
    pub fn has_name(&self) -> bool {
        self.surname.is_some() || self.forename.is_some() || self.name.is_some()
    }
}

/// What an editor edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum EditorOf {
    /// The work itself or its issue (`titleStmt/editor`).
    #[default]
    Work,
    /// The book or proceedings the work is part of (`monogr/editor`, a Book of
    /// Abstracts' `seriesStmt/editor` when it describes the container).
    Container,
    /// The journal or book series (`seriesStmt/editor`).
    Series,
}

impl EditorOf {
    /// The word used in exports and tables: `work`, `container`, `series`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditorOf::Work => "work",
            EditorOf::Container => "container",
            EditorOf::Series => "series",
        }
    }
}

/// One editor, in document order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Editor {
    /// The person (or organisation), read as an author is.
    pub person: Author,
    /// What they edited.
    pub of: EditorOf,
    /// `@role` as written (`editor`, `chair`, `guest`, …), if any.
    pub role: Option<String>,
}

/// The conference or meeting a work was given at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Event {
    /// Its name (`meeting/title`, or the meeting's text with the date and place left out).
    pub name: Text,
    /// First day, ISO 8601 as written (`@from-iso`, `@from`, `@when`), if given.
    pub start: Option<String>,
    /// Last day, ISO 8601 as written (`@to-iso`, `@to`), if given.
    pub end: Option<String>,
    /// The place (`placeName`, `settlement`, `country` joined), if given.
    pub place: Option<String>,
}

/// One keyword (or classification term).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keyword {
    /// The term.
    pub text: Text,
    /// The `@scheme` (or ConfTool `@n`) of its `keywords` group, as written.
    pub scheme: Option<String>,
    /// `@xml:lang` of the term, else of its group.
    pub lang: Option<String>,
    /// True for author keywords; false for classifications, topics and the like.
    pub author: bool,
}

/// One abstract.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Abstract {
    /// `@xml:lang` of the abstract, if any.
    pub lang: Option<String>,
    /// Plain text; paragraphs are separated by a blank line (`"\n\n"`).
    pub text: Text,
}

/// The spans of the header's containers, so a missing field can point where it belongs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// The root element's start tag.
    pub root: Span,
    /// `teiHeader` (or HAL's `biblFull`) start tag.
    pub header: Option<Span>,
    /// The `titleStmt` that carries the article's titles and authors.
    pub title_stmt: Option<Span>,
    /// The `publicationStmt`.
    pub publication_stmt: Option<Span>,
    /// The `sourceDesc/biblStruct` (GROBID, HAL).
    pub bibl_struct: Option<Span>,
    /// The `monogr` that describes the journal.
    pub monogr: Option<Span>,
    /// The `profileDesc`.
    pub profile_desc: Option<Span>,
}

/// The metadata of one article, as faithfully as the TEI gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Every title in document order, with its type and language.
    pub titles: Vec<Title>,
    /// Authors in document order. Authors that carry no name at all are left out.
    pub authors: Vec<Author>,
    /// Keywords in document order, author keywords and classifications alike.
    pub keywords: Vec<Keyword>,
    /// Abstracts in document order.
    pub abstracts: Vec<Abstract>,
    /// The declared language (`langUsage/language/@ident`), as written.
    pub language: Option<Text>,
    /// Journal title.
    pub journal: Option<Text>,
    /// Print ISSN, as written.
    pub issn: Option<Text>,
    /// Electronic ISSN, as written.
    pub eissn: Option<Text>,
    /// Volume, as written.
    pub volume: Option<Text>,
    /// Issue, as written.
    pub issue: Option<Text>,
    /// First page.
    pub first_page: Option<Text>,
    /// Last page.
    pub last_page: Option<Text>,
    /// Publication date, as written (`@when` if present, else the text).
    pub date: Option<Text>,
    /// The publication date's element text when `date` came from its `@when` and the
    /// text differs (so a contradiction can be reported); `None` otherwise.
    pub date_text: Option<Text>,
    /// Publisher.
    pub publisher: Option<Text>,
    /// DOI, bare (no `https://doi.org/` or `doi:` prefix).
    pub doi: Option<Text>,
    /// A full-text URL, when the header gives one.
    pub url: Option<Text>,
    /// What kind of document this is, when the TEI says so (HAL's typology,
    /// `biblStruct/@type`, DHQ's article type), in one small vocabulary: `article`,
    /// `conference-paper`, `chapter`, `book`, `thesis`, `report`, `review`, or the
    /// source's own word in lower case.
    pub genre: Option<Text>,
    /// The book or proceedings the document is part of (`monogr/title[@level='m']`, or a
    /// Book of Abstracts' title in `seriesStmt`).
    pub container: Option<Text>,
    /// The DOI of the container (a proceedings volume's or Book of Abstracts' DOI), bare.
    pub container_doi: Option<Text>,
    /// A book series the document or its container belongs to (`title[@level='s']`,
    /// e.g. Lecture Notes in Computer Science).
    pub series: Option<Text>,
    /// Editors of the work, its container or its series, in document order.
    pub editors: Vec<Editor>,
    /// The conference or meeting it was given at (`meeting`, wherever the header puts it).
    pub event: Option<Event>,
    /// For a thesis, the degree-granting institution (`monogr/authority[@type='institution']`).
    pub institution: Option<Text>,
    /// Values that were present but empty where a value is expected: element name and span.
    pub empty_fields: Vec<Located<String>>,
    /// Where the header's parts are, for diagnostics about missing fields.
    pub places: Places,
}

impl Article {
    /// The main title, by the same rule as the main abstract: among the `main`-typed
    /// titles (or, when none is typed so, the titles that are no subtitle, alternative,
    /// short or translated title), the one in the document's language, else English,
    /// else the first; failing all, the first title.
    pub fn title(&self) -> Option<&Text> {
        let mains: Vec<&Title> = self
            .titles
            .iter()
            .filter(|t| t.kind.as_deref() == Some("main"))
            .collect();
        let candidates = if mains.is_empty() {
            self.titles
                .iter()
                .filter(|t| {
                    !matches!(
                        t.kind.as_deref(),
                        Some("sub") | Some("alt") | Some("sup") | Some("short") | Some("trans")
                    )
                })
                .collect()
        } else {
            mains
        };
        let doc_lang = self.language.as_ref().map(|l| l.value.as_str());
        by_language(&candidates, |t| t.lang.as_deref(), doc_lang)
            .copied()
            .or_else(|| self.titles.first())
            .map(|t| &t.text)
    }

    /// The subtitle: the first `sub`-typed title, if any.
    pub fn subtitle(&self) -> Option<&Text> {
        self.titles
            .iter()
            .find(|t| t.kind.as_deref() == Some("sub"))
            .map(|t| &t.text)
    }

    /// The main abstract: the one in the document's own language, else English, else the
    /// first. Languages match on their primary subtag (`ja` matches `ja-JP`).
    pub fn main_abstract(&self) -> Option<&Abstract> {
        let doc_lang = self.language.as_ref().map(|l| l.value.as_str());
        by_language(&self.abstracts, |a| a.lang.as_deref(), doc_lang)
    }

    /// Author keywords in document order (classifications and topics left out).
    pub fn author_keywords(&self) -> impl Iterator<Item = &Keyword> {
        self.keywords.iter().filter(|k| k.author)
    }
}

/// The item in the document's language `doc_lang`, else in English (`en`, `eng`), else the
/// first. Languages match on their primary subtag (`ja` matches `ja-JP`), case ignored.
fn by_language<'a, T>(
    items: &'a [T],
    lang_of: impl Fn(&T) -> Option<&str>,
    doc_lang: Option<&str>,
) -> Option<&'a T> {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let same = |x: &T, lang: &str| lang_of(x).is_some_and(|l| primary(l) == primary(lang));
    doc_lang
        .and_then(|lang| items.iter().find(|x| same(x, lang)))
        .or_else(|| items.iter().find(|x| same(x, "en") || same(x, "eng")))
        .or_else(|| items.first())
}
