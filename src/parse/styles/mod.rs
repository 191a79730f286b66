//! Where each field lives in each TEI dialect, as data.
//!
//! Every family of TEI the parser reads (the core TEI header, GROBID, HAL, OpenEdition,
//! DHQ, conference tools, ISTEX) has one module here holding a table of [`Entry`]s: a
//! path pattern, an attribute guard, and the [`Source`] the element's value feeds. The
//! collector (`parse/collect.rs`) consults [`ENTRIES`] for every element it meets in a
//! description; the first entry whose path and guard match decides what is read.
//!
//! Which source wins when several give a value is written once per article field, in
//! [`precedence`]. The validator's "looked in …" messages are generated from the same
//! tables ([`looked_in`]), so they name every place the parser reads and no other.
//!
//! To add a dialect: a new module with its table, listed in [`ENTRIES`], plus samples.

mod conference;
mod core;
mod dhq;
mod grobid;
mod hal;
mod istex;
mod openedition;

use std::borrow::Cow;
use std::sync::OnceLock;

use quick_xml::events::BytesStart;
use quick_xml::XmlVersion;

/// Which part of the document an entry's path is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// The description: `teiHeader/fileDesc/…` and `teiHeader/profileDesc/…`, or HAL's
    /// `text/body/listBibl/biblFull/…` (see [`relative`]).
    Description,
    /// `text/front/…`.
    Front,
}

/// A test on the element's attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Every element at the path.
    Any,
    /// The attribute, trimmed, is one of the values (ASCII case ignored).
    Is(&'static str, &'static [&'static str]),
    /// The first of the attributes present is, untrimmed, one of the values (ASCII
    /// case ignored).
    Named(&'static [&'static str], &'static [&'static str]),
    /// The attribute is absent, or exactly one of the values.
    AbsentOr(&'static str, &'static [&'static str]),
    /// The attribute is present.
    Has(&'static str),
    /// The attribute is not, trimmed, one of the values (ASCII case ignored).
    IsNot(&'static str, &'static [&'static str]),
    /// Both guards hold.
    Both(&'static Guard, &'static Guard),
}

/// Where a value comes from: each article field takes its value from its sources in the
/// order [`precedence`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `titleStmt/title`.
    StmtTitle,
    /// A typed `title` inside `titleStmt/title` (main and sub of a `full` title).
    StmtInnerTitle,
    /// GROBID's `biblStruct/analytic/title`.
    AnalyticTitle,
    /// A typed `title` inside the analytic title.
    AnalyticInnerTitle,
    /// `titleStmt/author`.
    StmtAuthor,
    /// DHQ's `titleStmt/dhq:authorInfo`.
    DhqAuthor,
    /// GROBID's `biblStruct/analytic/author`.
    AnalyticAuthor,
    /// `profileDesc/textClass/keywords`.
    Keywords,
    /// `profileDesc/abstract`.
    HeaderAbstract,
    /// An abstract in `text/front`.
    FrontAbstract,
    /// `langUsage/language/@ident`.
    Language,
    /// The journal title in the `monogr`.
    Journal,
    /// The journal title in the `seriesStmt`.
    SeriesJournal,
    /// A print ISSN.
    Issn,
    /// An electronic ISSN.
    Eissn,
    /// A volume number.
    Volume,
    /// An issue number.
    Issue,
    /// A page range (text, or `@from`/`@to`).
    Pages,
    /// `monogr/imprint/date`.
    ImprintDate,
    /// `publicationStmt/date`.
    StmtDate,
    /// `editionStmt/edition/date[@type='whenProduced']`.
    ProducedDate,
    /// `monogr/imprint/publisher`.
    ImprintPublisher,
    /// `publicationStmt/publisher` (several are joined).
    StmtPublisher,
    /// A DOI in the `biblStruct`.
    DoiBibl,
    /// A DOI in the `publicationStmt`.
    DoiStmt,
    /// A full-text URL.
    Url,
    /// HAL's `publicationStmt/idno[@type='halUri']`: the record's page.
    HalUri,
    /// HAL's `classCode[@scheme='halTypology']/@n`.
    HalGenre,
    /// ISTEX's `listBibl[@type='inbook']`: a chapter.
    ListBiblGenre,
    /// The `biblStruct/@type`.
    BiblGenre,
    /// DHQ's `dhq:articleType`.
    DhqGenre,
    /// The book or proceedings a chapter or paper is in.
    Container,
    /// The conference.
    Event,
    /// The degree-granting institution.
    Institution,
    /// `titleStmt/editor`: an editor of the work itself.
    StmtEditor,
    /// `seriesStmt/editor`: an editor of the series (or of a Book of Abstracts that the
    /// seriesStmt describes).
    SeriesEditor,
    /// `monogr/editor`: an editor of the book or proceedings.
    MonogrEditor,
    /// `biblStruct/series/editor`: an editor of the book series.
    BiblSeriesEditor,
    /// `seriesStmt/title` without `@level`: the journal when nothing else names one, the
    /// book when the paper was given at a meeting (a Book of Abstracts), else a series.
    SeriesTitle,
    /// `seriesStmt/title[@level='s']`: a book series.
    SeriesStmtSeries,
    /// `biblStruct/series/title[@level='s']`: a book series.
    BiblSeries,
    /// `seriesStmt/idno[@type='DOI']`: the DOI of the series volume or Book of Abstracts.
    SeriesDoi,
    /// `seriesStmt/biblScope` volume (below the biblStruct's).
    SeriesVolume,
    /// `seriesStmt/biblScope` issue (below the biblStruct's).
    SeriesIssue,
    /// `seriesStmt/biblScope` pages (below the biblStruct's).
    SeriesPages,
    /// A `meeting` in the `titleStmt` or inside one of its authors (conference tools).
    StmtMeeting,
}

impl Source {
    /// The attribute this source reads its value from, when it is not the text.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Source::Language => Some("ident"),
            Source::HalGenre => Some("n"),
            Source::BiblGenre => Some("type"),
            _ => None,
        }
    }
}

/// One place a value is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What the path is relative to.
    pub root: Root,
    /// The element's path below the root (`sourceDesc/biblStruct/monogr/idno`).
    pub path: &'static str,
    /// The test on its attributes.
    pub guard: Guard,
    /// What its value feeds.
    pub source: Source,
}

/// An entry relative to the description.
pub(crate) const fn desc(path: &'static str, guard: Guard, source: Source) -> Entry {
    Entry {
        root: Root::Description,
        path,
        guard,
        source,
    }
}

/// An entry relative to `text/front`.
pub(crate) const fn front(path: &'static str, guard: Guard, source: Source) -> Entry {
    Entry {
        root: Root::Front,
        path,
        guard,
        source,
    }
}

/// A part of an author the collector reads (name parts, contact, affiliation parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A `persName` or `name`: its own text is a one-string name; `@ref` may be an ORCID.
    Name,
    /// DHQ's `dhq:author_name`: its own text is the given names.
    DhqGiven,
    /// A given name.
    Forename,
    /// A family name.
    Surname,
    /// A particle (`van`, `de`), part of the family name.
    NameLink,
    /// A role or title.
    RoleName,
    /// A generational suffix (`Jr.`).
    GenName,
    /// An email address.
    Email,
    /// An ORCID iD.
    Orcid,
    /// Another identifier of the person (`idno[@type]`: IdRef, ISNI, HAL author id …).
    PersonId,
    /// A corporate author's name.
    CorporateName,
    /// An affiliation (its text, or `@ref` pointers into HAL's `listOrg`).
    Affiliation,
    /// An organisation in an affiliation (`@type`: department, laboratory, institution).
    AffOrg,
    /// A town in an affiliation's address.
    AffSettlement,
    /// A country (`@key` a code) in an affiliation's address.
    AffCountry,
    /// A region in an affiliation's address.
    AffRegion,
    /// An address line in an affiliation.
    AffAddrLine,
    /// GROBID's raw affiliation string.
    AffRaw,
    /// An identifier of an affiliation's organisation (`idno[@type]`: ROR, GRID …).
    AffId,
}

impl Part {
    /// A part read whole as one value of the author (a name part, an email, an ORCID,
    /// an organisation's name), as against containers and one-string names.
    pub fn is_value(self) -> bool {
        matches!(
            self,
            Part::Forename
                | Part::Surname
                | Part::NameLink
                | Part::RoleName
                | Part::GenName
                | Part::Email
                | Part::Orcid
                | Part::CorporateName
        )
    }
}

/// How deep below the author element a part may sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// Anywhere inside.
    Any,
    /// A child of the author.
    Child,
    /// A child or grandchild (`persName/idno`).
    UpToGrandchild,
}

/// One place an author part is read from: an element named `name` inside an author (or,
/// `in_affiliation`, inside one of its affiliations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartEntry {
    /// Inside an affiliation of the author, rather than the author itself.
    pub in_affiliation: bool,
    /// The element's name.
    pub name: &'static str,
    /// How deep below the author.
    pub depth: Depth,
    /// The test on its attributes.
    pub guard: Guard,
    /// What it gives.
    pub part: Part,
}

/// A part of the author itself.
pub(crate) const fn author(
    name: &'static str,
    depth: Depth,
    guard: Guard,
    part: Part,
) -> PartEntry {
    PartEntry {
        in_affiliation: false,
        name,
        depth,
        guard,
        part,
    }
}

/// A part of one of the author's affiliations.
pub(crate) const fn affiliation(name: &'static str, guard: Guard, part: Part) -> PartEntry {
    PartEntry {
        in_affiliation: true,
        name,
        depth: Depth::Any,
        guard,
        part,
    }
}

/// Every family's table, in the order they are consulted.
pub const TABLES: &[(&str, &[Entry])] = &[
    ("core TEI header", core::ENTRIES),
    ("GROBID", grobid::ENTRIES),
    ("HAL", hal::ENTRIES),
    ("OpenEdition", openedition::ENTRIES),
    ("DHQ", dhq::ENTRIES),
    ("conference tools", conference::ENTRIES),
    ("ISTEX", istex::ENTRIES),
];

/// Every entry of every table.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    TABLES.iter().flat_map(|(_, t)| t.iter())
}

/// The `keywords/@scheme` values (lower-cased, without `#`) that mark an author's own
/// keywords, per family; any other scheme is a classification. A group with no scheme
/// is the author's.
pub const AUTHOR_KEYWORD_SCHEMES: &[&[&str]] =
    &[core::AUTHOR_KEYWORD_SCHEMES, dhq::AUTHOR_KEYWORD_SCHEMES];

/// Tools whose `keywords/@scheme` names the tool and `@n` the group: `(scheme, the @n of
/// the authors' group)`.
pub const KEYWORD_GROUP_BY_N: &[(&str, &str)] = conference::KEYWORD_GROUP_BY_N;

/// Every family's table of author parts, in the order they are consulted.
pub const PART_TABLES: &[(&str, &[PartEntry])] = &[
    ("core TEI header", core::PARTS),
    ("GROBID", grobid::PARTS),
    ("DHQ", dhq::PARTS),
];

/// Every author-part entry of every table.
pub fn part_entries() -> impl Iterator<Item = &'static PartEntry> {
    PART_TABLES.iter().flat_map(|(_, t)| t.iter())
}

/// The fields of an article that have sources, for [`precedence`] and [`looked_in`].
///
/// The one list of the article's fields: a validation profile names the ones it can check
/// by [`Field::name`] (`validate::profile::Field::Article`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The titles.
    Title,
    /// The authors.
    Authors,
    /// The abstracts.
    Abstract,
    /// The keyword groups.
    Keywords,
    /// The language.
    Language,
    /// The journal title.
    Journal,
    /// The print ISSN.
    Issn,
    /// The electronic ISSN.
    Eissn,
    /// The volume.
    Volume,
    /// The issue.
    Issue,
    /// The page range.
    Pages,
    /// The publication date.
    Date,
    /// The publisher.
    Publisher,
    /// The DOI.
    Doi,
    /// The full-text URL.
    Url,
    /// The document type.
    Genre,
    /// The containing book or proceedings.
    Container,
    /// The conference.
    Event,
    /// The degree-granting institution.
    Institution,
    /// The editors (of the work, its container or its series).
    Editors,
    /// The book series.
    Series,
    /// The container's DOI.
    ContainerDoi,
}

impl Field {
    /// Every field, in declaration order.
    pub const ALL: &'static [Field] = &[
        Field::Title,
        Field::Authors,
        Field::Abstract,
        Field::Keywords,
        Field::Language,
        Field::Journal,
        Field::Issn,
        Field::Eissn,
        Field::Volume,
        Field::Issue,
        Field::Pages,
        Field::Date,
        Field::Publisher,
        Field::Doi,
        Field::Url,
        Field::Genre,
        Field::Container,
        Field::Event,
        Field::Institution,
        Field::Editors,
        Field::Series,
        Field::ContainerDoi,
    ];

    /// The field's name (a profile file's, for the fields a profile can check).
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Authors => "authors",
            Field::Abstract => "abstract",
            Field::Keywords => "keywords",
            Field::Language => "language",
            Field::Journal => "journal",
            Field::Issn => "issn",
            Field::Eissn => "eissn",
            Field::Volume => "volume",
            Field::Issue => "issue",
            Field::Pages => "pages",
            Field::Date => "date",
            Field::Publisher => "publisher",
            Field::Doi => "doi",
            Field::Url => "url",
            Field::Genre => "genre",
            Field::Container => "container",
            Field::Event => "event",
            Field::Institution => "institution",
            Field::Editors => "editors",
            Field::Series => "series",
            Field::ContainerDoi => "container.doi",
        }
    }
}

/// The sources of `field`, best first. A single-valued field takes the value of the
/// first source that has one; the titles and authors come all from the first source that
/// has any; abstracts and keywords are taken from every source, in this order.
pub fn precedence(field: Field) -> &'static [Source] {
    use Source as S;
    match field {
        Field::Title => &[
            S::StmtTitle,
            S::StmtInnerTitle,
            S::AnalyticTitle,
            S::AnalyticInnerTitle,
        ],
        // DHQ's authorInfo is richer than the plain titleStmt/author beside it.
        Field::Authors => &[S::DhqAuthor, S::StmtAuthor, S::AnalyticAuthor],
        Field::Abstract => &[S::HeaderAbstract, S::FrontAbstract],
        Field::Keywords => &[S::Keywords],
        Field::Language => &[S::Language],
        Field::Journal => &[S::Journal, S::SeriesJournal],
        Field::Issn => &[S::Issn],
        Field::Eissn => &[S::Eissn],
        // The biblStruct describes the article itself; a seriesStmt its series.
        Field::Volume => &[S::Volume, S::SeriesVolume],
        Field::Issue => &[S::Issue, S::SeriesIssue],
        Field::Pages => &[S::Pages, S::SeriesPages],
        // The imprint dates the issue; publicationStmt often dates the file; a
        // whenProduced edition date is the last resort.
        Field::Date => &[S::ImprintDate, S::StmtDate, S::ProducedDate],
        Field::Publisher => &[S::ImprintPublisher, S::StmtPublisher],
        Field::Doi => &[S::DoiBibl, S::DoiStmt],
        Field::Url => &[S::Url, S::HalUri],
        Field::Genre => &[S::HalGenre, S::ListBiblGenre, S::BiblGenre, S::DhqGenre],
        Field::Container => &[S::Container],
        Field::Event => &[S::Event, S::StmtMeeting],
        Field::Institution => &[S::Institution],
        // Every editor is kept, in document order; the list names where they are read.
        Field::Editors => &[
            S::StmtEditor,
            S::MonogrEditor,
            S::SeriesEditor,
            S::BiblSeriesEditor,
        ],
        // An untyped seriesStmt title is a series only when it is neither the journal
        // nor a Book of Abstracts (see `Collector::finish`).
        Field::Series => &[S::BiblSeries, S::SeriesStmtSeries, S::SeriesTitle],
        Field::ContainerDoi => &[S::SeriesDoi],
    }
}

/// The first entry (in [`TABLES`] order) for an element at `path` below `root` whose
/// guard `e` passes.
#[inline]
pub fn find(root: Root, path: &str, e: &BytesStart<'_>) -> Option<&'static Entry> {
    // Most elements have no entry of their path's length: turned away at once.
    let bucket = index()[root as usize].get(path.len())?;
    // The attributes are read only when a guard asks.
    let mut attrs = None;
    bucket.iter().filter(|x| x.path == path).copied().find(|x| {
        x.guard == Guard::Any || x.guard.passes(attrs.get_or_insert_with(|| Attrs::new(e)))
    })
}

/// The first author-part entry (in [`PART_TABLES`] order) for an element `name`,
/// `inner_depth` levels below the author (1: a child), whose guard `e` passes.
pub fn find_part(
    in_affiliation: bool,
    name: &str,
    inner_depth: usize,
    e: &BytesStart<'_>,
) -> Option<Part> {
    let bucket = part_index()[usize::from(in_affiliation)].get(name.len())?;
    let mut attrs = None;
    bucket
        .iter()
        .filter(|x| x.name == name)
        .filter(|x| match x.depth {
            Depth::Any => true,
            Depth::Child => inner_depth == 1,
            Depth::UpToGrandchild => inner_depth <= 2,
        })
        .find(|x| {
            x.guard == Guard::Any || x.guard.passes(attrs.get_or_insert_with(|| Attrs::new(e)))
        })
        .map(|x| x.part)
}

/// `items` per slot (`slot_of`, 0 or 1) and key length, in order.
fn by_length<T>(
    items: impl Iterator<Item = &'static T>,
    slot_of: impl Fn(&T) -> usize,
    key_of: impl Fn(&T) -> &str,
) -> [Vec<Vec<&'static T>>; 2] {
    let mut index: [Vec<Vec<&'static T>>; 2] = [Vec::new(), Vec::new()];
    for x in items {
        let len = key_of(x).len();
        let by_len = &mut index[slot_of(x)];
        if by_len.len() <= len {
            by_len.resize(len + 1, Vec::new());
        }
        by_len[len].push(x);
    }
    index
}

fn part_index() -> &'static [Vec<Vec<&'static PartEntry>>; 2] {
    static INDEX: OnceLock<[Vec<Vec<&'static PartEntry>>; 2]> = OnceLock::new();
    INDEX.get_or_init(|| {
        by_length(
            part_entries(),
            |x| usize::from(x.in_affiliation),
            |x| x.name,
        )
    })
}

/// Every entry, per root and path length, in table order: an element's few candidates
/// are found without searching, so the tables can grow without slowing the reader.
fn index() -> &'static [Vec<Vec<&'static Entry>>; 2] {
    static INDEX: OnceLock<[Vec<Vec<&'static Entry>>; 2]> = OnceLock::new();
    INDEX.get_or_init(|| by_length(entries(), |x| x.root as usize, |x| x.path))
}

/// The attributes guards asked for, each read once per element (the entries of one path
/// mostly test the same attribute), borrowed from the tag when they hold no reference.
struct Attrs<'a> {
    e: &'a BytesStart<'a>,
    read: [(&'static str, Option<Cow<'a, str>>); 3],
    len: usize,
}

impl<'a> Attrs<'a> {
    fn new(e: &'a BytesStart<'a>) -> Self {
        Attrs {
            e,
            read: [("", None), ("", None), ("", None)],
            len: 0,
        }
    }

    fn read(e: &'a BytesStart<'a>, name: &str) -> Option<Cow<'a, str>> {
        let a = e
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| a.key.as_ref() == name)?;
        Some(match a.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v,
            Err(_) => Cow::Owned(a.value.to_string()),
        })
    }

    fn get(&mut self, name: &'static str) -> Option<&str> {
        let at = match self.read[..self.len].iter().position(|(n, _)| *n == name) {
            Some(at) => at,
            None if self.len < self.read.len() => {
                self.read[self.len] = (name, Self::read(self.e, name));
                self.len += 1;
                self.len - 1
            }
            // Never with the tables as they are (at most two attributes per path).
            None => {
                self.read[0] = (name, Self::read(self.e, name));
                0
            }
        };
        self.read[at].1.as_deref()
    }
}

impl Guard {
    /// True when the element's attributes pass the guard.
    pub fn matches(&self, e: &BytesStart<'_>) -> bool {
        self.passes(&mut Attrs::new(e))
    }

    fn passes(&self, attrs: &mut Attrs<'_>) -> bool {
        let is = |v: &str, want: &[&str]| want.iter().any(|w| v.trim().eq_ignore_ascii_case(w));
        match *self {
            Guard::Any => true,
            Guard::Is(name, want) => attrs.get(name).is_some_and(|v| is(v, want)),
            Guard::IsNot(name, want) => !attrs.get(name).is_some_and(|v| is(v, want)),
            Guard::Named(names, want) => names
                .iter()
                .find_map(|n| {
                    attrs
                        .get(n)
                        .map(|v| want.iter().any(|w| v.eq_ignore_ascii_case(w)))
                })
                .unwrap_or(false),
            Guard::AbsentOr(name, want) => attrs.get(name).is_none_or(|v| want.contains(&v)),
            Guard::Has(name) => attrs.get(name).is_some(),
            Guard::Both(a, b) => a.passes(attrs) && b.passes(attrs),
        }
    }

    /// The guard as an XPath predicate for messages (`[@unit='volume']`): the first
    /// accepted value stands for all; negative and optional tests are not shown.
    fn shown(&self, out: &mut String) {
        match *self {
            Guard::Is(name, want) | Guard::Named(&[name, ..], want) => {
                if let Some(v) = want.first() {
                    out.push_str(&format!("[@{name}='{v}']"));
                }
            }
            Guard::Has(name) => out.push_str(&format!("[@{name}]")),
            Guard::Both(a, b) => {
                a.shown(out);
                b.shown(out);
            }
            _ => {}
        }
    }
}

impl Entry {
    /// The entry as a path for messages: `text/front/div[@type='abstract']`,
    /// `profileDesc/langUsage/language/@ident`.
    pub fn shown(&self) -> String {
        let mut out = String::new();
        if self.root == Root::Front {
            out.push_str("text/front/");
        }
        out.push_str(self.path);
        self.guard.shown(&mut out);
        if let Some(a) = self.source.attribute() {
            out.push_str("/@");
            out.push_str(a);
        }
        out
    }
}

/// Every place the parser reads `field` from, best source first, for "looked in …"
/// messages: `a, b or c`.
pub fn looked_in(field: Field) -> String {
    let mut places: Vec<String> = Vec::new();
    for source in precedence(field) {
        for e in entries().filter(|e| e.source == *source) {
            let shown = e.shown();
            if !places.contains(&shown) {
                places.push(shown);
            }
        }
    }
    match places.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The value of attribute `name` (e.g. `"type"`, `"xml:lang"`), unescaped.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    with_attr(e, name, str::to_string)
}

/// `f` of the value of attribute `name`, unescaped (borrowed when it holds no reference).
fn with_attr<R>(e: &BytesStart<'_>, name: &str, f: impl FnOnce(&str) -> R) -> Option<R> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.as_ref() == name {
            return Some(match a.normalized_value(XmlVersion::Implicit1_0) {
                Ok(v) => f(&v),
                Err(_) => f(a.value.as_ref()),
            });
        }
    }
    None
}

/// The path below the description's root, with ISTEX's `sourceDesc/listBibl/biblStruct`
/// read as `sourceDesc/biblStruct`; `None` outside a description.
///
/// `TEI/teiHeader/fileDesc/titleStmt/title` and HAL's
/// `TEI/text/body/listBibl/biblFull/titleStmt/title` both read as `titleStmt/title`, so
/// one table serves the teiHeader and HAL's `biblFull` (`bibl_full`: inside the first
/// one). GROBID's reference list (`text/back//listBibl/biblStruct`) is no description.
#[inline]
pub fn relative<'p>(path: &'p str, bibl_full: bool, scratch: &'p mut String) -> Option<&'p str> {
    let path = path.strip_prefix("teiCorpus/").unwrap_or(path);
    let rest = if let Some(r) = path.strip_prefix("TEI/teiHeader/fileDesc/") {
        r
    } else if let Some(r) = path.strip_prefix("TEI/teiHeader/") {
        if !r.starts_with("profileDesc") {
            return None;
        }
        r
    } else if bibl_full {
        path.strip_prefix("TEI/text/body/listBibl/biblFull/")?
    } else {
        return None;
    };
    if let Some(r) = rest.strip_prefix("sourceDesc/listBibl/biblStruct") {
        scratch.clear();
        scratch.push_str("sourceDesc/biblStruct");
        scratch.push_str(r);
        return Some(scratch.as_str());
    }
    Some(rest)
}

/// The path below `text/front`, `None` elsewhere.
#[inline]
pub fn front_relative(path: &str) -> Option<&str> {
    let path = path.strip_prefix("teiCorpus/").unwrap_or(path);
    path.strip_prefix("TEI/text/front/")
}

#[cfg(test)]
mod tests;
