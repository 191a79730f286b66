//! Selects the article's fields from the event stream, by full path.
//!
//! Where each field lives is not written here but in the style tables
//! ([`super::styles`]): for every element of a description (paths normalised by
//! [`relative`], so one table serves the teiHeader and HAL's `biblFull`) or of
//! `text/front`, the collector asks [`styles::find`] which source it feeds, and inside an
//! author [`styles::find_part`] which part it is; [`Collector::finish`] takes each field
//! from its sources in the order [`styles::precedence`] gives. GROBID's reference list
//! (`text/back//listBibl/biblStruct`) never matches: only the first `sourceDesc`
//! biblStruct is read.
//!
//! Text is gathered by *captures*: one per element whose text is wanted. A capture in
//! `All` mode takes every descendant's text (inline markup flattened, notes skipped); in
//! `Direct` mode it takes only its own text and that of inline children, which is how a
//! one-string author name is told apart from the affiliation beside it.
//!
//! Time and memory stay linear in the input however the markup nests: all open captures
//! share one text buffer, each holding where its text starts and the gaps it skipped, so
//! each byte of text is stored once; and a field part nested in another (a `surname`
//! inside a `surname`, a `term` inside a `term`) is inline markup of the outer one rather
//! than a second value, so the number of open captures is bounded by the rules, not by
//! the depth of the document.

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::anchors::{self, Piece};
use super::styles::{self, attr, relative, Field as StyleField, Part, Root, Source};
use super::values;
use crate::model::{
    Abstract, Affiliation, AltName, Article, Author, Editor, EditorOf, Event, ExternalId, Keyword,
    LangText, Located, OrgUnit, Places, Span, Text, Title,
};
use crate::text::{clean, nfc};

/// Marks a paragraph boundary inside a capture's buffer; it is white space to
/// [`clean`], and abstracts split on it.
const PARA: char = '\u{2029}';

/// Elements that are part of running text: their content belongs to the parent's value.
const INLINE: &[&str] = &[
    "hi",
    "emph",
    "ref",
    "ptr",
    "s",
    "seg",
    "span",
    "foreign",
    "title",
    "q",
    "quote",
    "lb",
    "pb",
    "cb",
    "abbr",
    "expan",
    "choice",
    "orig",
    "reg",
    "sic",
    "corr",
    "num",
    "rs",
    "w",
    "c",
    "pc",
    "mentioned",
    "soCalled",
    "gloss",
    "term",
    "add",
    "unclear",
    "supplied",
    "g",
    "measure",
    "anchor",
    "code",
    "formula",
    "distinct",
    "said",
    "tag",
    "att",
    "gi",
];

/// Elements whose text is never part of a value (footnotes, labels, GROBID's debris).
const SKIPPED: &[&str] = &["note", "label", "figure", "trash", "bibl", "listBibl"];

/// Inline elements that stand between words: GROBID's sentences (`<s>`) and line breaks.
const SPACED: &[&str] = &["s", "lb", "cb"];

/// Elements that start a new paragraph in a multi-paragraph value.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "head",
    "ab",
    "item",
    "list",
    "lg",
    "l",
    "dhq:abstract",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    All,
    Direct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TitleFrom {
    Stmt,
    Analytic,
}

#[derive(Debug)]
enum Target {
    Title {
        from: TitleFrom,
        kind: Option<String>,
        lang: Option<String>,
        container: bool,
    },
    AuthorDirect,
    /// A part of the author's name or contact (not of an affiliation).
    Author(Part),
    /// A person identifier (`idno[@type]`), with its scheme lower-cased.
    PersonId(String),
    AffText,
    AffPart(Option<String>),
    AffRaw,
    Keyword(Option<String>),
    KeywordsRaw,
    Abstract {
        lang: Option<String>,
        front: bool,
    },
    Field {
        field: Source,
        attr: Option<String>,
        to: Option<String>,
    },
    OrgName(Option<String>),
    /// An `idno` of a HAL `org`, with its type lower-cased.
    OrgIdno(String),
    /// An `idno` of an affiliation's organisation, with its type lower-cased.
    AffIdno(String),
    /// A meeting's own text (its name when it has no `title`).
    EventDirect,
    /// A part of a meeting.
    EventPart(EventPart),
}

/// The parts of a `meeting` the collector reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EventPart {
    Title,
    /// A `date[@type='start']` written as text.
    Start,
    /// A `date[@type='end']` written as text.
    End,
    /// A `date` with neither attributes nor type: its text, if it is an ISO date.
    Date,
    Place,
}

impl Target {
    /// A part of a value (a name part, an affiliation part, a keyword term): nothing
    /// nested in it opens another capture.
    fn is_leaf(&self) -> bool {
        match self {
            Target::Author(part) => part.is_value(),
            Target::PersonId(_) => true,
            Target::AffPart(_) | Target::AffRaw | Target::Keyword(_) | Target::EventPart(_) => true,
            _ => false,
        }
    }

    /// A title or an abstract: its value keeps [`crate::model::Anchors`] for the lints.
    fn anchored(&self) -> bool {
        matches!(self, Target::Title { .. } | Target::Abstract { .. })
    }
}

/// One element whose text is wanted: its text is the shared buffer from `start` to the
/// moment it closes, less the `gaps` it skipped.
#[derive(Debug)]
struct Capture {
    depth: usize,
    mode: Mode,
    /// While inside an excluded descendant: that element's depth, and the buffer offset
    /// where the gap began.
    skip: Option<(usize, usize)>,
    start: usize,
    gaps: Vec<(usize, usize)>,
    target: Target,
    span: Span,
}

impl Capture {
    fn receiving(&self) -> bool {
        self.skip.is_none()
    }

    /// Ends the current gap at `at` (merged with the previous one when they touch).
    fn end_gap(&mut self, from: usize, at: usize) {
        match self.gaps.last_mut() {
            Some(last) if last.1 == from => last.1 = at,
            _ => self.gaps.push((from, at)),
        }
        self.skip = None;
    }

    /// The capture's text: `buf` from its start, without the gaps.
    fn text(&self, buf: &str) -> String {
        let mut out = String::with_capacity(buf.len().saturating_sub(self.start));
        let mut from = self.start;
        for &(a, b) in &self.gaps {
            out.push_str(buf.get(from..a).unwrap_or_default());
            from = b;
        }
        out.push_str(buf.get(from..).unwrap_or_default());
        out
    }
}

#[derive(Debug, Default)]
struct AuthorBuilder {
    depth: usize,
    list: AuthorList,
    span: Span,
    direct: String,
    name_text: String,
    forenames: Vec<Text>,
    surnames: Vec<Text>,
    name_links: Vec<String>,
    gen_name: Option<String>,
    role: Option<Text>,
    email: Option<Text>,
    orcid: Option<Text>,
    ids: Vec<ExternalId>,
    corporate: Option<Text>,
    corresponding: bool,
    affiliations: Vec<Affiliation>,
    /// An editor's `@role`, as written.
    editor_role: Option<String>,
    /// `@xml:lang` of each `persName`/`name` child, in order.
    persname_langs: Vec<Option<String>>,
    /// The open name part's depth and `@xml:lang`.
    part_lang: Option<(usize, Option<String>)>,
    /// Every name part with the name form it belongs to, to tell one name written in
    /// two scripts or languages from one name.
    form_parts: Vec<FormPart>,
}

/// One name part and the form it belongs to: its `persName` (by order) and language.
#[derive(Debug)]
struct FormPart {
    kind: Part,
    text: Text,
    persname: usize,
    lang: Option<String>,
}

/// One form of a person's name (the name in one script or language).
#[derive(Debug, Clone)]
struct NameForm {
    lang: Option<String>,
    forename: Option<Text>,
    surname: Option<Text>,
    name: Option<Text>,
}

impl NameForm {
    fn alt(self) -> AltName {
        AltName {
            forename: self.forename.map(|t| t.value),
            surname: self.surname.map(|t| t.value),
            name: self.name.map(|t| t.value),
            lang: self.lang,
        }
    }
}

impl AuthorBuilder {
    /// Reads the person identifiers in a `@ref` (whitespace-separated URIs): an ORCID
    /// (the first one found) and IdRef, VIAF, GND or ISNI URIs; other references are
    /// not identifiers.
    fn add_refs(&mut self, refs: &str, span: Span) {
        for r in refs.split_whitespace() {
            match values::person_ref(r) {
                Some(("orcid", bare)) if self.orcid.is_none() => {
                    self.orcid = Some(Located::new(bare, span));
                }
                Some(("orcid", _)) => {}
                Some((scheme, value)) => self.add_id(scheme.to_string(), value),
                None => {}
            }
        }
    }

    /// Adds an identifier once.
    fn add_id(&mut self, scheme: String, value: String) {
        if !self
            .ids
            .iter()
            .any(|x| x.scheme == scheme && x.value == value)
        {
            self.ids.push(ExternalId { scheme, value });
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum AuthorList {
    #[default]
    Stmt,
    Analytic,
    Dhq,
    /// An editor, read like an author, from the source that names what they edited.
    Editor(Source),
}

#[derive(Debug, Default)]
struct AffBuilder {
    depth: usize,
    span: Span,
    references: Vec<String>,
    flat: String,
    raw: String,
    parts: Vec<String>,
    department: Option<String>,
    institution: Option<String>,
    settlement: Option<String>,
    country: Option<String>,
    /// The levels named by `orgName`s, in document order.
    units: Vec<OrgUnit>,
    /// `idno`s of the affiliation, each with the number of levels named before it: it
    /// identifies the last of them (or the first, when it comes before any).
    ids: Vec<(usize, ExternalId)>,
    /// The open `orgName`'s depth, `@type`, `@xml:lang` and identifiers from `@ref`.
    org_pending: Option<PendingOrg>,
}

/// An open `orgName` of an affiliation: its depth, `@type`, `@xml:lang` and the
/// identifiers in its `@ref`.
type PendingOrg = (usize, Option<String>, Option<String>, Vec<ExternalId>);

impl AffBuilder {
    /// An `orgName` of the affiliation: a name in another language of a level already
    /// named (same type, no name in that language yet), else a new level.
    fn add_org(
        &mut self,
        kind: Option<String>,
        text: String,
        lang: Option<String>,
        ids: Vec<ExternalId>,
    ) {
        let kind = kind
            .map(|k| k.trim().to_lowercase())
            .filter(|k| !k.is_empty());
        let same = self.units.iter_mut().find(|u| {
            u.kind == kind
                && lang.is_some()
                && u.names.iter().all(|n| n.lang.is_some() && n.lang != lang)
        });
        let unit = match same {
            Some(u) => u,
            None => {
                self.units.push(OrgUnit {
                    kind,
                    ..OrgUnit::default()
                });
                self.units.last_mut().expect("pushed above")
            }
        };
        if !unit.names.iter().any(|n| n.text == text && n.lang == lang) {
            unit.names.push(LangText { text, lang });
        }
        for id in ids {
            if !unit.ids.contains(&id) {
                unit.ids.push(id);
            }
        }
    }
}

/// The levels innermost first: laboratories and teams, departments, institutions, then
/// groups of institutions; levels of one rank (and untyped ones) in document order.
fn hierarchy(mut units: Vec<OrgUnit>, ids: Vec<(usize, ExternalId)>) -> Vec<OrgUnit> {
    for (before, id) in ids {
        if let Some(unit) = units.get_mut(before.saturating_sub(1)) {
            if !unit.ids.contains(&id) {
                unit.ids.push(id);
            }
        }
    }
    units.sort_by_key(|u| unit_rank(u.kind.as_deref()));
    units
}

/// How far out a level of an affiliation is, by its type.
fn unit_rank(kind: Option<&str>) -> u8 {
    match kind {
        Some("researchteam") | Some("team") => 0,
        Some("laboratory") | Some("regrouplaboratory") => 1,
        Some("department") | Some("faculty") => 2,
        None => 3,
        Some("institution") => 4,
        Some("regroupinstitution") => 5,
        Some(_) => 3,
    }
}

/// The scheme of an organisation identifier given as a URI in `@ref`.
fn org_ref(uri: &str) -> ExternalId {
    let lower = uri.trim().to_ascii_lowercase();
    const HOSTS: &[(&str, &str)] = &[
        ("ror.org/", "ror"),
        ("grid.ac/", "grid"),
        ("idref.fr/", "idref"),
        ("isni.org/", "isni"),
        ("viaf.org/", "viaf"),
        ("d-nb.info/gnd/", "gnd"),
        ("wikidata.org/", "wikidata"),
    ];
    let scheme = HOSTS
        .iter()
        .find(|(host, _)| lower.contains(host))
        .map_or("uri", |(_, scheme)| scheme);
    ExternalId {
        scheme: scheme.to_string(),
        value: uri.trim().to_string(),
    }
}

/// A `meeting` being read.
#[derive(Debug)]
struct EventBuilder {
    depth: usize,
    span: Span,
    source: Source,
    title: Option<String>,
    direct: String,
    start: Option<String>,
    end: Option<String>,
    place: Vec<String>,
}

/// A page range from one source; `conflict` when its scopes contradicted each other (no
/// page is reported then).
#[derive(Debug, Default)]
struct PageSlot {
    first: Option<Text>,
    last: Option<Text>,
    conflict: bool,
}

#[derive(Debug, Default)]
struct KeywordGroup {
    depth: usize,
    scheme: Option<String>,
    lang: Option<String>,
    author: bool,
    terms: usize,
    raw: Option<Text>,
}

#[derive(Debug, Default)]
struct Org {
    depth: usize,
    id: String,
    kind: Option<String>,
    name: Option<String>,
    acronym: Option<String>,
    country: Option<String>,
    relations: Vec<(String, Option<String>)>,
    /// Its identifiers (`idno[@type]`: ROR, IdRef, ISNI, RNSR …).
    ids: Vec<ExternalId>,
}

/// Everything one description (the teiHeader, or HAL's biblFull) says.
#[derive(Debug, Default)]
struct Meta {
    stmt_titles: Vec<Title>,
    analytic_titles: Vec<Title>,
    stmt_authors: Vec<Author>,
    analytic_authors: Vec<Author>,
    dhq_authors: Vec<Author>,
    keywords: Vec<Keyword>,
    abstracts: Vec<Abstract>,
    language: Option<Text>,
    journal: Option<Text>,
    series_journal: Option<Text>,
    issn: Option<Text>,
    eissn: Option<Text>,
    volume: Option<Text>,
    issue: Option<Text>,
    /// The biblStruct's page range.
    pages: PageSlot,
    /// The seriesStmt's page range.
    series_pages: PageSlot,
    series_volume: Option<Text>,
    series_issue: Option<Text>,
    series_title: Option<Text>,
    series_stmt_series: Option<Text>,
    bibl_series: Option<Text>,
    series_doi: Option<Text>,
    /// Meetings in document order, with the source that found each.
    events: Vec<(Source, Event)>,
    imprint_date: Option<Text>,
    stmt_date: Option<Text>,
    produced_date: Option<Text>,
    imprint_publisher: Option<Text>,
    stmt_publishers: Vec<Text>,
    doi_bibl: Option<Text>,
    doi_stmt: Option<Text>,
    url: Option<Text>,
    hal_uri: Option<Text>,
    /// The text of the first date element of each date source whose @when it differs
    /// from.
    date_texts: Vec<(Source, Text)>,
    empty: Vec<Located<String>>,
    places: Places,
    bibl_structs: usize,
    hal_genre: Option<Text>,
    listbibl_genre: Option<Text>,
    bibl_genre: Option<Text>,
    dhq_genre: Option<Text>,
    container: Option<Text>,
    institution: Option<Text>,
    /// Editors in document order, with the source that found each.
    editors: Vec<(Source, Editor)>,
    /// The name forms of each person (by the start of its element) whose name is
    /// written in more than one script or language.
    name_forms: HashMap<usize, Vec<NameForm>>,
}

/// The parser's state between events.
#[derive(Debug, Default)]
pub struct Collector {
    meta: Meta,
    bibl_full_seen: bool,
    bibl_full_depth: Option<usize>,
    skip_bibl_depth: Option<usize>,
    front_abstracts: Vec<Abstract>,
    front_empty: Vec<Located<String>>,
    orgs: HashMap<String, Org>,
    org: Option<Org>,
    captures: Vec<Capture>,
    /// The text of every open capture, each byte once; emptied when none is open.
    buf: String,
    /// How many open captures are receiving text (not inside an excluded element).
    receiving: usize,
    /// Where each text event in `buf` came from, while a capture that keeps anchors (a
    /// title, an abstract) is open; emptied with `buf`.
    pieces: Vec<Piece>,
    /// How many open captures keep anchors.
    anchored: usize,
    /// The pieces of the capture being closed, in its own text's coordinates.
    closing: Vec<Piece>,
    /// The length of each open element's path, innermost last.
    lens: Vec<usize>,
    depth: usize,
    author: Option<AuthorBuilder>,
    affiliation: Option<AffBuilder>,
    keywords: Option<KeywordGroup>,
    event: Option<EventBuilder>,
    root: Span,
    scratch: String,
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The element's name: the path from `start` (where the reader appended it), or the last
/// segment when the path is not the one this collector expects.
fn name_at(path: &str, start: usize) -> &str {
    let after_slash = start == 0 || path.as_bytes().get(start.wrapping_sub(1)) == Some(&b'/');
    match path.get(start..) {
        // An XML name holds no `/`: the segment after the parent's slash is the name.
        Some(name) if after_slash && !name.is_empty() => name,
        _ => last_segment(path),
    }
}

fn is_author_group(scheme: Option<&str>, n: Option<&str>) -> bool {
    if let (Some(s), Some(n)) = (scheme, n) {
        if let Some((_, group)) = styles::KEYWORD_GROUP_BY_N
            .iter()
            .find(|(tool, _)| s.eq_ignore_ascii_case(tool))
        {
            return n.eq_ignore_ascii_case(group);
        }
    }
    match scheme {
        None => n.is_none_or(|n| n.eq_ignore_ascii_case("keywords")),
        Some(s) => {
            let s = s.trim().trim_start_matches('#').to_lowercase();
            styles::AUTHOR_KEYWORD_SCHEMES
                .iter()
                .any(|list| list.contains(&s.as_str()))
        }
    }
}

fn located(s: String, span: Span) -> Option<Text> {
    (!s.is_empty()).then(|| Located::new(s, span))
}

fn set_first(slot: &mut Option<Text>, value: Option<Text>) {
    if slot.is_none() {
        *slot = value;
    }
}

impl Collector {
    /// An element starts; `path` already ends with its name.
    pub fn start(&mut self, path: &str, e: &BytesStart<'_>, span: Span) {
        self.depth += 1;
        let depth = self.depth;
        // The reader appends `/name` to the parent's path: the name starts one past the
        // parent's length, found without scanning the path.
        let name = name_at(path, self.name_start());
        self.lens.push(path.len());
        if depth == 1 {
            self.root = span;
        }

        if !self.captures.is_empty() {
            self.start_in_captures(name, depth);
        }

        // HAL: the first biblFull replaces the teiHeader's description.
        if path == "TEI/text/body/listBibl/biblFull" && !self.bibl_full_seen {
            self.bibl_full_seen = true;
            self.bibl_full_depth = Some(depth);
            self.meta = Meta::default();
            self.meta.places.header = Some(span);
        }
        if path == "TEI/teiHeader" && !self.bibl_full_seen {
            self.meta.places.header = Some(span);
        }

        self.start_outside_header(path, name, e, span, depth);

        let in_bibl_full = self.bibl_full_depth.is_some();
        let mut scratch = std::mem::take(&mut self.scratch);
        if let Some(rel) = relative(path, in_bibl_full, &mut scratch) {
            self.start_in_description(rel, name, e, span, depth);
        }
        self.scratch = scratch;
    }

    /// Elements outside the teiHeader that carry metadata: front-matter abstracts and
    /// HAL's organisation list.
    fn start_outside_header(
        &mut self,
        path: &str,
        name: &str,
        e: &BytesStart<'_>,
        span: Span,
        depth: usize,
    ) {
        if let Some(front) = styles::front_relative(path) {
            if let Some(entry) = styles::find(Root::Front, front, e) {
                self.read(entry.source, e, span, depth);
            }
            return;
        }
        let path = path.strip_prefix("teiCorpus/").unwrap_or(path);
        if !path.starts_with("TEI/text/back/") {
            return;
        }
        if path.ends_with("/listOrg/org") && self.org.is_none() {
            self.org = Some(Org {
                depth,
                id: attr(e, "xml:id").unwrap_or_default(),
                kind: attr(e, "type"),
                ..Org::default()
            });
            return;
        }
        let Some(org) = &mut self.org else { return };
        if depth == org.depth + 1 && name == "orgName" {
            let kind = attr(e, "type");
            self.open(depth, Mode::All, span, Target::OrgName(kind));
        } else if depth == org.depth + 1 && name == "idno" {
            let scheme = attr(e, "type").unwrap_or_default().trim().to_lowercase();
            if !scheme.is_empty() {
                self.open(depth, Mode::All, span, Target::OrgIdno(scheme));
            }
        } else if name == "country" && org.country.is_none() {
            org.country = attr(e, "key");
        } else if name == "relation" {
            if let Some(active) = attr(e, "active") {
                org.relations.push((active, attr(e, "type")));
            }
        }
    }

    fn start_in_description(
        &mut self,
        rel: &str,
        name: &str,
        e: &BytesStart<'_>,
        span: Span,
        depth: usize,
    ) {
        // Only the first sourceDesc biblStruct describes the document.
        if self.skip_bibl_depth.is_some() {
            return;
        }
        if rel == "sourceDesc/biblStruct" {
            self.meta.bibl_structs += 1;
            if self.meta.bibl_structs > 1 {
                self.skip_bibl_depth = Some(depth);
                return;
            }
            self.meta.places.bibl_struct = Some(span);
        }

        match rel {
            "titleStmt" => self.meta.places.title_stmt = Some(span),
            "publicationStmt" => self.meta.places.publication_stmt = Some(span),
            "profileDesc" => self.meta.places.profile_desc = Some(span),
            "sourceDesc/biblStruct/monogr" => self.meta.places.monogr = Some(span),
            _ => {}
        }

        if self.event.is_some() {
            self.start_in_event(name, e, span, depth);
            return;
        }
        if self.author.is_some() {
            // ConfTool puts the meeting inside each author.
            if name == "meeting" {
                if let Some(entry) = styles::find(Root::Description, rel, e) {
                    self.read(entry.source, e, span, depth);
                    return;
                }
            }
            self.start_in_author(name, e, span, depth);
            return;
        }
        if self.keywords.is_some() {
            if matches!(name, "term" | "item") {
                let lang = attr(e, "xml:lang");
                self.open(depth, Mode::All, span, Target::Keyword(lang));
            }
            return;
        }

        if let Some(entry) = styles::find(Root::Description, rel, e) {
            self.read(entry.source, e, span, depth);
        }
    }

    /// Starts reading the value of `source` from the element `e`, which its table entry
    /// matched.
    fn read(&mut self, source: Source, e: &BytesStart<'_>, span: Span, depth: usize) {
        match source {
            Source::StmtTitle => self.open_title(TitleFrom::Stmt, e, span, depth),
            Source::AnalyticTitle => self.open_title(TitleFrom::Analytic, e, span, depth),
            Source::StmtInnerTitle | Source::AnalyticInnerTitle => {
                // The outer title is a container of main and sub: not a title itself.
                if let Some(Capture {
                    target: Target::Title { container, .. },
                    ..
                }) = self.captures.last_mut()
                {
                    *container = true;
                }
                let from = if source == Source::StmtInnerTitle {
                    TitleFrom::Stmt
                } else {
                    TitleFrom::Analytic
                };
                self.open_title(from, e, span, depth);
            }
            Source::StmtAuthor => self.open_author(AuthorList::Stmt, e, span, depth),
            Source::DhqAuthor => self.open_author(AuthorList::Dhq, e, span, depth),
            Source::AnalyticAuthor => self.open_author(AuthorList::Analytic, e, span, depth),
            Source::StmtEditor
            | Source::SeriesEditor
            | Source::MonogrEditor
            | Source::BiblSeriesEditor => {
                self.open_author(AuthorList::Editor(source), e, span, depth)
            }
            Source::Keywords => {
                let scheme = attr(e, "scheme");
                let n = attr(e, "n");
                self.keywords = Some(KeywordGroup {
                    depth,
                    author: is_author_group(scheme.as_deref(), n.as_deref()),
                    scheme: scheme.or(n),
                    lang: attr(e, "xml:lang"),
                    terms: 0,
                    raw: None,
                });
                self.open(depth, Mode::Direct, span, Target::KeywordsRaw);
            }
            Source::HeaderAbstract | Source::FrontAbstract => {
                let lang = attr(e, "xml:lang");
                let front = source == Source::FrontAbstract;
                self.open(depth, Mode::All, span, Target::Abstract { lang, front });
            }
            Source::Language if self.meta.language.is_none() => {
                match attr(e, "ident").map(|v| v.trim().to_string()) {
                    Some(v) if !v.is_empty() => self.meta.language = Some(Located::new(v, span)),
                    _ => self
                        .meta
                        .empty
                        .push(Located::new("language/@ident".to_string(), span)),
                }
            }
            Source::Language => {}
            Source::HalGenre if self.meta.hal_genre.is_none() => {
                if let Some(n) = attr(e, "n") {
                    self.meta.hal_genre = located(values::genre(&n), span);
                }
            }
            Source::HalGenre => {}
            Source::ListBiblGenre => {
                self.meta.listbibl_genre = located("chapter".to_string(), span);
            }
            Source::BiblGenre => {
                if let Some(t) = attr(e, "type") {
                    self.meta.bibl_genre = located(values::genre(&t), span);
                }
            }
            Source::Event | Source::StmtMeeting => {
                self.event = Some(EventBuilder {
                    depth,
                    span,
                    source,
                    title: None,
                    direct: String::new(),
                    start: None,
                    end: None,
                    place: Vec::new(),
                });
                self.open(depth, Mode::Direct, span, Target::EventDirect);
            }
            field => self.open_field(field, e, span, depth),
        }
    }

    fn start_in_author(&mut self, name: &str, e: &BytesStart<'_>, span: Span, depth: usize) {
        let Some(author) = &mut self.author else {
            return;
        };
        let inner_depth = depth - author.depth;
        let in_affiliation = self.affiliation.is_some();
        let Some(part) = styles::find_part(in_affiliation, name, inner_depth, e) else {
            return;
        };
        let (mode, target) = match part {
            Part::AffOrg => {
                let kind = attr(e, "type");
                if let Some(aff) = &mut self.affiliation {
                    let ids = attr(e, "ref")
                        .map(|r| r.split_whitespace().map(org_ref).collect())
                        .unwrap_or_default();
                    aff.org_pending = Some((depth, kind.clone(), attr(e, "xml:lang"), ids));
                }
                (Mode::All, Target::AffPart(kind))
            }
            Part::AffSettlement => (Mode::All, Target::AffPart(Some("settlement".into()))),
            Part::AffCountry => {
                let key = attr(e, "key");
                if let (Some(aff), Some(key)) = (&mut self.affiliation, key) {
                    if aff.country.is_none() && !key.trim().is_empty() {
                        aff.country = Some(key.trim().to_string());
                    }
                }
                (Mode::All, Target::AffPart(Some("country".into())))
            }
            Part::AffRegion | Part::AffAddrLine => (Mode::All, Target::AffPart(Some(name.into()))),
            Part::AffRaw => (Mode::All, Target::AffRaw),
            Part::AffId => {
                let scheme = attr(e, "type").unwrap_or_default().trim().to_lowercase();
                (Mode::All, Target::AffIdno(scheme))
            }
            Part::DhqGiven => (Mode::Direct, Target::Author(part)),
            Part::Name => {
                if let Some(r) = attr(e, "ref") {
                    author.add_refs(&r, span);
                }
                author.persname_langs.push(attr(e, "xml:lang"));
                (Mode::Direct, Target::Author(part))
            }
            Part::PersonId => {
                let scheme = attr(e, "type").unwrap_or_default().trim().to_lowercase();
                (Mode::All, Target::PersonId(scheme))
            }
            Part::Affiliation => {
                let references: Vec<String> = attr(e, "ref")
                    .map(|r| r.split_whitespace().map(str::to_string).collect())
                    .unwrap_or_default();
                self.affiliation = Some(AffBuilder {
                    depth,
                    span,
                    references,
                    ..AffBuilder::default()
                });
                (Mode::All, Target::AffText)
            }
            Part::Forename | Part::Surname | Part::NameLink => {
                author.part_lang = Some((depth, attr(e, "xml:lang")));
                (Mode::All, Target::Author(part))
            }
            // The rest are values read whole (`Part::is_value`).
            _ => {
                debug_assert!(part.is_value(), "{part:?}");
                (Mode::All, Target::Author(part))
            }
        };
        self.open(depth, mode, span, target);
    }

    /// An element inside a `meeting`: its title, dates and place.
    fn start_in_event(&mut self, name: &str, e: &BytesStart<'_>, span: Span, depth: usize) {
        let Some(ev) = &mut self.event else { return };
        let first = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| attr(e, n))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let part = match name {
            "title" => EventPart::Title,
            "date" => {
                let from = first(&["from-iso", "from", "when-iso", "when"]);
                let to = first(&["to-iso", "to"]);
                if from.is_some() || to.is_some() {
                    if ev.start.is_none() {
                        ev.start = from;
                    }
                    if ev.end.is_none() {
                        ev.end = to;
                    }
                    return;
                }
                match attr(e, "type").as_deref().map(str::trim) {
                    Some("start") => EventPart::Start,
                    Some("end") => EventPart::End,
                    _ => EventPart::Date,
                }
            }
            "placeName" | "settlement" | "region" | "country" | "addrLine" => EventPart::Place,
            _ => return,
        };
        self.open(depth, Mode::All, span, Target::EventPart(part));
    }

    /// A meeting ends: its name is its title, else its own text.
    fn close_event(&mut self, ev: EventBuilder) {
        let name = ev.title.unwrap_or(ev.direct);
        if name.is_empty() {
            self.empty("meeting/title", ev.span);
            return;
        }
        let place = (!ev.place.is_empty()).then(|| ev.place.join(", "));
        let event = Event {
            name: Located::new(name, ev.span),
            start: ev.start,
            end: ev.end,
            place,
        };
        self.meta.events.push((ev.source, event));
    }

    /// Where the current element's name starts in its path (its parent's path length
    /// plus the slash).
    fn name_start(&self) -> usize {
        self.lens.last().map_or(0, |&parent| parent + 1)
    }

    /// An element starts inside open captures: each either skips it (a note in a value,
    /// a block in a one-line name) or reads on, with a separator for spacing elements.
    fn start_in_captures(&mut self, name: &str, depth: usize) {
        let at = self.buf.len();
        let mut separator = None;
        for c in &mut self.captures {
            if c.skip.is_some() {
                continue;
            }
            let excluded = match c.mode {
                Mode::All => SKIPPED.contains(&name),
                Mode::Direct => !INLINE.contains(&name),
            };
            if excluded {
                c.skip = Some((depth, at));
                self.receiving -= 1;
            } else if SPACED.contains(&name) {
                separator = Some(' ');
            } else if BLOCK.contains(&name) {
                separator = Some(PARA);
            }
        }
        // Every capture that skips this element began its gap before the separator.
        if let Some(sep) = separator {
            self.buf.push(sep);
        }
    }

    fn open(&mut self, depth: usize, mode: Mode, span: Span, target: Target) {
        // A part nested in a part is inline markup of the outer one (see the module
        // documentation): no second capture, so nesting cannot multiply the text.
        if target.is_leaf() && self.captures.iter().any(|c| c.target.is_leaf()) {
            return;
        }
        self.receiving += 1;
        self.anchored += usize::from(target.anchored());
        self.captures.push(Capture {
            depth,
            mode,
            skip: None,
            start: self.buf.len(),
            gaps: Vec::new(),
            target,
            span,
        });
    }

    fn open_title(&mut self, from: TitleFrom, e: &BytesStart<'_>, span: Span, depth: usize) {
        let target = Target::Title {
            from,
            kind: attr(e, "type"),
            lang: attr(e, "xml:lang"),
            container: false,
        };
        self.open(depth, Mode::All, span, target);
    }

    fn open_field(&mut self, field: Source, e: &BytesStart<'_>, span: Span, depth: usize) {
        let (first, to) = match field {
            Source::Pages | Source::SeriesPages => (attr(e, "from"), attr(e, "to")),
            // `biblScope/@n` is the number when the text is the issue's theme.
            Source::Volume | Source::Issue | Source::SeriesVolume | Source::SeriesIssue => {
                (attr(e, "n"), None)
            }
            Source::ImprintDate | Source::StmtDate | Source::ProducedDate => {
                (attr(e, "when"), None)
            }
            _ => (None, None),
        };
        self.open(
            depth,
            Mode::All,
            span,
            Target::Field {
                field,
                attr: first,
                to,
            },
        );
    }

    fn open_author(&mut self, list: AuthorList, e: &BytesStart<'_>, span: Span, depth: usize) {
        let refs = attr(e, "ref");
        let role_attr = attr(e, "role");
        let role = role_attr
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let editor = matches!(list, AuthorList::Editor(_));
        self.author = Some(AuthorBuilder {
            depth,
            list,
            span,
            corresponding: !editor && (role == "crp" || role.contains("corresp")),
            editor_role: role_attr
                .map(|r| r.trim().to_string())
                .filter(|r| editor && !r.is_empty()),
            ..AuthorBuilder::default()
        });
        if let (Some(b), Some(r)) = (&mut self.author, refs) {
            b.add_refs(&r, span);
        }
        self.open(depth, Mode::Direct, span, Target::AuthorDirect);
    }

    /// Character data (text, CDATA or a resolved reference) at the current position,
    /// read from `source`.
    pub fn text(&mut self, s: &str, source: Span) {
        if self.receiving > 0 {
            if self.anchored > 0 {
                self.pieces.push(Piece {
                    at: self.buf.len(),
                    len: s.len(),
                    source,
                });
            }
            self.buf.push_str(s);
        }
    }

    /// The element at the end of `path` ends.
    pub fn end(&mut self, path: &str) {
        let depth = self.depth;
        self.lens.pop();
        let name = name_at(path, self.name_start());
        while self.captures.last().is_some_and(|c| c.depth == depth) {
            let c = self.captures.pop().expect("checked above");
            if c.receiving() {
                self.receiving -= 1;
            }
            let raw = c.text(&self.buf);
            if c.target.anchored() {
                self.anchored -= 1;
                anchors::in_capture(
                    &self.pieces,
                    c.start,
                    &c.gaps,
                    self.buf.len(),
                    &mut self.closing,
                );
            }
            if self.captures.is_empty() {
                self.buf.clear();
                self.pieces.clear();
            }
            self.close(c, &raw);
        }
        if !self.captures.is_empty() {
            self.end_in_captures(name, depth);
        }
        if self.event.as_ref().is_some_and(|ev| ev.depth == depth) {
            let ev = self.event.take().expect("checked above");
            self.close_event(ev);
        }
        if self.affiliation.as_ref().is_some_and(|a| a.depth == depth) {
            let aff = self.affiliation.take().expect("checked above");
            self.close_affiliation(aff);
        }
        if self.author.as_ref().is_some_and(|a| a.depth == depth) {
            let author = self.author.take().expect("checked above");
            self.close_author(author);
        }
        if self.keywords.as_ref().is_some_and(|k| k.depth == depth) {
            let group = self.keywords.take().expect("checked above");
            if group.terms == 0 {
                if let Some(raw) = group.raw {
                    self.meta.keywords.push(Keyword {
                        text: raw,
                        scheme: group.scheme,
                        lang: group.lang,
                        author: group.author,
                    });
                }
            }
        }
        if self.org.as_ref().is_some_and(|o| o.depth == depth) {
            let org = self.org.take().expect("checked above");
            if !org.id.is_empty() {
                self.orgs.insert(org.id.clone(), org);
            }
        }
        if self.skip_bibl_depth == Some(depth) {
            self.skip_bibl_depth = None;
        }
        if self.bibl_full_depth == Some(depth) {
            self.bibl_full_depth = None;
        }
        self.depth = depth.saturating_sub(1);
    }

    /// An element ends inside open captures: those that skipped it read on; the others
    /// get a separator after a block or spacing element.
    fn end_in_captures(&mut self, name: &str, depth: usize) {
        let separator = if BLOCK.contains(&name) {
            Some(PARA)
        } else if SPACED.contains(&name) {
            Some(' ')
        } else {
            None
        };
        if let Some(sep) = separator {
            if self.captures.iter().any(Capture::receiving) {
                self.buf.push(sep);
            }
        }
        // Pushed first, the separator falls inside the gap of a capture that skipped the
        // element.
        let at = self.buf.len();
        for c in &mut self.captures {
            if let Some((d, from)) = c.skip {
                if d == depth {
                    c.end_gap(from, at);
                    self.receiving += 1;
                }
            }
        }
    }

    fn empty(&mut self, what: &str, span: Span) {
        self.meta.empty.push(Located::new(what.to_string(), span));
    }

    fn close(&mut self, c: Capture, raw: &str) {
        let span = c.span;
        match c.target {
            Target::Title {
                from,
                kind,
                lang,
                container,
            } => {
                if container {
                    return;
                }
                let text = clean(raw);
                if text.is_empty() {
                    if from == TitleFrom::Stmt {
                        self.empty("title", span);
                    }
                    return;
                }
                let anchors = anchors::for_value(&text, raw, &self.closing, false);
                let title = Title {
                    text: Located::with_anchors(text, span, anchors),
                    kind,
                    lang,
                };
                match from {
                    TitleFrom::Stmt => self.meta.stmt_titles.push(title),
                    TitleFrom::Analytic => self.meta.analytic_titles.push(title),
                }
            }
            Target::Abstract { lang, front } => {
                let text = paragraphs(raw);
                if text.is_empty() {
                    let e = Located::new("abstract".to_string(), span);
                    if front {
                        self.front_empty.push(e);
                    } else {
                        self.meta.empty.push(e);
                    }
                    return;
                }
                let anchors = anchors::for_value(&text, raw, &self.closing, true);
                let a = Abstract {
                    lang,
                    text: Located::with_anchors(text, span, anchors),
                };
                if front {
                    self.front_abstracts.push(a);
                } else {
                    self.meta.abstracts.push(a);
                }
            }
            Target::Keyword(lang) => {
                let text = clean(raw);
                let Some(group) = &mut self.keywords else {
                    return;
                };
                group.terms += 1;
                if text.is_empty() {
                    if group.author {
                        self.empty("term", span);
                    }
                    return;
                }
                let kw = Keyword {
                    text: Located::new(text, span),
                    scheme: group.scheme.clone(),
                    lang: lang.or_else(|| group.lang.clone()),
                    author: group.author,
                };
                self.meta.keywords.push(kw);
            }
            Target::KeywordsRaw => {
                if let Some(group) = &mut self.keywords {
                    group.raw = located(clean(raw), span);
                }
            }
            Target::Field { field, attr, to } => self.close_field(field, raw, attr, to, span),
            Target::OrgName(kind) => {
                let text = clean(raw);
                if let (Some(org), false) = (&mut self.org, text.is_empty()) {
                    match kind.as_deref() {
                        Some("acronym") => {
                            org.acronym.get_or_insert(text);
                        }
                        _ => {
                            org.name.get_or_insert(text);
                        }
                    }
                }
            }
            Target::AffIdno(scheme) => {
                let value = clean(raw);
                if let (Some(aff), false) = (&mut self.affiliation, value.is_empty()) {
                    aff.ids
                        .push((aff.units.len(), ExternalId { scheme, value }));
                }
            }
            Target::OrgIdno(scheme) => {
                let value = clean(raw);
                if let (Some(org), false) = (&mut self.org, value.is_empty()) {
                    let id = ExternalId { scheme, value };
                    if !org.ids.contains(&id) {
                        org.ids.push(id);
                    }
                }
            }
            Target::EventDirect => {
                if let Some(ev) = &mut self.event {
                    ev.direct = clean(raw);
                }
            }
            Target::EventPart(part) => {
                let text = clean(raw);
                let Some(ev) = &mut self.event else { return };
                if text.is_empty() {
                    return;
                }
                match part {
                    EventPart::Title => {
                        ev.title.get_or_insert(text);
                    }
                    EventPart::Start => {
                        ev.start.get_or_insert(text);
                    }
                    EventPart::End => {
                        ev.end.get_or_insert(text);
                    }
                    EventPart::Date => {
                        let iso = text.len() >= 4
                            && text.bytes().take(4).all(|b| b.is_ascii_digit())
                            && text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
                        if iso {
                            ev.start.get_or_insert(text);
                        }
                    }
                    EventPart::Place => {
                        if !ev.place.contains(&text) {
                            ev.place.push(text);
                        }
                    }
                }
            }
            Target::AffText | Target::AffPart(_) | Target::AffRaw => {
                let text = clean(raw);
                let Some(aff) = &mut self.affiliation else {
                    return;
                };
                match c.target {
                    Target::AffText => aff.flat = text,
                    Target::AffRaw => aff.raw = text,
                    Target::AffPart(kind) if !text.is_empty() => {
                        if let Some((d, org_kind, lang, ids)) = aff.org_pending.take() {
                            if d == c.depth {
                                aff.add_org(org_kind, text.clone(), lang, ids);
                            } else {
                                aff.org_pending = Some((d, org_kind, lang, ids));
                            }
                        }
                        match kind.as_deref() {
                            Some("department") | Some("laboratory") | Some("researchteam") => {
                                aff.department.get_or_insert(text.clone());
                            }
                            Some("institution") | None => {
                                aff.institution.get_or_insert(text.clone());
                            }
                            Some("settlement") => {
                                aff.settlement.get_or_insert(text.clone());
                            }
                            Some("country") => {
                                aff.country = Some(text.clone());
                            }
                            _ => {}
                        }
                        aff.parts.push(text);
                    }
                    _ => {}
                }
            }
            _ => self.close_author_part(c, raw),
        }
    }

    fn close_author_part(&mut self, c: Capture, raw: &str) {
        let span = c.span;
        let text = clean(raw);
        let empty_what = match &c.target {
            Target::Author(Part::Forename) => Some("forename"),
            Target::Author(Part::Surname) => Some("surname"),
            Target::Author(Part::Email) => Some("email"),
            Target::Author(Part::Orcid) => Some("idno[@type='ORCID']"),
            _ => None,
        };
        if text.is_empty() {
            if let Some(what) = empty_what {
                self.empty(what, span);
            }
        }
        let Some(author) = &mut self.author else {
            return;
        };
        let value = located(text, span);
        if let (Target::Author(kind), Some(v)) = (&c.target, &value) {
            if matches!(
                kind,
                Part::Name | Part::Forename | Part::Surname | Part::NameLink
            ) {
                let persname = author.persname_langs.len().saturating_sub(1);
                let own = match author.part_lang.take() {
                    Some((d, lang)) if d == c.depth => lang,
                    other => {
                        author.part_lang = other;
                        None
                    }
                };
                let lang = own.or_else(|| author.persname_langs.get(persname).cloned().flatten());
                author.form_parts.push(FormPart {
                    kind: *kind,
                    text: v.clone(),
                    persname,
                    lang,
                });
            }
        }
        match c.target {
            Target::AuthorDirect => author.direct = value.map(|v| v.value).unwrap_or_default(),
            Target::Author(Part::Name) if author.name_text.is_empty() => {
                author.name_text = value.map(|v| v.value).unwrap_or_default();
            }
            Target::Author(Part::Forename) | Target::Author(Part::DhqGiven) => {
                author.forenames.extend(value)
            }
            Target::Author(Part::Surname) => author.surnames.extend(value),
            Target::Author(Part::NameLink) => author.name_links.extend(value.map(|v| v.value)),
            Target::Author(Part::GenName) if author.gen_name.is_none() => {
                author.gen_name = value.map(|v| v.value);
            }
            Target::Author(Part::RoleName) => set_first(&mut author.role, value),
            Target::Author(Part::Email) => set_first(&mut author.email, value),
            Target::Author(Part::Orcid) => {
                let v =
                    value.map(|v| Located::new(values::bare_orcid(&v.value).to_string(), v.span));
                set_first(&mut author.orcid, v);
            }
            Target::Author(Part::CorporateName) => set_first(&mut author.corporate, value),
            Target::PersonId(scheme) => {
                if let Some(v) = value {
                    author.add_id(scheme, v.value);
                }
            }
            _ => {}
        }
    }

    fn close_field(
        &mut self,
        field: Source,
        buf: &str,
        attr: Option<String>,
        to: Option<String>,
        span: Span,
    ) {
        let text = clean(buf);
        let meta = &mut self.meta;
        match field {
            Source::Pages | Source::SeriesPages => {
                let from = attr.map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
                let to = to.map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
                let slot = if field == Source::Pages {
                    &mut meta.pages
                } else {
                    &mut meta.series_pages
                };
                let (first, last) = if from.is_none() && to.is_none() {
                    match values::page_range(&text) {
                        Some((f, l)) => (Some(f), l),
                        None => (None, None),
                    }
                } else if pages_agree(from.as_deref(), to.as_deref(), &text) {
                    (from, to)
                } else {
                    // Attributes that disagree with the element's own text are a
                    // contradiction, not a value (ISTEX: `from="332">667`).
                    slot.conflict = true;
                    (None, None)
                };
                if slot.conflict {
                    slot.first = None;
                    slot.last = None;
                } else if slot.first.is_none() && first.is_some() {
                    slot.first = first.map(|f| Located::new(nfc(f), span));
                    slot.last = last.map(|l| Located::new(nfc(l), span));
                } else if slot.first.is_some() && first.is_none() && slot.last.is_none() {
                    // `<biblScope unit="page" from="5"/>` then `<biblScope unit="page" to="9"/>`
                    slot.last = last.map(|l| Located::new(nfc(l), span));
                }
            }
            Source::ImprintDate | Source::StmtDate | Source::ProducedDate => {
                let when = attr
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("NA"));
                // The text beside a @when is kept when it says something else, so a
                // contradiction can be reported.
                if let Some(w) = &when {
                    let first = meta.date_texts.iter().all(|(s, _)| *s != field);
                    if first && !text.is_empty() && text != *w {
                        meta.date_texts
                            .push((field, Located::new(text.clone(), span)));
                    }
                }
                let value = when.or_else(|| (!text.is_empty()).then_some(text));
                let value = value.map(|v| Located::new(v, span));
                if value.is_none() {
                    meta.empty.push(Located::new("date".to_string(), span));
                }
                if let Some(slot) = meta.slot(field) {
                    set_first(slot, value);
                }
            }
            Source::StmtPublisher => meta.stmt_publishers.extend(located(text, span)),
            _ => {
                let text = match field {
                    Source::DoiBibl | Source::DoiStmt | Source::SeriesDoi => {
                        values::bare_doi(&text).to_string()
                    }
                    // A number in `@n` wins over a text that names the issue's theme.
                    Source::Volume | Source::Issue | Source::SeriesVolume | Source::SeriesIssue => {
                        match attr.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()) {
                            Some(n) => n,
                            None => text,
                        }
                    }
                    _ => text,
                };
                if text.is_empty() {
                    let what = match field {
                        Source::DoiBibl | Source::DoiStmt | Source::SeriesDoi => {
                            "idno[@type='DOI']"
                        }
                        Source::Issn | Source::Eissn => "idno[@type='ISSN']",
                        Source::Journal | Source::SeriesJournal => "title[@level='j']",
                        Source::SeriesTitle | Source::SeriesStmtSeries | Source::BiblSeries => {
                            "seriesStmt/title"
                        }
                        Source::Volume | Source::SeriesVolume => "biblScope[@unit='volume']",
                        Source::Issue | Source::SeriesIssue => "biblScope[@unit='issue']",
                        Source::ImprintPublisher => "publisher",
                        Source::Container => "title[@level='m']",
                        Source::Institution => "authority[@type='institution']",
                        _ => "value",
                    };
                    meta.empty.push(Located::new(what.to_string(), span));
                    return;
                }
                let text = match field {
                    Source::DhqGenre => values::genre(&text),
                    _ => text,
                };
                if let Some(slot) = meta.slot(field) {
                    set_first(slot, Some(Located::new(text, span)));
                }
            }
        }
    }

    fn close_affiliation(&mut self, aff: AffBuilder) {
        let Some(author) = &mut self.author else {
            return;
        };
        let text = if !aff.raw.is_empty() {
            aff.raw
        } else if !aff.parts.is_empty() {
            aff.parts.join(", ")
        } else {
            aff.flat
        };
        if !text.is_empty() || aff.references.is_empty() {
            if text.is_empty() {
                self.meta
                    .empty
                    .push(Located::new("affiliation".to_string(), aff.span));
                return;
            }
            author.affiliations.push(Affiliation {
                text: Located::new(text, aff.span),
                department: aff.department,
                institution: aff.institution,
                settlement: aff.settlement,
                country: aff.country,
                reference: None,
                resolved: true,
                units: hierarchy(aff.units, aff.ids),
            });
            return;
        }
        // A pointer (`@ref="#struct-42"`), resolved against listOrg when the pass ends.
        for r in aff.references {
            author.affiliations.push(Affiliation {
                text: Located::new(r.clone(), aff.span),
                reference: Some(r),
                resolved: false,
                ..Affiliation::default()
            });
        }
    }

    fn close_author(&mut self, b: AuthorBuilder) {
        let forms = name_forms(&b.form_parts, b.span);
        let forename = join(&b.forenames, " ");
        let mut family: Vec<Text> = Vec::new();
        if !b.name_links.is_empty() && !b.surnames.is_empty() {
            let span = b.surnames[0].span;
            family.push(Located::new(b.name_links.join(" "), span));
        }
        family.extend(b.surnames.iter().cloned());
        let surname = join(&family, " ");
        let mut author = Author {
            forename,
            surname,
            role: b.role,
            email: b.email,
            orcid: b.orcid,
            ids: b.ids,
            corresponding: b.corresponding,
            affiliations: b.affiliations,
            span: b.span,
            ..Author::default()
        };
        let parts: Vec<&str> = [&author.forename, &author.surname]
            .into_iter()
            .flatten()
            .map(|t| t.as_str())
            .collect();
        author.name = if !parts.is_empty() {
            let mut n = parts.join(" ");
            if let Some(g) = &b.gen_name {
                n.push(' ');
                n.push_str(g);
            }
            Some(Located::new(n, b.span))
        } else if !b.name_text.is_empty() {
            Some(Located::new(b.name_text, b.span))
        } else if !b.direct.is_empty() {
            Some(Located::new(b.direct, b.span))
        } else if let Some(corp) = b.corporate {
            author.organization = true;
            Some(corp)
        } else {
            None
        };
        // One name in several scripts or languages: the first form for now; the
        // document's language may choose another when the pass ends.
        if forms.len() > 1 {
            set_form(&mut author, &forms[0]);
            author.alternate_names = forms[1..].iter().cloned().map(NameForm::alt).collect();
            self.meta.name_forms.insert(b.span.start, forms);
        }
        // An author with no name at all (GROBID's affiliation-only authors, an empty
        // template) is not an author.
        if !author.has_name() {
            return;
        }
        match b.list {
            AuthorList::Stmt => self.meta.stmt_authors.push(author),
            AuthorList::Analytic => self.meta.analytic_authors.push(author),
            AuthorList::Dhq => self.meta.dhq_authors.push(author),
            AuthorList::Editor(source) => {
                let of = match source {
                    Source::StmtEditor => EditorOf::Work,
                    Source::MonogrEditor => EditorOf::Container,
                    _ => EditorOf::Series,
                };
                let editor = Editor {
                    person: author,
                    of,
                    role: b.editor_role,
                };
                self.meta.editors.push((source, editor));
            }
        }
    }

    /// The article, once the last event has been seen: each field from its sources in
    /// the order [`styles::precedence`] gives.
    pub fn finish(mut self) -> Article {
        let m = &mut self.meta;
        let titles = first_list(m, StyleField::Title, |m, s| match s {
            Source::StmtTitle | Source::StmtInnerTitle => Some(&mut m.stmt_titles),
            Source::AnalyticTitle | Source::AnalyticInnerTitle => Some(&mut m.analytic_titles),
            _ => None,
        });
        let mut authors = first_list(m, StyleField::Authors, |m, s| match s {
            Source::DhqAuthor => Some(&mut m.dhq_authors),
            Source::StmtAuthor => Some(&mut m.stmt_authors),
            Source::AnalyticAuthor => Some(&mut m.analytic_authors),
            _ => None,
        });
        // The meeting: from its first source that has one.
        let event = styles::precedence(StyleField::Event)
            .iter()
            .find_map(|source| {
                let at = m.events.iter().position(|(s, _)| s == source)?;
                Some(m.events.swap_remove(at).1)
            });
        let mut journal = m.first(StyleField::Journal);
        let mut container = m.first(StyleField::Container);
        // An untyped seriesStmt title: a Book of Abstracts when the paper was given at a
        // meeting, else the journal when nothing else names one, else a series.
        let mut book_of_abstracts = false;
        let mut series_title = m.series_title.take();
        if let Some(t) = series_title.take() {
            if event.is_some() {
                if container.is_none() {
                    container = Some(t);
                    book_of_abstracts = true;
                }
            } else if journal.is_none() {
                journal = Some(t);
            } else {
                series_title = Some(t);
            }
        }
        m.series_title = series_title;
        let mut editors: Vec<Editor> = std::mem::take(&mut m.editors)
            .into_iter()
            .map(|(source, mut e)| {
                if book_of_abstracts && source == Source::SeriesEditor {
                    e.of = EditorOf::Container;
                }
                e
            })
            .collect();
        let doc_lang = m.language.as_ref().map(|l| l.value.clone());
        let people = authors
            .iter_mut()
            .chain(editors.iter_mut().map(|e| &mut e.person));
        for person in people {
            if let Some(forms) = m.name_forms.get(&person.span.start) {
                primary_form(person, forms, doc_lang.as_deref());
            }
            for aff in &mut person.affiliations {
                resolve(aff, &self.orgs);
            }
        }
        let mut abstracts = Vec::new();
        for source in styles::precedence(StyleField::Abstract) {
            match source {
                Source::HeaderAbstract => abstracts.append(&mut m.abstracts),
                Source::FrontAbstract => abstracts.append(&mut self.front_abstracts),
                _ => {}
            }
        }
        let mut empty_fields = std::mem::take(&mut m.empty);
        empty_fields.append(&mut self.front_empty);
        let mut places = std::mem::take(&mut m.places);
        places.root = self.root;
        let pages = if m.pages.first.is_some() {
            std::mem::take(&mut m.pages)
        } else {
            std::mem::take(&mut m.series_pages)
        };
        // The date, and its element's text when that differs from the @when it came from.
        let mut date = None;
        let mut date_text = None;
        for source in styles::precedence(StyleField::Date) {
            if let Some(d) = m.take(*source) {
                date_text = m
                    .date_texts
                    .iter()
                    .find(|(s, t)| s == source && t.span == d.span)
                    .map(|(_, t)| t.clone());
                date = Some(d);
                break;
            }
        }
        let mut genre = m.first(StyleField::Genre);
        // A paper given at a meeting and in no journal is a conference paper.
        if genre.is_none() && journal.is_none() {
            if let Some(ev) = &event {
                genre = Some(Located::new("conference-paper".to_string(), ev.name.span));
            }
        }
        Article {
            titles,
            authors,
            keywords: std::mem::take(&mut m.keywords),
            abstracts,
            language: m.first(StyleField::Language),
            journal,
            issn: m.first(StyleField::Issn),
            eissn: m.first(StyleField::Eissn),
            volume: m.first(StyleField::Volume),
            issue: m.first(StyleField::Issue),
            first_page: pages.first,
            last_page: pages.last,
            date,
            date_text,
            publisher: m.first(StyleField::Publisher),
            doi: m.first(StyleField::Doi),
            url: m.first(StyleField::Url),
            genre,
            container,
            container_doi: m.first(StyleField::ContainerDoi),
            series: m.first(StyleField::Series),
            editors,
            event,
            institution: m.first(StyleField::Institution),
            empty_fields,
            places,
        }
    }
}

/// The list of the first of `field`'s sources that has any values (`list` gives the list
/// each source fills).
fn first_list<T>(
    m: &mut Meta,
    field: StyleField,
    list: fn(&mut Meta, Source) -> Option<&mut Vec<T>>,
) -> Vec<T> {
    for source in styles::precedence(field) {
        if let Some(values) = list(m, *source) {
            if !values.is_empty() {
                return std::mem::take(values);
            }
        }
    }
    Vec::new()
}

impl Meta {
    /// The value `source` gave, taken out (the publicationStmt's publishers joined).
    fn take(&mut self, source: Source) -> Option<Text> {
        if source == Source::StmtPublisher {
            let span = self.stmt_publishers.first()?.span;
            let all: Vec<&str> = self.stmt_publishers.iter().map(|p| p.as_str()).collect();
            return Some(Located::new(all.join("; "), span));
        }
        self.slot(source)?.take()
    }

    /// Where the value of a single-valued `source` is kept.
    fn slot(&mut self, source: Source) -> Option<&mut Option<Text>> {
        Some(match source {
            Source::Language => &mut self.language,
            Source::Journal => &mut self.journal,
            Source::SeriesJournal => &mut self.series_journal,
            Source::Issn => &mut self.issn,
            Source::Eissn => &mut self.eissn,
            Source::Volume => &mut self.volume,
            Source::Issue => &mut self.issue,
            Source::ImprintDate => &mut self.imprint_date,
            Source::StmtDate => &mut self.stmt_date,
            Source::ProducedDate => &mut self.produced_date,
            Source::ImprintPublisher => &mut self.imprint_publisher,
            Source::DoiBibl => &mut self.doi_bibl,
            Source::DoiStmt => &mut self.doi_stmt,
            Source::Url => &mut self.url,
            Source::HalUri => &mut self.hal_uri,
            Source::HalGenre => &mut self.hal_genre,
            Source::ListBiblGenre => &mut self.listbibl_genre,
            Source::BiblGenre => &mut self.bibl_genre,
            Source::DhqGenre => &mut self.dhq_genre,
            Source::Container => &mut self.container,
            Source::SeriesVolume => &mut self.series_volume,
            Source::SeriesIssue => &mut self.series_issue,
            Source::SeriesTitle => &mut self.series_title,
            Source::SeriesStmtSeries => &mut self.series_stmt_series,
            Source::BiblSeries => &mut self.bibl_series,
            Source::SeriesDoi => &mut self.series_doi,
            Source::Institution => &mut self.institution,
            _ => return None,
        })
    }

    /// The value of `field`: that of its first source that has one.
    fn first(&mut self, field: StyleField) -> Option<Text> {
        styles::precedence(field)
            .iter()
            .find_map(|source| self.take(*source))
    }
}

/// The forms of a person's name: one per `persName` when several hold name parts, else
/// one per `@xml:lang` of the parts when each such form has a family or whole name;
/// otherwise a single form (empty: the name is read as usual).
fn name_forms(parts: &[FormPart], span: Span) -> Vec<NameForm> {
    let distinct = |key: &dyn Fn(&FormPart) -> String| {
        let mut keys: Vec<String> = Vec::new();
        for p in parts {
            let k = key(p);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    };
    let by_persname = |p: &FormPart| p.persname.to_string();
    let by_lang = |p: &FormPart| p.lang.clone().unwrap_or_default();
    type Key<'k> = &'k dyn Fn(&FormPart) -> String;
    let (key, keys): (Key<'_>, Vec<String>) = {
        let persnames = distinct(&by_persname);
        if persnames.len() > 1 {
            (&by_persname, persnames)
        } else {
            (&by_lang, distinct(&by_lang))
        }
    };
    if keys.len() < 2 {
        return Vec::new();
    }
    let mut forms = Vec::new();
    for k in &keys {
        let mine: Vec<&FormPart> = parts.iter().filter(|p| key(p) == *k).collect();
        let of = |kind: Part| -> Vec<Text> {
            mine.iter()
                .filter(|p| p.kind == kind)
                .map(|p| p.text.clone())
                .collect()
        };
        let forename = join(&of(Part::Forename), " ");
        let mut family = of(Part::NameLink);
        family.extend(of(Part::Surname));
        let surname = (!of(Part::Surname).is_empty())
            .then(|| join(&family, " "))
            .flatten();
        let joined: Vec<&str> = [&forename, &surname]
            .into_iter()
            .flatten()
            .map(|t| t.as_str())
            .collect();
        let name = if joined.is_empty() {
            of(Part::Name).into_iter().next()
        } else {
            Some(Located::new(joined.join(" "), span))
        };
        // A language split that leaves a form with only a given name is one name whose
        // parts carry different tags, not two names.
        if surname.is_none() && (forename.is_some() || name.is_none()) {
            return Vec::new();
        }
        let lang = mine.iter().find_map(|p| p.lang.clone());
        forms.push(NameForm {
            lang,
            forename,
            surname,
            name,
        });
    }
    forms
}

/// Puts `form` in the person's name fields.
fn set_form(person: &mut Author, form: &NameForm) {
    person.forename = form.forename.clone();
    person.surname = form.surname.clone();
    person.name = form.name.clone();
}

/// The primary form of a name written in several forms: the one in the document's
/// language, else the first; the others are alternate names.
fn primary_form(person: &mut Author, forms: &[NameForm], doc_lang: Option<&str>) {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let at = doc_lang
        .and_then(|d| {
            forms
                .iter()
                .position(|f| f.lang.as_deref().is_some_and(|l| primary(l) == primary(d)))
        })
        .unwrap_or(0);
    set_form(person, &forms[at]);
    person.alternate_names = forms
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, f)| f.clone().alt())
        .collect();
}

/// True when a page scope's `@from`/`@to` agree with its text (or it has none).
fn pages_agree(from: Option<&str>, to: Option<&str>, text: &str) -> bool {
    let Some((tf, tl)) = values::page_range(text) else {
        return true;
    };
    let from_ok = from.is_none_or(|f| f == tf);
    let to_ok = to.is_none_or(|t| match &tl {
        Some(tl) => t == tl,
        None => from.is_none() && t == tf,
    });
    from_ok && to_ok
}

fn join(parts: &[Text], sep: &str) -> Option<Text> {
    let first = parts.first()?;
    let value: Vec<&str> = parts.iter().map(|p| p.as_str()).collect();
    Some(Located::new(value.join(sep), first.span))
}

/// Splits on paragraph marks, cleans each paragraph and joins them with a blank line.
fn paragraphs(buf: &str) -> String {
    let mut out = String::new();
    for p in buf.split(PARA) {
        let p = clean(p);
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}

/// A HAL organisation and those it belongs to (`relation[@type='direct']/@active`,
/// followed upwards), innermost first, each once.
fn org_chain(org: &Org, orgs: &HashMap<String, Org>) -> Vec<OrgUnit> {
    const MAX_LEVELS: usize = 32;
    let mut seen: Vec<&str> = vec![org.id.as_str()];
    let mut queue: Vec<&Org> = vec![org];
    let mut at = 0;
    while at < queue.len() && queue.len() < MAX_LEVELS {
        let current = queue[at];
        at += 1;
        for (active, kind) in &current.relations {
            if kind.as_deref().is_some_and(|k| k != "direct") {
                continue;
            }
            let id = active.trim_start_matches('#');
            if seen.contains(&id) {
                continue;
            }
            if let Some(parent) = orgs.get(id) {
                seen.push(parent.id.as_str());
                queue.push(parent);
            }
        }
    }
    queue
        .into_iter()
        .map(|o| OrgUnit {
            kind: o.kind.as_ref().map(|k| k.trim().to_lowercase()),
            names: o
                .name
                .iter()
                .map(|n| LangText {
                    text: n.clone(),
                    lang: None,
                })
                .collect(),
            ids: o.ids.clone(),
        })
        .collect()
}

/// Resolves a HAL affiliation pointer against `back/listOrg`: the organisation's name,
/// followed by the names of the organisations it belongs to directly.
fn resolve(aff: &mut Affiliation, orgs: &HashMap<String, Org>) {
    let Some(reference) = &aff.reference else {
        return;
    };
    let Some(org) = orgs.get(reference.trim_start_matches('#')) else {
        aff.resolved = false;
        return;
    };
    let Some(name) = &org.name else {
        aff.resolved = false;
        return;
    };
    let mut text = name.clone();
    let mut institution = None;
    for (active, kind) in &org.relations {
        if kind.as_deref().is_some_and(|k| k != "direct") {
            continue;
        }
        if let Some(parent) = orgs.get(active.trim_start_matches('#')) {
            if let Some(pname) = &parent.name {
                if !text.contains(pname.as_str()) {
                    text.push_str(", ");
                    text.push_str(pname);
                }
                if institution.is_none() && parent.kind.as_deref() == Some("institution") {
                    institution = Some(pname.clone());
                }
            }
        }
    }
    aff.text.value = text;
    aff.resolved = true;
    aff.units = org_chain(org, orgs);
    match org.kind.as_deref() {
        Some("institution") | Some("regroupinstitution") => aff.institution = Some(name.clone()),
        _ => {
            aff.department = Some(name.clone());
            aff.institution = institution;
        }
    }
    aff.country = org.country.clone();
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_str;

    const HEAD: &str =
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>"#;
    const TAIL: &str = "</titleStmt></fileDesc></teiHeader></TEI>";

    fn article(body: &str) -> crate::Article {
        parse_str(format!("{HEAD}{body}{TAIL}"), "t.xml")
            .expect("well-formed")
            .article
    }

    #[test]
    fn a_part_nested_in_a_part_is_inline_text_of_the_outer_one() {
        let a = article(
            "<title>T</title><author><persName><forename>Ada</forename>\
             <surname>Love<surname>la</surname>ce</surname></persName></author>",
        );
        let author = &a.authors[0];
        assert_eq!(author.surname.as_ref().unwrap().as_str(), "Lovelace");
        assert_eq!(author.name.as_ref().unwrap().as_str(), "Ada Lovelace");
    }

    #[test]
    fn deep_nesting_in_a_part_keeps_one_copy_of_the_text() {
        // Below the reader's nesting limit (256 levels).
        let n = 240;
        let body = format!(
            "<title>T</title><author><persName>{}Lovelace{}</persName></author>",
            "<surname>".repeat(n),
            "</surname>".repeat(n)
        );
        let a = article(&body);
        assert_eq!(a.authors[0].surname.as_ref().unwrap().as_str(), "Lovelace");
    }

    #[test]
    fn skipped_and_spaced_elements_shape_each_capture_from_the_shared_buffer() {
        // The Direct capture of the author skips persName; the All captures inside read
        // on; the note is skipped by the title and `lb` separates words.
        let a = article(
            "<title>On<lb/>Streams<note>a footnote</note> today</title>\
             <author>Ada <persName><forename>X</forename></persName></author>\
             <author><persName>Grace<affiliation>Navy</affiliation> Hopper</persName></author>",
        );
        assert_eq!(a.title().unwrap().as_str(), "On Streams today");
        assert_eq!(a.authors[0].forename.as_ref().unwrap().as_str(), "X");
        assert_eq!(a.authors[1].name.as_ref().unwrap().as_str(), "Grace Hopper");
    }

    #[test]
    fn abstract_paragraphs_survive_nested_inline_markup() {
        let xml = format!(
            "{HEAD}<title>T</title></titleStmt></fileDesc><profileDesc><abstract>\
             <p>One <hi><hi><emph>two</emph></hi></hi></p><p>three<note>n</note></p>\
             </abstract></profileDesc></teiHeader></TEI>"
        );
        let a = parse_str(xml, "t.xml").unwrap().article;
        assert_eq!(a.abstracts[0].text.as_str(), "One two\n\nthree");
    }
}
